"""The evidence of a native line besides its spans: the registry entries its spans' attributes
refer to, and the links its spans start (see ``exporting.evidence`` for the shapes).

``read_evidence`` turns each reference object (``{"actor": {"id", "name", ...}}``) back into
the stored reference (``{"actor": "<id>"}``) and gathers the entries, one per id, for the
import service to find or create; a stored reference (``{"actor": "<id>"}``) is read as it is.
It checks the links' shapes; whether their ends exist is the import service's question.
Every problem is a ``LineError`` naming the span and the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from annotator.importing.records import SpanColumns
from annotator.importing.spans import LineError, aware
from annotator.interchange.references import ENTRY_KEYS, map_references

_NESTED = (dict, list)


@dataclass(slots=True)
class ParsedLink:
    """A link a span of the file starts; ``source`` and ``to`` are span ids as in the file."""

    id: str | None
    source: str
    kind: str
    to: str
    where: str  # "path:line" for messages
    note: str = ""
    author: str | None = None
    created: dt.datetime | None = None
    directed: bool | None = None  # None: not said (an unknown kind is then directed)


def _entry(kind: str, value: Any, at: str) -> dict[str, Any]:
    if type(value) is not dict:
        raise LineError(f"{at}: an {kind} reference is {{'id': ..., 'name': ...}} or an id")
    entry_id = value.get("id")
    if type(entry_id) is not str or not entry_id.strip():
        raise LineError(f"{at}: the {kind} reference has no id")
    for key in ENTRY_KEYS[kind]:
        if value.get(key) is not None and type(value[key]) is not str:
            raise LineError(f"{at}: the {kind}'s {key} must be a string")
    unknown = sorted(set(value) - {"id", *ENTRY_KEYS[kind]})
    if unknown:
        raise LineError(f"{at}: an {kind} reference has no {unknown[0]!r}")
    return value


def _collapse(
    attributes: dict[str, Any], at: str, entries: dict[str, dict[str, dict[str, Any]]]
) -> dict[str, Any]:
    def convert(kind: str, value: Any, field: str) -> str:
        if type(value) is str and value.strip():
            return value
        entry = _entry(kind, value, f"{at}.attributes.{field}")
        known = entries[kind].setdefault(entry["id"], entry)
        if known is not entry and len(entry) > len(known):
            entries[kind][entry["id"]] = entry  # the fuller description of the two
        return entry["id"]

    return map_references(attributes, convert)


def _link(raw: Any, source: str, at: str, where: str) -> ParsedLink:
    if type(raw) is not dict:
        raise LineError(f"{at}: a link is an object with a kind and a span id under 'to'")
    values = {}
    for key in ("id", "kind", "to", "note", "author"):
        value = raw.get(key)
        if value is not None and type(value) is not str:
            raise LineError(f"{at}: {key} must be a string")
        values[key] = value
    for key in ("kind", "to"):
        if not (values[key] or "").strip():
            raise LineError(f"{at}: the link has no {key}")
    directed = raw.get("directed")
    if directed is not None and type(directed) is not bool:
        raise LineError(f"{at}: directed must be true or false")
    return ParsedLink(
        id=values["id"] or None,
        source=source,
        kind=values["kind"].strip(),
        to=values["to"],
        where=where,
        note=values["note"] or "",
        author=values["author"],
        created=aware(raw.get("created"), f"{at}: created"),
        directed=directed,
    )


def read_evidence(
    raw_spans: list[Any], spans: SpanColumns, where: str
) -> tuple[dict[str, dict[str, dict[str, Any]]], list[ParsedLink]]:
    """The registry entries (by kind, then id) and the links of a native line's spans; the
    spans' attributes get stored references in place of reference objects."""
    entries: dict[str, dict[str, dict[str, Any]]] = {"actor": {}, "event": {}}
    links: list[ParsedLink] = []
    attributes = spans.attributes
    if attributes is not None:
        changed = None
        for i, attrs in enumerate(attributes):
            if attrs and any(type(v) in _NESTED for v in attrs.values()):
                if changed is None:
                    changed = list(attributes)
                changed[i] = _collapse(attrs, f"spans[{i}]", entries)
        if changed is not None:
            spans.attributes = changed
    for i, raw in enumerate(raw_spans):
        given = raw.get("links")
        if not given:
            continue
        at = f"spans[{i}].links"
        if type(given) is not list:
            raise LineError(f"{at} must be a list")
        source = raw.get("id")
        if not source:
            raise LineError(f"{at}: a span that starts links needs its id")
        links.extend(_link(item, source, f"{at}[{n}]", where) for n, item in enumerate(given))
    return entries, links
