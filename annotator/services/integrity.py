"""Consistency checks behind ``annotator db check``."""

from __future__ import annotations

from sqlalchemy import Engine, select

from ..storage import migrate
from ..storage.models import Annotation, Document

BATCH = 200


def check_database(engine: Engine) -> list[str]:
    """Problems found: schema drift, SQLite corruption, spans whose quote or offsets are wrong."""
    problems = [f"schema differs from the app: {diff}" for diff in migrate.schema_drift(engine)]
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            result = conn.exec_driver_sql("PRAGMA integrity_check").scalars().all()
            if result != ["ok"]:
                problems.extend(f"sqlite integrity: {line}" for line in result)
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
