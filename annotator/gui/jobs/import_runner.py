"""Import from the GUI: File ▸ Import, or files dropped on the window, both through the
import preview (``dialogs/import_preview.py``: what is stored, split, left out).

The import runs on a worker QThread (its own sessions; the engine is shared, sessions never
are) while a progress dialog shows how far it got. Cancel raises ``ImportCancelled`` from the
progress callback, so the import's single transaction rolls back and nothing is stored. Errors
name the file and line (the core's message) and are listed in a message box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...errors import AnnotatorError
from ...services.importer import ImportCancelled
from ..dialogs.errors import show_error
from .background_job import JobController, JobHost

FILE_FILTER = (
    "Articles (*.txt *.md *.markdown *.html *.htm *.jsonl *.json);;"
    "Plain text (*.txt *.md);;Web pages (*.html *.htm);;"
    "JSON lines, Label Studio (*.jsonl *.json);;All files (*)"
)


class ImportController(JobController):
    """One import; Cancel raises ``ImportCancelled`` from the progress callback."""

    what = "import"
    nothing = "nothing was stored"

    def __init__(
        self,
        workspace,
        host: JobHost,
        paths: list[str],
        *,
        show_progress: bool = True,
        preview=None,
        choices=None,
    ) -> None:
        """``preview`` and ``choices``: import what the import preview's choices make of the
        files (``ImportService.import_previewed``) rather than the files as they are."""
        paths = list(paths)

        def job(progress, cancelled):
            def report(p) -> None:
                if cancelled():
                    raise ImportCancelled("the import was cancelled; nothing was stored")
                progress(p)

            if preview is not None:
                return workspace.importer.import_previewed(preview, choices, progress=report)
            return workspace.import_paths(paths, progress=report)

        names = ", ".join(p.rsplit("/", 1)[-1] for p in paths[:3])
        more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
        super().__init__(
            host,
            job,
            ImportCancelled,
            f"Importing {names}{more}…",
            show_progress=show_progress,
            modal=True,
        )

    def show_progress(self, progress) -> None:
        where = progress.source.rsplit("/", 1)[-1]
        self.dialog.setLabelText(
            f"Imported {progress.documents:,} documents, {progress.spans:,} spans…\n{where}"
        )

    def show_success(self, report) -> None:
        summary = f"Imported {report.documents} document(s) with {report.spans} span(s)."
        self.host.show_message(summary, 8000)
        notices = report.notices()
        if notices and self.host.parent.isVisible():
            parent = self.host.parent
            box = QMessageBox(QMessageBox.Icon.Information, "Import", summary, parent=parent)
            box.setInformativeText("\n".join(notices[:12]) + ("\n…" if len(notices) > 12 else ""))
            box.setDetailedText("\n".join(notices))
            box.open()
        if report.documents == 1:
            self.host.open_document(report.document_ids[0])


def start_import(
    workspace, host: JobHost, paths: list[str], *, show_progress: bool = True
) -> ImportController:
    controller = ImportController(workspace, host, paths, show_progress=show_progress)
    controller.start()
    return controller


def preview_and_import(workspace, host: JobHost, paths: list[str]):
    """Show the import preview of ``paths`` (window-modal, not blocking); Import starts the
    import of the chosen documents on a worker thread (``dialog.controller``), Cancel stores
    nothing. Returns the dialog, or None when there is nothing to preview (the reason is in
    a message box or the status bar)."""
    from ..dialogs.import_preview import ImportPreviewDialog

    paths = [str(p) for p in paths]
    try:
        preview = workspace.importer.preview_paths(paths)
    except AnnotatorError as exc:
        show_error(host.parent, "Nothing was imported.", str(exc))
        return None
    if not len(preview):
        skipped = f" ({len(preview.skipped)} skipped: hidden or other types)"
        host.show_message("No files to import" + (skipped if preview.skipped else "") + ".", 8000)
        return None
    dialog = ImportPreviewDialog(preview, host.parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.controller = None

    def accepted() -> None:
        dialog.controller = ImportController(
            workspace, host, paths, preview=preview, choices=dialog.choices()
        )
        dialog.controller.start()

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog


def ask_and_import(workspace, host: JobHost, *, folder: bool):
    """Ask for files (or a folder), then show their import preview (``preview_and_import``)."""
    if folder:
        path = QFileDialog.getExistingDirectory(host.parent, "Import a folder of articles")
        paths = [path] if path else []
    else:
        paths, _ = QFileDialog.getOpenFileNames(host.parent, "Import articles", "", FILE_FILTER)
    if not paths:
        return None
    return preview_and_import(workspace, host, paths)
