"""doccano JSONL: one document a line, offsets in code points (doccano's Python backend).

* sequence labelling (default): ``{"text", "label": [[start, end, "LABEL"], ...], ...}``;
* with ``ExportOptions.doccano_relations``, the relation-extraction variant: ``{"text",
  "entities": [{"id", "label", "start_offset", "end_offset"}], "relations": [...]}``; entity
  ids are whole numbers unique in the file, as doccano writes them.

The document's id, title and metadata ride along as extra keys (``document_id``, ``title``,
``outlet``, ``author``, ``url``, ``published``, ``language``, ``meta``), which doccano keeps as
the example's metadata. Every line has all of these keys, ``null`` when the document has no
such value: doccano's importer reads a batch of lines into one ``pandas.DataFrame``
(``data_import/pipeline/readers.py``, ``Reader.batch``) and makes each example's metadata from
its row (``makers.py``, ``ExampleMaker.make``), so a key missing from some lines becomes
``NaN`` in their metadata, while a ``null`` stays ``None`` (with the pandas 2 doccano
requires). Free metadata stays nested under ``meta``, so the key set is the same for every
document. Annotator's importer reads these nulls as "no value". Notes, authors and attributes
have no place in doccano and are left out.

A doccano project for these files must allow overlapping spans (doccano's import keeps only
non-overlapping spans otherwise: ``data_import/pipeline/labels.py``, ``Spans.clean``) and must
not count grapheme clusters (its ``grapheme_mode``): the offsets count code points.
"""

from __future__ import annotations

from typing import Any

import orjson

from .writer import DOCUMENT_FIELDS, ExportOptions, StreamWriter, document_fields

# the document keys of every line, in this order; None when the document has no such value
KEYS = ("document_id", "title", *DOCUMENT_FIELDS, "meta")


class DoccanoWriter(StreamWriter):
    def __init__(self, out, options: ExportOptions) -> None:
        super().__init__(out, options)
        self._next_entity = 1

    def write(self, record: dict[str, Any]) -> int:
        spans = record["spans"]
        line: dict[str, Any] = {"text": record["text"]}
        if self.options.doccano_relations:
            first = self._next_entity
            self._next_entity += len(spans)
            line["entities"] = [
                {
                    "id": first + i,
                    "label": s["label"],
                    "start_offset": s["start"],
                    "end_offset": s["end"],
                }
                for i, s in enumerate(spans)
            ]
            line["relations"] = []  # cross-document links are not relations within a text
        else:
            line["label"] = [[s["start"], s["end"], s["label"]] for s in spans]
        fields = document_fields(record)
        line.update((key, fields.get(key)) for key in KEYS)
        self.out.write(orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE))
        return len(spans)
