"""Migration 0009 on a database at 0007 with documents: every document gets its word count,
the schema matches the models, and a downgrade takes the column and the index away."""

from __future__ import annotations

from sqlalchemy import inspect, text

from annotator.storage import migrate
from annotator.storage.engine import make_engine
from tests.storage.test_upgrades import OLD_TEXT, _rows, fill_old_database


def test_upgrade_from_0007_counts_the_words_of_every_document(db_url):
    engine = make_engine(db_url)
    migrate.upgrade_to(engine, "0003")
    fill_old_database(engine, ("Wire", "South Front"))
    migrate.upgrade_to(engine, "0007")
    before = _rows(engine)

    result = migrate.upgrade(engine)

    assert (result.before, result.after) == ("0007", migrate.SCHEMA_HEAD)
    assert migrate.schema_drift(engine) == []
    assert _rows(engine) == before
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT text, word_count FROM document")).all()
    assert len(rows) == 2 and all(count == len(t.split()) for t, count in rows)
    assert any(t == OLD_TEXT and count == 8 for t, count in rows)
    indexes = {i["name"] for i in inspect(engine).get_indexes("annotation")}
    assert "ix_annotation_label_document" in indexes

    migrate.downgrade(engine, "0007")
    assert "word_count" not in {c["name"] for c in inspect(engine).get_columns("document")}
    indexes = {i["name"] for i in inspect(engine).get_indexes("annotation")}
    assert "ix_annotation_label_document" not in indexes
    assert _rows(engine) == before
    engine.dispose()
