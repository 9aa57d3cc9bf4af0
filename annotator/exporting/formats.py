"""The export formats: name -> how to write it, what it looks like, what it counts offsets in.

A static table, read by the export service, the CLI (``--format``) and the GUI dialog. Writers
are named, not imported, so that building the command line's help stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import AnnotatorError


@dataclass(frozen=True)
class ExportFormat:
    name: str
    title: str  # for people (dialog, help)
    suffix: str  # of the file written; "" for a folder
    writer_name: str  # "module:Class" in annotator.exporting
    offsets: str  # the unit its offsets count
    preview: str  # how the preview highlights it: "json", "jsonl" or "brat"
    importable: bool

    @property
    def folder(self) -> bool:
        return not self.suffix

    def writer(self, out: Any, options: Any):
        """A new writer of this format (``exporting.writer.RecordWriter``) on ``out``."""
        # imported here, by name (bundlers see these imports), not when the table is read
        from . import brat, doccano, labelstudio, native, prodigy, w3c

        modules = {
            "brat": brat,
            "doccano": doccano,
            "labelstudio": labelstudio,
            "native": native,
            "prodigy": prodigy,
            "w3c": w3c,
        }
        module, name = self.writer_name.split(":")
        return getattr(modules[module], name)(out, options)


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "jsonl",
            "Annotator JSONL (annotator.v1)",
            ".jsonl",
            "native:JsonlWriter",
            "code points; UTF-16 units in each span's utf16",
            "jsonl",
            True,
        ),
        ExportFormat(
            "doccano",
            "doccano JSONL",
            ".jsonl",
            "doccano:DoccanoWriter",
            "code points",
            "jsonl",
            True,
        ),
        ExportFormat(
            "prodigy",
            "Prodigy / spaCy JSONL",
            ".jsonl",
            "prodigy:ProdigyWriter",
            "code points",
            "jsonl",
            True,
        ),
        ExportFormat(
            "labelstudio",
            "Label Studio tasks (JSON)",
            ".json",
            "labelstudio:LabelStudioWriter",
            "code points",
            "json",
            True,
        ),
        ExportFormat(
            "brat",
            "brat standoff (folder of .txt + .ann)",
            "",
            "brat:BratWriter",
            "code points of the .txt (line ends as \\n)",
            "brat",
            False,
        ),
        ExportFormat(
            "w3c",
            "W3C Web Annotation (JSON-LD)",
            ".jsonld",
            "w3c:W3CWriter",
            "code points",
            "json",
            False,
        ),
    )
}


def get_format(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise AnnotatorError(f"unknown export format {name!r} (formats: {known})") from None
