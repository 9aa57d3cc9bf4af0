"""Import into the database and native JSONL export: atomic, lossless, offsets exact."""

from __future__ import annotations

import io

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import open_workspace
from annotator.errors import AnnotatorError, ImportFileError
from annotator.importing.records import ParsedDocument, ParsedSpan
from annotator.text import graphemes


def export_lines(ws, **kwargs) -> list[dict]:
    buf = io.BytesIO()
    ws.export_jsonl(buf, **kwargs)
    return [orjson.loads(line) for line in buf.getvalue().splitlines()]


def span_keys(records):
    return [
        (r["id"], s["id"], s["start"], s["end"], s["label"], s["text"])
        for r in records
        for s in r["spans"]
    ]


NATIVE = {
    "schema": "annotator.v1",
    "id": "6f1c1f55-4c61-4d7e-9a57-1b2f3c4d5e6f",
    "title": "Ministry denies strike",
    "text": "Ministry denies strike\r\n\r\nThe spokesman said “no civilians” 👍🏽 in Երևան.\r\n",
    "meta": {
        "outlet": "Wire",
        "author": "R. Tester",
        "url": "https://wire.example/a",
        "published": "2031-03-12",
        "language": "en",
        "imported_at": "2031-03-12T10:00:00.000000+00:00",
        "desk": "east",
    },
    "spans": [],
}


def u16(text: str, cp: int) -> int:
    """UTF-16 offset of code point ``cp``, computed with Python's own encoder."""
    return len(text[:cp].encode("utf-16-le")) // 2


def native_line(**changes) -> dict:
    record = dict(NATIVE, **changes)
    text = record["text"]
    quote = "“no civilians”"
    start = text.index(quote)
    armenian = text.index("Երևան")
    record.setdefault("spans", [])
    if not record["spans"]:
        record["spans"] = [
            {
                "id": "0a7e1d4e-0000-4000-8000-000000000001",
                "start": start,
                "end": start + len(quote),
                "utf16": [u16(text, start), u16(text, start + len(quote))],
                "label": "claim",
                "text": quote,
                "author": "ana",
                "note": "check",
                "attributes": {"figures": [0]},
                "links": [],
                "created": "2031-03-12T11:00:00.000000+00:00",
                "updated": "2031-03-12T11:05:00.000000+00:00",
            },
            {
                "id": "0a7e1d4e-0000-4000-8000-000000000002",
                "start": armenian,
                "end": armenian + 5,
                "utf16": [u16(text, armenian), u16(text, armenian + 5)],
                "label": "place",
                "text": "Երևան",
                "author": None,
                "note": "",
                "attributes": {},
                "links": [],
                "created": "2031-03-12T11:00:00.000000+00:00",
                "updated": "2031-03-12T11:00:00.000000+00:00",
            },
        ]
    return record


def write_jsonl(path, records):
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


def test_native_round_trip_restores_every_field(workspace, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [native_line()])
    report = workspace.import_paths([src])
    assert (report.documents, report.spans) == (1, 2)
    assert report.labels_created == ["place"]
    (out,) = export_lines(workspace)
    expected = native_line()
    assert out == expected  # every field, in order: id, title, text, meta, spans
    for span in out["spans"]:
        assert out["text"][span["start"] : span["end"]] == span["text"]


def test_export_import_export_gives_the_same_spans(workspace, tmp_path):
    doc = workspace.add_document(NATIVE["text"], outlet="Wire")
    workspace.annotations.add(doc, 0, 8, "claim", note="n", attributes={"k": 1})
    workspace.annotations.add(doc, 3, 15, "opinion", author="b")
    first = export_lines(workspace)
    path = write_jsonl(tmp_path / "a.jsonl", first)
    with open_workspace(str(tmp_path / "fresh.sqlite3")) as fresh:
        fresh.import_paths([path])
        assert export_lines(fresh) == first


def test_duplicate_text_is_skipped_and_its_spans_merged(workspace, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [native_line()])
    workspace.import_paths([src])
    again = workspace.import_paths([src])
    assert again.documents == 0 and again.duplicates and again.duplicate_spans == 2
    assert "skipped duplicate" in again.notices()[0]
    colleague = native_line(spans=[{"start": 0, "end": 8, "label": "statement"}])
    other = write_jsonl(tmp_path / "colleague.jsonl", [colleague])
    merged = workspace.import_paths([other])
    assert merged.merged_spans == 1
    (out,) = export_lines(workspace)
    assert [s["label"] for s in out["spans"]] == ["statement", "claim", "place"]


def test_span_ids_that_clash_get_new_ones(workspace, tmp_path):
    """An id used twice in a line, in two lines, or already stored is replaced, never lost."""
    stored = workspace.add_document("Stored text here.")
    (taken,) = workspace.annotations.add(stored, 0, 6, "claim").added

    def line(text, ids):
        spans = [{"id": i, "start": n, "end": n + 1, "label": "claim"} for n, i in enumerate(ids)]
        return {"schema": "annotator.v1", "text": text, "spans": spans}

    records = [line("First text.", ["x", "x", None, ""]), line("Second text.", ["x", taken.id])]
    report = workspace.import_paths([write_jsonl(tmp_path / "ids.jsonl", records)])
    assert report.spans == 6
    out = export_lines(workspace)
    ids = [s["id"] for r in out for s in r["spans"]]
    assert len(ids) == len(set(ids)) == 7
    assert ids.count("x") == 1 and ids.count(taken.id) == 1


def test_doccano_and_prodigy_lines(workspace, tmp_path):
    text = "Shelling in Ağdam\nCafe\u0301 closed 🕊️.\n"
    cafe = text.index("Cafe")
    lines = [
        {"text": text, "label": [[0, 8, "claim"], [cafe, cafe + 5, "opinion"]]},
        {"text": text + "x", "spans": [{"start": 12, "end": 17, "label": "casualty_report"}]},
    ]
    report = workspace.import_paths([write_jsonl(tmp_path / "mixed.jsonl", lines)])
    assert (report.documents, report.spans) == (2, 3)
    records = export_lines(workspace)
    quotes = [s["text"] for r in records for s in r["spans"]]
    assert quotes == ["Shelling", "Cafe\u0301", "Ağdam"]


def test_malformed_line_rolls_back_everything(workspace, tmp_path):
    good = orjson.dumps(native_line()).decode()
    path = tmp_path / "bad.jsonl"
    path.write_text(good + "\n" + '{"text": "second doc"}\n' + '{"text": "oops",\n')
    with pytest.raises(ImportFileError) as info:
        workspace.import_paths([path])
    assert info.value.line == 3 and str(path) in str(info.value)
    assert workspace.documents.count() == 0
    assert [lb.key for lb in workspace.labels.list()] == [
        "claim",
        "casualty_report",
        "statement",
        "opinion",
    ]


def test_quote_mismatch_is_refused(workspace, tmp_path):
    record = native_line()
    record["spans"][0]["text"] = "something else"
    with pytest.raises(AnnotatorError, match="in.jsonl:1"):
        workspace.import_paths([write_jsonl(tmp_path / "in.jsonl", [record])])
    assert workspace.documents.count() == 0


def test_export_filters(workspace, tmp_path):
    workspace.import_paths([write_jsonl(tmp_path / "in.jsonl", [native_line()])])
    other = workspace.add_document("Other text\n\nnothing tagged")
    assert len(export_lines(workspace)) == 2
    assert len(export_lines(workspace, only_annotated=True)) == 1
    (rec,) = export_lines(workspace, documents=[other])
    assert rec["spans"] == []
    by_labels = {r["id"]: r for r in export_lines(workspace, labels=["place"])}
    assert [s["label"] for s in by_labels[NATIVE["id"]]["spans"]] == ["place"]
    by_author = {r["id"]: r for r in export_lines(workspace, authors=["ana"])}
    assert [s["author"] for s in by_author[NATIVE["id"]]["spans"]] == ["ana"]


def test_plain_files_and_folder(workspace, tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes("\n\nFirst headline\r\nbody one\r\n".encode("utf-16"))
    (folder / "sub" / "b.md").write_text("# Second headline\n\nbody two\n", encoding="utf-8")
    (folder / "sub" / "c.txt").write_bytes("Заголовок\n\nтекст статьи\n".encode("cp1251"))
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    report = workspace.import_paths([folder])
    assert report.documents == 3
    titles = {d.title for d in workspace.documents.list()}
    assert titles == {"First headline", "Second headline", "Заголовок"}
    assert any("notes.pdf" in n for n in report.notices())
    texts = [r["text"] for r in export_lines(workspace)]
    assert all("\r" not in t for t in texts)


def test_binary_file_is_refused(workspace, tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    with pytest.raises(ImportFileError, match="photo.txt: binary file"):
        workspace.import_paths([path])
    assert workspace.documents.count() == 0


def test_shared_corpus_gives_five_documents(workspace, shared_corpus):
    report = workspace.import_paths(sorted(shared_corpus.glob("*.txt")))
    assert report.documents == 5
    assert len(export_lines(workspace)) == 5


def test_shared_corpus_split_gives_more(workspace, shared_corpus):
    report = workspace.import_paths(sorted(shared_corpus.glob("*.txt")), split=True)
    assert report.documents > 5


# -- property: offsets survive import -> export for any text --------------------------------
ALPHABET = st.sampled_from(
    list("abc xyz.,\n") + ["\r\n", "\r", "Երևան", "Ağdam Şuşa", "e\u0301", "🕊️", "👍🏽", "“", "—"]
)


@st.composite
def documents_with_spans(draw):
    text = "".join(draw(st.lists(ALPHABET, min_size=1, max_size=40)))
    if not text.strip():
        text = "x" + text
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start + 1, n))
        start, end = graphemes.snap(text, start, end)  # spans never split a character
        spans.append((start, end, draw(st.sampled_from(["claim", "opinion", "statement"]))))
    return text, spans


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(documents_with_spans())
def test_property_offsets_and_quotes_survive_round_trip(tmp_path_factory, sample):
    text, spans = sample
    base = tmp_path_factory.mktemp("prop")
    doc = ParsedDocument(
        title="t",
        text=text,
        source="prop",
        spans=[ParsedSpan(s, e, lab) for s, e, lab in spans],
    )
    with open_workspace(str(base / "a.sqlite3")) as ws:
        ws.importer.import_documents([doc])
        first = export_lines(ws)
        (rec,) = first
        assert rec["text"] == text  # kept exactly, CR and all
        for span in rec["spans"]:
            assert rec["text"][span["start"] : span["end"]] == span["text"]
        assert sorted((s["start"], s["end"], s["label"]) for s in rec["spans"]) == sorted(spans)
        path = write_jsonl(base / "out.jsonl", first)
    with open_workspace(str(base / "b.sqlite3")) as fresh:
        fresh.import_paths([path])
        assert span_keys(export_lines(fresh)) == span_keys(first)
