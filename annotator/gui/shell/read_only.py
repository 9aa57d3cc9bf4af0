"""Read-only mode: a database the app cannot write (read-only file, folder or file system, or
its file gone since it was opened) is shown, and edits refused, instead of failing later.

``install(window)`` shows the state in the window title and the status bar (checked again
after every refused edit, so a database that turns read-only while open is shown too) and
adds File ▸ Save a copy of the database…, the way to keep the work when the file was moved
or deleted under the app."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from ...errors import AnnotatorError

TITLE = "Annotator"
COPY_TEXT = "Save a &copy of the database…"


def install(window) -> None:
    """Show the database's state now and after each refused edit; add the copy action."""
    refresh(window)
    window.editor.failedEdit.connect(lambda _message: refresh(window))
    if window.workspace.url.get_backend_name() != "sqlite":
        return  # the server's own backups apply
    action = QAction(COPY_TEXT, window)
    action.setObjectName("saveDatabaseCopy")
    action.setStatusTip("Copy the database as Annotator sees it now to a new file")
    action.triggered.connect(lambda: save_copy(window))
    window.actions_by_name["save_copy"] = action
    file_menu = window.menuBar().actions()[0].menu()
    export = window.actions_by_name.get("export")
    after = _action_after(file_menu, export)
    file_menu.insertAction(after, action)


def _action_after(menu, action):
    actions = menu.actions()
    if action in actions and actions.index(action) + 1 < len(actions):
        return actions[actions.index(action) + 1]
    return None


def refresh(window) -> str | None:
    """Title and status bar for the database's state; returns why it is read-only (or None)."""
    reason = window.workspace.read_only
    window.setWindowTitle(f"{TITLE} — read-only" if reason else TITLE)
    window.status.show_read_only(reason)
    return reason


def save_copy(window, dest: str | None = None) -> str | None:
    """Ask for a new file and copy the database into it; returns the file (None: cancelled or
    failed, with a message)."""
    if dest is None:
        dest, _filter = QFileDialog.getSaveFileName(
            window, "Save a copy of the database", "annotator-copy.sqlite3", "SQLite (*.sqlite3)"
        )
        if not dest:
            return None
    try:
        written = window.workspace.save_copy(dest)
    except AnnotatorError as exc:
        from ..dialogs.errors import show_error

        show_error(window, "The copy was not saved", str(exc))
        return None
    window.status.showMessage(f"Saved a copy of the database: {written}", 10000)
    return str(written)
