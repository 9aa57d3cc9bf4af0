"""Every released schema revision has a database file in ``tests/data/schema/`` (made by
``make_fixture.py``), and each upgrades to the head with all its rows intact: on SQLite as the
app opens it (with a backup first), and on PostgreSQL from the same rows loaded into a
database at that revision."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing

import pytest

from annotator import open_workspace
from annotator.services.integrity import check_database
from annotator.storage import migrate
from annotator.storage.engine import make_engine

from .schema_fixtures import (
    copy_rows,
    fixture_path,
    manifest_path,
    rows_changed,
    sha256,
    snapshot,
    table_rows,
)

REVISIONS = sorted(s.revision for s in migrate.script_directory().walk_revisions())
HOW = (
    "make it with `PYTHONPATH=. .venv/bin/python tests/data/schema/make_fixture.py {rev}` "
    "and commit tests/data/schema/{rev}.sqlite3 and {rev}.json (every migration adds one)"
)


def test_every_revision_has_an_upgrade_fixture():
    missing = [
        rev for rev in REVISIONS if not (fixture_path(rev).exists() and manifest_path(rev).exists())
    ]
    assert missing == [], "no upgrade fixture for " + "; ".join(HOW.format(rev=r) for r in missing)
    assert migrate.SCHEMA_HEAD in REVISIONS


def _fixture(rev: str, tmp_path):
    """A copy of the fixture, checked against its manifest; its snapshot and table rows."""
    if not fixture_path(rev).exists():
        pytest.fail("no upgrade fixture: " + HOW.format(rev=rev))
    path = tmp_path / f"{rev}.sqlite3"
    shutil.copy(fixture_path(rev), path)
    manifest = json.loads(manifest_path(rev).read_text(encoding="utf-8"))
    engine = make_engine(str(path))
    assert migrate.current_revision(engine) == rev
    state, rows = snapshot(engine), table_rows(engine)
    engine.dispose()
    assert {name: len(r) for name, r in rows.items()} == manifest["rows"]
    assert {i: d["sha256"] for i, d in state["documents"].items()} == manifest["documents"]
    for span in manifest["spans"]:
        held = state["spans"][span["id"]]
        assert (held["start"], held["end"], held["quote"]) == (
            span["start"],
            span["end"],
            span["quote"],
        )
    _sound(state)
    return path, state, rows


def _sound(state) -> None:
    """Texts hash to their sha256; every span quotes its text exactly."""
    assert state["documents"] and state["spans"]
    for doc in state["documents"].values():
        assert sha256(doc["text"]) == doc["sha256"]
    for span in state["spans"].values():
        assert (
            state["documents"][span["document_id"]]["text"][span["start"] : span["end"]]
            == (span["quote"])
        )


def _upgraded_keeps_everything(engine, state, rows) -> None:
    assert migrate.current_revision(engine) == migrate.SCHEMA_HEAD
    assert snapshot(engine) == state
    assert rows_changed(rows, table_rows(engine)) == []
    assert check_database(engine) == []


def _still_usable(ws, state) -> None:
    """New rows after the upgrade: a label (a serial id after the copied ones) and a span."""
    ws.labels.add("after_upgrade")
    doc_id = next(iter(state["documents"]))
    ws.annotations.add(doc_id, 0, 4, "after_upgrade")
    assert len(ws.annotations.list()) == len(state["spans"]) + 1


@pytest.mark.parametrize("rev", REVISIONS)
def test_sqlite_fixture_upgrades_with_its_rows_intact(rev, tmp_path):
    path, state, rows = _fixture(rev, tmp_path)
    with open_workspace(path, author=None) as ws:
        result = ws.upgrade_result
        assert (result.before, result.after) == (rev, migrate.SCHEMA_HEAD)
        if rev != migrate.SCHEMA_HEAD:
            assert result.backup is not None and result.backup.exists()
            with closing(sqlite3.connect(result.backup)) as copy:  # the old database
                assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [
                    (rev,)
                ]
        _upgraded_keeps_everything(ws.engine, state, rows)
        _still_usable(ws, state)


@pytest.mark.postgres
@pytest.mark.parametrize("rev", REVISIONS)
def test_postgresql_loaded_with_a_fixture_upgrades_with_its_rows_intact(rev, tmp_path, pg_url):
    path, state, rows = _fixture(rev, tmp_path)
    engine = make_engine(pg_url)
    migrate.upgrade_to(engine, rev)
    copied = copy_rows(make_engine(str(path)), engine)
    assert copied == {name: len(r) for name, r in rows.items()}
    assert snapshot(engine) == state  # the load itself kept everything
    result = migrate.upgrade(engine)
    assert (result.before, result.after) == (rev, migrate.SCHEMA_HEAD)
    _upgraded_keeps_everything(engine, state, rows)
    engine.dispose()
    with open_workspace(pg_url, author=None) as ws:
        _still_usable(ws, state)
