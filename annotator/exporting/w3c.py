"""W3C Web Annotation (JSON-LD): one ``AnnotationCollection`` whose first page holds one
``Annotation`` a span, streamed (one annotation a line; ``total`` comes last).

Each annotation::

    {"@context": ..., "id": "urn:uuid:<span id>", "type": "Annotation", "motivation": "tagging",
     "created", "modified", "creator": {"type": "Person", "name": "ana"},
     "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"},
              {"type": "TextualBody", "purpose": "commenting", "value": "<note>"},
              {"type": "TextualBody", "purpose": "describing", "format": "application/json",
               "value": "<attributes as JSON>"}],
     "target": {"source": {"id": "urn:uuid:<document id>", "type": "Text",
                           "format": "text/plain", "language": "en"},
                "selector": [{"type": "TextQuoteSelector", "exact", "prefix", "suffix"},
                             {"type": "TextPositionSelector", "start", "end"}]}}

Positions count Unicode **code points**, as the Web Annotation Data Model requires ("The
selection of the text MUST be in terms of unicode code points (the "character number"), not
in terms of code units", section 4.2.4 Text Position Selector); ``exact`` is the quote,
``prefix``/``suffix`` up to 32 code points of context on each side.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from urllib.parse import quote

import orjson

from .._version import __version__
from .writer import StreamWriter, span_attributes

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AFFIX = 32


def iri(kind: str, value: str) -> str:
    """``urn:uuid:`` for UUIDs (Annotator's own ids), else a ``urn:annotator:`` name."""
    try:
        return f"urn:uuid:{uuid.UUID(value)}"
    except ValueError:
        return f"urn:annotator:{kind}:{quote(value, safe='')}"


class W3CWriter(StreamWriter):
    def __init__(self, out, options) -> None:
        super().__init__(out, options)
        self.total = 0
        head = {
            "@context": CONTEXT,
            "id": f"urn:uuid:{uuid.uuid4()}",
            "type": "AnnotationCollection",
            "label": "Annotator export",
            "generator": {"type": "Software", "name": f"Annotator {__version__}"},
            "generated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        out.write(orjson.dumps(head)[:-1] + b',\n"first": {"type": "AnnotationPage", "items": [')

    def write(self, record: dict[str, Any]) -> int:
        text = record["text"]
        meta = record.get("meta") or {}
        source: dict[str, Any] = {
            "id": iri("document", record["id"]),
            "type": "Text",
            "format": "text/plain",
        }
        if meta.get("language"):
            source["language"] = meta["language"]
        write = self.out.write
        for span in record["spans"]:
            start, end = span["start"], span["end"]
            body: list[dict[str, Any]] = [
                {"type": "TextualBody", "purpose": "tagging", "value": span["label"]}
            ]
            if span["note"]:
                body.append(
                    {
                        "type": "TextualBody",
                        "purpose": "commenting",
                        "format": "text/plain",
                        "value": span["note"],
                    }
                )
            attributes = span_attributes(span)
            if attributes:
                body.append(
                    {
                        "type": "TextualBody",
                        "purpose": "describing",
                        "format": "application/json",
                        "value": orjson.dumps(attributes).decode(),
                    }
                )
            annotation: dict[str, Any] = {
                "id": iri("span", span["id"]),
                "type": "Annotation",
                "motivation": "tagging",
                "created": span["created"],
                "modified": span["updated"],
            }
            if span["author"] is not None:
                annotation["creator"] = {"type": "Person", "name": span["author"]}
            annotation["body"] = body
            annotation["target"] = {
                "source": source,
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": text[start:end],
                        "prefix": text[max(0, start - AFFIX) : start],
                        "suffix": text[end : end + AFFIX],
                    },
                    {"type": "TextPositionSelector", "start": start, "end": end},
                ],
            }
            write(b"\n" if self.total == 0 else b",\n")
            write(orjson.dumps(annotation))
            self.total += 1
        return len(record["spans"])

    def close(self) -> None:
        self.out.write(b"\n]},\n" + f'"total": {self.total}}}\n'.encode())
