"""Today's backup of the SQLite database, taken on a worker thread while the app is used.

``FIRST_DELAY_MS`` after the window shows (its first paints and the warm-up go first), then
every ``INTERVAL_MS``, the job asks ``BackupService.take_daily_if_due``: at most one backup
a day, then the rotation. The copy is one read transaction in WAL mode, so edits go on while it
is written. A backup that fails (a full disk, or a database that fails the copy's check) is
reported once a day, never in the way of the work. ``stop()`` waits for a running copy, so the
database can be closed (or restored) safely afterwards.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from ...errors import AnnotatorError
from ...services.backups import BackupService

FIRST_DELAY_MS = 15_000
INTERVAL_MS = 60 * 60 * 1000  # the day may turn while the app stays open

log = logging.getLogger(__name__)


class DailyBackup(QObject):
    made = Signal(object)  # services.backups.Backup
    failed = Signal(str)

    def __init__(self, backups: BackupService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        self._thread: threading.Thread | None = None
        self._reported: dt.date | None = None  # one failure message a day
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run_now)

    def start(self, first_delay_ms: int = FIRST_DELAY_MS) -> None:
        self.timer.start(INTERVAL_MS)
        QTimer.singleShot(first_delay_ms, self, self.run_now)

    def run_now(self) -> None:
        """Start a check for today's backup on a worker thread (unless one is running)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._thread = threading.Thread(target=self._work, name="annotator-backup", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            made = self.backups.take_daily_if_due()
        except AnnotatorError as exc:
            self._fail(str(exc))
        except Exception as exc:  # never a traceback; the log has the details
            log.exception("daily backup of %s failed", self.backups.database)
            self._fail(f"{type(exc).__name__}: {exc}")
        else:
            if made is not None:
                self.made.emit(made)

    def _fail(self, message: str) -> None:
        today = dt.date.today()
        if self._reported != today:
            self._reported = today
            self.failed.emit(message)

    def stop(self) -> None:
        self.timer.stop()
        if self._thread is not None:
            self._thread.join()
