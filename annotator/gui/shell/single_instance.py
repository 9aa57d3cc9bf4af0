"""A second launch on the same database: say so and offer to switch to the running window
(``storage.instance_lock`` keeps the note of which process has it open)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal
from PySide6.QtWidgets import QMessageBox

SWITCH, OPEN, CANCEL = "switch", "open", "cancel"


def ask(parent, holder: dict) -> str:
    """The user's choice when another window has the database open."""
    since = dt.datetime.fromtimestamp(holder.get("started", 0)).strftime("%H:%M")
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Annotator is already open",
        "Annotator is already open on this database (since " + since + ").",
        parent=parent,
    )
    box.setInformativeText(
        "Switch to that window? A second window on the same database works too: both save "
        "every edit, and each shows the other's within a second."
    )
    switch = box.addButton("Switch to it", QMessageBox.ButtonRole.AcceptRole)
    other = box.addButton("Open another window", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(switch)
    box.exec()
    clicked = box.clickedButton()
    return SWITCH if clicked is switch else OPEN if clicked is other else CANCEL


class SingleInstance(QObject):
    """This process's claim on a database; ``activated`` when a later launch rings."""

    activated = Signal()

    def __init__(self, lock, parent: QObject | None = None) -> None:  # an InstanceLock
        super().__init__(parent)
        self.lock = lock
        self.watcher: QFileSystemWatcher | None = None

    def claim(self) -> None:
        self.lock.acquire()
        self.watcher = QFileSystemWatcher([str(self.lock.bell)], self)
        self.watcher.fileChanged.connect(self._rung)

    def _rung(self, path: str) -> None:
        if self.watcher is not None and path not in self.watcher.files():
            self.watcher.addPath(path)  # an editor may replace the file: watch it again
        self.activated.emit()

    def release(self) -> None:
        if self.watcher is not None:
            self.watcher.removePaths(self.watcher.files())
        self.lock.release()


def bring_to_front(window) -> None:
    window.showNormal() if window.isMinimized() else window.show()
    window.raise_()
    window.activateWindow()
