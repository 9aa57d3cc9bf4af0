"""Prodigy JSONL (``ner_manual`` / ``spans_manual`` tasks), loadable by spaCy.

One task a line::

    {"text": "...", "meta": {"document_id", "title", "outlet", ...},
     "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "token_start", "token_end", "label"}]}

Offsets are code points (Prodigy and spaCy are Python); ``token_end`` is the index of the
span's last token (inclusive), as in Prodigy. Tokens come from ``exporting.tokens`` (rules in
its docstring), which puts a token boundary at every span boundary. Overlapping spans are
kept (Prodigy's ``spans_manual`` and spaCy's ``Doc.spans`` allow them; ``doc.ents`` does not).
No ``answer`` is written: ``prodigy db-in`` adds ``"answer": "accept"`` by default.
"""

from __future__ import annotations

from typing import Any

import orjson

from .tokens import tokenize
from .writer import StreamWriter, document_fields


class ProdigyWriter(StreamWriter):
    def write(self, record: dict[str, Any]) -> int:
        text = record["text"]
        spans = record["spans"]
        starts = [s["start"] for s in spans]
        ends = [s["end"] for s in spans]
        tokens = tokenize(text, starts, ends)
        first_token = {a: i for i, (a, _b, _ws) in enumerate(tokens)}
        last_token = {b: i for i, (_a, b, _ws) in enumerate(tokens)}
        task = {
            "text": text,
            "meta": document_fields(record),
            "tokens": [
                {"text": text[a:b], "start": a, "end": b, "id": i, "ws": ws}
                for i, (a, b, ws) in enumerate(tokens)
            ],
            "spans": [
                {
                    "start": s["start"],
                    "end": s["end"],
                    "token_start": first_token[s["start"]],
                    "token_end": last_token[s["end"]],
                    "label": s["label"],
                }
                for s in spans
            ],
        }
        self.out.write(orjson.dumps(task, option=orjson.OPT_APPEND_NEWLINE))
        return len(spans)
