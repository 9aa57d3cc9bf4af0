"""Writing files out of the database under hostile conditions: an export or ``db backup`` to a
folder that is read-only, full or gone gives a clear message naming the file and leaves no
half-written file; and an export still works from a database that is locked or read-only."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from annotator import open_workspace
from annotator.cli.main import main
from annotator.errors import AnnotatorError

from .hostile_setup import LockHolder, copy_database, make_read_only, seed, tmpfs

FORMATS = ["jsonl", "brat"]  # a file, and a folder of files


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("template") / "seeded.sqlite3"
    seed(db)
    return db


@pytest.fixture
def db(template, tmp_path) -> Path:
    return copy_database(template, tmp_path / "db" / "annotator.sqlite3")


@contextlib.contextmanager
def destination(kind: str, tmp_path: Path):
    """A folder to write into that is read-only, full or gone."""
    if kind == "full":
        with tmpfs("64k") as mount:
            (mount / "filler").write_bytes(b"\0" * 4096)
            with contextlib.suppress(OSError), open(mount / "filler", "ab", buffering=0) as out:
                while True:
                    out.write(b"\0" * 4096)
            yield mount
        return
    folder = tmp_path / "out"
    folder.mkdir()
    if kind == "gone":
        shutil.rmtree(folder)
        yield folder
        return
    undo = make_read_only(folder)
    try:
        yield folder
    finally:
        undo()


def left_behind(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "filler") if folder.exists() else []


EXPECT = {"ro": "ermission denied|not permitted|read-only", "full": "space", "gone": "No such"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", list(EXPECT))
def test_export_to_a_hostile_folder(db, tmp_path, kind, fmt):
    with open_workspace(db, author=None) as ws, destination(kind, tmp_path) as folder:
        dest = folder / ("export.jsonl" if fmt == "jsonl" else "export-brat")
        with pytest.raises(AnnotatorError, match=EXPECT[kind]) as failure:
            ws.export(dest, format=fmt)
        assert str(dest) in str(failure.value)
        assert left_behind(folder) == []  # no half-written export, no .part


@pytest.mark.parametrize("kind", list(EXPECT))
def test_db_backup_to_a_hostile_folder(db, tmp_path, kind, capsys):
    with destination(kind, tmp_path) as folder:
        dest = folder / "backup.sqlite3"
        assert main(["--db", str(db), "db", "backup", "-o", str(dest)]) == 1
        err = capsys.readouterr().err
        assert str(dest) in err and "backup" in err, err
        assert left_behind(folder) == []


def test_export_from_a_locked_database(db, tmp_path, monkeypatch):
    """Reads do not wait for another program's write lock: the export is written."""
    monkeypatch.setenv("ANNOTATOR_BUSY_TIMEOUT_MS", "150")
    with open_workspace(db, author=None) as ws:
        holder = LockHolder(db, 60)
        try:
            report = ws.export(tmp_path / "locked.jsonl", format="jsonl")
        finally:
            holder.release()
    assert report.documents == 2 and (tmp_path / "locked.jsonl").stat().st_size > 0


def test_export_from_a_read_only_database(db, tmp_path):
    undo = make_read_only(db.parent)
    try:
        with open_workspace(db, author=None) as ws:
            assert ws.read_only
            report = ws.export(tmp_path / "ro.jsonl", format="jsonl")
    finally:
        undo()
    assert report.documents == 2
