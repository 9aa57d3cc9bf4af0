"""What every export format shares: its options, the writer base class and folder sinks.

A writer is fed native ``annotator.v1`` records (see ``native.iter_records``) one at a time and
writes them out in its format at once, so no format holds the corpus in memory. Stream formats
write to a binary file object; folder formats (brat) write files into a ``Folder``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from ..interchange.fields import DOCUMENT_FIELDS


@dataclass(frozen=True)
class ExportOptions:
    doccano_relations: bool = False  # doccano: the entities + relations variant


class Folder:
    """Files of a folder export (brat), written one at a time."""

    def write_file(self, name: str, data: bytes) -> None:
        raise NotImplementedError


class DiskFolder(Folder):
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def write_file(self, name: str, data: bytes) -> None:
        (self.path / name).write_bytes(data)


class MemoryFolder(Folder):
    """Files kept in memory, in the order written (previews and tests)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def write_file(self, name: str, data: bytes) -> None:
        self.files[name] = data


class RecordWriter:
    """Base of the format writers. ``write`` returns how many spans it wrote and counts the
    links it wrote in ``links_written``; the export service names the others in a notice,
    with ``links_unheld`` saying why the format could not hold them."""

    link_ends = False  # whether the records must say where links' other ends are (W3C)
    links_unheld = "the format has no place for links between spans"

    def __init__(self, out: Any, options: ExportOptions) -> None:
        self.out = out
        self.options = options
        self.skipped_spans = 0
        self.links_written = 0
        self.notices: list[str] = []

    def write(self, record: dict[str, Any]) -> int:
        raise NotImplementedError

    def close(self) -> None:
        """Write what comes after the last record (closing brackets, configuration files)."""


class StreamWriter(RecordWriter):
    out: BinaryIO


def document_fields(record: dict[str, Any]) -> dict[str, Any]:
    """The document's id, title and metadata as one flat mapping (None values left out);
    free metadata goes under ``meta``. Foreign formats carry this next to their own keys."""
    meta = record.get("meta") or {}
    fields: dict[str, Any] = {"document_id": record["id"], "title": record["title"]}
    for key in DOCUMENT_FIELDS:
        if meta.get(key) is not None:
            fields[key] = meta[key]
    free = {k: v for k, v in meta.items() if k not in DOCUMENT_FIELDS and k != "imported_at"}
    if free:
        fields["meta"] = free
    return fields


def span_attributes(span: dict[str, Any]) -> dict[str, Any]:
    """A span's attributes as a dict (native records may carry them as raw JSON)."""
    value = span.get("attributes")
    if isinstance(value, orjson.Fragment):
        value = orjson.loads(orjson.dumps(value))
    return value if isinstance(value, dict) else {}
