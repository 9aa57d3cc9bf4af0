"""Run an export on a worker thread, with a progress dialog and Cancel.

The export service writes to a ``.part`` file (or folder) and renames it when complete;
Cancel makes the service stop before the next document and remove the partial output. The
progress dialog is not modal: the window stays usable while a big export runs.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from ..errors import AnnotatorError
from ..services.exporter import ExportCancelled
from .errors import show_error


class ExportWorker(QObject):
    progressed = Signal(int, int, int, int)  # documents read, in scope, written; spans
    succeeded = Signal(object)  # ExportReport
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, workspace, dest: str, kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.workspace = workspace
        self.dest = dest
        self.kwargs = kwargs
        self.cancel_requested = threading.Event()

    def _progress(self, report) -> None:
        total = report.total_documents or 0
        self.progressed.emit(report.read_documents, total, report.documents, report.spans)

    @Slot()
    def run(self) -> None:
        try:
            report = self.workspace.export(
                self.dest,
                progress=self._progress,
                cancel=self.cancel_requested.is_set,
                **self.kwargs,
            )
        except ExportCancelled:
            self.cancelled.emit()
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # never a traceback in the user's face; details in the log
            logging.getLogger(__name__).exception("export failed")
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(report)


class ExportController(QObject):
    """One export: worker thread, progress dialog, and the result shown at the end."""

    done = Signal(str)  # "succeeded", "failed" or "cancelled"

    def __init__(self, window, dest: str, kwargs: dict[str, Any], *, show_progress=True) -> None:
        super().__init__(window)
        self.window = window
        self.dest = dest
        self.report = None
        self.error: str | None = None
        self.outcome: str | None = None
        self.thread = QThread(self)
        self.worker = ExportWorker(window.workspace, dest, kwargs)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.dialog = None
        if show_progress:
            name = dest.rstrip("/").rsplit("/", 1)[-1]
            self.dialog = QProgressDialog(f"Exporting to {name}…", "Cancel", 0, 0, window)
            self.dialog.setWindowTitle("Export — Annotator")
            self.dialog.setMinimumDuration(400)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel_requested.set()
        if self.dialog is not None:
            self.dialog.setLabelText("Cancelling… (nothing will be written)")

    def _progressed(self, read: int, total: int, documents: int, spans: int) -> None:
        if self.dialog is None or self.worker.cancel_requested.is_set():
            return
        if total and self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(read)
        self.dialog.setLabelText(f"Exported {documents:,} documents, {spans:,} spans…")

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

    def _succeeded(self, report) -> None:
        self.report = report
        self._finish("succeeded")
        summary = (
            f"Exported {report.documents} document(s) with {report.spans} span(s) to {self.dest}."
        )
        self.window.status.showMessage(summary, 10000)
        notices = list(report.notices)
        if report.skipped_spans:
            notices.append(f"{report.skipped_spans} span(s) could not be written in this format.")
        if notices and self.window.isVisible():
            box = QMessageBox(QMessageBox.Icon.Information, "Export", summary, parent=self.window)
            box.setInformativeText("\n".join(notices))
            box.open()

    def _failed(self, message: str) -> None:
        self.error = message
        self._finish("failed")
        show_error(self.window, "The export failed; nothing was written.", message)

    def _cancelled(self) -> None:
        self._finish("cancelled")
        self.window.status.showMessage("Export cancelled; nothing was written.", 8000)


def start_export(window, dest: str, kwargs: dict[str, Any], *, show_progress=True):
    controller = ExportController(window, dest, kwargs, show_progress=show_progress)
    controller.start()
    return controller
