"""a stored word count per document, and an index for per-label statistics

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

``document.word_count``: the words of the text (runs between whitespace, ``str.split``),
what the statistics divide by ("spans per 1,000 words"). Texts never change, so it is counted
here for the documents stored and by the import and restore paths for new ones.
``ix_annotation_label_document`` (label_id, document_id): spans per label and document are
counted from the index alone.

(Numbered 0009 because 0008 is another branch's; whoever merges both chains this one after
0008.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    op.add_column(
        "document",
        sa.Column("word_count", sa.Integer(), server_default="0", nullable=False),
    )
    document = sa.table(
        "document",
        sa.column("id", sa.String),
        sa.column("text", sa.Text),
        sa.column("word_count", sa.Integer),
    )
    conn = op.get_bind()
    ids = [row[0] for row in conn.execute(sa.select(document.c.id).order_by(document.c.id))]
    for i in range(0, len(ids), BATCH):
        rows = conn.execute(
            sa.select(document.c.id, document.c.text).where(document.c.id.in_(ids[i : i + BATCH]))
        ).all()
        if rows:
            # the same count as annotator.text.words.word_count (frozen here)
            conn.execute(
                document.update()
                .where(document.c.id == sa.bindparam("doc_id"))
                .values(word_count=sa.bindparam("words")),
                [{"doc_id": doc_id, "words": len(text.split())} for doc_id, text in rows],
            )
    op.create_index("ix_annotation_label_document", "annotation", ["label_id", "document_id"])


def downgrade() -> None:
    op.drop_index("ix_annotation_label_document", table_name="annotation")
    # in place (SQLite >= 3.35): a batch rebuild of ``document`` would trip its spans' keys
    op.drop_column("document", "word_count")
