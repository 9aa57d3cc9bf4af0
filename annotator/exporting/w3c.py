"""W3C Web Annotation (JSON-LD): one ``AnnotationCollection`` whose first page holds one
``Annotation`` a span, streamed (one annotation a line; ``total`` and ``last`` come last)::

    {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:<random>",
     "type": "AnnotationCollection", "label", "generator", "generated",
     "first": {"id": "urn:uuid:<random>", "type": "AnnotationPage", "partOf": "<collection id>",
               "startIndex": 0, "items": [<annotation>, ...]},
     "last": "<page id>", "total": 42}

The page has an IRI of its own (Data Model 5.2: "The Page MUST have exactly 1 IRI"); an
export without spans has no page (a page MUST have 1 or more items; a collection needs a
first page only when ``total`` > 0). The annotations are embedded in the collection and share
its ``@context``. Each annotation::

    {"id": "urn:uuid:<span id>", "type": "Annotation", "motivation": "tagging",
     "created", "modified", "creator": {"type": "Person", "name": "ana"},
     "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"},
              {"type": "TextualBody", "purpose": "commenting", "value": "<note>"},
              {"type": "TextualBody", "purpose": "describing", "format": "text/plain",
               "value": "Killed: 12–15 (best 12)"}, ...],
     "target": {"source": <the document>,
                "state": {"type": "TimeState", "cached": "urn:uuid:<document id>",
                          "sourceDate": "<imported at, UTC>"},
                "selector": [{"type": "TextQuoteSelector", "exact", "prefix", "suffix"},
                             {"type": "TextPositionSelector", "start", "end"}]}}

The document (``source``): a document with a URL is its web page, ``{"id": "<url>", "type":
"Text", "language", "dcterms:title"}``, so the file resolves without Annotator's database. The
offsets, though, count the text Annotator stored, which need not be the page's text as it is
today: that copy is the ``TimeState`` (Data Model 4.3.1: ``cached`` is "a link to a copy of the
Source resource's representation, appropriate for the Annotation", and "States MUST be
processed before processing Selector or Style information"), ``cached`` being the document's
``urn:uuid:`` id and ``sourceDate`` the time it was imported. A consumer that has only the
page anchors the span by its ``TextQuoteSelector``. A document without a URL is the source
itself, ``{"id": "urn:uuid:<document id>", "type": "Text", "format": "text/plain",
"language", "dcterms:title"}``, with no state. Either way Annotator's document id is the
target's ``state.cached`` or else its ``source.id``. The title is Dublin Core's
``dcterms:title`` (the ``dcterms`` prefix is defined by the Web Annotation context, which has
no title term). A URL is written as a URI (non-ASCII characters and spaces percent-encoded,
RFC 3987 3.1); one that is not absolute (no scheme) is left out.

Field values are ``describing`` bodies, one a field with a value, as a sentence for people
(``exporting.field_text``: "Killed: 12–15 (best 12)", "Perpetrator: Army (Azerbaijan)"): the
Data Model's ``describing`` is "to describe the Target" and a ``TextualBody`` is text to be
read, so plain text is what a generic client shows; the exact values travel in the native
format. Each **link** is one more annotation, ``"motivation": "linking"``, its kind a
``tagging`` body (its note a ``commenting`` one), and ``target`` the two spans, source first,
each written as the span's own annotation targets it (the same source, state and selectors),
also when the other end is in a document outside the export::

    {"id": "urn:uuid:<link id>", "type": "Annotation", "motivation": "linking", "created",
     "creator", "body": [{"type": "TextualBody", "purpose": "tagging", "value": "supports"}],
     "target": [<the source span's target>, <the other span's target>]}

A symmetric kind's link is written once, from its stored source.

Positions count Unicode **code points**, as the Web Annotation Data Model requires ("The
selection of the text MUST be in terms of unicode code points (the "character number"), not
in terms of code units", section 4.2.4 Text Position Selector); ``exact`` is the quote,
``prefix``/``suffix`` up to 32 code points of context on each side.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any
from urllib.parse import quote

import orjson

from .._version import __version__
from .evidence import AFFIX
from .field_text import field_texts
from .writer import StreamWriter, span_attributes

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
TITLE = "dcterms:title"  # Dublin Core terms; the prefix is defined by the anno.jsonld context

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# RFC 3986 reserved and unreserved characters and "%": what iri_to_uri leaves as it is
_URI_SAFE = "!#$%&'()*+,/:;=?@[]~-._"


def iri(kind: str, value: str) -> str:
    """``urn:uuid:`` for UUIDs (Annotator's own ids), else a ``urn:annotator:`` name."""
    try:
        return f"urn:uuid:{uuid.UUID(value)}"
    except ValueError:
        return f"urn:annotator:{kind}:{quote(value, safe='')}"


def iri_to_uri(url: str) -> str | None:
    """An absolute URL as a URI (RFC 3987 3.1: non-ASCII characters, spaces and other
    characters no URI may hold percent-encoded as UTF-8); None when it has no scheme."""
    url = url.strip()
    if not _SCHEME.match(url):
        return None
    return quote(url, safe=_URI_SAFE)


def utc_z(value: str | None) -> str | None:
    """A stored timestamp as xsd:dateTime in UTC written with "Z" (as TimeState requires)."""
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)  # Annotator stores UTC
    return when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def document_target(record: dict[str, Any]) -> dict[str, Any]:
    """The ``source`` (and ``state``) every annotation of the document targets."""
    meta = record.get("meta") or {}
    own = iri("document", record["id"])
    url = iri_to_uri(meta["url"]) if meta.get("url") else None
    cached_at = utc_z(meta.get("imported_at"))
    source: dict[str, Any]
    if url is not None and cached_at is not None:
        source = {"id": url, "type": "Text"}
    else:
        source = {"id": own, "type": "Text", "format": "text/plain"}
    if meta.get("language"):
        source["language"] = meta["language"]
    if record.get("title"):
        source[TITLE] = record["title"]
    target: dict[str, Any] = {"source": source}
    if source["id"] != own:
        target["state"] = {"type": "TimeState", "cached": own, "sourceDate": cached_at}
    return target


def selectors(exact: str, prefix: str, suffix: str, start: int, end: int) -> list[dict]:
    """The selectors of a span: its quote with context, and its position (code points)."""
    return [
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def _span_target(target: dict[str, Any], text: str, start: int, end: int) -> dict[str, Any]:
    """A span of the document ``target`` is the source (and state) of."""
    prefix, suffix = text[max(0, start - AFFIX) : start], text[end : end + AFFIX]
    return {**target, "selector": selectors(text[start:end], prefix, suffix, start, end)}


def _head(own_iri: str, motivation: str, created: str, author: str | None) -> dict[str, Any]:
    head: dict[str, Any] = {
        "id": own_iri,
        "type": "Annotation",
        "motivation": motivation,
        "created": created,
    }
    if author is not None:
        head["creator"] = {"type": "Person", "name": author}
    return head


def _text_body(purpose: str, value: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "format": "text/plain", "value": value}


class W3CWriter(StreamWriter):
    def __init__(self, out, options) -> None:
        super().__init__(out, options)
        self.total = 0
        self.collection_id = f"urn:uuid:{uuid.uuid4()}"
        self.page_id = f"urn:uuid:{uuid.uuid4()}"
        head = {
            "@context": CONTEXT,
            "id": self.collection_id,
            "type": "AnnotationCollection",
            "label": "Annotator export",
            "generator": {"type": "Software", "name": f"Annotator {__version__}"},
            "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        out.write(orjson.dumps(head)[:-1])  # the page and the total follow

    def _open_page(self) -> None:
        page = {
            "id": self.page_id,
            "type": "AnnotationPage",
            "partOf": self.collection_id,
            "startIndex": 0,
        }
        self.out.write(b',\n"first": ' + orjson.dumps(page)[:-1] + b', "items": [\n')

    link_ends = True  # a link's other end may be in another document

    def write(self, record: dict[str, Any]) -> int:
        text = record["text"]
        target = document_target(record)
        spans = record["spans"]
        for span in spans:
            start, end = span["start"], span["end"]
            body: list[dict[str, Any]] = [
                {"type": "TextualBody", "purpose": "tagging", "value": span["label"]}
            ]
            if span["note"]:
                body.append(_text_body("commenting", span["note"]))
            body.extend(
                _text_body("describing", line) for line in field_texts(span_attributes(span))
            )
            annotation = _head(iri("span", span["id"]), "tagging", span["created"], span["author"])
            annotation["modified"] = span["updated"]
            annotation["body"] = body
            annotation["target"] = _span_target(target, text, start, end)
            self._emit(annotation)
        by_id = {span["id"]: span for span in spans}
        ends = record.get("link_ends") or {}
        for span in spans:
            if not span["links"]:
                continue
            source = _span_target(target, text, span["start"], span["end"])
            for link in span["links"]:
                other = by_id.get(link["to"])
                if other is not None:
                    far = _span_target(target, text, other["start"], other["end"])
                else:
                    where = ends[link["to"]]
                    far = {
                        **document_target(where.document),
                        "selector": selectors(
                            where.exact, where.prefix, where.suffix, where.start, where.end
                        ),
                    }
                annotation = _head(
                    iri("link", link["id"]), "linking", link["created"], link["author"]
                )
                annotation["body"] = [
                    {"type": "TextualBody", "purpose": "tagging", "value": link["kind"]}
                ]
                if link["note"]:
                    annotation["body"].append(_text_body("commenting", link["note"]))
                annotation["target"] = [source, far]
                self._emit(annotation)
                self.links_written += 1
        return len(spans)

    def _emit(self, annotation: dict[str, Any]) -> None:
        if self.total == 0:
            self._open_page()
        else:
            self.out.write(b",\n")
        self.out.write(orjson.dumps(annotation))
        self.total += 1

    def close(self) -> None:
        if self.total:
            tail = f'\n]}},\n"last": "{self.page_id}",\n"total": {self.total}}}\n'
        else:
            tail = ',\n"total": 0}\n'
        self.out.write(tail.encode())
