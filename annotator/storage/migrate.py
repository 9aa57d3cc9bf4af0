"""Create and upgrade the database with Alembic, in-process (also in the frozen app).

A new database is built by upgrading from base (never ``create_all``); an older one is backed
up (SQLite) and then upgraded; one newer than this app is refused with a clear message.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from ..errors import DatabaseError
from .engine import is_sqlite, sqlite_file
from .models import Base
from .paths import bundled_path

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# The newest revision in migrations/versions. Opening a database that is already there needs
# no Alembic import (a quarter of a second at start-up); tests/test_migrations.py checks that
# this matches Alembic's head.
SCHEMA_HEAD = "0001"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(bundled_path("migrations")))
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    heads = script_directory().get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads: {heads}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stamped_revision(engine: Engine) -> str | None:
    """The revision in ``alembic_version``, read with plain SQL (None if there is none)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except (OperationalError, ProgrammingError):
        return None  # no such table (yet)
    return rows[0][0] if len(rows) == 1 else None


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    created: bool
    backup: Path | None


def _describe(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _run(engine: Engine, name: str, *args) -> None:
    from alembic import command

    fn = getattr(command, name)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        fn(cfg, *args)


def upgrade(engine: Engine, *, backup: bool = True) -> UpgradeResult:
    """Bring the database to the head revision. Safe to call on every open."""
    where = _describe(engine)
    try:
        if _stamped_revision(engine) == SCHEMA_HEAD:
            return UpgradeResult(SCHEMA_HEAD, SCHEMA_HEAD, False, None)
        before = current_revision(engine)
        head = head_revision()
        if before == head:
            return UpgradeResult(before, head, False, None)
        script = script_directory()
        if before is not None:
            try:
                script.get_revision(before)
            except Exception:  # alembic raises several kinds for an unknown revision
                raise DatabaseError(
                    f"{where}: this database was written by a newer Annotator (schema revision "
                    f"{before}); this version knows schema revisions up to {head}. "
                    "Update Annotator to open it."
                ) from None
        else:
            tables = set(inspect(engine).get_table_names())
            if tables & set(Base.metadata.tables):
                raise DatabaseError(
                    f"{where}: the database has Annotator tables but no schema revision; "
                    "it was not made by Annotator's migrations. Refusing to touch it."
                )
        made_backup = None
        if before is not None and backup:
            made_backup = backup_database(engine, reason=f"before-upgrade-{before}")
        _run(engine, "upgrade", "head")
        return UpgradeResult(before, head, before is None, made_backup)
    except DatabaseError:
        raise
    except OperationalError as exc:
        raise DatabaseError(f"{where}: cannot open or upgrade the database: {exc.orig}") from exc
    except SQLAlchemyError as exc:
        raise DatabaseError(f"{where}: database error during upgrade: {exc}") from exc


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, "downgrade", revision)


def schema_drift(engine: Engine) -> list:
    """Differences between the models and the database (empty when they agree)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": is_sqlite(engine.url)}
        )
        return compare_metadata(ctx, Base.metadata)


def default_backup_path(engine: Engine, reason: str) -> Path:
    path = sqlite_file(engine.url)
    assert path is not None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.{stamp}.{reason}.bak{path.suffix}")


def backup_database(engine: Engine, dest: Path | None = None, *, reason: str = "manual") -> Path:
    """Copy the whole database to ``dest``: SQLite's online backup API, or ``pg_dump``."""
    if is_sqlite(engine.url):
        src = sqlite_file(engine.url)
        if src is None:
            raise DatabaseError("an in-memory database cannot be backed up")
        dest = Path(dest) if dest is not None else default_backup_path(engine, reason)
        if dest.exists():
            raise DatabaseError(f"{dest}: backup file exists already; choose another name")
        try:
            with sqlite3.connect(src) as source, sqlite3.connect(dest) as target:
                source.backup(target)
            target.close()
        except sqlite3.Error as exc:
            raise DatabaseError(f"{dest}: backup of {src} failed: {exc}") from exc
        return dest
    pg_dump = shutil.which("pg_dump")
    if dest is None:
        raise DatabaseError("PostgreSQL backup needs an output file (annotator db backup -o FILE)")
    if pg_dump is None:
        raise DatabaseError("PostgreSQL backup needs pg_dump on PATH (install postgresql-client)")
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    done = subprocess.run(
        [pg_dump, "--format=custom", f"--file={dest}", url], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise DatabaseError(f"pg_dump failed: {done.stderr.strip()}")
    return Path(dest)
