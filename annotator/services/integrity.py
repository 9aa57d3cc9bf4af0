"""Consistency checks behind ``annotator db check``."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from ..storage import migrate
from ..storage.models import Annotation, Document

BATCH = 200


# The search index of migration 0008: SQLite's FTS5 tables and the triggers that keep them
# current; PostgreSQL's GIN indexes over the generated ``search_vector`` columns.
SQLITE_SEARCH_TABLES = ("search_document", "search_span")
SQLITE_SEARCH_TRIGGERS = (
    "search_document_insert",
    "search_document_delete",
    "search_span_insert",
    "search_span_delete",
    "search_span_update",
)
PG_SEARCH_INDEXES = ("search_document_text", "search_span_text")
REINDEX_HINT = "rebuild it with `annotator db check --reindex`"


def check_database(engine: Engine) -> list[str]:
    """Problems found: schema drift, SQLite corruption, a search index that is missing or out
    of step with the text, spans whose quote or offsets are wrong."""
    problems = [f"schema differs from the app: {diff}" for diff in migrate.schema_drift(engine)]
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            result = conn.exec_driver_sql("PRAGMA integrity_check").scalars().all()
            if result != ["ok"]:
                problems.extend(f"sqlite integrity: {line}" for line in result)
        problems.extend(search_index_problems(conn))
        ids = list(conn.scalars(select(Document.id).order_by(Document.id)))
        for i in range(0, len(ids), BATCH):
            batch = ids[i : i + BATCH]
            texts = dict(
                conn.execute(select(Document.id, Document.text).where(Document.id.in_(batch))).all()
            )
            rows = conn.execute(
                select(
                    Annotation.id,
                    Annotation.document_id,
                    Annotation.start,
                    Annotation.end,
                    Annotation.quote,
                ).where(Annotation.document_id.in_(batch))
            )
            for span_id, document_id, start, end, quote in rows:
                text = texts[document_id]
                if not 0 <= start < end <= len(text):
                    problems.append(f"span {span_id}: [{start}, {end}) outside its document")
                elif text[start:end] != quote:
                    problems.append(f"span {span_id}: quote differs from text[{start}:{end}]")
    return problems


def search_index_problems(conn) -> list[str]:
    """What is wrong with the search index (empty: nothing)."""
    if conn.dialect.name != "sqlite":
        found = set(
            conn.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            ).scalars()
        )
        return [
            f"search index {name} is missing; {REINDEX_HINT}"
            for name in PG_SEARCH_INDEXES
            if name not in found
        ]
    triggers = set(
        conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars()
    )
    problems = [
        f"search trigger {name} is missing: edits do not reach the search index (the schema "
        "was changed by hand; restore a backup)"
        for name in SQLITE_SEARCH_TRIGGERS
        if name not in triggers
    ]
    for table in SQLITE_SEARCH_TABLES:
        try:  # rank 1: also compare the index with the text it was built from
            conn.exec_driver_sql(
                f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"
            )
        except DBAPIError as exc:
            if "readonly" in str(exc.orig).replace("-", "").lower():
                break  # FTS5 checks by an INSERT: a read-only database cannot run it
            problems.append(
                f"search index {table} is out of step with the text (FTS5 integrity-check: "
                f"{exc.orig}); {REINDEX_HINT}"
            )
    return problems


def rebuild_search_index(engine: Engine) -> None:
    """Rebuild the SQLite search index from the text (PostgreSQL: ``REINDEX`` the GIN
    indexes; the generated columns are always current)."""
    with engine.begin() as conn:
        if conn.dialect.name != "sqlite":
            for name in PG_SEARCH_INDEXES:
                conn.exec_driver_sql(f"REINDEX INDEX {name}")
            return
        for table in SQLITE_SEARCH_TABLES:
            conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
