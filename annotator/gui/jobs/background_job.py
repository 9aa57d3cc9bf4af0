"""A service command on a worker QThread, with a progress dialog, Cancel and one outcome.

Imports and exports both run this way: the worker calls ``job(progress, cancelled)`` (the
engine is shared, sessions never are), progress reports arrive queued on the GUI thread, and
the controller ends in exactly one of "succeeded", "failed" or "cancelled". Subclasses say what
progress looks like and what success shows.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...errors import AnnotatorError
from ..dialogs.errors import show_error

Job = Callable[[Callable[[Any], None], Callable[[], bool]], Any]


class JobWorker(QObject):
    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: Job, cancelled_error: type[Exception], what: str) -> None:
        super().__init__()
        self.job = job
        self.cancelled_error = cancelled_error
        self.what = what
        self.cancel_requested = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            result = self.job(self.progressed.emit, self.cancel_requested.is_set)
        except self.cancelled_error:
            self.cancelled.emit()
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # never a traceback in the user's face; details in the log
            logging.getLogger(__name__).exception("%s failed", self.what)
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)


@dataclass(frozen=True)
class JobHost:
    """What a background job needs of the window, and no more: the parent of its dialogs, the
    status bar's message line, and a way to open a document it made."""

    parent: QWidget
    show_message: Callable[[str, int], None]
    open_document: Callable[[str], object] = lambda _document_id: None


class JobController(QObject):
    """One run: worker thread, progress dialog, and the result shown at the end."""

    done = Signal(str)  # "succeeded", "failed" or "cancelled"
    what = "job"  # "import", "export": for titles and messages
    nothing = "nothing was changed"  # what a failed or cancelled run leaves

    def __init__(
        self,
        host: JobHost,
        job: Job,
        cancelled_error: type[Exception],
        label: str,
        *,
        show_progress: bool = True,
        modal: bool = False,
    ) -> None:
        super().__init__(host.parent)
        self.host = host
        self.report = None
        self.error: str | None = None
        self.outcome: str | None = None
        self.thread = QThread(self)
        self.worker = JobWorker(job, cancelled_error, self.what)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_success)
        self.worker.failed.connect(self._on_failure)
        self.worker.cancelled.connect(self._on_cancel)
        self.dialog: QProgressDialog | None = None
        if show_progress:
            self.dialog = QProgressDialog(label, "Cancel", 0, 0, host.parent)
            self.dialog.setWindowTitle(f"{self.what.capitalize()} — Annotator")
            if modal:
                self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel_requested.set()
        if self.dialog is not None:
            self.dialog.setLabelText(f"Cancelling… ({self.nothing.replace('was', 'will be')})")

    # -- for subclasses ------------------------------------------------------------------------
    def show_progress(self, progress: Any) -> None:
        """Update ``self.dialog`` (not None, not cancelling) from one progress report."""

    def show_success(self, report: Any) -> None:
        """Tell the user what the finished run did."""

    # -- outcomes ------------------------------------------------------------------------------
    def _on_progress(self, progress: Any) -> None:
        if self.dialog is not None and not self.worker.cancel_requested.is_set():
            self.show_progress(progress)

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.thread.quit()
        self.thread.wait()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self.done.emit(outcome)
        self.deleteLater()

    def _on_success(self, report: Any) -> None:
        self.report = report
        self._finish("succeeded")
        self.show_success(report)

    def _on_failure(self, message: str) -> None:
        self.error = message
        self._finish("failed")
        show_error(self.host.parent, f"The {self.what} failed; {self.nothing}.", message)

    def _on_cancel(self) -> None:
        self._finish("cancelled")
        self.host.show_message(f"{self.what.capitalize()} cancelled; {self.nothing}.", 8000)
