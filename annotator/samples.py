"""The bundled sample corpus: eight short articles on a fictional border conflict, written for
Annotator, from outlets on both sides and a neutral wire service (resources/sample_corpus)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import orjson

from .importing.plain import parse_plain
from .importing.records import ParsedDocument
from .services.importer import ImportReport
from .storage.paths import bundled_path


def sample_corpus_dir() -> Path:
    return bundled_path("resources") / "sample_corpus"


def iter_sample_documents() -> Iterator[ParsedDocument]:
    folder = sample_corpus_dir()
    manifest = orjson.loads((folder / "manifest.json").read_bytes())
    for entry in manifest["documents"]:
        path = folder / entry["file"]
        doc = parse_plain(path.read_bytes(), path)
        doc.outlet = entry.get("outlet")
        doc.author = entry.get("author")
        doc.url = entry.get("url")
        doc.language = entry.get("language")
        if entry.get("published"):
            doc.published = dt.date.fromisoformat(entry["published"])
        doc.meta["sample"] = True
        yield doc


def import_samples(workspace) -> ImportReport:
    """Import the sample corpus into ``workspace`` (documents already there are skipped)."""
    return workspace.importer.import_documents(iter_sample_documents())
