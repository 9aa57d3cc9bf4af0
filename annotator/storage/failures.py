"""The one place that turns a failed database write (SQLite or PostgreSQL) into a message for
people: what happened, to which database, that the change was not saved, and what to do."""

from __future__ import annotations

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..errors import AnnotatorError, DatabaseError, ValidationError
from .engine import busy_timeout_ms, sqlite_file
from .models import TEXT_IMMUTABLE_MESSAGE

NOT_SAVED = "your change was not saved"


def describe(url: URL) -> str:
    """How messages name a database: the file of an SQLite one, else its URL (no password)."""
    path = sqlite_file(url)
    return str(path) if path is not None else url.render_as_string(hide_password=True)


def locked_message(where: str) -> str:
    seconds = busy_timeout_ms() / 1000
    return (
        f"{where}: the database is locked by another program, which kept it locked for more "
        f"than {seconds:g} s; {NOT_SAVED}. Wait until the other program is done (or close "
        "it), then do it again."
    )


def read_only_message(where: str, reason: str | None) -> str:
    why = f": {reason}" if reason else ""
    return (
        f"{where}: the database is read-only{why}; {NOT_SAVED}. What it holds can still be "
        "read, searched and exported."
    )


def moved_message(where: str, reason: str) -> str:
    return (
        f"{where}: {reason}; {NOT_SAVED}. What was saved before can still be read here: save "
        "a copy of the database (File ▸ Save a copy of the database…), then open that copy."
    )


def explain_database_error(
    where: str, exc: DBAPIError, *, read_only: str | None = None, moved: str | None = None
) -> AnnotatorError:
    """A user-facing error for a database failure. ``read_only``: why the database cannot be
    written, if known; ``moved``: how its file went away since it was opened, if it did."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    low = text.lower()
    if TEXT_IMMUTABLE_MESSAGE in low:  # the trigger of migration 0002
        return ValidationError(
            f"{where}: a document's text (and its sha256) cannot change once imported, "
            "since its spans point into it; nothing was saved. Import the new text as a "
            "new document."
        )
    if moved is not None:
        return DatabaseError(moved_message(where, moved))
    if "locked" in low or "busy" in low or "lock timeout" in low:
        return DatabaseError(locked_message(where))
    if "readonly" in low or "read-only" in low or "read only" in low:
        return DatabaseError(read_only_message(where, read_only))
    if "is full" in low or "no space" in low or "could not extend" in low:
        return DatabaseError(
            f"{where}: the disk is full; {NOT_SAVED}. Free some space on the disk that holds "
            "the database, then do it again."
        )
    if "disk i/o" in low:
        return DatabaseError(
            f"{where}: the disk failed while writing (disk I/O error); {NOT_SAVED}. Check the "
            "disk (or network drive) that holds the database."
        )
    if "unable to open" in low:
        return DatabaseError(f"{where}: the database file cannot be opened; {NOT_SAVED}.")
    if isinstance(exc, IntegrityError):
        return ValidationError(f"{where}: the change breaks a rule of the database: {text}")
    return DatabaseError(f"{where}: database error; {NOT_SAVED}: {text}")
