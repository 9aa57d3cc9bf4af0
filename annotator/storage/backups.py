"""Backups of an SQLite database in the data folder: taken, rotated, listed, checked, restored.

- **Taken** with SQLite's online backup API in one step: one read transaction, so the copy is
  one consistent moment, and in WAL mode the app's edits go on while it is written. The copy
  is written under a ``.part`` name, checked with ``PRAGMA quick_check``, synced and only then
  renamed: a backup on the list is always whole.
- **When:** at most one a day while the app is used (``take_daily_if_due``), one before each
  migration (``before-upgrade-REV``), one before each restore (``before-restore``), and on
  request (``manual``).
- **Kept** by a rotation: the newest daily backup of each of the last ``KEEP_DAILY`` days
  that have one, and of each of the last ``KEEP_WEEKLY`` weeks (as restic's ``--keep-daily
  7 --keep-weekly 4``); the newest ``KEEP_OTHER`` of each other kind. A damaged database set
  aside by a restore (``damaged``) is never deleted.
- **Where:** ``<data folder>/backups/<database name>-<hash of its path>/``, one folder per
  database, with a ``database.txt`` naming the file they belong to.

PostgreSQL has none of this: the server's own backups apply (``annotator db backup -o FILE``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..errors import DamagedDatabaseError, DatabaseError
from ..wording import counted
from .health import check_connection, diagnose, shm_path, wal_path
from .paths import data_dir

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_OTHER = 5
DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
DAMAGED = "damaged"
NEVER_ROTATED = frozenset({DAMAGED})
SPACE_MARGIN = 16 * 1024 * 1024  # bytes left free on the disk after a backup, at least

_STAMP = "%Y%m%d-%H%M%S"
SUFFIX = ".sqlite3"
_NAME = re.compile(
    r"^(?P<stem>.+)\.(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.(?P<kind>[a-z0-9-]+)\.sqlite3$"
)


def before_upgrade(revision: str) -> str:
    """The kind of the backup taken before upgrading a database at ``revision``."""
    return f"before-upgrade-{revision}"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime  # local time
    kind: str
    size: int

    @property
    def rotation_group(self) -> str:
        return "before-upgrade" if self.kind.startswith("before-upgrade") else self.kind


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, read without changing it."""

    path: Path
    problem: str | None  # None: a sound SQLite database of this app
    revision: str | None = None
    documents: int | None = None
    spans: int | None = None

    @property
    def good(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    saved_aside: Path | None  # the database as it was, or None when there was none


# -- where -------------------------------------------------------------------------------------
def backup_folder(database: str | Path, root: Path | None = None) -> Path:
    """The folder of ``database``'s backups (not created here)."""
    database = Path(database).resolve()
    key = hashlib.sha256(os.fsencode(database)).hexdigest()[:8]
    root = root if root is not None else data_dir() / "backups"
    return root / f"{database.stem}-{key}"


def _prepare_folder(database: Path, folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / "database.txt"
        if not note.exists():
            note.write_text(f"Backups of {database}\n", encoding="utf-8")
    except OSError as exc:
        raise DatabaseError(f"{folder}: cannot make the backup folder: {_why(exc)}") from exc


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


# -- take ---------------------------------------------------------------------------------------
def take_backup(
    database: str | Path,
    kind: str = MANUAL,
    *,
    folder: Path | None = None,
    dest: Path | None = None,
    now: dt.datetime | None = None,
) -> Backup:
    """Copy ``database`` into its backup folder (or to ``dest``) and check the copy.

    Raises DatabaseError naming the file when the disk has no room, the copy fails, or the
    copy fails its check (then the database itself is damaged); no partial file is left."""
    database = Path(database)
    if not database.exists():
        raise DatabaseError(f"{database}: no such database to back up")
    now = now or dt.datetime.now()
    if dest is None:
        folder = folder if folder is not None else backup_folder(database)
        _prepare_folder(database.resolve(), folder)
        dest = _free_name(folder, database, now, kind)
    elif dest.exists():
        raise DatabaseError(f"{dest}: backup file exists already; choose another name")
    _check_space(database, dest)
    part = dest.with_name(dest.name + ".part")
    try:
        _copy(database, part)
        os.replace(part, dest)
        _sync_folder(dest.parent)
    except BaseException:
        _discard(part)
        raise
    return Backup(dest, now.replace(microsecond=0), kind, dest.stat().st_size)


def _free_name(folder: Path, database: Path, now: dt.datetime, kind: str) -> Path:
    stamp = now.strftime(_STAMP)
    dest = folder / f"{database.stem}.{stamp}.{kind}{SUFFIX}"
    n = 1
    while dest.exists():  # two in one second (tests, scripts): never overwrite one
        n += 1
        dest = folder / f"{database.stem}.{stamp}-{n}.{kind}{SUFFIX}"
    return dest


def _check_space(database: Path, dest: Path) -> None:
    folder = dest.parent
    need = database.stat().st_size
    if wal_path(database).exists():
        need += wal_path(database).stat().st_size
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise DatabaseError(f"{dest}: cannot write the backup into {folder}: {_why(exc)}") from exc
    if free < need + SPACE_MARGIN:
        raise DatabaseError(
            f"{dest}: not enough free space in {folder} for a backup of {database} "
            f"({need / 1e6:,.1f} MB needed, {free / 1e6:,.1f} MB free); nothing was written"
        )


def _discard(part: Path) -> None:
    for leftover in (part, wal_path(part), shm_path(part)):
        leftover.unlink(missing_ok=True)


def _copy(database: Path, part: Path) -> None:
    """``database`` (with what its WAL holds) into the new file ``part``, checked and synced."""
    try:
        source = sqlite3.connect(database, timeout=30)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{database}: cannot be opened for a backup: {exc}") from exc
    try:
        target = sqlite3.connect(part)
        try:
            source.backup(target)  # one step: one consistent snapshot, writers not blocked
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            problem = check_connection(target)
            if problem is not None:
                raise DatabaseError(
                    f"{database}: {problem}. The backup was not kept; the latest good one "
                    "is still there"
                )
        finally:
            target.close()
        with part.open("rb+") as f:
            os.fsync(f.fileno())
    except sqlite3.Error as exc:
        raise DatabaseError(f"{part.with_suffix('')}: copy of {database} failed: {exc}") from exc
    finally:
        source.close()


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def take_daily_if_due(
    database: str | Path, *, folder: Path | None = None, now: dt.datetime | None = None
) -> Backup | None:
    """Today's backup, when there is none yet (then the rotation runs); else None."""
    database = Path(database)
    if not database.exists() or database.stat().st_size == 0:
        return None
    now = now or dt.datetime.now()
    folder = folder if folder is not None else backup_folder(database)
    if any(b.kind == DAILY and b.taken.date() == now.date() for b in list_backups_in(folder)):
        return None
    made = take_backup(database, DAILY, folder=folder, now=now)
    rotate(folder)
    return made


# -- list and rotate ----------------------------------------------------------------------------
def list_backups(database: str | Path, *, folder: Path | None = None) -> list[Backup]:
    """``database``'s backups, newest first."""
    return list_backups_in(folder if folder is not None else backup_folder(database))


def list_backups_in(folder: Path) -> list[Backup]:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for path in entries:
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        try:
            taken = dt.datetime.strptime(match["stamp"], _STAMP)
            stat = path.stat()
        except (ValueError, OSError):
            continue
        backup = Backup(path, taken, match["kind"], stat.st_size)
        found.append((taken, int(match["n"] or 1), stat.st_mtime_ns, backup))
    found.sort(key=lambda item: item[:3], reverse=True)  # within a second: the later write
    return [item[-1] for item in found]


def kept_by_rotation(backups: list[Backup]) -> set[Path]:
    """Which of ``backups`` (newest first) the rotation keeps."""
    keep: set[Path] = set()
    daily = [b for b in backups if b.kind == DAILY]
    for period, count in ((lambda b: b.taken.date(), KEEP_DAILY), (_week, KEEP_WEEKLY)):
        seen = []
        for backup in daily:
            key = period(backup)
            if key not in seen:
                if len(seen) == count:
                    break
                seen.append(key)
                keep.add(backup.path)
    others: dict[str, int] = {}
    for backup in backups:
        if backup.kind == DAILY:
            continue
        group = backup.rotation_group
        others[group] = others.get(group, 0) + 1
        if backup.kind in NEVER_ROTATED or others[group] <= KEEP_OTHER:
            keep.add(backup.path)
    return keep


def _week(backup: Backup) -> tuple[int, int]:
    year, week, _ = backup.taken.isocalendar()
    return year, week


def rotate(folder: Path) -> list[Path]:
    """Delete the backups the rotation does not keep; returns what was deleted."""
    backups = list_backups_in(folder)
    keep = kept_by_rotation(backups)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


# -- check and restore --------------------------------------------------------------------------
def inspect_backup(path: str | Path, *, check: bool = True) -> BackupInfo:
    """Open ``path`` read-only: is it a sound database of this app, at which revision, with
    how many documents and spans. ``check``: run ``quick_check`` too."""
    path = Path(path)
    if not path.is_file():
        return BackupInfo(path, "no such file")
    damage = diagnose(path) if not wal_path(path).exists() else None
    if damage is not None:
        return BackupInfo(path, damage.problem)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return BackupInfo(path, f"cannot be opened: {exc}")
    try:
        problem = check_connection(conn) if check else None
        if problem is not None:
            return BackupInfo(path, problem)
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            documents = conn.execute("SELECT count(*) FROM document").fetchone()[0]
            spans = conn.execute("SELECT count(*) FROM annotation").fetchone()[0]
        except sqlite3.Error:
            return BackupInfo(path, "is not an Annotator database")
    finally:
        conn.close()
    return BackupInfo(path, None, revision[0] if revision else None, documents, spans)


def latest_good_backup(
    database: str | Path, *, folder: Path | None = None
) -> tuple[Backup, BackupInfo] | None:
    """The newest backup that passes its check (None: there is none)."""
    for backup in list_backups(database, folder=folder):
        if backup.kind == DAMAGED:
            continue
        info = inspect_backup(backup.path)
        if info.good:
            return backup, info
    return None


def restore_backup(
    database: str | Path, backup: str | Path, *, folder: Path | None = None, head: str | None = None
) -> RestoreResult:
    """Put ``backup`` in place of ``database``, after saving the database aside.

    The caller makes sure no program has the database open. ``head``: this app's newest
    schema revision; a backup from a newer app is refused. Nothing is changed on refusal."""
    database, backup = Path(database), Path(backup)
    info = inspect_backup(backup)
    if not info.good:
        raise DatabaseError(f"{backup}: cannot be restored: it {info.problem}; nothing changed")
    if head is not None and info.revision is not None and info.revision > head:
        raise DatabaseError(
            f"{backup}: made by a newer Annotator (schema {info.revision}, this app knows up "
            f"to {head}); nothing changed"
        )
    folder = folder if folder is not None else backup_folder(database)
    saved = _save_aside(database, folder) if database.exists() else None
    part = database.with_name(f".{database.name}.restore.part")
    kept = f"; the database as it was is saved at {saved}" if saved else ""
    try:
        _copy(backup, part)  # through SQLite: a backup's own WAL file comes with it
        for stale in (wal_path(database), shm_path(database)):  # they belong to the old file
            stale.unlink(missing_ok=True)
        os.replace(part, database)
        _sync_folder(database.parent)
    except OSError as exc:
        _discard(part)
        raise DatabaseError(
            f"{database}: the backup could not be put in place: {_why(exc)}{kept}"
        ) from exc
    except DatabaseError as exc:
        _discard(part)
        raise DatabaseError(f"{exc}{kept}") from exc
    return RestoreResult(info, saved)


def _save_aside(database: Path, folder: Path) -> Path:
    """The database as it is, into the backup folder: a checked backup when it is sound, else
    a byte-for-byte copy of the file and its WAL (kind ``damaged``, never rotated away)."""
    if diagnose(database, thorough=True) is None:
        try:
            return take_backup(database, BEFORE_RESTORE, folder=folder).path
        except DatabaseError as exc:
            if "not enough free space" in str(exc):
                raise
    _prepare_folder(database.resolve(), folder)
    dest = _free_name(folder, database, dt.datetime.now(), DAMAGED)
    try:
        shutil.copyfile(database, dest)
        for extra in (wal_path(database), shm_path(database)):
            if extra.exists():
                shutil.copyfile(extra, dest.with_name(dest.name + extra.name[-4:]))
    except OSError as exc:
        dest.unlink(missing_ok=True)
        raise DatabaseError(f"{dest}: cannot set the database aside: {_why(exc)}") from exc
    return dest


# -- at start -----------------------------------------------------------------------------------
def refuse_if_damaged(database: str | Path, *, folder: Path | None = None) -> None:
    """Raise DamagedDatabaseError (naming the latest good backup) when ``database`` is damaged;
    the file is left exactly as it is. Called before the app or the CLI opens a database."""
    database = Path(database)
    damage = diagnose(database)
    if damage is None:
        return
    folder = folder if folder is not None else backup_folder(database)
    latest = latest_good_backup(database, folder=folder)
    message = f"The database {damage}. Nothing was changed."
    if latest is not None:
        message += (
            f" The latest good backup is {latest[0].path} ({describe(latest[0], latest[1])}); "
            f'restore it with: annotator --db "{database}" db restore "{latest[0].path}" '
            "(the damaged file is set aside, not deleted)."
        )
    else:
        message += (
            f" No good backup of it was found in {folder}. Keep a copy of the file before "
            "trying to repair it (e.g. sqlite3's .recover)."
        )
    raise DamagedDatabaseError(
        message, path=database, problem=damage.problem, latest=latest, folder=folder
    )


KIND_NAMES = {
    DAILY: "daily",
    MANUAL: "made by hand",
    BEFORE_RESTORE: "before a restore",
    DAMAGED: "damaged copy, set aside",
}


def kind_name(kind: str) -> str:
    """``before-upgrade-0007`` → "before the upgrade from schema 0007", for people."""
    if kind.startswith("before-upgrade-"):
        return f"before the upgrade from schema {kind.removeprefix('before-upgrade-')}"
    return KIND_NAMES.get(kind, kind)


def describe(backup: Backup, info: BackupInfo | None = None) -> str:
    """ "taken 2026-12-03 17:10, daily, 12 documents, 340 spans": one line for a backup."""
    text = f"taken {backup.taken:%Y-%m-%d %H:%M}, {kind_name(backup.kind)}"
    if info is not None and info.documents is not None:
        text += f", {counted(info.documents, 'document')}, {counted(info.spans, 'span')}"
    return text
