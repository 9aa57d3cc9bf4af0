"""The bundled sample corpus: eight short articles on a fictional border conflict, written for
Annotator, from outlets on both sides and a neutral wire service (resources/sample_corpus),
shipped annotated (``annotations.json``): spans with their field values, the actors and events
they refer to, the outlets' alignments and links between the accounts, so that a new user's
first screen, and ``annotator events``, show what the app is for.

``annotations.json`` names spans by their quote (each occurs once in its article), actors and
events by local keys (``{"actor": "mod-v"}``), which the loader turns into ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from .errors import AnnotatorError
from .ids import new_id
from .importing.plain import parse_plain
from .importing.records import ParsedDocument, ParsedSpan
from .services.importer import ImportReport
from .storage.paths import bundled_path


def sample_corpus_dir() -> Path:
    return bundled_path("resources") / "sample_corpus"


def _read(name: str) -> Any:
    return orjson.loads((sample_corpus_dir() / name).read_bytes())


def iter_sample_documents() -> Iterator[ParsedDocument]:
    folder = sample_corpus_dir()
    for entry in _read("manifest.json")["documents"]:
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


def _resolve(value: Any, ids: dict[str, dict[str, str]]) -> Any:
    """``value`` with every ``{"actor": key}`` / ``{"event": key}`` made one to the id."""
    if isinstance(value, dict):
        out = {k: _resolve(v, ids) for k, v in value.items()}
        for kind in ("actor", "event"):
            if isinstance(out.get(kind), str):
                out[kind] = ids[kind][out[kind]]
        return out
    if isinstance(value, list):
        return [_resolve(v, ids) for v in value]
    return value


def _spans(doc: ParsedDocument, entries: list[dict], ids, author: str, span_ids: dict) -> None:
    spans = []
    for entry in entries:
        quote = entry["quote"]
        start = doc.text.find(quote)
        if start < 0 or doc.text.find(quote, start + 1) >= 0:
            raise AnnotatorError(f"annotations.json: {entry['key']}: the quote is not once in it")
        span_ids[entry["key"]] = new_id()
        spans.append(
            ParsedSpan(
                start,
                start + len(quote),
                entry["label"],
                id=span_ids[entry["key"]],
                author=author,
                attributes=_resolve(entry.get("attributes") or {}, ids),
            )
        )
    doc.spans = sorted(spans, key=lambda s: (s.start, s.end))


def import_samples(workspace) -> ImportReport:
    """Import the sample corpus into ``workspace`` with its annotations, in one transaction
    through the services: alignments and outlets' alignments, actors, events, the documents
    with their spans, and the links. Documents already there are skipped (and links to their
    spans left out); actors and events already there (by name) are reused, outlets that have
    an alignment keep it."""
    notes = _read("annotations.json")
    author = notes["author"]
    have_alignments = {a.name for a in workspace.outlets.alignments()}
    outlets_before = {name: workspace.outlets.find(name) for name in notes["outlets"]}
    ids: dict[str, dict[str, str]] = {"actor": {}, "event": {}}
    for key, spec in notes["actors"].items():
        found = workspace.actors.find(spec["name"])
        if found is not None:
            ids["actor"][key] = found.id
    for key, spec in notes["events"].items():
        found = workspace.events.find(spec["name"])
        if found is not None:
            ids["event"][key] = found.id
    with workspace.store.batch():
        for name in notes["alignments"]:
            if name not in have_alignments:
                workspace.outlets.add_alignment(name)
        for key, spec in notes["actors"].items():
            if key not in ids["actor"]:
                change = workspace.actors.add(
                    spec["name"], kind=spec["kind"], side=spec.get("side"),
                    aliases=spec.get("aliases", ()),
                )  # fmt: skip
                ids["actor"][key] = change.actors_added[0].id
        for key, spec in notes["events"].items():
            if key not in ids["event"]:
                change = workspace.events.add(
                    spec["name"], date=spec.get("date"), place=spec.get("place"),
                    note=spec.get("note"),
                )  # fmt: skip
                ids["event"][key] = change.events_added[0].id
        span_ids: dict[str, str] = {}
        keys: dict[str, list[str]] = {}  # document id -> its spans' keys
        docs = []
        for doc in iter_sample_documents():
            doc.id = new_id()
            entries = notes["documents"].get(doc.meta["source_file"], [])
            _spans(doc, entries, ids, author, span_ids)
            keys[doc.id] = [e["key"] for e in entries]
            docs.append(doc)
        report = workspace.importer.import_documents(docs)
        for name, spec in notes["outlets"].items():
            before = outlets_before[name]
            if before is None or before.alignment is None:
                workspace.outlets.update(
                    name, country=spec.get("country"), alignment=spec.get("alignment")
                )
        stored = {key for doc_id in report.document_ids for key in keys[doc_id]}
        for link in notes["links"]:
            if link["source"] in stored and link["target"] in stored:
                workspace.links.add(
                    span_ids[link["source"]], span_ids[link["target"]], link["kind"],
                    note=link.get("note", ""), author=author,
                )  # fmt: skip
    return report
