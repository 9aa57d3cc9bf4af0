"""Native JSONL export (``annotator.v1``): one document a line, spans sorted by (start, end).

Streamed: documents are read in batches, so memory stays flat whatever the corpus size.
Each span carries ``text`` = ``document.text[start:end]`` (code points, end-exclusive).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import orjson
from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..storage.models import Document, Label
from ..storage.rawsql import RawSQL

SCHEMA = "annotator.v1"
BATCH = 200
STANDARD_META = ("outlet", "author", "url", "published", "language", "imported_at")


@dataclass(frozen=True)
class ExportFilter:
    document_ids: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    authors: tuple[str, ...] | None = None
    only_annotated: bool = False

    @classmethod
    def build(
        cls,
        document_ids: Iterable[str] | None = None,
        labels: Iterable[str] | None = None,
        authors: Iterable[str] | None = None,
        only_annotated: bool = False,
    ) -> ExportFilter:
        def tup(values):
            return tuple(values) if values is not None else None

        return cls(tup(document_ids), tup(labels), tup(authors), only_annotated)


@dataclass
class ExportReport:
    documents: int = 0
    spans: int = 0


def iter_document_batches(conn: Connection, flt: ExportFilter) -> Iterator[list[str]]:
    stmt = select(Document.id).order_by(Document.imported_at, Document.id)
    if flt.document_ids is not None:
        stmt = stmt.where(Document.id.in_(flt.document_ids))
    ids = list(conn.scalars(stmt))  # ids only: 36 bytes a document
    for i in range(0, len(ids), BATCH):
        yield ids[i : i + BATCH]


def _tie_break(rows: list) -> list:
    """Rows come sorted by (start, end); order spans with equal offsets by id."""
    for a, b in itertools.pairwise(rows):
        if a[1] == b[1] and a[2] == b[2]:
            return sorted(rows, key=lambda r: (r[1], r[2], r[0]))
    return rows


def iter_records(conn: Connection, flt: ExportFilter) -> Iterator[dict[str, Any]]:
    """Native records, one per document, in import order."""
    raw = RawSQL(conn.dialect)
    q = raw.quote
    labels = dict(conn.execute(select(Label.id, Label.key)).all())
    extra, extra_params = "", []
    if flt.labels is not None:
        ids = [i for i, key in labels.items() if key in flt.labels] or [-1]
        extra += f" AND label_id IN ({raw.marks(len(ids))})"
        extra_params += ids
    if flt.authors is not None:
        extra += f" AND author IN ({raw.marks(len(flt.authors))})" if flt.authors else " AND 0=1"
        extra_params += list(flt.authors)
    ts, json_out = raw.ts_out, raw.json_out
    # One query a document (faster than IN-batches on SQLite: no document_id per row); NULL
    # stands for "same as created" / "{}", cheaper to fetch than the repeated strings.
    span_sql = (
        f"SELECT id, start, {q('end')}, label_id, author, note, "
        f"NULLIF(CAST(attributes AS TEXT), '{{}}'), created, NULLIF(updated, created) "
        "FROM annotation "
        f"WHERE document_id = {raw.mark}{extra} ORDER BY start, {q('end')}"
    )
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        for batch in iter_document_batches(conn, flt):
            doc_sql = (
                "SELECT id, title, text, outlet, author, url, published, language, "
                f"imported_at, meta FROM document WHERE id IN ({raw.marks(len(batch))})"
            )
            docs = {row[0]: row for row in raw.fetchall(conn, doc_sql, batch)}
            for document_id in batch:
                cursor.execute(span_sql, (document_id, *extra_params))
                rows = cursor.fetchall()
                if flt.only_annotated and not rows:
                    continue
                yield _record(docs[document_id], _tie_break(rows), labels, ts, json_out)
    finally:
        cursor.close()


def _record(doc: tuple, rows: list[tuple], labels: dict[int, str], ts, json_out) -> dict:
    document_id, title, text, outlet, author, url, published, language, imported, meta = doc
    record_meta = {
        "outlet": outlet,
        "author": author,
        "url": url,
        "published": published if isinstance(published, str | None) else str(published),
        "language": language,
        "imported_at": ts(imported),
    }
    free = orjson.loads(meta) if isinstance(meta, str) else meta
    for key, value in (free or {}).items():
        if key not in STANDARD_META:
            record_meta[key] = value
    return {
        "schema": SCHEMA,
        "id": document_id,
        "title": title,
        "text": text,
        "meta": record_meta,
        "spans": [
            {
                "id": sid,
                "start": start,
                "end": end,
                "label": labels[label_id],
                "text": text[start:end],
                "author": author,
                "note": note,
                "attributes": json_out(attrs),
                "created": ts(created),
                "updated": ts(updated) if updated is not None else ts(created),
            }
            for sid, start, end, label_id, author, note, attrs, created, updated in rows
        ],
    }


def write_jsonl(
    conn: Connection,
    out: BinaryIO,
    flt: ExportFilter,
    progress: Callable[[ExportReport], None] | None = None,
) -> ExportReport:
    report = ExportReport()
    dumps = orjson.dumps
    option = orjson.OPT_APPEND_NEWLINE
    for i, record in enumerate(iter_records(conn, flt), 1):
        out.write(dumps(record, option=option))
        report.documents += 1
        report.spans += len(record["spans"])
        if progress is not None and i % 100 == 0:
            progress(report)
    if progress is not None:
        progress(report)
    return report
