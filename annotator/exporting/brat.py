"""brat standoff: a folder with ``<document id>.txt`` and ``<document id>.ann`` per document,
plus an ``annotation.conf`` that declares the labels and attributes used.

Offsets: code points into the ``.txt`` **as brat reads it**. brat's server (Python) opens
``.txt`` files with universal newlines, so a ``\\r\\n`` is one character there; the ``.txt`` is
therefore written with ``\\n`` line ends (``\\r\\n`` and ``\\r`` become ``\\n``) and offsets are
mapped onto that text (``offsets.LineEnds``). The browser client of brat 1.3 shifts spans
after characters above U+FFFF (nlplab/brat issue #1115); the files are right for the server,
its tools and every Python reader, which count code points.

``.ann`` lines:

* ``T1<TAB>claim 10 42<TAB>quoted text`` — a span that crosses a line break becomes a
  discontinuous span, one fragment per line (``claim 10 20;21 42``), as brat itself makes
  them; the text field is the fragments joined by a space. A span made of line breaks only
  cannot be written and is counted as skipped.
* ``#1<TAB>AnnotatorNotes T1<TAB>note`` — the note, line breaks as spaces.
* ``A1<TAB>author T1 ana``, ``A2<TAB>checked T1`` (true), ``A3<TAB>figures T1 [12]`` — the
  author and each attribute; brat values cannot hold whitespace, ``|`` or ``,`` (they
  become ``_``); lists and objects are written as compact JSON.

* ``R1<TAB>contradicts Arg1:T2 Arg2:T1`` — a link between two spans of the document (its
  kind's key, made a brat name); links to spans of other documents cannot be written (the
  export's notices count them).

``annotation.conf`` lists the labels as ``[entities]`` and the attributes used, and allows
spans of any labels to overlap in every way, as Annotator's spans do: brat rejects every pair
of spans that are equal, nested or crossing unless ``[relations]`` declares it
(``verify_annotations.py``, ``verify_entity_overlap``; ``projectconfig.py``,
``overlap_types``), so the export declares ``<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>,
<OVL-TYPE>:<ANY>`` (``<ANY>``: ``equal``, ``contain`` and ``cross``). Each link kind used is a
relation between any two entities, ``<REL-TYPE>:symmetric`` for a symmetric kind.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from ..text.offsets import LineEnds
from .writer import ExportOptions, Folder, RecordWriter, span_attributes

# str.splitlines() breaks lines at these; brat reads .ann files line by line
_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
_NOT_IN_VALUE = re.compile(r"[\s|,]+")
_NOT_IN_NAME = re.compile(r"[^\w.\-]+")
# spans of any two entity types may be equal, nested or crossing
OVERLAP = "<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"


def brat_name(key: str) -> str:
    """A label or attribute name brat accepts (no whitespace or punctuation but ``.-_``)."""
    return _NOT_IN_NAME.sub("_", key) or "_"


def brat_value(value: Any) -> str | None:
    """An attribute value brat accepts; None for "no attribute" (False, None, "")."""
    if value is None or value is False or value == "":
        return None
    if value is True:
        return ""
    text = value if isinstance(value, str) else orjson.dumps(value).decode()
    return _NOT_IN_VALUE.sub("_", text)


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between line breaks."""
    out = []
    pos = start
    for m in _BREAKS.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


class BratWriter(RecordWriter):
    out: Folder
    links_unheld = "brat holds links between spans of one document only"

    def __init__(self, out: Folder, options: ExportOptions) -> None:
        super().__init__(out, options)
        self.labels: dict[str, None] = {}
        self.attributes: dict[str, dict[str, None]] = {}  # name -> values ("" = binary)
        self.relations: dict[str, bool] = {}  # link kind -> symmetric
        self._stems: set[str] = set()

    def _stem(self, document_id: str) -> str:
        """A file name for the document: its id, made safe and unique."""
        base = brat_name(document_id)[:120]
        stem, n = base, 1
        while stem.lower() in self._stems:  # also unique on case-insensitive file systems
            n += 1
            stem = f"{base}-{n}"
        self._stems.add(stem.lower())
        return stem

    def write(self, record: dict[str, Any]) -> int:
        lines = LineEnds(record["text"])
        text = lines.text
        spans = record["spans"]
        starts = lines.map_many([s["start"] for s in spans])
        ends = lines.map_many([s["end"] for s in spans])
        out: list[str] = []
        t = note_no = attr_no = 0
        written = 0
        t_of: dict[str, str] = {}  # span id -> its T id
        for span, start, end in zip(spans, starts, ends, strict=True):
            parts = fragments(text, start, end)
            if not parts:
                self.skipped_spans += 1
                continue
            written += 1
            t += 1
            t_of[span["id"]] = f"T{t}"
            label = brat_name(span["label"])
            self.labels[label] = None
            where = ";".join(f"{a} {b}" for a, b in parts)
            quote = " ".join(text[a:b] for a, b in parts)
            out.append(f"T{t}\t{label} {where}\t{quote}")
            if span["note"]:
                note_no += 1
                out.append(f"#{note_no}\tAnnotatorNotes T{t}\t{_BREAKS.sub(' ', span['note'])}")
            attributes = span_attributes(span)
            if span["author"] is not None:
                attributes = {"author": span["author"], **attributes}
            for key, value in attributes.items():
                shown = brat_value(value)
                if shown is None:
                    continue
                name = brat_name(key)
                self.attributes.setdefault(name, {})[shown] = None
                attr_no += 1
                out.append(f"A{attr_no}\t{name} T{t}" + (f" {shown}" if shown else ""))
        out.extend(self._relations(spans, t_of))
        if self.skipped_spans and not self.notices:
            self.notices.append("brat: spans made of line breaks only cannot be written")
        stem = self._stem(record["id"])
        self.out.write_file(f"{stem}.txt", text.encode("utf-8"))
        self.out.write_file(f"{stem}.ann", "".join(f"{line}\n" for line in out).encode("utf-8"))
        return written

    def _relations(self, spans: list[dict[str, Any]], t_of: dict[str, str]) -> list[str]:
        """``R`` lines for the links between two spans written in this document."""
        out = []
        for span in spans:
            for link in span["links"]:
                arg1, arg2 = t_of.get(span["id"]), t_of.get(link["to"])
                if arg1 is None or arg2 is None:
                    continue  # the other end is in another document (or not written)
                name = brat_name(link["kind"])
                self.relations[name] = self.relations.get(name, True) and not link["directed"]
                self.links_written += 1
                out.append(f"R{len(out) + 1}\t{name} Arg1:{arg1} Arg2:{arg2}")
        return out

    def close(self) -> None:
        relations = [
            f"{name}\tArg1:<ENTITY>, Arg2:<ENTITY>" + (", <REL-TYPE>:symmetric" if sym else "")
            for name, sym in self.relations.items()
        ]
        conf = ["[entities]", *self.labels, "", "[relations]", OVERLAP, *relations, ""]
        conf += ["[events]", ""]
        conf.append("[attributes]")
        for name, values in self.attributes.items():
            named = [v for v in values if v]
            spec = f"{name}\tArg:<ENTITY>"
            if named:
                spec += ", Value:" + "|".join(named)
            conf.append(spec)
        self.out.write_file("annotation.conf", ("\n".join(conf) + "\n").encode("utf-8"))
