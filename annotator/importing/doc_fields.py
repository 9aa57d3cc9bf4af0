"""Document fields shared by the JSON parsers: titles from text, and the metadata keys that
Annotator's exports put next to foreign formats' own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from annotator.importing.plain import clean_title
from annotator.importing.records import ParsedDocument
from annotator.interchange.fields import TEXT_FIELDS


def title_from_text(text: str) -> str:
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


def adopt_document_fields(
    doc: ParsedDocument, meta: dict[str, Any], *, has_title: bool = False
) -> ParsedDocument:
    """Move the keys Annotator's exports put next to foreign formats' own (``document_id``,
    ``title``, ``outlet``, ``author``, ``url``, ``published``, ``language``, and free metadata
    under ``meta``) from ``meta`` to the document's fields; values of the wrong type stay."""
    nested = meta.get("meta")
    if type(nested) is dict:
        del meta["meta"]
        meta.update({k: v for k, v in nested.items() if k not in meta})
    document_id = meta.get("document_id")
    if type(document_id) is str and document_id:
        doc.id = meta.pop("document_id")
    title = meta.get("title")
    if type(title) is str and title.strip():
        if not has_title:
            doc.title = clean_title(title)
        del meta["title"]
    for key in TEXT_FIELDS:
        if type(meta.get(key)) is str:
            setattr(doc, key, meta.pop(key) or None)
    published = meta.get("published")
    if type(published) is str:
        try:
            doc.published = dt.date.fromisoformat(published)
            del meta["published"]
        except ValueError:
            pass
    doc.meta = meta
    return doc
