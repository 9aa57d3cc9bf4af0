"""A document's text (and sha256, its digest) cannot change on any write path, on SQLite and
PostgreSQL: the ORM event stops an ORM flush, and the trigger of migration 0002 refuses the
rest (ORM bulk UPDATE, raw SQL, the DB-API cursor, upserts); the import never updates
documents. Each refusal leaves the text as it was."""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import event, text, update
from sqlalchemy.exc import IntegrityError

from annotator import open_workspace
from annotator.cli.main import main
from annotator.errors import ValidationError
from annotator.importing.records import ParsedDocument
from annotator.storage import migrate, models
from annotator.storage.models import Document
from annotator.storage.rawsql import RawSQL

TEXT = "Shelling reported near Երևան\r\n\r\nThe ministry said “12 civilians” died 🕊️.\r\n"
REFUSED = "cannot change once imported"


@pytest.fixture
def stored(workspace):
    doc = workspace.add_document(TEXT, outlet="Wire")
    workspace.annotations.add(doc, 0, 8, "claim")
    with workspace.engine.connect() as conn:
        sha = conn.execute(text("SELECT sha256 FROM document")).scalar_one()
    return workspace, doc, sha


def _unchanged(ws, doc: str, sha: str) -> None:
    ws.store.forget_document(doc)
    with ws.engine.connect() as conn:
        row = conn.execute(
            text("SELECT text, sha256 FROM document WHERE id = :id"), {"id": doc}
        ).one()
    assert tuple(row) == (TEXT, sha)
    assert ws.documents.get(doc).text == TEXT
    assert migrate.schema_drift(ws.engine) == []


@contextlib.contextmanager
def _without_orm_guard():
    """The ORM event switched off: what the database alone does."""
    event.remove(Document, "before_update", models._text_is_immutable)
    try:
        yield
    finally:
        event.listen(Document, "before_update", models._text_is_immutable)


def test_orm_attribute_change_is_refused_by_the_orm_event(stored):
    ws, doc, sha = stored
    with pytest.raises(ValueError, match="immutable"), ws.store.transaction() as s:
        s.get(Document, doc).text = "rewritten"
    with pytest.raises(ValueError, match="sha256"), ws.store.transaction() as s:
        s.get(Document, doc).sha256 = "0" * 64
    _unchanged(ws, doc, sha)


@pytest.mark.parametrize("column", ["text", "sha256"])
def test_orm_attribute_change_is_refused_by_the_database_too(stored, column):
    ws, doc, sha = stored
    with (
        _without_orm_guard(),
        pytest.raises(ValidationError, match=REFUSED),
        ws.store.transaction() as s,
    ):
        setattr(s.get(Document, doc), column, "f" * 64)
    _unchanged(ws, doc, sha)


def test_orm_bulk_update_statements_are_refused(stored):
    ws, doc, sha = stored
    statements = [
        update(Document).where(Document.id == doc).values(text="rewritten"),
        update(Document).values(text=Document.text + " (edited)"),
        update(Document).where(Document.id == doc).values(sha256="0" * 64),
    ]
    for statement in statements:
        with pytest.raises(ValidationError, match=REFUSED), ws.store.transaction() as s:
            s.execute(statement)
    with pytest.raises(ValidationError, match=REFUSED), ws.store.transaction() as s:
        s.execute(update(Document), [{"id": doc, "text": "bulk by primary key"}])
    _unchanged(ws, doc, sha)


def test_raw_sql_and_upserts_are_refused(stored):
    ws, doc, sha = stored
    mark = RawSQL(ws.engine.dialect).mark
    statements = [
        f"UPDATE document SET text = {mark} WHERE id = {mark}",
        f"UPDATE document SET text = text || {mark} WHERE id = {mark}",
        "INSERT INTO document (id, title, text, sha256, imported_at, meta) "
        f"VALUES ({mark}, 'T', {mark}, 'x', '2030-01-01 00:00:00', '{{}}') "
        "ON CONFLICT (id) DO UPDATE SET text = excluded.text",
    ]
    params = [("rewritten", doc), ("!", doc), (doc, "upserted")]
    for sql, args in zip(statements, params, strict=True):
        with pytest.raises(ValidationError, match=REFUSED), ws.store.transaction() as s:
            s.connection().exec_driver_sql(sql, args)
    _unchanged(ws, doc, sha)


def test_dbapi_cursor_update_is_refused(stored):
    ws, doc, sha = stored
    mark = RawSQL(ws.engine.dialect).mark
    raw = ws.engine.raw_connection()
    try:
        cursor = raw.cursor()
        with pytest.raises(ws.engine.dialect.dbapi.IntegrityError, match="immutable"):
            cursor.execute(f"UPDATE document SET text = {mark} WHERE id = {mark}", ("x", doc))
        raw.rollback()
        with pytest.raises(ws.engine.dialect.dbapi.IntegrityError, match="immutable"):
            cursor.execute(f"UPDATE document SET sha256 = {mark}", ("0" * 64,))
        raw.rollback()
        cursor.close()
    finally:
        raw.close()
    _unchanged(ws, doc, sha)


def test_updates_that_keep_the_text_still_work(stored):
    ws, doc, sha = stored
    with ws.store.transaction() as s:
        s.execute(update(Document).values(text=Document.text, sha256=Document.sha256))
        s.execute(update(Document).where(Document.id == doc).values(title="New title"))
        s.get(Document, doc).author = "Other desk"
    _unchanged(ws, doc, sha)
    assert ws.documents.get(doc).title == "New title"


def test_bulk_import_never_overwrites_a_stored_text(stored):
    """The import writes documents by INSERT (SQLite) or COPY (PostgreSQL) only: a record with
    a stored id and another text becomes a new document; the same text is a duplicate."""
    ws, doc, sha = stored
    clash = ParsedDocument(title="Clash", text="Another text entirely", source="x.jsonl", id=doc)
    same = ParsedDocument(title="Again", text=TEXT, source="y.jsonl", id=doc)
    report = ws.importer.import_documents([clash, same])
    assert report.documents == 1 and report.document_ids[0] != doc
    assert report.duplicate_ids == [doc]
    _unchanged(ws, doc, sha)
    # the bulk writer itself cannot overwrite a row either: a stored id is a key violation
    raw = RawSQL(ws.engine.dialect)
    columns = ("id", "title", "text", "sha256", "imported_at", "meta")
    row = [doc, "T", "overwritten?", "1" * 64, raw.ts(models.utcnow()), "{}"]
    with pytest.raises(IntegrityError), ws.engine.begin() as conn:
        raw.insert_flat(conn, "document", columns, row)
    _unchanged(ws, doc, sha)


def test_downgrade_drops_the_trigger_and_upgrade_brings_it_back(stored):
    ws, doc, sha = stored
    migrate.downgrade(ws.engine, "0001")
    assert migrate.missing_triggers(ws.engine) == [
        ("missing_trigger", migrate.IMMUTABLE_TEXT_TRIGGER, "document")
    ]
    with ws.engine.begin() as conn:  # 0001 had no trigger: the old behaviour
        conn.execute(text("UPDATE document SET title = title, text = text || '!'"))
        conn.execute(text("UPDATE document SET text = :t"), {"t": TEXT})
    if ws.engine.dialect.name == "postgresql":
        with ws.engine.connect() as conn:
            assert (
                conn.execute(
                    text("SELECT count(*) FROM pg_proc WHERE proname LIKE 'annotator%'")
                ).scalar()
                == 0
            )
    assert migrate.upgrade(ws.engine).after == migrate.SCHEMA_HEAD
    with pytest.raises(ValidationError, match=REFUSED), ws.store.transaction() as s:
        s.execute(update(Document).values(text="again"))
    _unchanged(ws, doc, sha)


def test_db_check_reports_a_missing_trigger_and_a_wrong_quote(db_url, capsys):
    with open_workspace(db_url) as ws:
        doc = ws.add_document("Headline\n\nBody text.")
        ws.annotations.add(doc, 0, 8, "claim")
        assert main(["--db", db_url, "db", "check"]) == 0
        assert "every span's quote matches" in capsys.readouterr().err
        with ws.engine.begin() as conn:
            conn.execute(text("UPDATE annotation SET quote = 'tampered'"))
        assert main(["--db", db_url, "db", "check"]) == 1
        assert "quote differs from text[0:8]" in capsys.readouterr().out
        with ws.engine.begin() as conn:
            if ws.engine.dialect.name == "sqlite":
                conn.execute(text(f"DROP TRIGGER {migrate.IMMUTABLE_TEXT_TRIGGER}"))
            else:
                conn.execute(
                    text(f"ALTER TABLE document DISABLE TRIGGER {migrate.IMMUTABLE_TEXT_TRIGGER}")
                )
        assert main(["--db", db_url, "db", "check"]) == 1
        out = capsys.readouterr().out
        assert migrate.IMMUTABLE_TEXT_TRIGGER in out and "_trigger" in out
