"""Starting the app: ``run(db, open_ids) -> int`` (called by ``annotator gui``)."""

from __future__ import annotations

import os
import sys
import time

_STARTED = time.perf_counter()


def _application():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Annotator")
    app.setOrganizationName("Annotator")
    app.setApplicationDisplayName("Annotator")
    app.setDesktopFileName("annotator")
    from .icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def uses_default_database(db: str | None) -> bool:
    return db is None and not os.environ.get("ANNOTATOR_DB")


def first_run_documents(workspace, report) -> list[str]:
    """Two sample articles on the same event from opposing sides, to open side by side."""
    ids = list(report.document_ids)
    if len(ids) >= 6:
        return [ids[0], ids[5]]  # VPA (Velmora) and URA Media on the Vardane shelling
    return ids[:2]


def create_window(workspace, open_ids=(), *, db: str | None = None, restore: bool = True):
    """The main window for an open workspace, with its documents open (not shown yet)."""
    from ..dialogs.errors import show_error
    from .main_window import MainWindow

    window = MainWindow(workspace, restore=restore)
    ids = list(open_ids)
    if not ids and workspace.created and uses_default_database(db):
        from ...errors import AnnotatorError
        from ...samples import import_samples

        try:
            ids = first_run_documents(workspace, import_samples(workspace))
        except AnnotatorError as exc:
            show_error(window, "The sample articles could not be imported", str(exc))
    if ids:
        window.open_documents(ids)
    elif restore:
        window.restore_panes()
    return window


def _automated() -> bool:
    """Tests and benchmarks: no question asked, the window closes by itself once shown."""
    return bool(
        os.environ.get("ANNOTATOR_GUI_QUIT_WHEN_SHOWN") or os.environ.get("ANNOTATOR_QUIT_AFTER_MS")
    )


def run(db: str | None = None, open_ids=()) -> int:
    """Open the workspace and show the main window until it is closed; the exit status.

    File ▸ Restore from backup… closes the window with a backup chosen: the workspace is closed,
    the backup restored with no connection open, and a new window opens on it."""
    # The core first: once PySide6 is imported, its __feature__ import hook reads the source of
    # every module imported after it (a few hundred for SQLAlchemy: ~0.3 s of start-up).
    from ...workspace import open_workspace

    app = _application()
    from .backup_actions import restore
    from .theme import apply_theme

    apply_theme(app, "system")
    ids = list(open_ids)
    said = None  # what the next window's status bar says first (a restore)
    while True:
        opened = _open(open_workspace, db)
        if opened is None:
            return 1
        workspace, restored = opened
        said = restored or said
        try:
            code, window = _session(app, workspace, db, ids, said)
            backup = window.restore_requested if window is not None else None
        finally:
            workspace.close()
        if backup is None:
            return code
        window.deleteLater()
        said = restore(workspace.backups, backup)
        ids = []  # the restored database's own panes come back


def _open(open_workspace, db):
    """The workspace, and what a restore of a damaged database said (or None); None when it
    cannot be opened (after saying why)."""
    from PySide6.QtWidgets import QMessageBox

    from ...errors import AnnotatorError, DamagedDatabaseError

    said = None
    while True:
        try:
            return open_workspace(db), said
        except DamagedDatabaseError as exc:
            if _automated():
                print(f"annotator: error: {exc}", file=sys.stderr)
                return None
            from ...services.backups import BackupService
            from ..dialogs.damaged_database import DamagedDatabaseDialog
            from .backup_actions import restore

            chosen = DamagedDatabaseDialog(exc).choose_backup()
            if chosen is None:
                return None
            service = BackupService(exc.path, folder=exc.folder)
            said = restore(service, chosen) or said  # then open it (or ask again)
        except AnnotatorError as exc:
            QMessageBox.critical(None, "Annotator", f"The database cannot be opened.\n\n{exc}")
            return None


def _session(app, workspace, db, open_ids, said):
    """One main window on ``workspace`` until it closes: (exit status, the window or None)."""
    from PySide6.QtCore import QTimer

    from ..dialogs.errors import install_excepthook
    from .identity import ensure_author
    from .single_instance import OPEN, SWITCH, SingleInstance, ask, bring_to_front

    automated = _automated()
    lock = workspace.instance_lock()
    holder = lock.holder()
    if holder is not None and not automated:  # a second launch on the same database
        choice = ask(None, holder)
        if choice == SWITCH:
            lock.ring()
        if choice != OPEN:
            return 0, None
    ensure_author(workspace, interactive=not automated)  # the first launch asks the name
    window = create_window(workspace, open_ids, db=db)
    instance = SingleInstance(lock, window)
    if holder is None:
        instance.claim()
        instance.activated.connect(lambda: bring_to_front(window))
    install_excepthook(lambda: window)
    window.show()
    if said:
        window.status.showMessage(said, 15000)
    quit_after = os.environ.get("ANNOTATOR_QUIT_AFTER_MS", "")
    if automated:
        # tests and benchmarks: report the time to the shown window, then close by itself

        def shown() -> None:
            elapsed = (time.perf_counter() - _STARTED) * 1000
            print(f"annotator-gui-shown {elapsed:.1f}", flush=True)
            delay = int(quit_after) if quit_after.isdigit() else 0
            QTimer.singleShot(delay, window.close)

        QTimer.singleShot(0, shown)
    try:
        return app.exec(), window
    finally:
        instance.release()
