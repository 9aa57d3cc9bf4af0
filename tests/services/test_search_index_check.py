"""``db check`` looks at the search index too: a missing trigger, an index out of step with the
text (fixed by ``db check --reindex``), on SQLite; the GIN indexes on PostgreSQL."""

from __future__ import annotations

import sqlite3

import pytest

from annotator import open_workspace
from annotator.cli.main import main
from annotator.services.integrity import check_database

TEXT = "Bridge at Tamsk closed\n\nThe governor said “no traffic” would pass until Friday.\n"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "study.sqlite3"
    with open_workspace(path) as ws:
        doc = ws.add_document(TEXT, outlet="Wire")
        ws.annotations.add(doc, 0, 6, "claim", note="closure")
        assert check_database(ws.engine) == []
    return path


def test_an_index_out_of_step_is_found_and_reindex_mends_it(db, capsys):
    with sqlite3.connect(db) as conn:  # behind the triggers' back, as a foreign tool might
        conn.execute("DROP TRIGGER search_span_update")
        conn.execute("UPDATE annotation SET note = 'reopened'")
        conn.execute(
            "CREATE TRIGGER search_span_update AFTER UPDATE OF quote, note ON annotation BEGIN "
            "INSERT INTO search_span(search_span, rowid, quote, note) "
            "VALUES ('delete', old.rowid, old.quote, old.note); "
            "INSERT INTO search_span(rowid, quote, note) VALUES (new.rowid, new.quote, new.note); "
            "END"
        )
    assert main(["--db", str(db), "db", "check"]) == 1
    assert "search index search_span is out of step" in capsys.readouterr().out
    assert main(["--db", str(db), "db", "check", "--reindex"]) == 0
    assert "rebuilt the search index" in capsys.readouterr().err
    with open_workspace(db) as ws:
        assert [h.document_id for h in ws.search.search("reopened").hits]


def test_a_missing_trigger_is_named(db):
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER search_document_insert")
    with open_workspace(db) as ws:
        problems = check_database(ws.engine)
    assert any("search trigger search_document_insert is missing" in p for p in problems)


@pytest.mark.postgres
def test_postgresql_search_indexes_are_checked(pg_url):
    with open_workspace(pg_url) as ws:
        ws.add_document(TEXT, outlet="Wire")
        assert check_database(ws.engine) == []
        with ws.engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX search_span_text")
        assert any("search_span_text is missing" in p for p in check_database(ws.engine))
