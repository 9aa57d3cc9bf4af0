"""JSON Lines (``.jsonl``) to ``ParsedDocument``: one document per line, streamed.

The file must be UTF-8 (a leading BOM is allowed). Blank lines are skipped. Each line is
one JSON object in one of three shapes, recognised per line:

* native (``"schema": "annotator.v1"``)::

      {"schema": "annotator.v1", "id": "...", "title": "...", "text": "...",
       "meta": {"outlet", "author", "url", "published": "YYYY-MM-DD", "language",
                "imported_at": "<ISO 8601 with offset>", ...other keys kept in meta},
       "spans": [{"id", "start", "end", "label", "text", "author", "note",
                  "attributes": {...}, "created", "updated"}]}

  ``created``/``updated``/``imported_at`` must carry a UTC offset (``Z`` or ``+04:00``);
  a span's ``text`` is its quote and must equal ``text[start:end]``.
* Prodigy: ``{"text": ..., "spans": [{"start", "end", "label", "text"?}], "meta": {...}}``;
  ``meta`` is merged into the document's meta with the other top-level keys, except
  ``tokens`` and keys starting with ``_`` (Prodigy's hashes and view ids).
* doccano: ``{"text": ..., "label": [[start, end, "LABEL"], ...]}`` (``labels`` and the
  newer ``entities: [{"start_offset", "end_offset", "label"}]`` are read too); other keys
  go into meta. A ``label`` that is a list of strings (text classification) is kept in
  meta, not read as spans; any other list under ``label``/``labels`` must be spans.

A line with a ``text`` but none of those is a document without spans. Without a ``title``,
the title is the first non-empty line of the text. The text is kept exactly as given
(no newline normalisation), so offsets, which are code-point indices, stay right.

Every problem raises ``ImportFileError`` with the 1-based line number.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat, starmap
from operator import attrgetter, itemgetter, lt
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from annotator.errors import ImportFileError
from annotator.importing.plain import clean_title
from annotator.importing.records import ParsedDocument, ParsedSpan

__all__ = ["NATIVE_SCHEMA", "iter_jsonl", "iter_jsonl_lines", "parse_jsonl_line"]

NATIVE_SCHEMA = "annotator.v1"
_DOC_FIELDS = ("outlet", "author", "url", "language")
_PRODIGY_DROP = frozenset({"text", "spans", "meta", "tokens", "title"})


class _LineError(Exception):
    """A problem in one line; turned into ImportFileError with path and line."""


def _title_from_text(text: str) -> str:
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        if nl > pos and not text[pos:nl].isspace():
            return clean_title(text[pos : min(nl, pos + 4000)])
        pos = nl + 1
    return ""


def _opt_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or type(value) is str:
        return value
    raise _LineError(f"{where}{key} must be a string, not {type(value).__name__}")


def _aware(value: Any, what: str) -> dt.datetime | None:
    if value is None:
        return None
    if type(value) is not str:
        raise _LineError(f"{what} must be an ISO 8601 date-time string")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _LineError(f"{what} {value!r} is not an ISO 8601 date-time") from None
    if parsed.tzinfo is None:
        raise _LineError(f"{what} {value!r} has no UTC offset (add Z or +HH:MM)")
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
        for key in ("id", "author", "note"):
            if s.get(key) is not None and type(s[key]) is not str:
                return f"{key} must be a string"
        if s.get("attributes") is not None and type(s["attributes"]) is not dict:
            return "attributes must be an object"
        for key in ("created", "updated"):
            try:
                _aware(s.get(key), key)
            except _LineError as exc:
                return str(exc)
    return ""


def _short(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _explain(raw: list[Any], text: str, kind: str, key: str) -> _LineError:
    for i, s in enumerate(raw):
        problem = _span_problem(s, text, kind)
        if problem:
            return _LineError(f"{key}[{i}]: {problem}")
    return _LineError(f"invalid {key}")  # not reached: the fast path rejects only bad spans


_NONE = type(None)
_STR = frozenset({str})
_STR_OR_NONE = frozenset({str, _NONE})
_DICT_OR_NONE = frozenset({dict, _NONE})
_INT = frozenset({int})
_fromiso = dt.datetime.fromisoformat
_tzinfo = attrgetter("tzinfo")
# ParsedSpan's optional fields, in its positional order, with the JSON key of each.
_OPTIONAL = (("id", "id"), ("note", "note"), ("author", "author"), ("attributes", "attributes"))
_OPTIONAL += (("created", "created"), ("updated", "updated"), ("quote", "text"))


_KNOWN_NATIVE = frozenset({"start", "end", "label"} | {key for _, key in _OPTIONAL})
_KNOWN_PRODIGY = frozenset({"start", "end", "label", "text"})
_KNOWN_DOCCANO = frozenset({"start_offset", "end_offset", "label"})


class _Bad(Exception):
    pass


def _check_labels(labels: Iterable[Any]) -> None:
    for label in set(labels):  # TypeError for an unhashable label
        if type(label) is not str or not label or label.isspace():
            raise _Bad


def _datetimes(values: Sequence[Any]) -> Sequence[Any]:
    kinds = set(map(type, values))
    if kinds == _STR:
        out = list(map(_fromiso, values))
    elif kinds == _STR_OR_NONE:
        out = [None if v is None else _fromiso(v) for v in values]
    elif kinds == {_NONE}:
        return values
    else:
        raise _Bad
    if None in map(_tzinfo, filter(None, out)):
        raise _Bad
    return out


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
    return cols


def _build_spans(raw: Any, text: str, kind: str, key: str) -> list[ParsedSpan]:
    """Validate and build all spans of a line column by column (C-level loops).

    A million spans cost little more than building the million ParsedSpan objects; any
    problem switches to ``_explain``, which walks the spans one by one for the message.
    """
    if type(raw) is not list:
        raise _LineError(f'"{key}" must be a list')
    if not raw:
        return []
    n = len(text)
    count = len(raw)
    try:
        cols = _columns(raw, kind)
        starts, ends, labels = cols["start"], cols["end"], cols["label"]
        if set(map(type, starts)) | set(map(type, ends)) != _INT:
            raise _Bad
        if min(starts) < 0 or max(ends) > n or not all(map(lt, starts, ends)):
            raise _Bad
        _check_labels(labels)
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
                cols[field] = _datetimes(cols[field])
        if len(cols) == 3:
            return list(map(ParsedSpan, starts, ends, labels))
        return list(
            map(
                ParsedSpan,
                starts,
                ends,
                labels,
                cols.get("id") or repeat(None, count),
                cols.get("note") or repeat("", count),
                cols.get("author") or repeat(None, count),
                cols.get("attributes") or starmap(dict, repeat((), count)),
                cols.get("created") or repeat(None, count),
                cols.get("updated") or repeat(None, count),
                cols.get("quote") or repeat(None, count),
            )
        )
    except (_Bad, KeyError, TypeError, ValueError):
        raise _explain(raw, text, kind, key) from None


def _doc_title(obj: dict[str, Any], text: str) -> str:
    title = obj.get("title")
    if title is not None and type(title) is not str:
        raise _LineError(f"title must be a string, not {type(title).__name__}")
    title = clean_title(title) if title else ""
    return title or _title_from_text(text)


def _native(obj: dict[str, Any], text: str, source: str) -> ParsedDocument:
    doc_id = obj.get("id")
    if doc_id is not None and type(doc_id) is not str:
        raise _LineError("id must be a string")
    raw_meta = obj.get("meta")
    if raw_meta is None:
        raw_meta = {}
    elif type(raw_meta) is not dict:
        raise _LineError('"meta" must be an object')
    meta = dict(raw_meta)
    doc = ParsedDocument(
        title=_doc_title(obj, text), text=text, source=source, id=doc_id, meta=meta
    )
    for key in _DOC_FIELDS:
        if key in meta:
            setattr(doc, key, _opt_str(meta, key, "meta.") or None)
            del meta[key]
    published = meta.pop("published", None)
    if published is not None:
        if type(published) is not str:
            raise _LineError("meta.published must be a YYYY-MM-DD string")
        try:
            doc.published = dt.date.fromisoformat(published)
        except ValueError:
            raise _LineError(f"meta.published {published!r} is not a date (YYYY-MM-DD)") from None
    doc.imported_at = _aware(meta.pop("imported_at", None), "meta.imported_at")
    raw_spans = obj.get("spans")
    doc.spans = [] if raw_spans is None else _build_spans(raw_spans, text, "native", "spans")
    return doc


def _prodigy(obj: dict[str, Any], text: str, source: str) -> ParsedDocument:
    meta: dict[str, Any] = {k: v for k, v in obj.items() if k not in _PRODIGY_DROP and k[:1] != "_"}
    extra = obj.get("meta")
    if extra is not None:
        if type(extra) is not dict:
            raise _LineError('"meta" must be an object')
        meta.update(extra)
    spans = _build_spans(obj["spans"], text, "prodigy", "spans")
    return ParsedDocument(
        title=_doc_title(obj, text), text=text, source=source, meta=meta, spans=spans
    )


def _doccano(obj: dict[str, Any], text: str, source: str) -> ParsedDocument:
    meta: dict[str, Any] = {}
    spans: list[ParsedSpan] = []
    for key, value in obj.items():
        if key in ("text", "title") or (key in ("label", "labels", "entities") and value == []):
            continue
        if (
            key in ("label", "labels", "entities")
            and type(value) is list
            and (key == "entities" or set(map(type, value)) != {str})
        ):
            spans.extend(_build_spans(value, text, "doccano", key))
        else:
            meta[key] = value
    return ParsedDocument(
        title=_doc_title(obj, text), text=text, source=source, meta=meta, spans=spans
    )


def parse_jsonl_line(line: bytes | str, path: str, lineno: int) -> ParsedDocument | None:
    """One JSONL line to a document; None for a blank line. Raises ImportFileError."""
    if not line or line.isspace():
        return None
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise ImportFileError(path, f"malformed JSON: {exc}", lineno) from None
    source = f"{path}:{lineno}"
    try:
        if type(obj) is not dict:
            raise _LineError(f"expected a JSON object, got {type(obj).__name__}")
        text = obj.get("text")
        if text is None:
            raise _LineError('missing "text"')
        if type(text) is not str:
            raise _LineError(f'"text" must be a string, not {type(text).__name__}')
        if not text or text.isspace():
            raise _LineError('"text" is empty')
        schema = obj.get("schema")
        if schema is not None:
            if schema != NATIVE_SCHEMA:
                raise _LineError(
                    f"unsupported schema {schema!r} (this version reads {NATIVE_SCHEMA})"
                )
            return _native(obj, text, source)
        if "spans" in obj:
            return _prodigy(obj, text, source)
        return _doccano(obj, text, source)
    except _LineError as exc:
        raise ImportFileError(path, str(exc), lineno) from None


def iter_jsonl_lines(lines: Iterable[bytes], path: str) -> Iterator[ParsedDocument]:
    """Documents from an iterable of raw lines (e.g. a file opened in binary mode)."""
    path = str(path)
    for lineno, line in enumerate(lines, 1):
        if lineno == 1:
            if line.startswith(codecs.BOM_UTF8):
                line = line[3:]
            elif line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise ImportFileError(path, "JSONL files must be UTF-8, this one is UTF-16", 1)
        doc = parse_jsonl_line(line, path, lineno)
        if doc is not None:
            yield doc


def iter_jsonl(path: str | Path, fp: BinaryIO | None = None) -> Iterator[ParsedDocument]:
    """Stream the documents of a JSONL file, one line at a time."""
    if fp is not None:
        yield from iter_jsonl_lines(fp, str(path))
        return
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, also when the caller stops early
    except OSError as exc:
        raise ImportFileError(str(path), f"cannot read the file: {exc.strerror or exc}") from None
    with f:
        yield from iter_jsonl_lines(f, str(path))
