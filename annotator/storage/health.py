"""Is an SQLite database file sound? Checked before the app opens it, and on every backup.

``diagnose(path)`` reads the file's header (is it SQLite at all, is it shorter than its header
says), opens it the way the app does (SQLite recovers a WAL file left by a crash here) and
reads its schema, then runs ``PRAGMA quick_check`` when the file is small enough for it to be
quick or when a WAL file was left behind (the sign of a crash). A damaged file is only ever
read, never changed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100
CHECK_LINES = 5  # lines of a failed check quoted in the message
# Files up to this size get ``quick_check`` at every open (about 1 ms a megabyte here);
# larger ones after a crash, and every day through the backup's check of its copy.
QUICK_CHECK_AT_OPEN_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Damage:
    """What is wrong with a database file, in words for its user."""

    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path} {self.problem}"


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def header_problem(path: Path) -> str | None:
    """What the first page's header says is wrong with the file (None: nothing)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(HEADER_SIZE)
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if size == 0:
        return None  # an empty file is an empty database: SQLite builds it on first write
    if len(head) < HEADER_SIZE:
        return f"is truncated: {size} bytes, not even an SQLite header ({HEADER_SIZE} bytes)"
    if not head.startswith(HEADER):
        shown = head[:16].hex(" ")
        return f"is not an SQLite database: its first bytes are {shown}"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"has a damaged header: page size {page_size}"
    change_counter = head[24:28]
    pages = int.from_bytes(head[28:32], "big")
    if head[92:96] == change_counter and pages and size < pages * page_size:
        return (
            f"is truncated: {size:,} bytes, where its header says {pages:,} pages of "
            f"{page_size:,} bytes ({pages * page_size:,} bytes)"
        )
    return None


def check_connection(conn: sqlite3.Connection, *, quick: bool = True) -> str | None:
    """``PRAGMA quick_check`` (or the full ``integrity_check``) on an open connection."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        lines = [row[0] for row in conn.execute(f"PRAGMA {pragma}({CHECK_LINES})")]
    except sqlite3.DatabaseError as exc:
        return f"failed its integrity check: {exc}"
    if lines == ["ok"]:
        return None
    return "failed its integrity check: " + "; ".join(lines[:CHECK_LINES])


# What SQLite says of a damaged file; any other error (locked, read-only folder, no such
# folder) is not damage, and the app's own open reports it in its own words.
DAMAGE_ERRORS = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}


def _damage(path: Path, what: str, exc: sqlite3.Error) -> Damage | None:
    name = getattr(exc, "sqlite_errorname", "") or ""
    if "_".join(name.split("_")[:2]) in DAMAGE_ERRORS:  # SQLITE_CORRUPT_VTAB too
        return Damage(path, f"{what}: {exc}")
    return None


def diagnose(path: str | Path, *, thorough: bool = False) -> Damage | None:
    """None when the file is missing (a new database), empty or sound; else what is wrong.

    ``thorough``: always run ``quick_check`` (else only for a file up to
    ``QUICK_CHECK_AT_OPEN_BYTES``, or after a crash left a WAL file)."""
    path = Path(path)
    if not path.exists():
        return None
    problem = header_problem(path)
    if problem is not None:
        return Damage(path, problem)
    size = path.stat().st_size
    check = thorough or wal_path(path).exists() or size <= QUICK_CHECK_AT_OPEN_BYTES
    try:
        conn = sqlite3.connect(path, timeout=5)
    except sqlite3.Error as exc:
        return _damage(path, "cannot be opened", exc)
    try:
        try:
            conn.execute("PRAGMA schema_version").fetchone()
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            return _damage(path, "cannot be read", exc)
        if check:
            problem = check_connection(conn)
            if problem is not None:
                return Damage(path, problem)
    finally:
        conn.close()
    return None
