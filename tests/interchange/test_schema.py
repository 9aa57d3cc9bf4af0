"""The JSON Schema of the native format: valid, met by every export, and enforced by the
importer exactly (the importer's fast span checks accept what the schema and the rules across
fields accept, and nothing else)."""

from __future__ import annotations

import datetime as dt

import jsonschema
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import ImportFileError
from annotator.importing.jsonl import parse_jsonl_line
from annotator.importing.schema import check_record, native_schema, schema_path

from .helpers import native_records


def test_schema_is_valid_draft_7_and_bundled():
    assert schema_path().parts[-3:] == ("resources", "schema", "annotator.v1.schema.json")
    jsonschema.Draft7Validator.check_schema(native_schema())


def test_every_export_meets_the_schema(corpus):
    validator = jsonschema.Draft7Validator(native_schema())  # the reference implementation
    records = native_records(corpus)
    assert records
    for record in records:
        assert list(validator.iter_errors(record)) == []
        assert check_record(record) == ""


def line(**changes) -> bytes:
    record = {"schema": "annotator.v1", "text": "Shelling near Երևան 🕊️ today", "spans": []}
    record.update(changes)
    return orjson.dumps(record)


def test_the_importer_refuses_what_only_the_schema_says(tmp_path):
    # date.fromisoformat reads "20201110"; the format says YYYY-MM-DD
    with pytest.raises(ImportFileError, match=r"x.jsonl:4: meta.published: .*schema annotator.v1"):
        parse_jsonl_line(line(meta={"published": "20201110"}), "x.jsonl", 4)
    with pytest.raises(ImportFileError, match="title must be a string"):  # friendlier first
        parse_jsonl_line(line(title=5), "x.jsonl", 1)


def test_utf16_is_checked_and_optional():
    text = "Shelling near Երևան 🕊️ today"
    start = text.index("today")
    span = {"start": start, "end": start + 5, "label": "claim", "text": "today"}
    doc = parse_jsonl_line(line(spans=[dict(span, utf16=[start + 1, start + 6])]), "x", 1)
    assert doc.spans[0].start == start
    assert parse_jsonl_line(line(spans=[span]), "x", 1).spans[0].end == start + 5  # without it
    with pytest.raises(
        ImportFileError, match=r"spans\[0\]: utf16 \[23, 28\] differs .*: \[24, 29\]"
    ):
        parse_jsonl_line(line(spans=[dict(span, utf16=[start, start + 5])]), "x", 1)


# -- property: fast checks == schema + rules across fields ---------------------------------
TEXT = "Shelling near Երևան 🕊️ today"
VALID = {
    "id": "s1",
    "start": 14,
    "end": 19,
    "utf16": [14, 19],
    "label": "claim",
    "text": "Երևան",
    "author": "ana",
    "note": "n",
    "attributes": {"k": 1},
    "created": "2031-03-12T11:00:00+00:00",
    "updated": "2031-03-12T11:05:00Z",
}
MISSING = object()
POOL = {
    "id": ["x", None, 5, MISSING],
    "start": [0, 14, 20, -1, "14", None, 14.5, True, MISSING],
    "end": [19, 20, 14, 100, 0, "19", None, MISSING],
    "utf16": [[14, 19], [14, 20], [14], [14, 19, 20], "14-19", None, [-1, 19], MISSING],
    "label": ["claim", "", "   ", 5, None, MISSING],
    "text": ["Երևան", "Yerevan", None, 5, MISSING],
    "author": ["bo", None, 1, MISSING],
    "note": ["", None, ["x"], MISSING],
    "attributes": [{}, None, [], "x", MISSING],
    "created": ["2031-03-12T11:00:00Z", "2031-03-12T11:00:00", "soon", None, 7, MISSING],
    "updated": ["2031-03-12 11:00:00+04:00", "2031-03-12", None, MISSING],
}


def rules_across_fields(span: dict) -> bool:
    """What the schema cannot say: offsets inside the text, quote, utf16, parseable times."""
    start, end = span["start"], span["end"]
    if not start < end <= len(TEXT):
        return False
    if span.get("text") is not None and span["text"] != TEXT[start:end]:
        return False
    units = span.get("utf16")
    if units is not None:
        u = [len(TEXT[:p].encode("utf-16-le")) // 2 for p in (start, end)]
        if units != u:
            return False
    for key in ("created", "updated"):
        if span.get(key) is not None:
            try:
                if dt.datetime.fromisoformat(span[key]).tzinfo is None:
                    return False
            except ValueError:
                return False
    return True


@settings(max_examples=400, deadline=None)
@given(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in POOL.items()}))
def test_fast_checks_accept_exactly_what_the_schema_and_rules_accept(choice):
    span = dict(VALID)
    for key, value in choice.items():
        if value is MISSING:
            span.pop(key, None)
        else:
            span[key] = value
    record = {"schema": "annotator.v1", "text": TEXT, "spans": [span]}
    expected = check_record(record) == "" and rules_across_fields(span)
    try:
        parse_jsonl_line(orjson.dumps(record), "p.jsonl", 1)
        accepted = True
    except ImportFileError:
        accepted = False
    assert accepted == expected, (span, check_record(record))


def test_exports_with_evidence_meet_the_schema(workspace):
    from .evidence_corpus import build

    build(workspace)
    validator = jsonschema.Draft7Validator(native_schema())
    records = native_records(workspace)
    assert any(s["links"] for r in records for s in r["spans"])
    for record in records:
        assert list(validator.iter_errors(record)) == []
        assert check_record(record) == ""


@pytest.mark.parametrize(
    "change",
    [
        {"attributes": {"who": {"actor": {"name": "Army"}}}},  # no id
        {"attributes": {"who": [{"actor": {"id": "a1", "rank": "x"}}]}},  # unknown key
        {"attributes": {"who": {"event": 5}}},
        {"attributes": {"who": {"actor": " "}}},
        {"id": "s1", "links": [{"kind": "supports"}]},  # no other end
        {"id": "s1", "links": [{"kind": "supports", "to": "x", "directed": "no"}]},
        {"id": "s1", "links": {"kind": "supports", "to": "x"}},
    ],
)
def test_schema_and_importer_refuse_the_same_evidence(change):
    span = dict(VALID, **change)
    record = {"schema": "annotator.v1", "text": TEXT, "spans": [span]}
    assert check_record(record) != ""
    with pytest.raises(ImportFileError):
        parse_jsonl_line(orjson.dumps(record), "x.jsonl", 1)
    fine = dict(VALID, attributes={"who": [{"actor": "a1"}, {"actor": {"id": "a2"}}]})
    assert check_record({"schema": "annotator.v1", "text": TEXT, "spans": [fine]}) == ""
