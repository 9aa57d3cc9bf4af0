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


def consumer_source(env: str, marker: str, what: str) -> Path:
    """The folder of a consumer's own source tree that the environment variable ``env``
    names (or a folder above it: ``marker`` is a file inside); skips the test without it.
    The consumers' code and data are not copied into this repository."""
    import os

    import pytest

    value = os.environ.get(env)
    if not value:
        pytest.skip(f"{what}: set {env} to a checkout of it")
    root = Path(value)
    for folder in (root, *root.parents):
        if (folder / marker).is_file():
            return folder
    pytest.skip(f"{what}: {env}={value} has no {marker}")
