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
        if a[2] == b[2] and a[3] == b[3]:
            return sorted(rows, key=lambda r: (r[2], r[3], r[1]))
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
    for batch in iter_document_batches(conn, flt):
        marks = raw.marks(len(batch))
        span_sql = (
            f"SELECT document_id, id, start, {q('end')}, label_id, author, note, attributes, "
            f"created, updated FROM annotation WHERE document_id IN ({marks}){extra} "
            f"ORDER BY document_id, start, {q('end')}"
        )
        spans: dict[str, list] = {}
        for row in conn.exec_driver_sql(span_sql, (*batch, *extra_params)):
            spans.setdefault(row[0], []).append(row)
        doc_sql = (
            "SELECT id, title, text, outlet, author, url, published, language, imported_at, "
            f"meta FROM document WHERE id IN ({marks})"
        )
        docs = {row[0]: row for row in conn.exec_driver_sql(doc_sql, tuple(batch))}
        for document_id in batch:
            _, title, text, outlet, author, url, published, language, imported, meta = docs[
                document_id
            ]
            rows = spans.get(document_id, ())
            if flt.only_annotated and not rows:
                continue
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
            yield {
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
                        "updated": ts(updated),
                    }
                    for _, sid, start, end, label_id, author, note, attrs, created, updated in (
                        _tie_break(rows) if rows else rows
                    )
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
