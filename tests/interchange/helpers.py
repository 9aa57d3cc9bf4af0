"""Helpers of the interchange tests."""

from __future__ import annotations

import io
from pathlib import Path

import orjson


def native_records(ws) -> list[dict]:
    buf = io.BytesIO()
    ws.export(buf, format="jsonl")
    return [orjson.loads(line) for line in buf.getvalue().splitlines()]


def export_path(ws, fmt: str, folder: Path, **kwargs) -> Path:
    suffix = {"labelstudio": ".json", "w3c": ".jsonld", "brat": ""}.get(fmt, ".jsonl")
    path = folder / f"{fmt}-export{suffix}"
    ws.export(path, format=fmt, **kwargs)
    return path


def utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")
