"""The one place where the workspace's change notices become a Qt signal.

The core publishes one :class:`~annotator.services.changes.Change` per committed command, on
the thread that ran it. ``ChangeBridge.changed`` carries it to the views; a notice from a
worker thread (an import) arrives queued on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBridge(QObject):
    changed = Signal(object)  # annotator.services.changes.Change

    def __init__(self, workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = workspace.subscribe(self._relay)

    def _relay(self, change) -> None:
        self.changed.emit(change)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
