"""A damaged database at start (truncated, garbage header, failed check) is refused with the
latest good backup named, and never changed; a WAL file from a crash is recovered with every
row; a restore sets the current database aside first, and refuses a bad or newer backup."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import open_workspace
from annotator.errors import DamagedDatabaseError, DatabaseError
from annotator.storage import backups, health, migrate
from annotator.storage.engine import make_engine

from .test_backups_rotation import _corrupt_a_page, _database, _spans


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _truncate(path: Path) -> None:
    with path.open("rb+") as f:
        f.truncate(path.stat().st_size // 3)


def _garbage_header(path: Path) -> None:
    with path.open("rb+") as f:
        f.write(b"<html>not a database at all</html>")


DAMAGES = {
    "truncated": (_truncate, "is truncated"),
    "garbage header": (_garbage_header, "is not an SQLite database"),
    "failed check": (_corrupt_a_page, "failed its integrity check"),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_database_is_refused_naming_the_latest_good_backup(tmp_path, damage):
    db = _database(tmp_path)
    older = backups.take_backup(db, backups.DAILY)
    with open_workspace(db) as ws:  # one more span after that backup
        ws.annotations.add(ws.documents.list()[0].id, 10, 14, "statement")
    newest = backups.take_backup(db, backups.MANUAL)
    spoil, words = DAMAGES[damage]
    spoil(db)
    before = _digest(db)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_workspace(db)
    error = caught.value
    assert words in str(error) and str(db) in str(error) and "Nothing was changed" in str(error)
    assert error.latest[0].path == newest.path and error.latest[1].spans == 2
    assert f'db restore "{newest.path}"' in str(error)
    assert _digest(db) == before  # looked at, never touched
    assert older.path.exists()


def test_a_damaged_database_without_backups_says_where_they_would_be(tmp_path):
    db = tmp_path / "lone.sqlite3"
    db.write_bytes(b"PK\x03\x04 a zip file, renamed" + b"\0" * 200)
    with pytest.raises(DamagedDatabaseError, match="No good backup of it was found") as caught:
        open_workspace(db)
    assert caught.value.latest is None and str(backups.backup_folder(db)) in str(caught.value)


def test_the_latest_good_backup_skips_a_damaged_one(tmp_path):
    db = _database(tmp_path)
    good = backups.take_backup(db)
    bad = backups.take_backup(db)
    _garbage_header(bad.path)
    found = backups.latest_good_backup(db)
    assert found is not None and found[0].path == good.path
    assert "not an SQLite database" in backups.inspect_backup(bad.path).problem


def test_an_empty_or_missing_file_is_a_new_database_not_a_damaged_one(tmp_path):
    assert health.diagnose(tmp_path / "missing.sqlite3") is None
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert health.diagnose(empty) is None
    with open_workspace(empty) as ws:
        assert ws.created


CHILD = """
import sys
from annotator import open_workspace
ws = open_workspace(sys.argv[1])
doc = ws.documents.list()[0].id
n = 0
while True:
    ws.annotations.add(doc, n % 40, n % 40 + 3, "claim", note=f"edit {n}")
    print(n, flush=True)
    n += 1
"""


def test_a_wal_file_left_by_a_crash_is_recovered_with_every_acknowledged_span(tmp_path):
    db = _database(tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db)], stdout=subprocess.PIPE, text=True
    )
    acknowledged = [child.stdout.readline() for _ in range(60)]
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert health.wal_path(db).exists(), "the crash should leave the WAL behind"
    assert health.diagnose(db) is None
    with open_workspace(db) as ws:
        notes = {s.note for s in ws.annotations.list(ws.documents.list()[0].id)}
    assert {f"edit {n}" for n in range(len(acknowledged))} <= notes


def test_a_garbage_wal_file_is_ignored_and_loses_nothing(tmp_path):
    db = _database(tmp_path)
    health.wal_path(db).write_bytes(b"\x37" * 40_000)
    assert health.diagnose(db) is None
    with open_workspace(db) as ws:
        assert len(ws.annotations.list(ws.documents.list()[0].id)) == 1


def test_restore_sets_the_current_database_aside_then_puts_the_backup_in_place(tmp_path):
    db = _database(tmp_path)
    backup = backups.take_backup(db)
    with open_workspace(db) as ws:
        ws.annotations.add(ws.documents.list()[0].id, 10, 14, "statement")
    assert _spans(db) == 2
    result = backups.restore_backup(db, backup.path, head=migrate.SCHEMA_HEAD)
    assert _spans(db) == 1 and (result.restored.documents, result.restored.spans) == (1, 1)
    assert result.saved_aside is not None and _spans(result.saved_aside) == 2
    assert ".before-restore." in result.saved_aside.name
    assert not health.wal_path(db).exists() and not health.shm_path(db).exists()
    with open_workspace(db) as ws:
        assert len(ws.annotations.list(ws.documents.list()[0].id)) == 1


def test_restore_over_a_damaged_database_keeps_its_bytes_and_its_wal(tmp_path):
    db = _database(tmp_path)
    backup = backups.take_backup(db)
    _truncate(db)
    health.wal_path(db).write_bytes(b"left by a crash")
    damaged_bytes = db.read_bytes()
    result = backups.restore_backup(db, backup.path)
    assert result.saved_aside.read_bytes() == damaged_bytes
    assert ".damaged." in result.saved_aside.name
    wal_copy = result.saved_aside.with_name(result.saved_aside.name + "-wal")
    assert wal_copy.read_bytes() == b"left by a crash"
    assert _spans(db) == 1 and health.diagnose(db, thorough=True) is None
    backups.rotate(backups.backup_folder(db))
    assert result.saved_aside.exists()  # a damaged copy is never rotated away


def test_restore_refuses_a_bad_backup_and_changes_nothing(tmp_path):
    db = _database(tmp_path)
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"nope" * 100)
    before = _digest(db)
    with pytest.raises(DatabaseError, match="cannot be restored.*nothing changed"):
        backups.restore_backup(db, bad)
    with pytest.raises(DatabaseError, match="no such file"):
        backups.restore_backup(db, tmp_path / "gone.sqlite3")
    assert _digest(db) == before and backups.list_backups(db) == []


def test_restore_refuses_a_backup_from_a_newer_app(tmp_path):
    db = _database(tmp_path)
    newer = backups.take_backup(db)
    with sqlite3.connect(newer.path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseError, match="newer Annotator.*nothing changed"):
        backups.restore_backup(db, newer.path, head=migrate.SCHEMA_HEAD)
    assert _spans(db) == 1


def test_an_older_backup_is_upgraded_when_opened_after_a_backup_of_its_own(tmp_path):
    db = _database(tmp_path)
    old = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{old}")
    migrate.upgrade_to(engine, "0001")
    engine.dispose()
    backups.restore_backup(db, old, head=migrate.SCHEMA_HEAD)
    with open_workspace(db) as ws:
        result = ws.upgrade_result
        assert (result.before, result.after) == ("0001", migrate.SCHEMA_HEAD)
        assert result.backup.parent == backups.backup_folder(db)
        assert ".before-upgrade-0001." in result.backup.name


def test_restoring_a_file_with_its_own_wal_brings_what_the_wal_holds(tmp_path):
    db = _database(tmp_path)
    (tmp_path / "other").mkdir()
    other = _database(tmp_path / "other")
    writer = sqlite3.connect(other, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE annotation SET note = 'only in the WAL'")
    loose = tmp_path / "loose.sqlite3"  # a copy of the two files, as a user might have one
    loose.write_bytes(other.read_bytes())
    health.wal_path(loose).write_bytes(health.wal_path(other).read_bytes())
    writer.close()
    backups.restore_backup(db, loose)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT note FROM annotation").fetchall() == [("only in the WAL",)]
