"""Create and upgrade the database with Alembic, in-process (also in the frozen app).

A new database is built by upgrading from base (never ``create_all``); an older one is
upgraded; one newer than this app is refused with a clear message. Every upgrade runs in one
transaction on the caller's connection (``_run``; ``migrations/env.py`` adds none of its own):

- PostgreSQL has transactional DDL, so a failed migration leaves the old schema and the old
  revision. No file is written before an upgrade there; the server's own backups apply
  (``annotator db backup -o FILE`` writes one on demand).
- SQLite is copied into its backup folder first (``backup_database``, ``storage.backups``),
  then upgraded.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError, SQLAlchemyError

from ..errors import DatabaseError
from . import backups
from .engine import is_sqlite, sqlite_file
from .models import Base
from .paths import bundled_path

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

# The newest revision in migrations/versions. Opening a database that is already there needs
# no Alembic import (a quarter of a second at start-up); tests/test_migrations.py checks that
# this matches Alembic's head.
SCHEMA_HEAD = "0009"

# The trigger of migration 0002 that refuses a change of a document's text or sha256 (it
# raises models.TEXT_IMMUTABLE_MESSAGE); schema_drift reports it missing or disabled.
IMMUTABLE_TEXT_TRIGGER = "document_text_immutable"

# The full-text search index of migration 0008 (FTS5 tables and their shadow tables on SQLite,
# GIN expression indexes on PostgreSQL) is not in the models: the drift check leaves it out.
SEARCH_PREFIX = "search_"

# pg_advisory_xact_lock key: two clients opening an old PostgreSQL database at once upgrade it
# one after the other (the second finds it upgraded), not both at the same time.
_PG_UPGRADE_LOCK = 0x616E6E6F  # "anno"

ScriptLocation = str | os.PathLike[str] | None


def alembic_config(script_location: ScriptLocation = None) -> Config:
    """Alembic's config for the bundled ``migrations`` folder, or ``script_location`` (tests)."""
    from alembic.config import Config

    cfg = Config()
    where = script_location if script_location is not None else bundled_path("migrations")
    cfg.set_main_option("script_location", os.fspath(where))
    return cfg


def script_directory(script_location: ScriptLocation = None) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(script_location))


def head_revision(script_location: ScriptLocation = None) -> str:
    heads = script_directory(script_location).get_heads()
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
    note: str | None = None  # e.g. why no backup file was written (PostgreSQL)


def _describe(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _run(engine: Engine, name: str, *args, script_location: ScriptLocation = None) -> None:
    """``alembic <name> <args>`` in ONE transaction, the one begun here: env.py sees it as an
    external transaction and adds none (transaction_per_migration is off), so on PostgreSQL a
    failing migration rolls back every step of the run, its revision stamp included."""
    from alembic import command

    fn = getattr(command, name)
    cfg = alembic_config(script_location)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_UPGRADE_LOCK})
        cfg.attributes["connection"] = conn
        fn(cfg, *args)


def upgrade(
    engine: Engine, *, backup: bool = True, script_location: ScriptLocation = None
) -> UpgradeResult:
    """Bring the database to the head revision. Safe to call on every open.

    ``backup``: copy an SQLite file before upgrading it (PostgreSQL: never a file; the whole
    upgrade is one transaction). ``script_location``: another migrations folder (tests)."""
    where = _describe(engine)
    try:
        if script_location is None and _stamped_revision(engine) == SCHEMA_HEAD:
            return UpgradeResult(SCHEMA_HEAD, SCHEMA_HEAD, False, None)
        before = current_revision(engine)
        head = head_revision(script_location)
        if before == head:
            return UpgradeResult(before, head, False, None)
        script = script_directory(script_location)
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
        made_backup = note = None
        if before is not None and is_sqlite(engine.url):
            if backup:
                made_backup = backup_database(engine, reason=backups.before_upgrade(before))
        elif before is not None:
            note = (
                "no backup file before the upgrade on PostgreSQL: it ran in one transaction "
                "(a failure changes nothing); the server's own backups apply"
            )
            log.info("%s: upgrading from %s to %s; %s", where, before, head, note)
        try:
            _run(engine, "upgrade", "head", script_location=script_location)
        except Exception as exc:
            raise _upgrade_failed(engine, where, before, head, made_backup, exc) from exc
        return UpgradeResult(before, head, before is None, made_backup, note)
    except DatabaseError:
        raise
    except OperationalError as exc:
        raise DatabaseError(f"{where}: cannot open or upgrade the database: {exc.orig}") from exc
    except SQLAlchemyError as exc:
        raise DatabaseError(f"{where}: database error during upgrade: {exc}") from exc


def _upgrade_failed(
    engine: Engine,
    where: str,
    before: str | None,
    head: str,
    made_backup: Path | None,
    exc: Exception,
) -> DatabaseError:
    """The message for a failed migration run, with the revision the database is at now."""
    reason = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    try:
        now = _stamped_revision(engine)
    except SQLAlchemyError:
        now = "unknown"
    state = (
        f"it is still at schema revision {now}, unchanged (the upgrade was rolled back)"
        if now == before
        else f"it is now at schema revision {now or '(none)'}"
    )
    if made_backup is not None:
        state += f"; the copy made before the upgrade: {made_backup}"
    return DatabaseError(
        f"{where}: upgrading the database from schema revision {before or '(none)'} to {head} "
        f"failed: {type(reason).__name__}: {reason}. {state[0].upper()}{state[1:]}."
    )


def upgrade_to(engine: Engine, revision: str, *, script_location: ScriptLocation = None) -> None:
    """Plain ``alembic upgrade <revision>`` in one transaction (no checks, no backup): for
    tests and tools that need a database at an older revision."""
    _run(engine, "upgrade", revision, script_location=script_location)


def downgrade(engine: Engine, revision: str, *, script_location: ScriptLocation = None) -> None:
    _run(engine, "downgrade", revision, script_location=script_location)


def schema_drift(engine: Engine) -> list:
    """Differences between the models and the database (empty when they agree): Alembic's
    comparison of tables, columns, indexes and constraints, plus the triggers the migrations
    make, which the models do not describe (``missing_triggers``)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "render_as_batch": is_sqlite(engine.url),
                "include_name": _not_search_index,
            },
        )
        diffs = list(compare_metadata(ctx, Base.metadata))
    return diffs + missing_triggers(engine)


def _not_search_index(name: str | None, type_: str, parent_names: dict) -> bool:
    return not (name or "").startswith(SEARCH_PREFIX)


def missing_triggers(engine: Engine) -> list[tuple[str, str, str]]:
    """``("missing_trigger"|"disabled_trigger", name, table)`` for each trigger of the head
    schema that is absent or switched off (an SQLite batch migration that recreates
    ``document`` drops its triggers: this notices)."""
    with engine.connect() as conn:
        if is_sqlite(engine.url):
            rows = conn.execute(
                text("SELECT 'O' FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
                {"name": IMMUTABLE_TEXT_TRIGGER},
            ).all()
        else:
            rows = conn.execute(
                text(
                    "SELECT tgenabled FROM pg_trigger "
                    "WHERE tgname = :name AND tgrelid = to_regclass('document')"
                ),
                {"name": IMMUTABLE_TEXT_TRIGGER},
            ).all()
    if not rows:
        return [("missing_trigger", IMMUTABLE_TEXT_TRIGGER, "document")]
    if rows[0][0] == "D":
        return [("disabled_trigger", IMMUTABLE_TEXT_TRIGGER, "document")]
    return []


def backup_database(engine: Engine, dest: Path | None = None, *, reason: str = "manual") -> Path:
    """Copy the whole database to ``dest``, or into its backup folder (``storage.backups``,
    kind ``reason``, then rotated): SQLite's online backup API, checked. PostgreSQL:
    ``pg_dump`` into ``dest`` (``pg_dump_backup``; ``annotator db backup`` falls back to a JSONL
    export without it)."""
    if not is_sqlite(engine.url):
        if dest is None:
            raise DatabaseError(
                "PostgreSQL backup needs an output file (annotator db backup -o FILE)"
            )
        return pg_dump_backup(engine, Path(dest))
    src = sqlite_file(engine.url)
    if src is None:
        raise DatabaseError("an in-memory database cannot be backed up")
    if dest is not None:
        return backups.take_backup(src, reason, dest=Path(dest)).path
    made = backups.take_backup(src, reason)
    backups.rotate(made.path.parent)
    return made.path


def _refuse_existing(dest: Path) -> None:
    if dest.exists():
        raise DatabaseError(f"{dest}: backup file exists already; choose another name")


def pg_dump_backup(engine: Engine, dest: Path) -> Path:
    """``pg_dump --format=custom`` of the database into ``dest`` (restore with pg_restore).
    Raises DatabaseError when pg_dump is not on PATH or fails (e.g. older than the server);
    a partial file is removed."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise DatabaseError("PostgreSQL backup needs pg_dump on PATH (install postgresql-client)")
    dest = Path(dest)
    _refuse_existing(dest)
    url = engine.url.set(drivername="postgresql", password=None)
    env = dict(os.environ)
    if engine.url.password:  # by environment, not on the command line (visible in ps)
        env["PGPASSWORD"] = str(engine.url.password)
    try:
        done = subprocess.run(
            [pg_dump, "--format=custom", f"--file={dest}", url.render_as_string()],
            capture_output=True,
            text=True,
            env=env,
        )
    except OSError as exc:
        raise DatabaseError(f"pg_dump ({pg_dump}) cannot run: {exc}") from exc
    if done.returncode != 0:
        dest.unlink(missing_ok=True)
        raise DatabaseError(f"pg_dump failed: {done.stderr.strip()}")
    return dest
