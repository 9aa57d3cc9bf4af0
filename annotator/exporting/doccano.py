"""doccano JSONL: one document a line, offsets in code points (doccano's Python backend).

* sequence labelling (default): ``{"text", "label": [[start, end, "LABEL"], ...], ...}``;
* with ``ExportOptions.doccano_relations``, the relation-extraction variant: ``{"text",
  "entities": [{"id", "label", "start_offset", "end_offset"}], "relations": [...]}``; entity
  ids are whole numbers unique in the file, as doccano writes them.

The document's id, title and metadata ride along as extra keys (``document_id``, ``title``,
``outlet``, ..., ``meta``), which doccano keeps as the example's metadata. Notes, authors and
attributes have no place in doccano and are left out.
"""

from __future__ import annotations

from typing import Any

import orjson

from .writer import ExportOptions, StreamWriter, document_fields


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
        line.update(document_fields(record))
        self.out.write(orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE))
        return len(spans)
