"""Alembic owns the schema: one head, round trips, no drift, refusal of newer databases."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from sqlalchemy import inspect, text

from annotator import open_workspace
from annotator.errors import DatabaseError
from annotator.storage import migrate
from annotator.storage.engine import make_engine
from annotator.storage.models import Base


def test_one_head():
    assert len(migrate.script_directory().get_heads()) == 1


def test_new_database_is_built_by_migrations(db_url):
    engine = make_engine(db_url)
    result = migrate.upgrade(engine)
    assert result.created and result.before is None and result.after == migrate.head_revision()
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert migrate.schema_drift(engine) == []
    with engine.connect() as conn:
        keys = conn.execute(text("SELECT key, shortcut FROM label ORDER BY position")).all()
    assert keys == [("claim", "1"), ("casualty_report", "2"), ("statement", "3"), ("opinion", "4")]
    engine.dispose()


def test_upgrade_downgrade_upgrade_round_trip(db_url):
    engine = make_engine(db_url)
    migrate.upgrade(engine)
    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    assert not set(Base.metadata.tables) & set(inspect(engine).get_table_names())
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert migrate.schema_drift(engine) == []
    engine.dispose()


def test_drift_is_detected(sqlite_url):
    """The drift check can fail: a column the models do not know is reported."""
    engine = make_engine(sqlite_url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE document ADD COLUMN stray INTEGER"))
    diffs = migrate.schema_drift(engine)
    assert any("stray" in repr(d) for d in diffs)
    engine.dispose()


def test_database_newer_than_the_app_is_refused(sqlite_url):
    engine = make_engine(sqlite_url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed9999'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="newer Annotator"):
        open_workspace(sqlite_url)


def test_foreign_tables_without_revision_are_refused(sqlite_url):
    with sqlite3.connect(sqlite_url) as conn:
        conn.execute("CREATE TABLE document (id TEXT)")
    with pytest.raises(DatabaseError, match="not made by Annotator"):
        open_workspace(sqlite_url)


def test_older_database_is_backed_up_then_upgraded(sqlite_url, tmp_path):
    """With a newer migration available (a test-only probe script after the head, in a copy of
    the migrations folder), upgrading an old SQLite database backs it up first."""
    ws = open_workspace(sqlite_url)
    doc = ws.add_document("Old article\n\nbody")
    ws.close()

    head = migrate.head_revision()
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.bundled_path("migrations"), scripts)
    (scripts / "versions" / "9001_probe.py").write_text(
        f"revision = '9001'\ndown_revision = {head!r}\nbranch_labels = None\n"
        "depends_on = None\nfrom alembic import op\n"
        "def upgrade():\n    op.execute('CREATE TABLE probe (id INTEGER PRIMARY KEY)')\n"
        "def downgrade():\n    op.execute('DROP TABLE probe')\n"
    )
    assert migrate.head_revision(scripts) == "9001"
    assert migrate.alembic_config(scripts).get_main_option("script_location") == str(scripts)
    engine = make_engine(sqlite_url)
    result = migrate.upgrade(engine, script_location=scripts)
    engine.dispose()
    assert (result.before, result.after) == (head, "9001")
    assert result.backup is not None and result.backup.exists()
    with sqlite3.connect(result.backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
        assert old.execute("SELECT count(*) FROM document WHERE id = ?", (doc,)).fetchone() == (1,)
    with sqlite3.connect(sqlite_url) as new:
        assert new.execute("SELECT version_num FROM alembic_version").fetchone() == ("9001",)
    with pytest.raises(DatabaseError, match="newer Annotator"):  # the app's own scripts
        open_workspace(sqlite_url)


def test_sqlite_pragmas(sqlite_url):
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    engine.dispose()


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DatabaseError, match="does not exist"):
        open_workspace(str(tmp_path / "no" / "such" / "dir" / "a.sqlite3"))


def test_read_only_database_refuses_edits_clearly(sqlite_url, tmp_path):
    import os

    ws = open_workspace(sqlite_url)
    doc = ws.add_document("Title\n\nbody text here")
    ws.close()
    os.chmod(sqlite_url, 0o444)
    if os.access(sqlite_url, os.W_OK):
        pytest.skip("running as a user that can write read-only files (root)")
    ws = open_workspace(sqlite_url)
    with pytest.raises(DatabaseError, match="read-only"):
        ws.annotations.add(doc, 0, 5, "claim")
    ws.close()


def test_locked_database_gives_a_clear_message(sqlite_url, monkeypatch):
    from annotator.storage import engine as engine_module

    ws = open_workspace(sqlite_url)
    doc = ws.add_document("Title\n\nbody text here")
    ws.close()
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 50)
    ws = open_workspace(sqlite_url)
    holder = sqlite3.connect(sqlite_url, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(DatabaseError, match="locked by another program"):
            ws.annotations.add(doc, 0, 5, "claim")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert ws.annotations.list(doc) == []
    ws.annotations.add(doc, 0, 5, "claim")  # and works once the lock is gone
    ws.close()


def test_read_only_open_refuses_edits_clearly(sqlite_url):
    """The same error as a read-only file, reached through SQLite's read-only mode (as root)."""
    ws = open_workspace(sqlite_url)
    doc = ws.add_document("Title\n\nbody text here")
    ws.close()
    ws = open_workspace(f"sqlite:///file:{sqlite_url}?mode=ro&uri=true")
    with pytest.raises(DatabaseError, match="read-only"):
        ws.annotations.add(doc, 0, 5, "claim")
    assert ws.annotations.list(doc) == []
    ws.close()


def test_schema_head_constant_matches_alembic():
    """The fast open path compares with SCHEMA_HEAD: it must name Alembic's head."""
    assert migrate.head_revision() == migrate.SCHEMA_HEAD


def test_full_disk_gives_a_clear_message_and_keeps_the_database(sqlite_url, monkeypatch):
    """SQLITE_FULL (here: a page limit just above the current size) is explained, and the
    database keeps what it had."""
    from annotator.storage import engine as engine_module

    ws = open_workspace(sqlite_url)
    doc = ws.add_document("Kept\n\nbody text here")
    ws.close()
    real = engine_module._set_sqlite_pragmas

    def limited(dbapi_connection, record):
        real(dbapi_connection, record)
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    monkeypatch.setattr(engine_module, "_set_sqlite_pragmas", limited)
    ws = open_workspace(sqlite_url)
    with pytest.raises(DatabaseError, match="disk is full"):
        ws.add_document("Big\n\n" + "words and more words " * 20_000)
    assert [d.id for d in ws.documents.list()] == [doc]
    ws.close()
