"""One engine factory for a database URL: SQLite file (embedded default) or PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, unquote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import DatabaseError
from . import access
from .paths import default_database_path

ENV_VAR = "ANNOTATOR_DB"
# how long an edit waits for another program's write lock before it gives up (tests set less)
BUSY_TIMEOUT_VAR = "ANNOTATOR_BUSY_TIMEOUT_MS"

# WAL + synchronous=NORMAL: a commit is in the WAL file (in the OS) before it returns, so an
# edit reported as saved survives a crash of the app. FULL also fsyncs the WAL on every
# commit, so it survives power loss / OS crash too. We use FULL: see README "Durability".
SQLITE_SYNCHRONOUS = "FULL"
SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_CACHE_KIB = 65536  # page cache per connection, at most; grows only as it is used


def busy_timeout_ms() -> int:
    """``$ANNOTATOR_BUSY_TIMEOUT_MS``, else ``SQLITE_BUSY_TIMEOUT_MS``."""
    raw = os.environ.get(BUSY_TIMEOUT_VAR, "").strip()
    return int(raw) if raw.isdigit() else SQLITE_BUSY_TIMEOUT_MS


def resolve_url(value: str | os.PathLike[str] | None = None) -> URL:
    """``--db`` value, else ``$ANNOTATOR_DB``, else the SQLite file in the data directory.

    A value without ``://`` is taken as a path of an SQLite file.
    """
    raw = value if value is not None else os.environ.get(ENV_VAR) or None
    if raw is None:
        return URL.create("sqlite", database=str(default_database_path()))
    raw = os.fspath(raw)
    if "://" not in raw:
        return URL.create("sqlite", database=str(Path(raw).expanduser().resolve()))
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {raw!r} ({exc})") from exc
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"unsupported database {url.get_backend_name()!r}: use sqlite:///PATH or postgresql://..."
        )
    return url


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_file(url: URL) -> Path | None:
    """The file behind an SQLite URL (None for in-memory databases)."""
    if not is_sqlite(url) or url.database in (None, "", ":memory:"):
        return None
    database = url.database
    if url.query.get("uri") == "true" and database.startswith("file:"):
        database = database[len("file:") :]
        if database.startswith(":memory:") or url.query.get("mode") == "memory":
            return None
    return Path(unquote(database))  # SQLite decodes %-escapes in URI file names


def read_only_url(path: Path) -> URL:
    """An SQLite URL opening ``path`` read-only (``mode=ro``), ``immutable`` where SQLite could
    not make its ``-shm`` file beside it (``access.needs_immutable``): reads work then too."""
    query = {"mode": "ro", "uri": "true"}
    if access.needs_immutable(path):
        query["immutable"] = "1"
    return URL.create("sqlite", database=f"file:{quote(str(path))}", query=query)


def opened_read_only(url: URL) -> bool:
    return is_sqlite(url) and url.query.get("mode") == "ro"


def _set_sqlite_pragmas(dbapi_connection, connection_record) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_begin) so transactions are real.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode and mode[0].lower() != "wal" and mode[0].lower() != "memory":
            # e.g. read-only media; keep going, reads still work
            pass
        cursor.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    finally:
        cursor.close()


# the execution option that makes a transaction begin with the write lock (Store.transaction)
WRITE_INTENT = {"sqlite_begin": "IMMEDIATE"}


def _sqlite_begin(conn) -> None:
    # A write transaction takes the write lock at BEGIN IMMEDIATE, waiting up to the busy
    # timeout for another program's: a deferred BEGIN that has read cannot wait for it later
    # (SQLite answers "database is locked" at once, whatever the timeout).
    mode = conn.get_execution_options().get("sqlite_begin", "")
    conn.exec_driver_sql(f"BEGIN {mode}" if mode else "BEGIN")
    conn.info["changes_at_begin"] = conn.connection.driver_connection.total_changes


def _watch_file(engine: Engine, path: Path) -> None:
    """Refuse to commit a write once the file is no longer the one opened (its folder moved or
    deleted: the write would go to a file nobody finds again)."""
    from .failures import describe, moved_message

    def remember(dbapi_connection, connection_record) -> None:
        connection_record.info["file_id"] = access.file_id(path)

    def before_commit(conn) -> None:
        began = conn.info.get("changes_at_begin")
        if began is None or conn.connection.driver_connection.total_changes == began:
            return  # a transaction that only read
        moved = access.file_moved(path, conn.info.get("file_id"))
        if moved is not None:
            raise DatabaseError(moved_message(describe(conn.engine.url), moved))

    event.listen(engine, "connect", remember)
    event.listen(engine, "commit", before_commit)


def make_engine(url: URL | str | None = None, **kwargs) -> Engine:
    """Engine for ``url`` (resolved by :func:`resolve_url` when a string or None)."""
    if not isinstance(url, URL):
        url = resolve_url(url)
    if is_sqlite(url):
        path = sqlite_file(url)
        if path is not None and not path.parent.exists():
            raise DatabaseError(f"{path}: folder {path.parent} does not exist")
        reason = access.read_only_reason(path) if path is not None else None
        if reason is not None and not path.exists():
            raise DatabaseError(f"{path}: the database cannot be made there: {reason}")
        if reason is not None and not opened_read_only(url):
            url = read_only_url(path)  # read what is there; edits get a clear refusal
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        if path is not None:
            _watch_file(engine, path)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _set_postgresql_lock_timeout)
    return engine


def _set_postgresql_lock_timeout(dbapi_connection, connection_record) -> None:
    """An edit waits for another client's row or table lock as long as SQLite waits for a
    write lock, then fails with "lock timeout" (explained as a locked database), instead of
    waiting for ever."""
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = {busy_timeout_ms()}")
    dbapi_connection.commit()
