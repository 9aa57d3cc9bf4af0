"""Automatic backups: taken with the online backup API into the data folder, checked, at most
one a day, kept by a 7 daily + 4 weekly rotation; edits are never blocked while one is taken;
a damaged database is never backed up over the good ones; a full disk writes nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

from annotator import open_workspace
from annotator.errors import DatabaseError
from annotator.storage import backups, migrate
from annotator.storage.paths import data_dir

TEXT = "Ceasefire talk in Orvel\n\nThe ministry said “7 soldiers” were wounded 🕊️ at dawn.\n"


def _database(tmp_path: Path, name: str = "study.sqlite3") -> Path:
    path = tmp_path / name
    with open_workspace(path) as ws:
        doc = ws.add_document(TEXT, outlet="Wire")
        ws.annotations.add(doc, 0, 9, "claim", note="lead")
    return path


def _spans(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM annotation").fetchone()[0]


def test_a_backup_is_a_checked_copy_in_the_data_folder(tmp_path):
    db = _database(tmp_path)
    made = backups.take_backup(db, backups.MANUAL)
    folder = backups.backup_folder(db)
    assert made.path.parent == folder and folder.is_relative_to(data_dir())
    assert "study.sqlite3" in (folder / "database.txt").read_text(encoding="utf-8")
    info = backups.inspect_backup(made.path)
    assert info.good and (info.documents, info.spans) == (1, 1)
    assert info.revision == migrate.SCHEMA_HEAD
    with sqlite3.connect(made.path) as conn:  # one self-contained file, not a WAL database
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    second = backups.take_backup(db, backups.MANUAL)  # the same second: never overwritten
    assert second.path != made.path and made.path.exists()
    assert [b.path for b in backups.list_backups(db)][:2] == [second.path, made.path]
    assert not list(folder.glob("*.part"))


def test_two_databases_keep_their_backups_apart(tmp_path):
    one = _database(tmp_path, "one.sqlite3")
    (tmp_path / "b").mkdir()
    same_name = _database(tmp_path / "b", "one.sqlite3")
    assert backups.backup_folder(one) != backups.backup_folder(same_name)


def test_at_most_one_daily_backup_a_day(tmp_path):
    db = _database(tmp_path)
    morning = dt.datetime(2026, 11, 9, 9, 0)
    first = backups.take_daily_if_due(db, now=morning)
    assert first is not None and first.kind == backups.DAILY
    assert backups.take_daily_if_due(db, now=morning.replace(hour=18)) is None
    assert backups.take_daily_if_due(db, now=morning + dt.timedelta(days=1)) is not None
    assert len(backups.list_backups(db)) == 2


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path):
    db = _database(tmp_path)
    folder = backups.backup_folder(db)
    day = dt.date(2026, 10, 1)  # a Thursday; one backup a day up to Monday 9 November
    while day <= dt.date(2026, 11, 9):
        backups.take_daily_if_due(db, now=dt.datetime.combine(day, dt.time(10, 0)))
        day += dt.timedelta(days=1)
    kept = sorted(b.taken.date() for b in backups.list_backups_in(folder))
    last_seven = [dt.date(2026, 11, d) for d in range(3, 10)]
    # the newest of each of the four newest ISO weeks: Mon 9 Nov (week 46), then the Sundays
    # closing weeks 45, 44 and 43 (8 Nov is among the last seven days already)
    weekly = [dt.date(2026, 10, 25), dt.date(2026, 11, 1)]
    assert kept == weekly + last_seven


def test_rotation_of_other_kinds_keeps_the_newest_and_every_damaged_copy(tmp_path):
    db = _database(tmp_path)
    folder = backups.backup_folder(db)
    start = dt.datetime(2026, 11, 1, 8, 0)
    made = [
        backups.take_backup(db, backups.before_upgrade(f"000{n}"), now=start + dt.timedelta(n))
        for n in range(1, 8)
    ]
    (folder / f"study.{start:%Y%m%d-%H%M%S}.damaged.sqlite3").write_bytes(b"kept forever")
    backups.rotate(folder)
    left = {b.path for b in backups.list_backups_in(folder)}
    assert {b.path for b in made[-backups.KEEP_OTHER :]} <= left
    assert not {b.path for b in made[: -backups.KEEP_OTHER]} & left
    assert any(b.kind == backups.DAMAGED for b in backups.list_backups_in(folder))


def test_a_backup_never_blocks_an_edit(tmp_path):
    """Edits with no busy timeout at all go on while a backup of a 20 MB database is taken."""
    db = _database(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE bulk (x TEXT)")
        conn.executemany("INSERT INTO bulk VALUES (?)", [("x" * 2000,)] * 10_000)
    done: list[object] = []
    thread = threading.Thread(target=lambda: done.append(backups.take_backup(db)))
    writer = sqlite3.connect(db, timeout=0, isolation_level=None)
    overlapped = 0
    thread.start()
    while thread.is_alive():
        writer.execute("UPDATE label SET name = name WHERE key = 'claim'")  # a real write
        overlapped += thread.is_alive()
    thread.join()
    writer.close()
    assert overlapped > 0, "the backup ended before any edit: make the database bigger"
    assert isinstance(done[0], backups.Backup) and backups.inspect_backup(done[0].path).good


def _corrupt_a_page(path: Path) -> None:
    """Scribble over the annotation table's b-tree page, leaving the header alone."""
    with sqlite3.connect(path) as conn:
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'annotation'")
        root = page.fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("rb+") as f:
        f.seek((root - 1) * size)
        f.write(b"\x0d" + b"\xff" * 40)


def test_a_damaged_database_is_not_backed_up_and_the_good_backups_stay(tmp_path):
    db = _database(tmp_path)
    good = backups.take_backup(db)
    _corrupt_a_page(db)
    with pytest.raises(DatabaseError, match="integrity check.*not kept"):
        backups.take_backup(db)
    assert [b.path for b in backups.list_backups(db)] == [good.path]
    assert not list(good.path.parent.glob("*.part"))


@pytest.fixture
def tiny_disk(tmp_path):
    """A 3 MB tmpfs, when this user may mount one (root, as in CI); else the test skips."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_no_room_for_a_backup_writes_nothing_and_says_so(tmp_path, tiny_disk):
    db = _database(tmp_path)
    with sqlite3.connect(db) as conn:  # 4 MB: more than the disk holds
        conn.execute("CREATE TABLE bulk (x TEXT)")
        conn.executemany("INSERT INTO bulk VALUES (?)", [("x" * 2000,)] * 2000)
    with pytest.raises(DatabaseError, match="not enough free space") as caught:
        backups.take_backup(db, folder=tiny_disk / "backups")
    assert str(tiny_disk) in str(caught.value)
    assert list((tiny_disk / "backups").iterdir()) == [tiny_disk / "backups" / "database.txt"]


def test_a_disk_that_fills_during_the_copy_leaves_no_partial_backup(
    tmp_path, tiny_disk, monkeypatch
):
    db = _database(tmp_path)
    monkeypatch.setattr(backups, "SPACE_MARGIN", -(10**9))  # past the free-space check
    filler = tiny_disk / "filler"
    filler.write_bytes(b"\0" * (3 * 1024 * 1024 - 200 * 1024))  # 200 KB left
    with pytest.raises(DatabaseError) as caught:
        backups.take_backup(db, dest=tiny_disk / "copy.sqlite3")
    assert "copy.sqlite3" in str(caught.value) or str(tiny_disk) in str(caught.value)
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]
    assert _spans(db) == 1


def test_a_backup_folder_that_disappeared_is_made_again(tmp_path):
    import shutil

    db = _database(tmp_path)
    first = backups.take_backup(db)
    shutil.rmtree(first.path.parent)
    again = backups.take_backup(db)
    assert again.path.exists() and backups.list_backups(db) == [again]


def test_a_restore_onto_a_full_disk_keeps_the_database_as_it_was(tmp_path, tiny_disk):
    db = _database(tiny_disk)
    before = db.read_bytes()
    with sqlite3.connect(tmp_path / "big.sqlite3") as conn:  # a backup bigger than the room left
        conn.execute("CREATE TABLE bulk (x TEXT)")
        conn.executemany("INSERT INTO bulk VALUES (?)", [("x" * 2000,)] * 2000)
    big = tmp_path / "big.sqlite3"
    with sqlite3.connect(big) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute(f"INSERT INTO alembic_version VALUES ('{migrate.SCHEMA_HEAD}')")
        conn.execute("CREATE TABLE document (id TEXT)")
        conn.execute("CREATE TABLE annotation (id TEXT)")
    with pytest.raises(DatabaseError) as caught:
        backups.restore_backup(db, big, folder=tmp_path / "backups")
    assert "the database as it was is saved at" in str(caught.value)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["study.sqlite3"]
