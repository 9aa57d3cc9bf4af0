"""Migration 0008 (the search index): an old database gets its rows indexed, the drift check
passes, a downgrade removes every search object; and both backends give the same hits."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from annotator import open_workspace
from annotator.storage import migrate
from annotator.storage.engine import make_engine
from tests.storage.test_upgrades import OLD_DOC, fill_old_database

from .search_corpus import build

QUERIES = (
    "vardane",
    "shell*",
    '"the shelling began"',
    "harvest OR ceasefire",
    "vardane -ceasefire",
    "(talks OR night) -drill",
    "residents",
    "violation OR remark*",
)


def _search_objects(engine) -> set[str]:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            sql = "SELECT name FROM sqlite_master WHERE name LIKE 'search%'"
        else:
            sql = (
                "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'search%' "
                "UNION SELECT proname FROM pg_proc WHERE proname = 'annotator_search_fold'"
            )
        return {r[0] for r in conn.execute(text(sql))}


def test_upgrade_indexes_existing_rows_and_downgrade_drops_the_index(db_url):
    engine = make_engine(db_url)
    migrate.upgrade_to(engine, "0003")
    fill_old_database(engine)
    migrate.upgrade_to(engine, "0007")
    assert _search_objects(engine) == set()
    migrate.upgrade(engine)
    assert migrate.schema_drift(engine) == []
    assert _search_objects(engine)
    with open_workspace(db_url) as ws:
        hits = ws.search.search("civilians").hits
        assert (hits[0].document_id, hits[0].kind) == (OLD_DOC, "text")
    tables = set(inspect(engine).get_table_names())
    migrate.downgrade(engine, "0007")
    assert _search_objects(engine) == set()
    assert set(inspect(engine).get_table_names()) == {
        t for t in tables if not t.startswith(migrate.SEARCH_PREFIX)
    }
    engine.dispose()


def _all_hits(url: str) -> dict[str, list[tuple]]:
    """Every query's hits, with ids made comparable across two databases (titles)."""
    with open_workspace(url) as ws:
        build(ws)
        out = {}
        for q in QUERIES:
            out[q] = [
                (h.title, h.kind, h.start, h.end, h.snippet, h.mark, h.label)
                for h in ws.search.search(q).hits
            ]
        return out


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_the_same_hits(sqlite_url, pg_url):
    on_sqlite = _all_hits(sqlite_url)
    assert all(on_sqlite[q] for q in QUERIES)
    assert _all_hits(pg_url) == on_sqlite
