"""The evidence a native record carries besides its spans: registry entries for the actor and
event references in the spans' attributes, and the links each span starts. Read once per
document batch (``native.iter_records``): one query for the links of the batch's spans, one
for each registry (only the ids the batch refers to), never one a span.

A span's links (``"links"``) are the links whose stored source it is, sorted by id::

    {"id": "<link id>", "kind": "contradicts", "directed": true, "to": "<span id>",
     "note": "", "author": "ana", "created": "<ISO 8601, UTC>"}

A symmetric link (``directed`` false) is written once, from its stored source. The other end
may be in another document, in the export or not. With ``ends`` (the W3C writer asks), the
batch also reads where every link's other end is (``LinkEnd``): its document's id, title, URL,
language and import time, its offsets and its quote with up to ``AFFIX`` code points around.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy.engine import Connection

from ..interchange.references import ENTRY_KEYS, map_references, may_refer
from ..storage.rawsql import RawSQL

AFFIX = 32  # code points of context on each side of a quote (W3C TextQuoteSelector)
CHUNK = 500  # ids in one IN (...) list


@dataclass(frozen=True, slots=True)
class LinkEnd:
    """Where a link's other end is (W3C targets)."""

    document: dict[str, Any]  # id, title, meta {url, language, imported_at}: a record's head
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _referred(rows: list[tuple], column: int) -> dict[str, dict[str, Any]]:
    """The attributes (parsed) of the rows that may hold references, by row id (first)."""
    parsed: dict[str, Any] = {}
    if not may_refer("\0".join(filter(None, map(itemgetter(column), rows)))):
        return parsed  # one test in C for the batch: no span of it refers to anything
    for row in rows:
        text = row[column]
        if isinstance(text, str) and may_refer(text):
            parsed[row[0]] = orjson.loads(text)
    return parsed


def registry_entries(
    conn: Connection, raw: RawSQL, attributes: Iterable[dict[str, Any]]
) -> dict[str, dict[str, dict[str, Any]]]:
    """The registry entries (``{"id", "name", ...}``) the attributes refer to, by kind and id."""
    wanted: dict[str, set[str]] = {"actor": set(), "event": set()}

    def note(kind: str, value: Any, _field: str) -> Any:
        if isinstance(value, str):
            wanted[kind].add(value)
        return value

    for attrs in attributes:
        map_references(attrs, note)
    found: dict[str, dict[str, dict[str, Any]]] = {"actor": {}, "event": {}}
    columns = {"actor": "id, name, kind, side", "event": "id, name, date, place"}
    for kind, ids in wanted.items():
        for chunk in _chunks(sorted(ids)):
            sql = f"SELECT {columns[kind]} FROM {kind} WHERE id IN ({raw.marks(len(chunk))})"
            for entry_id, *values in raw.fetchall(conn, sql, chunk):
                entry = {"id": entry_id}
                for key, value in zip(ENTRY_KEYS[kind], values, strict=True):
                    if value is not None:
                        entry[key] = value if isinstance(value, str) else value.isoformat()
                found[kind][entry_id] = entry
    return found


def expand_references(
    attributes: dict[str, Any], entries: dict[str, dict[str, dict[str, Any]]]
) -> dict[str, Any]:
    """Stored references made reference objects (an id the registry lacks: ``{"id"}`` only)."""

    def expand(kind: str, value: Any, _field: str) -> Any:
        if not isinstance(value, str):
            return value
        return entries[kind].get(value) or {"id": value}

    return map_references(attributes, expand)


def span_attributes_with_entries(
    conn: Connection, raw: RawSQL, rows: list[tuple], column: int
) -> dict[str, dict[str, Any]]:
    """For the span rows (id first, attributes as JSON text at ``column``) that refer to
    actors or events: their attributes with the references expanded, by span id."""
    parsed = _referred(rows, column)
    if not parsed:
        return {}
    entries = registry_entries(conn, raw, parsed.values())
    return {sid: expand_references(attrs, entries) for sid, attrs in parsed.items()}


def link_count(conn: Connection) -> int:
    """How many links there are (read once an export: ``batch_links`` plans with it)."""
    return conn.exec_driver_sql("SELECT count(*) FROM span_link").scalar_one()


def batch_links(
    conn: Connection,
    raw: RawSQL,
    document_ids: list[str],
    ts: Callable[[Any], str],
    ends: bool = False,
    *,
    links: int,
    spans: int,
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, LinkEnd]]:
    """The links whose source span is in one of ``document_ids``, by source span id (sorted
    by link id), and with ``ends`` where each one's other end is, by span id. ``links``: how
    many there are in all (``link_count``); ``spans``: how many the documents have. SQLite
    reads fewer rows from the links when there are fewer links than spans (its planner has no
    statistics to know), else from the spans, one index look-up each."""
    if not links:
        return {}, {}
    q = raw.quote
    join = "CROSS JOIN" if raw.sqlite and links < spans else "JOIN"
    extra = joins = ""
    if ends:
        joins = "JOIN annotation t ON t.id = l.target_id JOIN document d ON d.id = t.document_id "
        affix_from = f"CASE WHEN t.start > {AFFIX} THEN t.start - {AFFIX - 1} ELSE 1 END"
        affix_len = f"CASE WHEN t.start > {AFFIX} THEN {AFFIX} ELSE t.start END"
        extra = (
            f", t.start, t.{q('end')}, t.quote, substr(d.text, {affix_from}, {affix_len}), "
            f"substr(d.text, t.{q('end')} + 1, {AFFIX}), d.id, d.title, d.url, d.language, "
            "d.imported_at"
        )
    sql = (
        "SELECT l.id, l.source_id, k.key, k.directed, l.target_id, l.note, l.author, "
        f"l.created{extra} FROM span_link l "
        f"{join} annotation s ON s.id = l.source_id JOIN link_kind k ON k.id = l.kind_id "
        f"{joins}WHERE s.document_id IN ({{marks}}) ORDER BY l.id"
    )
    by_source: dict[str, list[dict[str, Any]]] = {}
    where: dict[str, LinkEnd] = {}
    for chunk in _chunks(document_ids):
        for row in raw.fetchall(conn, sql.format(marks=raw.marks(len(chunk))), chunk):
            link_id, source, key, directed, target, note, author, created = row[:8]
            by_source.setdefault(source, []).append(
                {
                    "id": link_id,
                    "kind": key,
                    "directed": bool(directed),
                    "to": target,
                    "note": note or "",
                    "author": author,
                    "created": ts(created),
                }
            )
            if ends and target not in where:
                start, end, quote, prefix, suffix, doc_id, title, url, lang, imported = row[8:]
                document = {
                    "id": doc_id,
                    "title": title,
                    "meta": {"url": url, "language": lang, "imported_at": ts(imported)},
                }
                where[target] = LinkEnd(document, start, end, quote, prefix, suffix)
    return by_source, where
