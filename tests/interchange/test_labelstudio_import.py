"""Label Studio files as Label Studio writes them: code points today, UTF-16 units in files of
2021 versions, indented JSON arrays, JSONL, several labels a region, cancelled annotations."""

from __future__ import annotations

import json

import orjson
import pytest

from annotator import open_workspace
from annotator.errors import ImportFileError
from annotator.importing.files import iter_file_documents

TEXT = "🐱 Warning: shelling near Երևան 👍🏽 was denied.\nSecond line."


def task(start: int, end: int, quote: str | None, **extra) -> dict:
    value = {"start": start, "end": end, "labels": ["claim"]}
    if quote is not None:
        value["text"] = quote
    result = {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels"}
    return {
        "id": 7,
        "data": {"text": TEXT, "source": "wire"},
        "annotations": [{"id": 3, "completed_by": 1, "result": [{**result, "value": value}]}],
        **extra,
    }


def docs(tmp_path, payload, name="tasks.json", indent=True):
    path = tmp_path / name
    if name.endswith(".jsonl"):
        path.write_bytes(b"".join(orjson.dumps(t) + b"\n" for t in payload))
    else:
        path.write_text(json.dumps(payload, indent=2 if indent else None, ensure_ascii=False))
    return list(iter_file_documents(path))


def test_code_point_offsets_as_label_studio_writes_them_now(tmp_path):
    start = TEXT.index("Երևան")
    (doc,) = docs(tmp_path, [task(start, start + 5, "Երևան")])
    (span,) = doc.spans
    assert (span.start, span.end, span.label, span.id) == (start, start + 5, "claim", "r1")
    assert doc.meta == {"source": "wire"} and doc.text == TEXT


def test_utf16_offsets_of_old_label_studio_files_are_converted(tmp_path):
    start = TEXT.index("Երևան")  # after 🐱: one code point, two UTF-16 units
    u16 = len(TEXT[:start].encode("utf-16-le")) // 2
    assert u16 == start + 1
    (doc,) = docs(tmp_path, [task(u16, u16 + 5, "Երևան")])
    assert (doc.spans[0].start, doc.spans[0].end) == (start, start + 5)


def test_a_quote_matching_neither_unit_names_task_annotation_and_result(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([task(0, 3, "🐱 W"), task(3, 10, "nothing")], indent=1))
    with pytest.raises(ImportFileError) as info:
        list(iter_file_documents(path))
    message = str(info.value)
    assert "bad.json: item 2: annotations[0].result[0]: value.text 'nothing'" in message
    assert "neither in code points" in message


def test_jsonl_tasks_and_one_task_a_line_arrays_name_the_line(tmp_path):
    start = TEXT.index("shelling")
    good = task(start, start + 8, "shelling")
    assert len(docs(tmp_path, [good, good], name="tasks.jsonl")) == 2
    path = tmp_path / "lines.json"
    bad = task(start, start + 8, "shelled")
    path.write_bytes(b"[\n" + orjson.dumps(good) + b",\n" + orjson.dumps(bad) + b"\n]\n")
    with pytest.raises(ImportFileError) as info:
        list(iter_file_documents(path))
    assert info.value.line == 3 and "lines.json:3:" in str(info.value)


def test_several_labels_notes_authors_cancelled_and_other_results(tmp_path):
    start = TEXT.index("shelling")
    t = task(start, start + 8, "shelling")
    result = t["annotations"][0]["result"][0]
    result["value"]["labels"] = ["claim", "statement"]
    result["meta"] = {"text": ["first note", "second"]}
    t["annotations"][0]["created_username"] = " ana@example.org, 1"
    t["annotations"][0]["created_at"] = "2031-03-12T10:00:00.000000Z"
    t["annotations"][0]["result"].append(
        {"type": "choices", "value": {"choices": ["Neutral"]}, "from_name": "s", "to_name": "text"}
    )
    cancelled = {"was_cancelled": True, "result": [dict(result, id="r9")]}
    t["annotations"].append(cancelled)
    t["predictions"] = [{"result": [dict(result, id="p1")]}]
    (doc,) = docs(tmp_path, [t], indent=False)
    assert [(s.label, s.note, s.author) for s in doc.spans] == [
        ("claim", "first note\nsecond", "ana@example.org"),
        ("statement", "first note\nsecond", "ana@example.org"),
    ]
    assert doc.spans[0].created.isoformat() == "2031-03-12T10:00:00+00:00"


def test_w3c_files_are_refused_with_a_reason(tmp_path):
    path = tmp_path / "w3c.json"
    path.write_text(json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "items": []}))
    with pytest.raises(ImportFileError, match="holds no document text"):
        list(iter_file_documents(path))


def test_label_studio_file_into_the_database(tmp_path):
    start = TEXT.index("Երևան")
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task(start, start + 5, "Երևան")], indent=2))
    with open_workspace(str(tmp_path / "db.sqlite3")) as ws:
        report = ws.import_paths([path])
        assert (report.documents, report.spans) == (1, 1)
        (span,) = ws.annotations.list(report.document_ids[0])
        assert span.quote == "Երևան"
