"""Import from the GUI: File ▸ Import, or files dropped on the window.

The import runs on a worker QThread (its own sessions; the engine is shared, sessions never
are) while a progress dialog shows how far it got. Cancel raises ``ImportCancelled`` from the
progress callback, so the import's single transaction rolls back and nothing is stored. Errors
name the file and line (the core's message) and are listed in a message box.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from ..errors import AnnotatorError
from ..services.importer import ImportCancelled
from .errors import show_error

FILE_FILTER = (
    "Articles (*.txt *.md *.markdown *.html *.htm *.jsonl *.json);;"
    "Plain text (*.txt *.md);;Web pages (*.html *.htm);;"
    "JSON lines, Label Studio (*.jsonl *.json);;All files (*)"
)


class ImportWorker(QObject):
    progressed = Signal(int, int, str)  # documents, spans, current source
    succeeded = Signal(object)  # ImportReport
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, workspace, paths: list[str]) -> None:
        super().__init__()
        self.workspace = workspace
        self.paths = paths
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, progress) -> None:
        if self._cancel.is_set():
            raise ImportCancelled("the import was cancelled; nothing was stored")
        self.progressed.emit(progress.documents, progress.spans, progress.source)

    @Slot()
    def run(self) -> None:
        try:
            report = self.workspace.import_paths(self.paths, progress=self._progress)
        except ImportCancelled:
            self.cancelled.emit()
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # never a traceback in the user's face; details in the log
            import logging

            logging.getLogger(__name__).exception("import failed")
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(report)


class ImportController(QObject):
    """One import: worker thread, progress dialog, and the result shown at the end."""

    done = Signal(str)  # "succeeded", "failed" or "cancelled"

    def __init__(self, window, paths: list[str], *, show_progress: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.report = None
        self.error: str | None = None
        self.outcome: str | None = None
        self.thread = QThread(self)
        self.worker = ImportWorker(window.workspace, list(paths))
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.dialog = None
        if show_progress:
            names = ", ".join(p.rsplit("/", 1)[-1] for p in paths[:3])
            more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
            self.dialog = QProgressDialog(f"Importing {names}{more}…", "Cancel", 0, 0, window)
            self.dialog.setWindowTitle("Import — Annotator")
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText("Cancelling… (nothing will be stored)")

    def _progressed(self, documents: int, spans: int, source: str) -> None:
        if self.dialog is not None and not self.worker._cancel.is_set():
            where = source.rsplit("/", 1)[-1]
            self.dialog.setLabelText(f"Imported {documents:,} documents, {spans:,} spans…\n{where}")

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
        summary = f"Imported {report.documents} document(s) with {report.spans} span(s)."
        self.window.status.showMessage(summary, 8000)
        notices = report.notices()
        if notices and self.dialog_enabled():
            box = QMessageBox(QMessageBox.Icon.Information, "Import", summary, parent=self.window)
            box.setInformativeText("\n".join(notices[:12]) + ("\n…" if len(notices) > 12 else ""))
            box.setDetailedText("\n".join(notices))
            box.open()
        if report.documents == 1:
            self.window.open_beside(report.document_ids[0])

    def _failed(self, message: str) -> None:
        self.error = message
        self._finish("failed")
        show_error(self.window, "The import failed; nothing was stored.", message)

    def _cancelled(self) -> None:
        self._finish("cancelled")
        self.window.status.showMessage("Import cancelled; nothing was stored.", 8000)

    def dialog_enabled(self) -> bool:
        return self.window.isVisible()


def start_import(window, paths: list[str], *, show_progress: bool = True) -> ImportController:
    controller = ImportController(window, paths, show_progress=show_progress)
    controller.start()
    return controller


def ask_and_import(window, *, folder: bool) -> ImportController | None:
    if folder:
        path = QFileDialog.getExistingDirectory(window, "Import a folder of articles")
        paths = [path] if path else []
    else:
        paths, _ = QFileDialog.getOpenFileNames(window, "Import articles", "", FILE_FILTER)
    if not paths:
        return None
    return start_import(window, paths)
