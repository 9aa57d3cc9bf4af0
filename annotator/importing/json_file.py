"""``.json`` files to ``ParsedDocument``: a JSON array of records (Label Studio's export), or
one record. Each record is read like a JSONL line (``jsonl.parse_object``): a Label Studio
task, a native, doccano or Prodigy record.

A file laid out one element a line (``[``, then ``{...},`` lines, then ``]``, as Annotator's
Label Studio export writes it) is streamed and its errors name the line; any other layout
(Label Studio's indented export) is parsed whole and errors name the item (``item 3``).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import orjson

from annotator.errors import ImportFileError
from annotator.importing.jsonl import parse_object
from annotator.importing.records import ParsedDocument
from annotator.importing.spans import LineError


def _open(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise ImportFileError(path, f"cannot read the file: {exc.strerror or exc}") from None


def _strip_bom(head: bytes, path: str) -> bytes:
    if head.startswith(codecs.BOM_UTF8):
        return head[3:]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(path, "JSON files must be UTF-8, this one is UTF-16", 1)
    return head


def _one_per_line(first: bytes, second: bytes) -> bool:
    element = second.strip().removesuffix(b",")
    return first.strip() == b"[" and element.startswith(b"{") and element.endswith(b"}")


def iter_json(path: str | Path) -> Iterator[ParsedDocument]:
    path = str(path)
    with _open(path) as f:
        first = _strip_bom(f.readline(), path)
        second = f.readline()
        if _one_per_line(first, second):
            yield from _lines(f, second, path)
            return
        data = first + second + f.read()
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ImportFileError(path, f"malformed JSON: {exc}", exc.lineno) from None
    items = value if type(value) is list else [value]
    for n, item in enumerate(items, 1):
        where = f"item {n}" if type(value) is list else "the record"
        try:
            yield parse_object(item, f"{path}#{n}")
        except LineError as exc:
            raise ImportFileError(path, f"{where}: {exc}") from None


def _lines(f: BinaryIO, second: bytes, path: str) -> Iterator[ParsedDocument]:
    closed = False
    for lineno, line in _numbered(f, second):
        stripped = line.strip()
        if not stripped:
            continue
        if closed:
            raise ImportFileError(path, "text after the closing ]", lineno)
        if stripped == b"]":
            closed = True
            continue
        try:
            obj = orjson.loads(stripped.removesuffix(b","))
        except orjson.JSONDecodeError as exc:
            raise ImportFileError(path, f"malformed JSON: {exc}", lineno) from None
        try:
            yield parse_object(obj, f"{path}:{lineno}")
        except LineError as exc:
            raise ImportFileError(path, str(exc), lineno) from None
    if not closed:
        raise ImportFileError(path, "the JSON array is not closed (missing ])")


def _numbered(f: BinaryIO, second: bytes) -> Iterator[tuple[int, bytes]]:
    yield 2, second
    yield from enumerate(f, 3)
