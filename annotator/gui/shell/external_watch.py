"""Follow what other processes commit to the database: a timer asks the workspace for
external changes, which it publishes like any other change notice (so the library and the
open panes refresh, and the user's selection and undo history stay)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from ...errors import AnnotatorError

log = logging.getLogger(__name__)
POLL_MS = 300  # an import from the command line shows within about a third of a second


class ExternalWatch(QObject):
    def __init__(self, workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.poll()  # the first poll sets the baseline: changes after this moment count
        self.timer.start()

    def poll(self):
        try:
            return self.workspace.poll_external_changes()
        except AnnotatorError as exc:  # locked for a moment, or gone: try again next tick
            log.info("checking for external changes failed: %s", exc)
            return None

    def stop(self) -> None:
        self.timer.stop()
