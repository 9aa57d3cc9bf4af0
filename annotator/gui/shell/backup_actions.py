"""The main window's backups: today's backup in the background, File ▸ Restore from backup…,
and the restore itself, done by ``app.run`` between two windows with no connection open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ...errors import AnnotatorError
from ...services.backups import BackupService
from ...wording import counted
from ..dialogs.errors import show_error
from ..jobs.daily_backup import DailyBackup

NO_FILE_TIP = (
    "A PostgreSQL server keeps no backup files here: the server's own backups apply "
    "(annotator db backup -o FILE writes one)."
)


def attach_daily_backup(window) -> DailyBackup | None:
    """Today's backup for an SQLite database, reported in the status bar; started when the
    window first shows (``DailyBackup.start``), stopped when it closes."""
    service = window.workspace.backups
    if service is None or window.workspace.read_only:  # nothing changes there to back up
        return None
    job = DailyBackup(service, window)
    job.made.connect(
        lambda made: window.status.showMessage(f"Today's backup is saved: {made.path}", 8000)
    )
    job.failed.connect(
        lambda message: show_error(
            window,
            "Today's backup could not be made",
            f"{message}\n\nYour edits are still saved as you make them; File ▸ Restore from "
            "backup… lists the backups there are.",
        )
    )
    return job


def ask_restore(window) -> None:
    """File ▸ Restore from backup…: pick one; the window closes and ``app.run`` restores it."""
    from ..dialogs.restore_backup import RestoreBackupDialog

    service = window.workspace.backups
    if service is None:
        show_error(window, "No backup files for this database", NO_FILE_TIP)
        return
    dialog = RestoreBackupDialog(service, window)
    if dialog.exec() and dialog.chosen is not None:
        window.restore_requested = dialog.chosen
        window.close()


def restore(service: BackupService, backup: Path, parent: QWidget | None = None) -> str | None:
    """Put ``backup`` in place of the database (no connection may be open): a line for the
    status bar of the next window, or None when it failed (after saying why)."""
    try:
        result = service.restore(backup)
    except AnnotatorError as exc:
        QMessageBox.critical(parent, "Annotator", f"The backup was not restored.\n\n{exc}")
        return None
    info = result.restored
    what = f"{counted(info.documents, 'document')}, {counted(info.spans, 'span')}"
    said = f"Restored the backup {backup.name} ({what})"
    if result.saved_aside is not None:
        said += f"; the database as it was is saved as {result.saved_aside.name}"
    return said
