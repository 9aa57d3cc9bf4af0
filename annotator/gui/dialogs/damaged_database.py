"""The dialog at start when the database is damaged: what is wrong, that nothing was changed,
and the latest good backup to restore (``errors.DamagedDatabaseError`` carries them). It only
chooses; ``gui/shell/app.py`` restores, with the damaged file set aside, never deleted."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ...errors import DamagedDatabaseError
from ...services.backups import BackupService
from ...wording import counted
from .restore_backup import RestoreBackupDialog


class DamagedDatabaseDialog(QMessageBox):
    def __init__(self, error: DamagedDatabaseError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.chosen: Path | None = None
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("Annotator")
        self.setText(f"<b>The database is damaged.</b><br>{escape(str(error.path))}")
        text = f"<p>It {escape(error.problem)}.</p>"
        text += "<p>Annotator has not changed the file.</p>"
        if error.latest is not None:
            backup, info = error.latest
            text += (
                f"<p>The latest good backup was taken on <b>{backup.taken:%A %d %B %Y at %H:%M}"
                f"</b> ({escape(BackupService.kind_name(backup.kind))}) and holds "
                f"{counted(info.documents, 'document')} and {counted(info.spans, 'span')}. "
                "Restoring it sets the "
                "damaged file aside in the backup folder; nothing is deleted.</p>"
            )
            self.restore_latest = self.addButton(
                "&Restore this backup", QMessageBox.ButtonRole.AcceptRole
            )
        else:
            text += (
                f"<p>No good backup of it was found in {escape(str(error.folder))}. Keep a "
                "copy of the file before trying to repair it.</p>"
            )
            self.restore_latest = None
        self.setInformativeText(text)
        self.choose = self.addButton("&Choose a backup…", QMessageBox.ButtonRole.ActionRole)
        self.quit = self.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.restore_latest or self.quit)
        self.setEscapeButton(self.quit)
        self.setDetailedText(str(error))

    def choose_backup(self) -> Path | None:
        """Run the dialog: the backup to restore, or None to quit."""
        while True:
            self.exec()
            clicked = self.clickedButton()
            if clicked is self.restore_latest and self.error.latest is not None:
                self.chosen = self.error.latest[0].path
            elif clicked is self.choose:
                service = BackupService(self.error.path, folder=self.error.folder)
                picker = RestoreBackupDialog(service, self)
                if not picker.exec():
                    continue  # back to the choice
                self.chosen = picker.chosen
            return self.chosen
