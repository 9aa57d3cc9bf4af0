"""Validate and build the spans of one JSON record, fast (column by column, C-level loops).

The spans stay columns (``SpanColumns``): a million cost little more than parsing them; any problem
switches to ``explain``, which walks the spans one by one for a message naming the span.
Offsets are code points; a native span's ``utf16`` (UTF-16 units) is checked against them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from operator import itemgetter, lt
from typing import Any

from annotator.importing.records import SpanColumns
from annotator.text.offsets import Utf16Map
from annotator.timestamps import canonical_column


class LineError(Exception):
    """A problem in one line; turned into ImportFileError with path and line."""


def opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or type(value) is str:
        return value
    raise LineError(f"{where}{key} must be a string, not {type(value).__name__}")


def aware(value: Any, what: str) -> dt.datetime | None:
    if value is None:
        return None
    if type(value) is not str:
        raise LineError(f"{what} must be an ISO 8601 date-time string")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise LineError(f"{what} {value!r} is not an ISO 8601 date-time") from None
    if parsed.tzinfo is None:
        raise LineError(f"{what} {value!r} has no UTC offset (add Z or +HH:MM)")
    return parsed


def _span_problem(s: Any, text: str, kind: str) -> str:
    """Why one span is invalid, or "" when it is valid (the slow, explaining path)."""
    if kind == "doccano":
        if type(s) is list and len(s) == 3:
            start, end, label = s
        elif type(s) is dict:
            start, end, label = s.get("start_offset"), s.get("end_offset"), s.get("label")
        else:
            return "must be [start, end, label]"
        quote = None
    else:
        if type(s) is not dict:
            return "must be an object"
        start, end, label, quote = s.get("start"), s.get("end"), s.get("label"), s.get("text")
    n = len(text)
    if start is None or end is None:
        return "start and end are required"
    if type(start) is not int or type(end) is not int:
        return f"start and end must be integers (got {start!r}, {end!r})"
    if start < 0:
        return f"start {start} is negative"
    if end <= start:
        return f"end {end} is not after start {start}"
    if end > n:
        return f"end {end} is beyond the end of the text ({n} characters)"
    if type(label) is not str or not label or label.isspace():
        return f"label must be a non-empty string (got {label!r})"
    if quote is not None:
        if type(quote) is not str:
            return f"text must be a string (got {type(quote).__name__})"
        if quote != text[start:end]:
            return (
                f"text {_short(quote)} differs from the document text at {start}-{end}: "
                f"{_short(text[start:end])}"
            )
    if kind == "native":
        units = s.get("utf16")
        if units is not None:
            expected = Utf16Map(text).units_many([start, end])
            if type(units) is not list or list(units) != expected:
                return (
                    f"utf16 {units!r} differs from the UTF-16 offsets of {start}-{end}: {expected}"
                )
        for key in ("id", "author", "note"):
            if s.get(key) is not None and type(s[key]) is not str:
                return f"{key} must be a string"
        if s.get("attributes") is not None and type(s["attributes"]) is not dict:
            return "attributes must be an object"
        for key in ("created", "updated"):
            try:
                aware(s.get(key), key)
            except LineError as exc:
                return str(exc)
    return ""


def _short(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _explain(raw: list[Any], text: str, kind: str, key: str) -> LineError:
    for i, s in enumerate(raw):
        problem = _span_problem(s, text, kind)
        if problem:
            return LineError(f"{key}[{i}]: {problem}")
    return LineError(f"invalid {key}")  # not reached: the fast path rejects only bad spans


_NONE = type(None)
_STR = frozenset({str})
_STR_OR_NONE = frozenset({str, _NONE})
_DICT_OR_NONE = frozenset({dict, _NONE})
_LIST_OR_NONE = frozenset({list, _NONE})
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_INT = frozenset({int})
# The optional span fields (SpanColumns' names, singular) with the JSON key of each.
_OPTIONAL = (("id", "id"), ("note", "note"), ("author", "author"), ("attributes", "attributes"))
_OPTIONAL += (("created", "created"), ("updated", "updated"), ("quote", "text"))


# "links": read by ``importing.evidence``, not a column
_KNOWN_NATIVE = frozenset({"start", "end", "label", "utf16", "links"} | {k for _, k in _OPTIONAL})
_KNOWN_PRODIGY = frozenset({"start", "end", "label", "text"})
_KNOWN_DOCCANO = frozenset({"start_offset", "end_offset", "label"})


class _Bad(Exception):
    pass


def _check_labels(labels: Iterable[Any]) -> None:
    for label in set(labels):  # TypeError for an unhashable label
        if type(label) is not str or not label or label.isspace():
            raise _Bad


def _columns(raw: list[Any], kind: str) -> dict[str, Sequence[Any]]:
    """Per-field tuples of the spans' values; a field no span has is left out."""
    if kind == "doccano" and set(map(type, raw)) == {list}:
        if set(map(len, raw)) != {3}:
            raise _Bad
        starts, ends, labels = zip(*raw, strict=True)
        return {"start": starts, "end": ends, "label": labels}
    if set(map(type, raw)) != {dict}:
        raise _Bad
    if kind == "doccano":
        required: tuple[str, ...] = ("start_offset", "end_offset", "label")
        known = _KNOWN_DOCCANO
    elif kind == "prodigy":
        required = ("start", "end", "label")
        known = _KNOWN_PRODIGY
    else:
        required = ("start", "end", "label")
        known = _KNOWN_NATIVE
    first = raw[0]
    values: list[Sequence[Any]] | None = None
    if first.keys() <= known:
        # Every span with as many keys as the first and all of the first's keys has
        # exactly the first's keys: one C-level pass fetches them all.
        keys = list(first)
        try:
            rows = list(map(itemgetter(*keys), raw))
        except KeyError:
            rows = None
        if rows is not None and set(map(len, raw)) == {len(keys)}:
            values = list(zip(*rows, strict=True)) if len(keys) > 1 else [rows]
    if values is None:
        keys = [k for k in set().union(*raw) if k in known]
        values = [[s.get(k) for s in raw] for k in keys]
    by_key = dict(zip(keys, values, strict=True))
    cols = {"start": by_key[required[0]], "end": by_key[required[1]], "label": by_key["label"]}
    if kind != "doccano":
        for field, key in _OPTIONAL:
            if key in by_key and (kind == "native" or field == "quote"):
                cols[field] = by_key[key]
    if kind == "native" and "utf16" in by_key:
        cols["utf16"] = by_key["utf16"]
    return cols


def _check_utf16(units: Sequence[Any], starts: Sequence[int], ends: Sequence[int], text: str):
    """Each span's ``utf16`` (where given) must be its offsets in UTF-16 code units."""
    kinds = set(map(type, units))
    if kinds != {list}:  # some spans without utf16 (None), or not lists: one by one
        if not kinds <= _LIST_OR_NONE:
            raise _Bad
        mapping = Utf16Map(text)
        for u, a, b in zip(units, starts, ends, strict=True):
            if u is not None and (type(u) is not list or u != mapping.units_many([a, b])):
                raise _Bad
        return
    if set(map(len, units)) != {2}:
        raise _Bad
    firsts = list(map(_FIRST, units))
    seconds = list(map(_SECOND, units))
    if set(map(type, firsts)) | set(map(type, seconds)) != _INT:
        raise _Bad
    mapping = Utf16Map(text)
    if not mapping.identity:
        starts, ends = mapping.units_many(starts), mapping.units_many(ends)
    if firsts != list(starts) or seconds != list(ends):
        raise _Bad


def build_spans(raw: Any, text: str, kind: str, key: str) -> SpanColumns:
    """Validate and build all spans of a line column by column (C-level loops).

    ``kind``: "native", "prodigy" or "doccano"; ``key``: the record's key (for messages).
    """
    if type(raw) is not list:
        raise LineError(f'"{key}" must be a list')
    if not raw:
        return SpanColumns([], [], [])
    n = len(text)
    try:
        cols = _columns(raw, kind)
        starts, ends, labels = cols["start"], cols["end"], cols["label"]
        if set(map(type, starts)) | set(map(type, ends)) != _INT:
            raise _Bad
        if min(starts) < 0 or max(ends) > n or not all(map(lt, starts, ends)):
            raise _Bad
        _check_labels(labels)
        units = cols.pop("utf16", None)
        if units is not None:
            _check_utf16(units, starts, ends, text)
        quotes = cols.get("quote")
        if quotes is not None:
            qkinds = set(map(type, quotes))
            if qkinds == _STR:
                if list(quotes) != list(map(text.__getitem__, map(slice, starts, ends))):
                    raise _Bad
            elif qkinds == _STR_OR_NONE:
                for q, a, b in zip(quotes, starts, ends, strict=True):
                    if q is not None and q != text[a:b]:
                        raise _Bad
            elif qkinds != {_NONE}:
                raise _Bad
        for field in ("id", "author", "note"):
            if field in cols and not set(map(type, cols[field])) <= _STR_OR_NONE:
                raise _Bad
        if "note" in cols and None in cols["note"]:
            cols["note"] = ["" if v is None else v for v in cols["note"]]
        if "attributes" in cols:
            attr_kinds = set(map(type, cols["attributes"]))
            if not attr_kinds <= _DICT_OR_NONE:
                raise _Bad
            if _NONE in attr_kinds:
                cols["attributes"] = [{} if v is None else v for v in cols["attributes"]]
        for field in ("created", "updated"):
            if field in cols:
                cols[field] = canonical_column(cols[field])
        return SpanColumns(
            starts,
            ends,
            labels,
            ids=cols.get("id"),
            notes=cols.get("note"),
            authors=cols.get("author"),
            attributes=cols.get("attributes"),
            created=cols.get("created"),
            updated=cols.get("updated"),
            quotes=cols.get("quote"),
        )
    except (_Bad, KeyError, TypeError, ValueError):
        raise _explain(raw, text, kind, key) from None
