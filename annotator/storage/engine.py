"""One engine factory for a database URL: SQLite file (embedded default) or PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import DatabaseError
from .paths import default_database_path

ENV_VAR = "ANNOTATOR_DB"

# WAL + synchronous=NORMAL: a commit is in the WAL file (in the OS) before it returns, so an
# edit reported as saved survives a crash of the app. FULL also fsyncs the WAL on every
# commit, so it survives power loss / OS crash too. We use FULL: see README "Durability".
SQLITE_SYNCHRONOUS = "FULL"
SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_CACHE_KIB = 65536  # page cache per connection, at most; grows only as it is used


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
    return Path(database)


def _set_sqlite_pragmas(dbapi_connection, connection_record) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_begin) so transactions are real.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode and mode[0].lower() != "wal" and mode[0].lower() != "memory":
            # e.g. read-only media; keep going, reads still work
            pass
        cursor.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    finally:
        cursor.close()


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: URL | str | None = None, **kwargs) -> Engine:
    """Engine for ``url`` (resolved by :func:`resolve_url` when a string or None)."""
    if not isinstance(url, URL):
        url = resolve_url(url)
    if is_sqlite(url):
        path = sqlite_file(url)
        if path is not None and not path.parent.exists():
            raise DatabaseError(f"{path}: folder {path.parent} does not exist")
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)
