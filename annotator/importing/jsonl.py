"""JSON Lines (``.jsonl``) to ``ParsedDocument``: one document per line, streamed.

The file must be UTF-8 (a leading BOM is allowed). Blank lines are skipped. Each line is
one JSON object in one of four shapes, recognised per line (``parse_object``, which the
``.json`` reader shares):

* native (``"schema": "annotator.v1"``)::

      {"schema": "annotator.v1", "id": "...", "title": "...", "text": "...",
       "meta": {"outlet", "author", "url", "published": "YYYY-MM-DD", "language",
                "imported_at": "<ISO 8601 with offset>", ...other keys kept in meta},
       "spans": [{"id", "start", "end", "utf16", "label", "text", "author", "note",
                  "attributes": {...}, "links": [...], "created", "updated"}]}

  ``created``/``updated``/``imported_at`` must carry a UTC offset (``Z`` or ``+04:00``);
  a span's ``text`` is its quote and must equal ``text[start:end]``; ``utf16`` (optional)
  must be ``[start, end]`` in UTF-16 code units. Actor and event references in the
  attributes may be objects (``{"actor": {"id", "name", "kind", "side"}}``, as exported) or
  ids; ``links`` are the links a span starts (``importing.evidence``). The line must also
  satisfy the JSON Schema ``resources/schema/annotator.v1.schema.json`` (``importing.schema``).
* Prodigy: ``{"text": ..., "spans": [{"start", "end", "label", "text"?}], "meta": {...}}``;
  ``meta`` is merged into the document's meta with the other top-level keys, except
  ``tokens`` and keys starting with ``_`` (Prodigy's hashes and view ids).
* doccano: ``{"text": ..., "label": [[start, end, "LABEL"], ...]}`` (``labels`` and the
  newer ``entities: [{"start_offset", "end_offset", "label"}]`` are read too); other keys
  go into meta. A ``label`` that is a list of strings (text classification) is kept in
  meta, not read as spans; any other list under ``label``/``labels`` must be spans.

* a Label Studio task (``{"data": {"text": ...}, "annotations": [...]}``, see
  ``importing.labelstudio``).

Keys Annotator's exports add to foreign formats (``document_id``, ``title``, ``outlet``...)
fill the document's fields (``importing.doc_fields``).
A line with a ``text`` but none of those is a document without spans. Without a ``title``,
the title is the first non-empty line of the text. The text is kept exactly as given
(no newline normalisation), so offsets, which are code-point indices, stay right.

Every problem raises ``ImportFileError`` with the 1-based line number.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from annotator.errors import ImportFileError
from annotator.importing.doc_fields import adopt_document_fields, title_from_text
from annotator.importing.evidence import read_evidence
from annotator.importing.labelstudio import is_labelstudio_task, parse_labelstudio_task
from annotator.importing.plain import clean_title
from annotator.importing.records import ParsedDocument, ParsedSpan
from annotator.importing.schema import check_document
from annotator.importing.spans import LineError, aware, build_spans, opt_str
from annotator.interchange.fields import TEXT_FIELDS
from annotator.interchange.native import SCHEMA as NATIVE_SCHEMA

__all__ = ["NATIVE_SCHEMA", "iter_jsonl", "iter_jsonl_lines", "parse_jsonl_line", "parse_object"]

_PRODIGY_DROP = frozenset({"text", "spans", "meta", "tokens", "title"})


def _doc_title(obj: dict[str, Any], text: str) -> str:
    title = obj.get("title")
    if title is not None and type(title) is not str:
        raise LineError(f"title must be a string, not {type(title).__name__}")
    title = clean_title(title) if title else ""
    return title or title_from_text(text)


def _native(obj: dict[str, Any], text: str, source: str) -> ParsedDocument:
    doc_id = obj.get("id")
    if doc_id is not None and type(doc_id) is not str:
        raise LineError("id must be a string")
    raw_meta = obj.get("meta")
    if raw_meta is None:
        raw_meta = {}
    elif type(raw_meta) is not dict:
        raise LineError('"meta" must be an object')
    meta = dict(raw_meta)
    doc = ParsedDocument(
        title=_doc_title(obj, text), text=text, source=source, id=doc_id, meta=meta
    )
    for key in TEXT_FIELDS:
        if key in meta:
            setattr(doc, key, opt_str(meta, key, "meta.") or None)
            del meta[key]
    published = meta.pop("published", None)
    if published is not None:
        if type(published) is not str:
            raise LineError("meta.published must be a YYYY-MM-DD string")
        try:
            doc.published = dt.date.fromisoformat(published)
        except ValueError:
            raise LineError(f"meta.published {published!r} is not a date (YYYY-MM-DD)") from None
    doc.imported_at = aware(meta.pop("imported_at", None), "meta.imported_at")
    raw_spans = obj.get("spans")
    doc.spans = [] if raw_spans is None else build_spans(raw_spans, text, "native", "spans")
    problem = check_document(obj)  # the checks above give the friendlier messages first
    if problem:
        raise LineError(problem)
    if raw_spans:
        entries, doc.links = read_evidence(raw_spans, doc.spans, source)
        if entries["actor"] or entries["event"]:
            doc.entries = entries
    return doc


def _prodigy(obj: dict[str, Any], text: str, source: str) -> ParsedDocument:
    meta: dict[str, Any] = {k: v for k, v in obj.items() if k not in _PRODIGY_DROP and k[:1] != "_"}
    extra = obj.get("meta")
    if extra is not None:
        if type(extra) is not dict:
            raise LineError('"meta" must be an object')
        meta.update(extra)
    spans = build_spans(obj["spans"], text, "prodigy", "spans")
    doc = ParsedDocument(title=_doc_title(obj, text), text=text, source=source, spans=spans)
    return adopt_document_fields(doc, meta, has_title=bool(obj.get("title")))


# keys Annotator's doccano export writes on every line, null when the document has no value
_DOCCANO_DOC_KEYS = frozenset(
    ("document_id", "outlet", "author", "url", "published", "language", "meta")
)


def _doccano(obj: dict[str, Any], text: str, source: str) -> ParsedDocument:
    meta: dict[str, Any] = {}
    spans: list[ParsedSpan] = []
    for key, value in obj.items():
        if key in ("text", "title") or (
            key in ("label", "labels", "entities", "relations") and value == []
        ):
            continue
        if value is None and key in _DOCCANO_DOC_KEYS:
            continue  # "no value", not metadata
        if (
            key in ("label", "labels", "entities")
            and type(value) is list
            and (key == "entities" or set(map(type, value)) != {str})
        ):
            spans.extend(build_spans(value, text, "doccano", key))
        else:
            meta[key] = value
    doc = ParsedDocument(title=_doc_title(obj, text), text=text, source=source, spans=spans)
    return adopt_document_fields(doc, meta, has_title=bool(obj.get("title")))


def parse_object(obj: Any, source: str) -> ParsedDocument:
    """One JSON record (native, Prodigy, doccano or a Label Studio task) to a document.

    Raises ``LineError``; ``source`` names it in the document (``path:line``)."""
    if type(obj) is not dict:
        raise LineError(f"expected a JSON object, got {type(obj).__name__}")
    if is_labelstudio_task(obj):
        return parse_labelstudio_task(obj, source)
    if "@context" in obj:
        raise LineError(
            "W3C Web Annotation (JSON-LD) holds no document text and cannot be imported; "
            "import the same export as jsonl instead"
        )
    text = obj.get("text")
    if text is None:
        raise LineError('missing "text"')
    if type(text) is not str:
        raise LineError(f'"text" must be a string, not {type(text).__name__}')
    if not text or text.isspace():
        raise LineError('"text" is empty')
    schema = obj.get("schema")
    if schema is not None:
        if schema != NATIVE_SCHEMA:
            raise LineError(f"unsupported schema {schema!r} (this version reads {NATIVE_SCHEMA})")
        return _native(obj, text, source)
    if "spans" in obj:
        return _prodigy(obj, text, source)
    return _doccano(obj, text, source)


def parse_jsonl_line(line: bytes | str, path: str, lineno: int) -> ParsedDocument | None:
    """One JSONL line to a document; None for a blank line. Raises ImportFileError."""
    if not line or line.isspace():
        return None
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise ImportFileError(path, f"malformed JSON: {exc}", lineno) from None
    try:
        return parse_object(obj, f"{path}:{lineno}")
    except LineError as exc:
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
