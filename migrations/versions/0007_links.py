"""links between spans: link kinds and span links (across documents)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

A link joins two annotations (its ends, possibly in different documents) with a kind
(supports, contradicts, denies, repeats, cites, ...); deleting either span deletes its links
(ON DELETE CASCADE), and ``annotations.delete`` reports them so undo can put them back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# key, name, colour, directed (frozen here: a migration must not change with the app's code)
DEFAULT_KINDS = (
    ("supports", "Supports", "#2e9d4f", True),
    ("contradicts", "Contradicts", "#d9480f", True),
    ("denies", "Denies", "#c2255c", True),
    ("repeats", "Repeats (same claim)", "#1c7ed6", False),
    ("cites", "Cites (gives it as source)", "#7048e8", True),
)


def upgrade() -> None:
    op.create_table(
        "link_kind",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.Column("directed", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("length(key) > 0", name=op.f("ck_link_kind_key_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_kind")),
        sa.UniqueConstraint("key", name=op.f("uq_link_kind_key")),
    )
    op.create_table(
        "span_link",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(length=36), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=300), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("source_id <> target_id", name=op.f("ck_span_link_not_self")),
        sa.ForeignKeyConstraint(
            ["kind_id"],
            ["link_kind.id"],
            name=op.f("fk_span_link_kind_id_link_kind"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["annotation.id"],
            name=op.f("fk_span_link_source_id_annotation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["annotation.id"],
            name=op.f("fk_span_link_target_id_annotation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_span_link")),
        sa.UniqueConstraint(
            "source_id", "target_id", "kind_id", name=op.f("uq_span_link_source_id")
        ),
    )
    op.create_index(op.f("ix_span_link_target_id"), "span_link", ["target_id"], unique=False)
    kind = sa.table(
        "link_kind",
        sa.column("key"),
        sa.column("name"),
        sa.column("color"),
        sa.column("directed", sa.Boolean),
        sa.column("position"),
    )
    op.bulk_insert(
        kind,
        [
            {"key": k, "name": n, "color": c, "directed": d, "position": i}
            for i, (k, n, c, d) in enumerate(DEFAULT_KINDS)
        ],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_span_link_target_id"), table_name="span_link")
    op.drop_table("span_link")
    op.drop_table("link_kind")
