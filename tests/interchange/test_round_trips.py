"""Every importable format: export -> import into a fresh database -> export gives the same
spans (and the same file: ids, titles and metadata travel along), on SQLite and PostgreSQL."""

from __future__ import annotations

import orjson
import pytest

from annotator import open_workspace
from annotator.exporting.writer import ExportOptions

from .helpers import export_path, native_records

IMPORTABLE = ["jsonl", "doccano", "prodigy", "labelstudio"]


def span_set(ws, *fields: str) -> list[tuple]:
    return sorted(
        (r["text"], *(s[f] for f in ("start", "end", "label", *fields)))
        for r in native_records(ws)
        for s in r["spans"]
    )


def parsed(path) -> list:
    data = path.read_bytes()
    if path.suffix == ".json":
        return orjson.loads(data)
    return [orjson.loads(line) for line in data.splitlines()]


@pytest.mark.parametrize("fmt", IMPORTABLE)
def test_export_import_export_is_identical(corpus, fresh_url, tmp_path, fmt):
    first = export_path(corpus, fmt, tmp_path)
    with open_workspace(fresh_url) as fresh:
        report = fresh.import_paths([first])
        assert report.documents == 3
        again = tmp_path / "again"
        again.mkdir()
        second = export_path(fresh, fmt, again)
        # the same content (byte for byte but for the spacing of attributes' stored JSON)
        assert parsed(second) == parsed(first)
        assert span_set(fresh) == span_set(corpus)
        if fmt == "labelstudio":  # notes and authors travel in Label Studio too
            assert span_set(fresh, "author", "note") == span_set(corpus, "author", "note")
        if fmt == "jsonl":  # everything travels in the native format
            assert native_records(fresh) == native_records(corpus)


def test_doccano_relations_variant_round_trip(corpus, fresh_url, tmp_path):
    options = ExportOptions(doccano_relations=True)
    first = export_path(corpus, "doccano", tmp_path, options=options)
    with open_workspace(fresh_url) as fresh:
        fresh.import_paths([first])
        assert span_set(fresh) == span_set(corpus)
        docs = {d.title: d for d in fresh.documents.list()}
        assert {d.outlet for d in docs.values()} == {"Test Wire"}


def test_foreign_formats_keep_document_fields(corpus, fresh_url, tmp_path):
    """Ids, titles, outlets and languages ride along as extra keys and come back as fields."""
    before = {d.id: (d.title, d.outlet, d.language) for d in corpus.documents.list()}
    for fmt in ("doccano", "prodigy", "labelstudio"):
        folder = tmp_path / fmt
        folder.mkdir()
        path = export_path(corpus, fmt, folder)
        url = fresh_url if fmt == "doccano" else str(folder / "db.sqlite3")
        with open_workspace(url) as fresh:
            fresh.import_paths([path])
            after = {d.id: (d.title, d.outlet, d.language) for d in fresh.documents.list()}
            assert after == before, fmt
            assert all(not fresh.documents.get(i).meta for i in after), fmt


def test_filters_apply_to_every_format(corpus, tmp_path):
    for fmt in IMPORTABLE:
        folder = tmp_path / fmt
        folder.mkdir()
        path = export_path(corpus, fmt, folder, labels=["claim"], authors=["ana", None])
        with open_workspace(str(folder / "db.sqlite3")) as fresh:
            fresh.import_paths([path])
            got = {(s[3], s[0][s[1] : s[2]]) for s in span_set(fresh, "author")}
        expected = {
            (s["label"], s["text"])
            for r in native_records(corpus)
            for s in r["spans"]
            if s["label"] == "claim" and s["author"] in ("ana", None)
        }
        assert {(label, quote) for label, quote in got} == expected, fmt


def test_only_annotated_and_document_scope(corpus, tmp_path):
    records = native_records(corpus)
    untagged = next(r["id"] for r in records if not r["spans"])
    one = records[0]["id"]
    path = export_path(corpus, "prodigy", tmp_path, only_annotated=True)
    assert len(path.read_bytes().splitlines()) == 2
    path.unlink()
    path = export_path(corpus, "prodigy", tmp_path, documents=[one, untagged])
    ids = [orjson.loads(x)["meta"]["document_id"] for x in path.read_bytes().splitlines()]
    assert ids == [one, untagged]  # in import order
