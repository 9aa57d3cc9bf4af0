"""Errors a user can cause. The CLI prints them without a traceback and exits 1."""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base of every error that is the user's to fix (bad input, wrong id, old app...)."""


class ValidationError(AnnotatorError):
    """An edit or record breaks a rule (offsets out of range, unknown label...)."""


class NotFoundError(AnnotatorError):
    """A document, annotation or label id that does not exist."""


class ConflictError(AnnotatorError):
    """Someone else changed the row first (optimistic concurrency: version mismatch)."""


class DatabaseError(AnnotatorError):
    """The database cannot be opened, upgraded or written (locked, read-only, too new...)."""


class DamagedDatabaseError(DatabaseError):
    """The SQLite file is damaged (truncated, not SQLite, fails its check). Nothing was
    changed. ``path``: the file; ``problem``: what is wrong; ``latest``: the newest good
    backup (``storage.backups`` (Backup, BackupInfo)) or None; ``folder``: where backups are."""

    def __init__(self, message: str, *, path, problem: str, latest=None, folder=None) -> None:
        super().__init__(message)
        self.path = path
        self.problem = problem
        self.latest = latest
        self.folder = folder


class ImportFileError(AnnotatorError):
    """A file that cannot be imported; names the file and, where it applies, the line."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")
