"""Every write path of the services under every hostile condition: a clear DatabaseError that
names the database file and says the change was not saved, every table exactly as before the
failed call, reads still working, and (where the condition can be taken away) the same edit
saved once it is."""

from __future__ import annotations

import contextlib
import dataclasses
from pathlib import Path

import pytest

from annotator.errors import DatabaseError

from .hostile_cases import CONDITIONS, GROWING, WRITE_PATHS
from .hostile_setup import copy_database, dump, reads, seed, write_import_files


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, object]:
    """One seeded database, copied for each test (building one costs a migration run)."""
    folder = tmp_path_factory.mktemp("template")
    db = folder / "seeded.sqlite3"
    return db, seed(db)


@pytest.fixture
def hostile(template, tmp_path, monkeypatch):
    """``make(condition) -> (condition, workspace, seeded ids)``."""
    with contextlib.ExitStack() as stack:

        def make(name: str):
            cond = CONDITIONS[name](stack, tmp_path, monkeypatch)
            cond.place()
            copy_database(template[0], cond.db)
            ids = dataclasses.replace(template[1], files=write_import_files(tmp_path / "in"))
            cond.before_open()
            return cond, cond.open(), ids

        yield make


@pytest.mark.parametrize("path", list(WRITE_PATHS))
@pytest.mark.parametrize("condition", list(CONDITIONS))
def test_write_refused_cleanly(hostile, condition, path):
    if condition == "page_limit" and path not in GROWING:
        pytest.skip("max_page_count stops only an edit that makes the file grow")
    cond, ws, ids = hostile(condition)
    before, shown = dump(ws), reads(ws, ids)
    cond.arm()
    with pytest.raises(DatabaseError) as failure:
        WRITE_PATHS[path](ws, ids)
    message = str(failure.value)
    assert message.startswith(f"{cond.db}: "), message
    assert cond.expect in message, message
    assert "your change was not saved" in message, message
    assert dump(ws) == before  # nothing half-written
    assert reads(ws, ids) == shown  # and the workspace still reads
    if cond.recovers:
        cond.recover()
        WRITE_PATHS[path](ws, ids)  # the same edit, once the condition is gone
        assert dump(ws) != before


def test_deleted_folder_work_saved_as_a_copy(hostile, tmp_path):
    """After the folder went, what was saved is rescued with a copy from the open database."""
    from annotator import open_workspace

    _cond, ws, ids = hostile("deleted")
    shown = reads(ws, ids)
    _cond.arm()
    copy = ws.save_copy(tmp_path / "rescued.sqlite3")
    with open_workspace(copy, author=None) as rescued:
        assert reads(rescued, ids) == shown


def test_read_only_workspace_says_why(hostile):
    _cond, ws, _ids = hostile("ro_folder")
    assert ws.read_only is not None and "read-only" in ws.read_only


def test_writable_workspace_is_not_read_only(hostile):
    _cond, ws, _ids = hostile("gone")
    assert ws.read_only is None


def test_lock_shorter_than_the_busy_timeout_is_waited_for(hostile, monkeypatch):
    """An edit waits for another program's short write (up to the busy timeout): saved."""
    from .hostile_setup import LockHolder

    cond, ws, ids = hostile("locked")
    monkeypatch.setenv("ANNOTATOR_BUSY_TIMEOUT_MS", "5000")
    ws.engine.dispose()  # connections with the longer timeout
    holder = LockHolder(cond.db, 0.5)
    try:
        ws.annotations.edit(ids.span, note="saved after the wait")
    finally:
        holder.release()
    assert ws.annotations.get(ids.span).note == "saved after the wait"


@pytest.mark.slow
def test_ten_second_lock_with_the_real_timeout(hostile, monkeypatch):
    """The real case: another program holds the lock for 10 s, the app's own 5 s timeout."""
    import time

    from .hostile_setup import LockHolder

    monkeypatch.delenv("ANNOTATOR_BUSY_TIMEOUT_MS", raising=False)
    cond, ws, ids = hostile("locked")
    monkeypatch.delenv("ANNOTATOR_BUSY_TIMEOUT_MS", raising=False)
    ws.engine.dispose()
    before = dump(ws)
    holder = LockHolder(cond.db, 10)
    started = time.monotonic()
    try:
        with pytest.raises(DatabaseError, match="locked by another program.*more than 5 s"):
            ws.annotations.edit(ids.span, note="too late")
        waited = time.monotonic() - started
        assert 4.5 < waited < 9, waited  # the busy timeout, not the whole hold
        assert dump(ws) == before
        holder.proc.wait(15)  # the other program ends its transaction
    finally:
        holder.release()
    ws.annotations.edit(ids.span, note="after the lock")
    assert ws.annotations.get(ids.span).note == "after the lock"


@pytest.mark.postgres
def test_postgresql_edit_gives_up_on_another_clients_lock(pg_url, monkeypatch):
    """PostgreSQL waits for a row lock for ever unless told: the same timeout and message."""
    import psycopg

    from annotator import open_workspace

    monkeypatch.setenv("ANNOTATOR_BUSY_TIMEOUT_MS", "200")
    with open_workspace(pg_url, author=None) as ws:
        doc = ws.add_document("Bridge closed\n\nThe bridge stays closed for repairs.\n")
        span = ws.annotations.add(doc, 0, 13, "claim").added[0].id
        other = psycopg.connect(pg_url.replace("postgresql+psycopg", "postgresql"))
        try:
            other.execute("SELECT * FROM annotation WHERE id = %s FOR UPDATE", (span,))
            with pytest.raises(DatabaseError, match="locked by another program") as failure:
                ws.annotations.edit(span, note="too early")
            assert "your change was not saved" in str(failure.value)
        finally:
            other.rollback()
            other.close()
        ws.annotations.edit(span, note="after the lock")
        assert ws.annotations.get(span).note == "after the lock"
