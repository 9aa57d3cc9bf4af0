"""Run an export on a worker thread, with a progress dialog and Cancel.

The export service writes to a ``.part`` file (or folder) and renames it when complete;
Cancel makes the service stop before the next document and remove the partial output. The
progress dialog is not modal: the window stays usable while a big export runs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from ...services.exporter import ExportCancelled
from .background_job import JobController, JobHost


class ExportController(JobController):
    """One export; the service stops before the next document when Cancel is pressed."""

    what = "export"
    nothing = "nothing was written"

    def __init__(
        self, workspace, host: JobHost, dest: str, kwargs: dict[str, Any], *, show_progress=True
    ) -> None:
        self.dest = dest

        def job(progress, cancelled):
            return workspace.export(dest, progress=progress, cancel=cancelled, **kwargs)

        name = dest.rstrip("/").rsplit("/", 1)[-1]
        super().__init__(
            host, job, ExportCancelled, f"Exporting to {name}…", show_progress=show_progress
        )

    def show_progress(self, report) -> None:
        total = report.total_documents or 0
        if total and self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(report.read_documents)
        self.dialog.setLabelText(
            f"Exported {report.documents:,} documents, {report.spans:,} spans…"
        )

    def show_success(self, report) -> None:
        summary = (
            f"Exported {report.documents} document(s) with {report.spans} span(s) to {self.dest}."
        )
        self.host.show_message(summary, 10000)
        notices = list(report.notices)
        if report.skipped_spans:
            notices.append(f"{report.skipped_spans} span(s) could not be written in this format.")
        if notices and self.host.parent.isVisible():
            parent = self.host.parent
            box = QMessageBox(QMessageBox.Icon.Information, "Export", summary, parent=parent)
            box.setInformativeText("\n".join(notices))
            box.open()


def start_export(
    workspace, host: JobHost, dest: str, kwargs: dict[str, Any], *, show_progress=True
):
    controller = ExportController(workspace, host, dest, kwargs, show_progress=show_progress)
    controller.start()
    return controller
