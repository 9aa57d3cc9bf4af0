"""Who the user is: the name recorded with every span they make, kept in the user's settings
(``annotator.settings``, shared with the command line and the Python API)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit

from ... import settings

QUESTION = (
    "Your name, as it should appear with every span you make (in exports it is the "
    "span's author). The command line and the Python API use it too."
)


def ask_author(parent, current: str | None, *, first: bool = False) -> str | None:
    """The name the user entered ("" for none), saved in the settings; None if cancelled."""
    title = "Welcome to Annotator" if first else "Your name — Annotator"
    proposal = current if current is not None else settings.system_user()
    name, ok = QInputDialog.getText(
        parent, title, QUESTION, QLineEdit.EchoMode.Normal, proposal or ""
    )
    if not ok:
        return None
    name = name.strip()
    settings.save(author=name or None, asked=True)
    return name


def ensure_author(workspace, parent=None, *, interactive: bool = True) -> None:
    """At the first launch (the settings have never asked), ask for the name; later launches
    use the saved one."""
    if workspace.author is not None or settings.load().get("asked"):
        return
    if not interactive:
        return
    name = ask_author(parent, None, first=True)
    if name:
        workspace.author = name
