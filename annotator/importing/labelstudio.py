"""Label Studio tasks to ``ParsedDocument`` (from a ``.json`` array or a ``.jsonl`` line).

A task is ``{"data": {"text": ..., ...}, "annotations": [{"result": [...]}, ...]}``:

* the text is ``data["text"]``, else the only string value of ``data``; the other keys of
  ``data`` are the document's metadata (``document_id``, ``title``, ``outlet``... as
  Annotator's export writes them fill those fields);
* every result of ``type: "labels"`` is a span per label in ``value.labels``; its
  ``value.start/end`` are **code points** (current Label Studio). Files from Label Studio
  versions of 2021 count UTF-16 code units instead: when ``value.text`` is given and matches
  the text only in UTF-16 units, the offsets are converted. Without ``value.text``, code
  points are assumed;
* a region's note is its ``meta.text``; the span's author is the annotation's
  ``completed_by`` email (``{"email": ...}``, as Annotator's export writes an author that is
  an email address and Label Studio reads it; also its ``username``), else its
  ``created_username`` (Label Studio writes ``"First Last email, id"``: the id is dropped;
  Annotator's export of other authors and older Annotator files write the name there);
  ``created_at``/``updated_at`` become the span's times;
* annotations with ``was_cancelled: true``, ``predictions`` and results of other types
  (choices, relations...) are not imported.
"""

from __future__ import annotations

import re
from typing import Any

from annotator.importing.doc_fields import adopt_document_fields, title_from_text
from annotator.importing.records import ParsedDocument, ParsedSpan
from annotator.importing.spans import LineError, aware
from annotator.text.offsets import Utf16Map, utf16_length

_USERNAME_ID = re.compile(r",\s*\d+\s*$")


def is_labelstudio_task(obj: dict[str, Any]) -> bool:
    return "text" not in obj and type(obj.get("data")) is dict


def _task_text(data: dict[str, Any]) -> tuple[str, str]:
    if "text" in data:
        text = data["text"]
        if type(text) is not str:
            raise LineError(f"data.text must be a string, not {type(text).__name__}")
        return "text", text
    strings = [k for k, v in data.items() if type(v) is str]
    if len(strings) != 1:
        raise LineError('a Label Studio task needs its text in "data.text"')
    return strings[0], data[strings[0]]


def _author(annotation: dict[str, Any]) -> str | None:
    who = annotation.get("completed_by")
    if type(who) is dict:
        for key in ("email", "username"):
            if type(who.get(key)) is str and who[key].strip():
                return who[key].strip()
    name = annotation.get("created_username")
    if type(name) is str and name.strip():
        return _USERNAME_ID.sub("", name).strip() or None
    return None


def _offsets(text: str, value: dict[str, Any], units: list[Utf16Map | None]) -> tuple[int, int]:
    start, end, quote = value.get("start"), value.get("end"), value.get("text")
    if type(start) is not int or type(end) is not int:
        raise LineError(f"value.start and value.end must be integers (got {start!r}, {end!r})")
    if quote is not None and type(quote) is not str:
        raise LineError("value.text must be a string")
    if 0 <= start < end <= len(text) and (quote is None or text[start:end] == quote):
        return start, end
    if quote is not None and 0 <= start < end <= utf16_length(text):
        if units[0] is None:
            units[0] = Utf16Map(text)
        try:
            a, b = units[0].code_point(start), units[0].code_point(end)
        except ValueError:
            a = b = -1
        if a >= 0 and text[a:b] == quote:
            return a, b  # a file of an older Label Studio: UTF-16 code units
    if quote is None:
        raise LineError(f"value.end {end} is beyond the end of the text ({len(text)} characters)")
    shown = text[start:end] if 0 <= start < end <= len(text) else "(outside the text)"
    raise LineError(
        f"value.text {quote[:60]!r} is not the text at {start}-{end}, neither in code points "
        f"({shown[:60]!r}) nor in UTF-16 units"
    )


def _labels(value: dict[str, Any]) -> list[str]:
    labels = value.get("labels")
    if type(labels) is not list or not labels:
        raise LineError("value.labels must be a non-empty list of labels")
    for label in labels:
        if type(label) is not str or not label.strip():
            raise LineError(f"value.labels: {label!r} is not a label")
    return labels


def _note(result: dict[str, Any]) -> str:
    meta = result.get("meta")
    texts = meta.get("text") if type(meta) is dict else None
    if type(texts) is str:
        return texts
    if type(texts) is list:
        return "\n".join(t for t in texts if type(t) is str)
    return ""


def parse_labelstudio_task(obj: dict[str, Any], source: str) -> ParsedDocument:
    """One task to a document. Raises ``LineError`` naming the annotation and result."""
    data = obj["data"]
    text_key, text = _task_text(data)
    if not text or text.isspace():
        raise LineError(f"data.{text_key} is empty")
    meta = {k: v for k, v in data.items() if k != text_key}
    annotations = obj.get("annotations") or []
    if type(annotations) is not list:
        raise LineError('"annotations" must be a list')
    spans: list[ParsedSpan] = []
    units: list[Utf16Map | None] = [None]
    for a, annotation in enumerate(annotations):
        where = f"annotations[{a}]"
        if type(annotation) is not dict:
            raise LineError(f"{where} must be an object")
        if annotation.get("was_cancelled") is True:
            continue
        author = _author(annotation)
        try:
            created = aware(annotation.get("created_at"), "created_at")
            updated = aware(annotation.get("updated_at"), "updated_at") or created
        except LineError:
            created = updated = None
        results = annotation.get("result") or []
        if type(results) is not list:
            raise LineError(f"{where}.result must be a list")
        for r, result in enumerate(results):
            if type(result) is not dict:
                raise LineError(f"{where}.result[{r}] must be an object")
            if result.get("type") != "labels":
                continue
            value = result.get("value")
            try:
                if type(value) is not dict:
                    raise LineError("value must be an object")
                start, end = _offsets(text, value, units)
                labels = _labels(value)
            except LineError as exc:
                raise LineError(f"{where}.result[{r}]: {exc}") from None
            result_id = result.get("id") if type(result.get("id")) is str else None
            note = _note(result)
            for i, label in enumerate(labels):
                span_id = result_id if i == 0 else None
                spans.append(
                    ParsedSpan(start, end, label, span_id, note, author, {}, created, updated)
                )
    doc = ParsedDocument(title=title_from_text(text), text=text, source=source, spans=spans)
    return adopt_document_fields(doc, meta)
