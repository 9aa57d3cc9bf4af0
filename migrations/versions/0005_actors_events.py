"""actors and events registries

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

* ``actor``: who a span names (a state body, an armed force, an official, an outlet, an
  organisation, a person): name, ``norm`` (the normalised name, unique: NFKC, case-folded,
  letters and digits only, as for outlets), kind, side (free text), created.
* ``actor_alias``: other names of an actor; ``norm`` unique across every alias.
* ``event``: name, ``norm`` (not unique: two events may share a name), date, place, note,
  created.

Spans refer to them from ``annotation.attributes`` (``{"actor": id}``, ``{"event": id}``), so
no foreign key: nothing else changes and no row is rewritten.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

KINDS = ("state body", "armed force", "official", "outlet", "organisation", "person")


def upgrade() -> None:
    op.create_table(
        "actor",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("norm", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("side", sa.String(length=200), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_actor_name_not_empty")),
        sa.CheckConstraint(
            "kind IN ('state body', 'armed force', 'official', 'outlet', 'organisation', 'person')",
            name=op.f("ck_actor_kind_known"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
        sa.UniqueConstraint("norm", name=op.f("uq_actor_norm")),
    )
    op.create_table(
        "actor_alias",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.Column("norm", sa.String(length=300), nullable=False),
        sa.CheckConstraint("length(alias) > 0", name=op.f("ck_actor_alias_alias_not_empty")),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actor.id"],
            name=op.f("fk_actor_alias_actor_id_actor"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_alias")),
        sa.UniqueConstraint("norm", name=op.f("uq_actor_alias_norm")),
    )
    op.create_index(op.f("ix_actor_alias_actor_id"), "actor_alias", ["actor_id"], unique=False)
    op.create_table(
        "event",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("norm", sa.String(length=300), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_event_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    op.create_index(op.f("ix_event_norm"), "event", ["norm"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_event_norm"), table_name="event")
    op.drop_table("event")
    op.drop_index(op.f("ix_actor_alias_actor_id"), table_name="actor_alias")
    op.drop_table("actor_alias")
    op.drop_table("actor")
