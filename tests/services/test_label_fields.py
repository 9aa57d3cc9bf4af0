"""Field schemas per label: defaults, validation of span values, editing a schema."""

from __future__ import annotations

import pytest

from annotator.errors import ValidationError
from annotator.evidence.fields import DEFAULT_FIELDS, parse_schema


def test_the_four_labels_come_with_their_default_fields(workspace):
    labels = {lb.key: lb for lb in workspace.labels.list()}
    for key, fields in DEFAULT_FIELDS.items():
        assert labels[key].fields == parse_schema(fields)
    casualty = labels["casualty_report"].fields
    assert [f.name for f in casualty][:5] == ["killed", "wounded", "missing", "captured", "who"]
    assert casualty.get("killed").kind == "estimate" and casualty.get("who").choices


@pytest.mark.parametrize(
    "attributes,message",
    [
        ({"killed": {"low": 5, "high": 2}}, r"Killed: low 5 is more than high 2"),
        ({"killed": {"best": "twelve"}}, r"Killed: best 'twelve' must be a whole number"),
        ({"who": "civ"}, r"Who was hit: 'civ' is not one of civilian, military"),
        ({"date": "12/03/2031"}, r"Date: '12/03/2031' is not a date in the form YYYY-MM-DD"),
        ({"date": "2031-02-30"}, r"not a real date"),
        ({"perpetrator": "the army"}, r"Alleged perpetrator: must refer to an actor"),
        ({"killed": {"lo": 1}}, r"unknown part 'lo'"),
    ],
)
def test_span_values_that_do_not_fit_are_refused_clearly(workspace, doc_id, attributes, message):
    with pytest.raises(ValidationError, match=message):
        workspace.annotations.add(doc_id, 0, 8, "casualty_report", attributes=attributes)
    span = workspace.annotations.add(doc_id, 0, 8, "casualty_report").added[0]
    with pytest.raises(ValidationError, match=message):
        workspace.annotations.edit(span.id, attributes=attributes)
    assert workspace.annotations.get(span.id).attributes == {}


def test_values_that_fit_are_kept_with_free_attributes(workspace, doc_id):
    values = {
        "killed": {"low": 12, "best": 12, "high": None},
        "who": "civilian",
        "perpetrator": {"actor": "01a2-actor"},
        "event": [{"event": "01a2-event"}],
        "date": "2031-03-12",
        "figures_note": "free attribute, not in the schema",
    }
    span = workspace.annotations.add(doc_id, 0, 8, "casualty_report", attributes=values)
    assert workspace.annotations.get(span.added[0].id).attributes == values


def test_a_label_s_schema_is_edited_and_refused_when_malformed(workspace, doc_id):
    change = workspace.labels.update(
        "opinion", fields=[{"name": "tone", "kind": "choice", "choices": ["hostile", "calm"]}]
    )
    ((before, after),) = change.labels_updated
    assert before.fields.get("holder") is not None and after.fields.get("tone").choices
    with pytest.raises(ValidationError, match="Tone: 'angry' is not one of hostile, calm"):
        workspace.annotations.add(doc_id, 0, 8, "opinion", attributes={"tone": "angry"})
    for bad, message in (
        ([{"name": "Tone", "kind": "text"}], "lower-case"),
        ([{"name": "x", "kind": "colour"}], "not one of text, choice"),
        ([{"name": "x", "kind": "choice"}], "needs a list of values"),
        ([{"name": "x", "kind": "text"}, {"name": "x", "kind": "text"}], "twice"),
    ):
        with pytest.raises(ValidationError, match=message):
            workspace.labels.update("opinion", fields=bad)


def test_imported_field_values_are_checked_and_a_bad_one_names_file_and_span(workspace, tmp_path):
    import orjson

    text = "Shelling overnight\n\nAt least 12 civilians were killed."
    good = {"schema": "annotator.v1", "id": None, "title": "A", "text": text, "meta": {}}
    span = {"start": 0, "end": 8, "label": "casualty_report", "text": text[:8]}
    path = tmp_path / "bad.jsonl"
    bad_span = dict(span, attributes={"killed": {"low": 20, "high": 12}})
    line = {k: v for k, v in good.items() if v is not None} | {"spans": [bad_span]}
    path.write_bytes(orjson.dumps(line) + b"\n")
    with pytest.raises(ValidationError, match=r"bad.jsonl.*span \[0, 8\).*Killed: low 20 is more"):
        workspace.import_paths([path])
    assert workspace.documents.count() == 0  # nothing stored
    ok_span = dict(span, attributes={"killed": {"low": 12, "best": 12, "high": None}})
    path.write_bytes(orjson.dumps(line | {"spans": [ok_span]}) + b"\n")
    workspace.import_paths([path])
    assert workspace.annotations.list()[0].attributes["killed"]["low"] == 12
