"""``annotator db backups`` (list a database's automatic backups) and ``annotator db restore``.

Neither opens the database through the app: a damaged one can be listed and restored."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import DatabaseError
from ..storage import backups, migrate
from ..storage.engine import resolve_url, sqlite_file
from ..storage.instance_lock import InstanceLock

LATEST = "latest"

POSTGRESQL_NOTE = (
    "{where} is a PostgreSQL database: Annotator keeps no backup files of a server; the "
    "server's own backups apply (pg_dump, pg_basebackup, your provider's snapshots), and "
    "`annotator db backup -o FILE` writes one now (restore it with pg_restore)."
)


def add_parsers(dbsub) -> None:
    listing = dbsub.add_parser(
        "backups",
        help="list the database's automatic backups, newest first",
        description="The app keeps a backup a day while it is used (7 daily and 4 weekly are "
        "kept), one before each upgrade and one before each restore, in the data folder.",
    )
    listing.add_argument(
        "--check", action="store_true", help="also check each backup's integrity (slower)"
    )
    listing.set_defaults(run=list_backups)
    restore = dbsub.add_parser(
        "restore",
        help="replace the database by a backup (the current one is saved aside first)",
        description="Close the app first. The database as it is now is saved into the backup "
        "folder (a checked backup, or a byte-for-byte copy when it is damaged), then the "
        "backup is put in its place. A backup from an older version is upgraded on next open.",
    )
    restore.add_argument(
        "file", metavar="FILE", help=f"a backup file (see `db backups`), or {LATEST!r}"
    )
    restore.set_defaults(run=restore_backup)


def _database(args: argparse.Namespace) -> Path | None:
    """The SQLite file behind ``--db`` (None: PostgreSQL, after saying what applies)."""
    url = resolve_url(args.db)
    path = sqlite_file(url)
    if path is None:
        where = url.render_as_string(hide_password=True)
        if url.get_backend_name() == "sqlite":
            raise DatabaseError(f"{where}: an in-memory database has no backups")
        print(POSTGRESQL_NOTE.format(where=where), file=sys.stderr)
    return path


def list_backups(args: argparse.Namespace) -> int:
    database = _database(args)
    if database is None:
        return 0
    found = backups.list_backups(database)
    folder = backups.backup_folder(database)
    if not found:
        print(f"no backups of {database} yet (they go to {folder})", file=sys.stderr)
        return 0
    print(f"backups of {database}, newest first (in {folder}):", file=sys.stderr)
    bad = 0
    for backup in found:
        info = backups.inspect_backup(backup.path, check=args.check)
        state = "good" if info.good else f"DAMAGED: it {info.problem}"
        bad += not info.good
        counts = (
            f"{info.documents:>6,} docs {info.spans:>8,} spans  schema {info.revision}"
            if info.documents is not None
            else ""
        )
        print(
            f"{backup.taken:%Y-%m-%d %H:%M:%S}  {backup.kind:<22} {backup.size / 1e6:>8.1f} MB  "
            f"{counts}  {state if args.check or not info.good else ''}".rstrip()
            + f"\n    {backup.path}"
        )
    return 1 if bad and args.check else 0


def restore_backup(args: argparse.Namespace) -> int:
    database = _database(args)
    if database is None:
        return 1
    if args.file == LATEST:
        latest = backups.latest_good_backup(database)
        if latest is None:
            folder = backups.backup_folder(database)
            raise DatabaseError(f"no good backup of {database} in {folder}")
        source = latest[0].path
    else:
        source = Path(args.file).expanduser()
    holder = InstanceLock(resolve_url(args.db)).holder()
    if holder is not None:
        raise DatabaseError(
            f"{database} is open in Annotator (process {holder.get('pid')}); close it, or use "
            "File ▸ Restore from backup… there. Nothing changed."
        )
    result = backups.restore_backup(database, source, head=migrate.SCHEMA_HEAD)
    if result.saved_aside is not None:
        print(f"saved the database as it was to {result.saved_aside}", file=sys.stderr)
    info = result.restored
    print(
        f"restored {source} to {database}: schema {info.revision}, {info.documents:,} "
        f"document(s), {info.spans:,} span(s)",
        file=sys.stderr,
    )
    if info.revision != migrate.SCHEMA_HEAD:
        print(
            f"it is upgraded to schema {migrate.SCHEMA_HEAD} when next opened "
            "(after a backup of its own)",
            file=sys.stderr,
        )
    return 0
