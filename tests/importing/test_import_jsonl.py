from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator.errors import ImportFileError
from annotator.importing.jsonl import iter_jsonl, parse_jsonl_line

# Text with emoji (outside the BMP), Armenian, Azerbaijani, a combining mark (e + U+0301)
# and CRLF line ends: offsets are code points and the text must come back byte-exact.
TRICKY = "Ceasefire 🙂 in Երևան\r\nShelling near Ağdam, Şuşa.\r\nCafe\u0301 owner: “calm”.\r\n"


def _span(text: str, quote: str, label: str) -> tuple[int, int, str]:
    start = text.index(quote)
    return start, start + len(quote), label


def _write_lines(path: Path, records: list[Any], sep: bytes = b"\n") -> Path:
    path.write_bytes(
        sep.join(r if isinstance(r, bytes) else orjson.dumps(r) for r in records) + sep
    )
    return path


def native_record(text: str = TRICKY) -> dict[str, Any]:
    s1 = _span(text, "Երևան", "PLACE")
    s2 = _span(text, "Ağdam, Şuşa", "PLACE")
    s3 = _span(text, "Cafe\u0301", "ACTOR")
    return {
        "schema": "annotator.v1",
        "id": "doc-1",
        "title": "Ceasefire report",
        "text": text,
        "meta": {
            "outlet": "Example Wire",
            "author": "J. Doe",
            "url": "https://example.org/a",
            "published": "2020-11-10",
            "language": "en",
            "imported_at": "2024-05-01T10:00:00Z",
            "batch": 7,
            "tags": ["x"],
        },
        "spans": [
            {
                "id": "s1",
                "start": s1[0],
                "end": s1[1],
                "label": s1[2],
                "text": "Երևան",
                "author": "ann",
                "note": "capital",
                "attributes": {"certainty": "high"},
                "created": "2024-05-01T10:00:00+04:00",
                "updated": "2024-05-02T11:30:00Z",
            },
            {"start": s2[0], "end": s2[1], "label": s2[2], "note": None, "attributes": None},
            {"id": "s3", "start": s3[0], "end": s3[1], "label": s3[2], "text": "Cafe\u0301"},
        ],
    }


def test_native_record(tmp_path: Path) -> None:
    path = _write_lines(tmp_path / "n.jsonl", [native_record()])
    (doc,) = list(iter_jsonl(path))
    assert doc.text == TRICKY
    assert doc.id == "doc-1"
    assert doc.title == "Ceasefire report"
    assert doc.source == f"{path}:1"
    assert (doc.outlet, doc.author, doc.url, doc.language) == (
        "Example Wire",
        "J. Doe",
        "https://example.org/a",
        "en",
    )
    assert doc.published == dt.date(2020, 11, 10)
    assert doc.imported_at == dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)
    assert doc.meta == {"batch": 7, "tags": ["x"]}
    s1, s2, s3 = doc.spans
    assert TRICKY[s1.start : s1.end] == "Երևան" == s1.quote
    assert (s1.id, s1.label, s1.author, s1.note) == ("s1", "PLACE", "ann", "capital")
    assert s1.attributes == {"certainty": "high"}
    assert s1.created == dt.datetime(2024, 5, 1, 6, tzinfo=dt.UTC)
    assert s1.created.utcoffset() == dt.timedelta(0)  # the same instant, kept as UTC
    assert doc.spans.created[0] == "2024-05-01T06:00:00.000000+00:00"  # canonical text
    assert s1.updated == dt.datetime(2024, 5, 2, 11, 30, tzinfo=dt.UTC)
    assert TRICKY[s2.start : s2.end] == "Ağdam, Şuşa"
    assert (s2.id, s2.note, s2.attributes, s2.created, s2.quote) == (None, "", {}, None, None)
    assert TRICKY[s3.start : s3.end] == "Cafe\u0301"
    assert s3.id == "s3"


def test_native_spans_with_every_key_take_the_fast_path_correctly() -> None:
    text = "alpha beta gamma delta"
    spans = [
        {
            "id": f"s{i}",
            "start": start,
            "end": start + 4,
            "label": "W",
            "text": text[start : start + 4],
            "author": None,
            "note": "",
            "attributes": {},
            "created": "2024-01-01T00:00:00+00:00",
            "updated": None,
        }
        for i, start in enumerate((0, 6, 11))
    ]
    line = orjson.dumps({"schema": "annotator.v1", "text": text, "spans": spans})
    doc = parse_jsonl_line(line, "f.jsonl", 1)
    assert doc is not None
    assert [(s.id, s.quote, s.updated) for s in doc.spans] == [
        ("s0", "alph", None),
        ("s1", "beta", None),
        ("s2", "gamm", None),
    ]
    assert all(s.created and s.created.tzinfo for s in doc.spans)
    # each span gets its own attributes dict
    assert len({id(s.attributes) for s in doc.spans}) == 3
    assert doc.title == "alpha beta gamma delta"


def test_doccano_record_keeps_text_exact(tmp_path: Path) -> None:
    spans = [
        list(_span(TRICKY, "🙂", "EMOJI")),
        list(_span(TRICKY, "Երևան", "GPE")),
        list(_span(TRICKY, "Şuşa", "GPE")),
    ]
    path = _write_lines(
        tmp_path / "d.jsonl",
        [{"id": 12, "text": TRICKY, "label": spans, "Comments": ["ok"]}],
        sep=b"\r\n",
    )
    (doc,) = list(iter_jsonl(path))
    assert doc.text == TRICKY  # CRLF and combining mark untouched
    assert doc.title == "Ceasefire 🙂 in Երևան"
    assert doc.meta == {"id": 12, "Comments": ["ok"]}
    assert doc.id is None
    got = [(TRICKY[s.start : s.end], s.label) for s in doc.spans]
    assert got == [("🙂", "EMOJI"), ("Երևան", "GPE"), ("Şuşa", "GPE")]
    assert doc.spans[0].end - doc.spans[0].start == 1  # one code point


def test_doccano_entities_and_classification_labels() -> None:
    text = "Baku and Yerevan"
    line = orjson.dumps(
        {
            "text": text,
            "title": "Given title",
            "entities": [{"id": 1, "start_offset": 9, "end_offset": 16, "label": "GPE"}],
            "label": ["POLITICS"],
        }
    )
    doc = parse_jsonl_line(line, "f.jsonl", 4)
    assert doc is not None
    assert doc.title == "Given title"
    assert [(text[s.start : s.end], s.label) for s in doc.spans] == [("Yerevan", "GPE")]
    assert doc.meta == {"label": ["POLITICS"]}
    assert doc.source == "f.jsonl:4"


def test_prodigy_record() -> None:
    text = "\n\nStepanakert shelled\nMore text here."
    line = orjson.dumps(
        {
            "text": text,
            "spans": [
                {"start": 2, "end": 13, "label": "GPE", "token_start": 0, "token_end": 0},
                {"start": 14, "end": 21, "label": "EVENT", "text": "shelled"},
            ],
            "tokens": [{"text": "Stepanakert"}],
            "meta": {"source": "wire", "score": 0.5},
            "answer": "accept",
            "_input_hash": 1,
            "_task_hash": 2,
        }
    )
    doc = parse_jsonl_line(line, "p.jsonl", 1)
    assert doc is not None
    assert doc.title == "Stepanakert shelled"
    assert doc.text == text
    assert doc.meta == {"answer": "accept", "source": "wire", "score": 0.5}
    assert [(s.start, s.end, s.label, s.quote) for s in doc.spans] == [
        (2, 13, "GPE", None),
        (14, 21, "EVENT", "shelled"),
    ]


def test_record_without_spans_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(b'\n{"text": "one"}\n   \n\r\n{"text": "two", "spans": []}\n\n')
    docs = list(iter_jsonl(path))
    assert [(d.text, d.source, d.spans) for d in docs] == [
        ("one", f"{path}:2", []),
        ("two", f"{path}:5", []),
    ]


def test_utf8_bom_on_first_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + orjson.dumps({"text": "Երևան"}) + b"\n")
    (doc,) = list(iter_jsonl(path))
    assert doc.text == "Երևան"


def test_utf16_jsonl_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "u16.jsonl"
    path.write_bytes('{"text": "x"}\n'.encode("utf-16"))
    with pytest.raises(ImportFileError, match="must be UTF-8") as info:
        list(iter_jsonl(path))
    assert info.value.line == 1


def test_malformed_json_on_line_3(tmp_path: Path) -> None:
    path = _write_lines(
        tmp_path / "bad.jsonl",
        [{"text": "one"}, {"text": "two"}, b'{"text": "three", ', {"text": "four"}],
    )
    docs = iter_jsonl(path)
    assert inspect.isgenerator(docs)
    assert next(docs).text == "one"  # streamed: earlier lines come out first
    assert next(docs).text == "two"
    with pytest.raises(ImportFileError) as info:
        next(docs)
    assert info.value.line == 3
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}:3: malformed JSON")


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (b"[1, 2]", "expected a JSON object"),
        (b'"just a string"', "expected a JSON object"),
        ({"title": "no text"}, 'missing "text"'),
        ({"text": 5}, '"text" must be a string'),
        ({"text": "  "}, '"text" is empty'),
        ({"schema": "annotator.v9", "text": "x"}, "unsupported schema"),
        ({"text": "abc", "label": [[0, 4, "X"]]}, "label[0]: end 4 is beyond the end"),
        ({"text": "abc", "label": [[0, 1, "X"], [2, 2, "X"]]}, "label[1]: end 2 is not after"),
        ({"text": "abc", "label": [[-1, 1, "X"]]}, "start -1 is negative"),
        ({"text": "abc", "label": [[0, 1, ""]]}, "label must be a non-empty string"),
        ({"text": "abc", "label": [[0, 1, 7]]}, "label must be a non-empty string"),
        ({"text": "abc", "label": [[0.0, 1, "X"]]}, "must be integers"),
        ({"text": "abc", "label": [[0, True, "X"]]}, "must be integers"),
        ({"text": "abc", "label": [[0, 1]]}, "label[0]: must be [start, end, label]"),
        ({"text": "abc", "label": [[0, 1, "X"], {"a": 1}]}, "label[1]: start and end are"),
        ({"text": "abc", "spans": [{"start": 0, "end": 2}]}, "spans[0]: label must be"),
        ({"text": "abc", "spans": [{"end": 2, "label": "X"}]}, "start and end are required"),
        ({"text": "abc", "spans": [{"start": 0, "end": 2, "label": [1]}]}, "label must be"),
        ({"text": "abc", "spans": [1]}, "spans[0]: must be an object"),
        ({"text": "abc", "spans": {"start": 0}}, '"spans" must be a list'),
        (
            {"text": "abc", "spans": [{"start": 0, "end": 2, "label": "X", "text": "ac"}]},
            "spans[0]: text 'ac' differs from the document text at 0-2: 'ab'",
        ),
        (
            {
                "schema": "annotator.v1",
                "text": "abc",
                "spans": [{"start": 0, "end": 1, "label": "X", "created": "2024-01-01T10:00"}],
            },
            "has no UTC offset",
        ),
        (
            {
                "schema": "annotator.v1",
                "text": "abc",
                "spans": [{"start": 0, "end": 1, "label": "X", "updated": "not a date"}],
            },
            "is not an ISO 8601 date-time",
        ),
        (
            {
                "schema": "annotator.v1",
                "text": "abc",
                "spans": [{"start": 0, "end": 1, "label": "X", "attributes": []}],
            },
            "attributes must be an object",
        ),
        (
            {
                "schema": "annotator.v1",
                "text": "abc",
                "spans": [{"start": 0, "end": 1, "label": "X", "note": 3}],
            },
            "note must be a string",
        ),
        ({"schema": "annotator.v1", "text": "abc", "id": 3}, "id must be a string"),
        ({"schema": "annotator.v1", "text": "abc", "meta": []}, '"meta" must be an object'),
        (
            {"schema": "annotator.v1", "text": "abc", "meta": {"published": "10.11.2020"}},
            "meta.published",
        ),
        ({"schema": "annotator.v1", "text": "abc", "meta": {"outlet": 1}}, "meta.outlet"),
        (
            {"schema": "annotator.v1", "text": "abc", "meta": {"imported_at": "2024-01-01"}},
            "meta.imported_at",
        ),
        ({"text": "abc", "spans": [], "meta": "x"}, '"meta" must be an object'),
        ({"text": "abc", "title": 3}, "title must be a string"),
    ],
)
def test_bad_lines_name_the_line(tmp_path: Path, record: Any, message: str) -> None:
    path = _write_lines(tmp_path / "bad.jsonl", [{"text": "fine"}, b"", record])
    with pytest.raises(ImportFileError) as info:
        list(iter_jsonl(path))
    assert info.value.line == 3
    assert message in info.value.message


def test_bad_span_deep_in_a_big_line_is_found() -> None:
    text = "x" * 1000
    spans = [{"start": i, "end": i + 1, "label": "X"} for i in range(999)]
    spans[500] = {"start": 500, "end": 1001, "label": "X"}
    with pytest.raises(ImportFileError) as info:
        parse_jsonl_line(orjson.dumps({"text": text, "spans": spans}), "f.jsonl", 7)
    assert info.value.line == 7
    assert (
        info.value.message == "spans[500]: end 1001 is beyond the end of the text (1000 characters)"
    )


def test_mixed_keys_across_spans() -> None:
    text = "abcdef"
    spans = [
        {"start": 0, "end": 1, "label": "A"},
        {"start": 1, "end": 2, "label": "B", "text": "b", "note": "n", "custom": 1},
        {"start": 2, "end": 3, "label": "C", "created": "2024-01-01T00:00:00Z"},
    ]
    doc = parse_jsonl_line(
        orjson.dumps({"schema": "annotator.v1", "text": text, "spans": spans}), "f", 1
    )
    assert doc is not None
    assert [(s.label, s.quote, s.note, s.created is not None) for s in doc.spans] == [
        ("A", None, "", False),
        ("B", "b", "n", False),
        ("C", None, "", True),
    ]


def test_blank_line_gives_none() -> None:
    assert parse_jsonl_line(b"  \r\n", "f", 1) is None


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="cannot read"):
        list(iter_jsonl(tmp_path / "nope.jsonl"))
