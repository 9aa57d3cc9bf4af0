"""outlets, alignments and collections

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

* ``alignment``: the user's list of outlet alignments, seeded with pro-Armenian,
  pro-Azerbaijani, neutral, state and independent.
* ``outlet``: name (unique), ``norm`` (the normalised name, unique: see ``outlet_key``),
  country, alignment.
* ``document.outlet_id`` refers to an outlet and replaces the text column ``document.outlet``:
  every distinct outlet text becomes an outlet, spellings with one normalised name become one
  outlet (named by the spelling most documents use; a tie goes to the first in sorted order),
  and each document points at its outlet.
* ``collection`` and ``document_collection``: named sets of documents.

``document`` is altered in place (``ALTER TABLE ... ADD/DROP COLUMN``), never rebuilt: an
SQLite batch rebuild drops the old table, and with foreign keys on (they are, and cannot be
switched off inside the one upgrade transaction) that deletes every span by its ``ON DELETE
CASCADE``, and it drops the text-immutability trigger of 0002. ``DROP COLUMN`` needs SQLite
3.35 or newer.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections import Counter, defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DEFAULT_ALIGNMENTS = ("pro-Armenian", "pro-Azerbaijani", "neutral", "state", "independent")
NAME_SIZE = 300


def clean_name(name: str) -> str:
    return " ".join(str(name).split())[:NAME_SIZE]


def outlet_key(name: str) -> str:
    """A frozen copy of ``annotator.services.outlets.outlet_key`` as of this revision (a
    migration must not change when the app's code does): NFKC, case-folded, only letters,
    digits and combining marks kept; a name made of none of those keeps its folded text."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    key = "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LNM")
    return key or " ".join(folded.split())


def _sqlite(bind) -> bool:
    return bind.dialect.name == "sqlite"


def upgrade() -> None:
    bind = op.get_bind()
    if _sqlite(bind) and sqlite3.sqlite_version_info < (3, 35, 0):
        raise RuntimeError(
            f"this upgrade needs SQLite 3.35 or newer (ALTER TABLE DROP COLUMN); this Python "
            f"has SQLite {sqlite3.sqlite_version}"
        )
    op.create_table(
        "alignment",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_alignment_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alignment")),
        sa.UniqueConstraint("name", name=op.f("uq_alignment_name")),
    )
    op.create_table(
        "outlet",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("norm", sa.String(length=300), nullable=False),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column("alignment_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_outlet_name_not_empty")),
        sa.ForeignKeyConstraint(
            ["alignment_id"],
            ["alignment.id"],
            name=op.f("fk_outlet_alignment_id_alignment"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outlet")),
        sa.UniqueConstraint("name", name=op.f("uq_outlet_name")),
        sa.UniqueConstraint("norm", name=op.f("uq_outlet_norm")),
    )
    op.create_table(
        "collection",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_collection_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collection")),
        sa.UniqueConstraint("name", name=op.f("uq_collection_name")),
    )
    op.create_table(
        "document_collection",
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("collection_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["collection.id"],
            name=op.f("fk_document_collection_collection_id_collection"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_collection_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "collection_id", name=op.f("pk_document_collection")
        ),
    )
    op.create_index(
        op.f("ix_document_collection_collection_id"),
        "document_collection",
        ["collection_id"],
        unique=False,
    )
    alignment = sa.table("alignment", sa.column("name", sa.String), sa.column("position"))
    op.bulk_insert(
        alignment, [{"name": n, "position": i} for i, n in enumerate(DEFAULT_ALIGNMENTS)]
    )

    # in place on both backends (the same statements are valid SQLite and PostgreSQL)
    op.execute(
        "ALTER TABLE document ADD COLUMN outlet_id INTEGER "
        "CONSTRAINT fk_document_outlet_id_outlet REFERENCES outlet (id)"
    )
    op.execute("CREATE INDEX ix_document_outlet_id ON document (outlet_id)")
    _outlets_from_text(bind)
    op.execute("ALTER TABLE document DROP COLUMN outlet")


def _outlets_from_text(bind) -> None:
    """One outlet per normalised outlet text; every document points at its outlet."""
    counts = Counter(
        dict(
            bind.execute(
                sa.text(
                    "SELECT outlet, count(*) FROM document WHERE outlet IS NOT NULL GROUP BY outlet"
                )
            ).all()
        )
    )
    groups: dict[str, list[str]] = defaultdict(list)
    for spelling in counts:
        if clean_name(spelling):
            groups[outlet_key(clean_name(spelling))].append(spelling)
    if not groups:
        return
    outlet = sa.table("outlet", sa.column("id", sa.Integer), sa.column("name"), sa.column("norm"))
    rows, spellings = [], []
    for number, (norm, members) in enumerate(sorted(groups.items()), 1):
        name = clean_name(min(members, key=lambda s: (-counts[s], s.casefold(), s)))
        rows.append({"id": number, "name": name, "norm": norm})
        spellings += [{"spelling": s, "outlet_id": number} for s in members]
    op.bulk_insert(outlet, rows)
    if not _sqlite(bind):  # explicit ids: move the sequence past them
        bind.execute(
            sa.text("SELECT setval(pg_get_serial_sequence('outlet', 'id'), :n)"), {"n": len(rows)}
        )
    # one pass over the documents through a lookup table (not one UPDATE per spelling)
    op.execute(
        "CREATE TEMPORARY TABLE outlet_spelling "
        "(spelling VARCHAR(300) PRIMARY KEY, outlet_id INTEGER NOT NULL)"
    )
    op.bulk_insert(
        sa.table("outlet_spelling", sa.column("spelling"), sa.column("outlet_id")), spellings
    )
    op.execute(
        "UPDATE document SET outlet_id = (SELECT s.outlet_id FROM outlet_spelling s "
        "WHERE s.spelling = document.outlet) WHERE outlet IS NOT NULL"
    )
    op.execute("DROP TABLE outlet_spelling")


def downgrade() -> None:
    op.execute("ALTER TABLE document ADD COLUMN outlet VARCHAR(300)")
    op.execute(
        "UPDATE document SET outlet = (SELECT o.name FROM outlet o WHERE o.id = document.outlet_id)"
    )
    op.execute("DROP INDEX ix_document_outlet_id")
    if not _sqlite(op.get_bind()):
        op.execute("ALTER TABLE document DROP CONSTRAINT fk_document_outlet_id_outlet")
    op.execute("ALTER TABLE document DROP COLUMN outlet_id")
    op.drop_index(op.f("ix_document_collection_collection_id"), table_name="document_collection")
    op.drop_table("document_collection")
    op.drop_table("collection")
    op.drop_table("outlet")
    op.drop_table("alignment")
