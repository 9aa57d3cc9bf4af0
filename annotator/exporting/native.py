"""Native JSONL export (``annotator.v1``): one document a line, spans sorted by (start, end).

Streamed: documents are read in batches, so memory stays flat whatever the corpus size.
Each span carries ``text`` = ``document.text[start:end]`` (code points, end-exclusive) and
``utf16`` = the same offsets in UTF-16 code units, for JavaScript and Java consumers.
``iter_records`` is the one reader every export format is written from. ``meta.outlet`` is
the name of the document's outlet; ``meta.collections`` lists the names of the collections it
is in (sorted; the key is there only when it is in one). A span's ``attributes`` write its
actor and event references as objects with the registry's name (``interchange.references``);
its ``links`` are the links it starts (``exporting.evidence``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..interchange.fields import NATIVE_META
from ..interchange.native import SCHEMA
from ..storage.models import Document, Label
from ..storage.rawsql import RawSQL, order_ties_by_id
from ..text.offsets import Utf16Map
from ..timestamps import CANONICAL_LENGTH, sqlite_canonical_sql
from .evidence import batch_links, link_count, span_attributes_with_entries
from .writer import StreamWriter

BATCH = 200


@dataclass(frozen=True)
class ExportFilter:
    document_ids: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    authors: tuple[str | None, ...] | None = None  # None in the tuple: spans with no author
    only_annotated: bool = False
    limit: int | None = None  # at most this many documents (previews)

    @classmethod
    def build(
        cls,
        document_ids: Iterable[str] | None = None,
        labels: Iterable[str] | None = None,
        authors: Iterable[str | None] | None = None,
        only_annotated: bool = False,
        limit: int | None = None,
    ) -> ExportFilter:
        def tup(values):
            return tuple(values) if values is not None else None

        return cls(tup(document_ids), tup(labels), tup(authors), only_annotated, limit)


@dataclass
class ExportReport:
    documents: int = 0
    spans: int = 0
    total_documents: int | None = None  # documents in scope, known once the export starts
    read_documents: int = 0  # documents read so far (with only_annotated, more than written)
    skipped_spans: int = 0  # spans the format cannot represent (see the format's notes)
    links: int = 0  # links written (the notices say how many the format could not hold)
    notices: list[str] = field(default_factory=list)


def document_ids(conn: Connection, flt: ExportFilter) -> list[str]:
    """The ids of the documents in scope, in import order (36 bytes a document)."""
    stmt = select(Document.id).order_by(Document.imported_at, Document.id)
    if flt.document_ids is not None:
        stmt = stmt.where(Document.id.in_(flt.document_ids))
    if flt.limit is not None:
        stmt = stmt.limit(flt.limit)
    return list(conn.scalars(stmt))


def iter_document_batches(
    conn: Connection, flt: ExportFilter, ids: list[str] | None = None
) -> Iterator[list[str]]:
    if ids is None:
        ids = document_ids(conn, flt)
    for i in range(0, len(ids), BATCH):
        yield ids[i : i + BATCH]


def iter_records(
    conn: Connection, flt: ExportFilter, ids: list[str] | None = None, *, link_ends: bool = False
) -> Iterator[dict[str, Any]]:
    """Native records, one per document, in import order (``ids``: from ``document_ids``).

    With ``link_ends``, a record also has ``"link_ends"``: where the other end of each of its
    links is (``evidence.LinkEnd`` by span id), for formats that describe both ends (W3C)."""
    raw = RawSQL(conn.dialect)
    q = raw.quote
    labels = dict(conn.execute(select(Label.id, Label.key)).all())
    extra, extra_params = "", []
    if flt.labels is not None:
        label_ids = [i for i, key in labels.items() if key in flt.labels] or [-1]
        extra += f" AND label_id IN ({raw.marks(len(label_ids))})"
        extra_params += label_ids
    if flt.authors is not None:
        named = [a for a in flt.authors if a is not None]
        tests = [f"author IN ({raw.marks(len(named))})"] if named else []
        if None in flt.authors:
            tests.append("author IS NULL")
        extra += f" AND ({' OR '.join(tests)})" if tests else " AND 0=1"
        extra_params += named
    json_out = raw.json_out
    # One query a document (faster than IN-batches on SQLite: no document_id per row); NULL
    # stands for "same as created" / "{}", cheaper to fetch than the repeated strings.
    if raw.sqlite:
        # stored "YYYY-MM-DD HH:MM:SS.ffffff" (UTC) made canonical text by SQLite, in C
        created = sqlite_canonical_sql("created")
        updated = (
            f"CASE WHEN updated = created THEN NULL ELSE {sqlite_canonical_sql('updated')} END"
        )
        ts = _canonical_or(raw.ts_out)
    else:
        created, updated, ts = "created", "NULLIF(updated, created)", raw.ts_out
    span_sql = (
        f"SELECT id, start, {q('end')}, label_id, author, note, "
        f"NULLIF(CAST(attributes AS TEXT), '{{}}'), {created}, {updated} "
        "FROM annotation "
        f"WHERE document_id = {raw.mark}{extra} ORDER BY start, {q('end')}"
    )
    total_links = link_count(conn)
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        for batch in iter_document_batches(conn, flt, ids):
            marks = raw.marks(len(batch))
            doc_sql = (
                "SELECT d.id, d.title, d.text, o.name, d.author, d.url, d.published, "
                "d.language, d.imported_at, d.meta "
                "FROM document d LEFT JOIN outlet o ON o.id = d.outlet_id "
                f"WHERE d.id IN ({marks})"
            )
            docs = {row[0]: row for row in raw.fetchall(conn, doc_sql, batch)}
            collections: dict[str, list[str]] = {}
            link_sql = (
                "SELECT l.document_id, c.name FROM document_collection l "
                f"JOIN collection c ON c.id = l.collection_id WHERE l.document_id IN ({marks})"
            )
            for document_id, name in raw.fetchall(conn, link_sql, batch):
                collections.setdefault(document_id, []).append(name)
            rows_of = {}
            for document_id in batch:
                cursor.execute(span_sql, (document_id, *extra_params))
                rows_of[document_id] = cursor.fetchall()
            # the batch's registry entries and links: a few queries, not one a span
            every_row = [row for rows in rows_of.values() for row in rows]
            expanded = span_attributes_with_entries(conn, raw, every_row, ATTRIBUTES)
            links, ends = batch_links(
                conn, raw, batch, ts, link_ends, links=total_links, spans=len(every_row)
            )
            for document_id in batch:
                rows = rows_of.pop(document_id)
                if flt.only_annotated and not rows:
                    continue
                record = _record(
                    docs[document_id], order_ties_by_id(rows), labels, ts, json_out, expanded, links
                )
                names = collections.get(document_id)
                if names:
                    record["meta"]["collections"] = sorted(names, key=lambda n: (n.casefold(), n))
                if link_ends:
                    record["link_ends"] = {
                        link["to"]: ends[link["to"]]
                        for span in record["spans"]
                        for link in span["links"]
                    }
                yield record
    finally:
        cursor.close()


def _canonical_or(convert: Callable[[Any], str]) -> Callable[[Any], str]:
    """Canonical texts (32 characters) as they are; anything else through ``convert``."""

    def canonical(value: Any) -> str:
        return value if len(value) == CANONICAL_LENGTH else convert(value)

    return canonical


_LINKS = itemgetter("links")
NO_LINKS: tuple = ()  # shared by the spans that start none (written as [])
ATTRIBUTES = 6  # the column of a span row that holds its attributes (JSON text)


def _record(
    doc: tuple,
    rows: list[tuple],
    labels: dict[int, str],
    ts,
    json_out,
    expanded: dict[str, dict[str, Any]],
    links: dict[str, list[dict[str, Any]]],
) -> dict:
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
        if key not in NATIVE_META:
            record_meta[key] = value
    starts = [row[1] for row in rows]
    ends = [row[2] for row in rows]
    utf16 = Utf16Map(text)
    if not utf16.identity:
        starts, ends = utf16.units_many(starts), utf16.units_many(ends)
    units = zip(starts, ends, strict=True)  # tuples: orjson writes them as arrays
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
                "utf16": unit_pair,
                "label": labels[label_id],
                "text": text[start:end],
                "author": author,
                "note": note,
                "attributes": ({} if attrs is None else expanded.get(sid) or json_out(attrs)),
                "links": links.get(sid, NO_LINKS) if links else NO_LINKS,
                "created": (created_text := ts(created)),
                "updated": created_text if updated is None else ts(updated),
            }
            for (
                sid,
                start,
                end,
                label_id,
                author,
                note,
                attrs,
                created,
                updated,
            ), unit_pair in zip(rows, units, strict=True)
        ],
    }


class JsonlWriter(StreamWriter):
    """``annotator.v1``: the records as they are, one a line."""

    def write(self, record: dict[str, Any]) -> int:
        self.out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
        self.links_written += record_links(record)
        return len(record["spans"])


def record_links(record: dict[str, Any]) -> int:
    """How many links the record's spans start."""
    return sum(map(len, map(_LINKS, record["spans"])))
