"""document text immutable in the database

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Spans are offsets into ``document.text``, so a document's text (and ``sha256``, its digest,
by which re-imports are matched) must never change once stored. The ORM event in
``annotator.storage.models`` only sees ORM flushes; this trigger refuses every other write
too: ``UPDATE`` statements (ORM bulk, raw SQL, the DB-API cursor, psql/sqlite3) and upserts.
An update that leaves both values as they are is allowed.

Triggers are not in the models' metadata; ``migrate.missing_triggers`` checks them (part of
``schema_drift`` and ``annotator db check``). A later SQLite batch migration that recreates
``document`` drops the trigger with the old table and must create it again.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TRIGGER = "document_text_immutable"
FUNCTION = "annotator_document_text_immutable"
MESSAGE = "document text is immutable"  # matched by services.store.explain_database_error


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # RAISE(ABORT) undoes the statement; sqlite3 reports SQLITE_CONSTRAINT (IntegrityError)
        op.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OF text, sha256 ON document "
            "FOR EACH ROW WHEN NEW.text IS NOT OLD.text OR NEW.sha256 IS NOT OLD.sha256 "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
        return
    # SQLSTATE 23000 (integrity_constraint_violation): an IntegrityError, as on SQLite
    op.execute(
        f"CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        f"  RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation',\n"
        "    DETAIL = format('document %s: text and sha256 cannot change once imported', OLD.id);\n"
        "END\n"
        "$$"
    )
    op.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OF text, sha256 ON document FOR EACH ROW "
        "WHEN (NEW.text IS DISTINCT FROM OLD.text OR NEW.sha256 IS DISTINCT FROM OLD.sha256) "
        f"EXECUTE FUNCTION {FUNCTION}()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")
        return
    op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON document")
    op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
