"""Whether an SQLite database file can be written, and whether it is still where it was opened.

SQLite needs to write the file itself and, in WAL mode, its ``-wal`` and ``-shm`` files beside
it: a read-only file, a read-only folder and a read-only file system all stop edits (a
read-only folder stops even reads unless the file is opened with ``mode=ro``). A database
whose folder is moved or deleted while it is open keeps working through the open file
handles, but the edits would go to a file nobody can find again: :func:`file_moved` notices.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import DatabaseError

FileId = tuple[int, int]  # (st_dev, st_ino)


def _writable(path: Path) -> bool:
    """Whether this process may write ``path`` (its effective ids where the OS has them)."""
    if os.access in os.supports_effective_ids:
        return os.access(path, os.W_OK, effective_ids=True)
    return os.access(path, os.W_OK)  # Windows: the read-only attribute


def _read_only_file_system(folder: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)  # not on Windows
    if statvfs is None:
        return False
    try:
        return bool(statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def read_only_reason(path: Path) -> str | None:
    """Why this process cannot write the database at ``path`` (or create it there): None when
    the operating system lets it."""
    folder = path.parent
    if not folder.is_dir():
        return None  # no such folder: make_engine says so
    if _read_only_file_system(folder):
        return "it is on a read-only file system"
    if path.exists() and not _writable(path):
        return "the file is read-only"
    if not _writable(folder):
        return (
            f"its folder {folder} is read-only, and SQLite writes its journal files beside "
            "the database"
        )
    return None


def needs_immutable(path: Path) -> bool:
    """True when a read-only open of ``path`` must say ``immutable=1``: SQLite cannot make the
    ``-shm`` file beside it (read-only folder or file system) and there is no ``-wal`` file, so
    nothing is waiting in a journal that the file alone would not show."""
    if Path(f"{path}-wal").exists():
        return False
    return _read_only_file_system(path.parent) or not _writable(path.parent)


def file_id(path: Path) -> FileId | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def file_moved(path: Path, opened: FileId | None) -> str | None:
    """How the file at ``path`` differs from the one opened (``opened``: its ``file_id``):
    None when it is the same file."""
    if opened is None:
        return None
    now = file_id(path)
    if now is None:
        return (
            "the database file is gone: it (or its folder) was moved, renamed or deleted "
            "while Annotator had it open"
        )
    if now != opened:
        return "the database file was replaced by another file while Annotator had it open"
    return None


def save_copy(driver_connection: sqlite3.Connection, source: Path, dest: Path) -> Path:
    """Copy what an open connection sees (SQLite's backup API) to ``dest``: the way to keep
    the work when the file has gone from under an open database. A partial copy is removed."""
    dest = Path(dest)
    if dest.exists():
        raise DatabaseError(f"{dest}: exists already; choose another name")
    try:
        target = sqlite3.connect(dest)
        try:
            driver_connection.backup(target)
        finally:
            target.close()
    except sqlite3.Error as exc:
        for leftover in (dest, Path(f"{dest}-journal")):
            leftover.unlink(missing_ok=True)
        raise DatabaseError(f"{dest}: the copy of {source} could not be written: {exc}") from exc
    return dest
