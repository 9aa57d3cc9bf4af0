"""The backups of one SQLite database, for the app: ``storage.backups`` bound to its file.

``BackupService.for_url(url)`` is None for PostgreSQL: a server keeps no backup files here;
its own backups apply (``annotator db backup -o FILE`` writes one). A restore needs no open
workspace (the app closes its own first), so the service holds a path, never a connection.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL

from ..storage import backups as files
from ..storage import migrate
from ..storage.backups import DAILY, DAMAGED, Backup, BackupInfo, RestoreResult
from ..storage.engine import sqlite_file

__all__ = ["DAILY", "DAMAGED", "Backup", "BackupInfo", "BackupService", "RestoreResult"]


class BackupService:
    def __init__(self, database: str | Path, *, folder: Path | None = None) -> None:
        self.database = Path(database)
        self.folder = folder if folder is not None else files.backup_folder(self.database)

    @classmethod
    def for_url(cls, url: URL) -> BackupService | None:
        path = sqlite_file(url)
        return cls(path) if path is not None else None

    def list(self) -> list[Backup]:
        """The backups, newest first."""
        return files.list_backups(self.database, folder=self.folder)

    def inspect(self, path: str | Path, *, check: bool = True) -> BackupInfo:
        return files.inspect_backup(path, check=check)

    def take_daily_if_due(self) -> Backup | None:
        """Today's backup when there is none yet (then the rotation); else None."""
        return files.take_daily_if_due(self.database, folder=self.folder)

    def restore(self, backup: str | Path) -> RestoreResult:
        """Put ``backup`` in place of the database, after saving it aside. No connection to it
        may be open; a backup from a newer app is refused."""
        return files.restore_backup(
            self.database, backup, folder=self.folder, head=migrate.SCHEMA_HEAD
        )

    @staticmethod
    def kind_name(kind: str) -> str:
        return files.kind_name(kind)
