"""field schemas per label

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Each label gets ``fields``: the list of field specs its spans fill in (``annotator.evidence
.fields``). The four default labels get their default schemas (casualty report: killed,
wounded, missing, captured as low/best/high estimates, who was hit, side affected, alleged
perpetrator, source of the figure, place, date, event; statement: speaker, role, event; claim:
claimant, verification, denial, event; opinion: holder). Labels a user added keep none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from annotator.evidence.fields import DEFAULT_FIELDS

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("label", sa.Column("fields", sa.JSON(), nullable=True))
    label = sa.table("label", sa.column("key", sa.String), sa.column("fields", sa.JSON))
    for key, fields in DEFAULT_FIELDS.items():
        op.execute(
            label.update()
            .where(label.c.key == key)
            .where(label.c.fields.is_(None))
            .values(fields=fields)
        )


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN in place (SQLite >= 3.35): a batch rebuild of ``label``
    # would trip the foreign keys of every span
    op.drop_column("label", "fields")
