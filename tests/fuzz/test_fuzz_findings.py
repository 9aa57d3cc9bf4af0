"""The inputs the fuzzing found crashes with, kept as plain tests (each failed before its fix)."""

from __future__ import annotations

import time

import pytest

from annotator import open_workspace
from annotator.errors import ValidationError
from annotator.evidence.fields import parse_schema
from annotator.evidence.proposals import proposed_values
from annotator.importing.files import iter_file_documents
from annotator.text.figures import propose

from .helpers import digest


@pytest.fixture
def ws(tmp_path):
    ws = open_workspace(str(tmp_path / "a.sqlite3"), author=None, backup=False)
    yield ws
    ws.close()


@pytest.mark.parametrize(
    "text",
    [
        "1.250.000 million people were killed",  # Fraction("1.250.000"): ValueError
        "9" * 5000 + " killed",  # int() of more than 4,300 digits: ValueError
        "9" * 30 + " people were killed",  # a count no estimate field can hold
    ],
)
def test_figures_past_any_count_are_none(text):
    assert propose(text).killed.empty
    assert proposed_values("casualty_report", text) == {}


def test_a_sum_past_any_count_is_not_proposed():
    text = "999999999999 soldiers and 999999999999 civilians were killed"
    assert "killed" not in proposed_values("casualty_report", text)
    assert propose("1.5 million people were killed").killed.best == 1_500_000


def test_deep_metadata_names_the_line(ws, tmp_path):
    path = tmp_path / "deep.jsonl"
    meta = '{"a": ' * 300 + "1" + "}" * 300
    path.write_text('{"text": "ok"}\n{"text": "Some text", "m": ' + meta + "}\n")
    before = digest(ws)
    with pytest.raises(ValidationError, match=rf"{path}:2: its metadata cannot be stored"):
        ws.import_paths([path])
    assert digest(ws) == before


def test_a_label_that_cannot_be_a_key_names_the_line(ws, tmp_path):
    path = tmp_path / "labels.jsonl"
    path.write_text('{"text": "Some text", "label": [[0, 4, "two words"]]}\n')
    with pytest.raises(ValidationError, match=rf"^{path}:1: label key 'two words'"):
        ws.import_paths([path])


@pytest.mark.parametrize(
    ("attributes", "why"),
    [
        ({"place": "\udc00"}, "place cannot be stored: it holds a lone surrogate"),
        ({"free": 2**64}, "free cannot be stored: it holds a whole number past 64 bits"),
        ({"free": float("nan")}, "free cannot be stored: it holds a number that is not finite"),
        ({"killed": {"best": 10**12 + 1}}, "Killed: best 1000000000001 must be a whole number"),
    ],
)
def test_values_json_cannot_keep_are_refused(ws, attributes, why):
    doc = ws.add_document("Some text about 12 people.")
    with pytest.raises(ValidationError, match=why):
        ws.annotations.add(doc, 0, 4, "casualty_report", attributes=attributes)
    assert ws.annotations.list(doc) == []


def test_lone_surrogates_in_notes_and_texts_are_refused(ws):
    doc = ws.add_document("Some text.")
    span = ws.annotations.add(doc, 0, 4, "claim").added[0].id
    with pytest.raises(ValidationError, match="note cannot be stored: it holds a lone surrogate"):
        ws.annotations.edit(span, note="half \ud83d")
    with pytest.raises(ValidationError, match="note cannot be stored"):
        ws.links.add(
            span, ws.annotations.add(doc, 5, 9, "claim").added[0].id, "supports", note="\ud800"
        )
    with pytest.raises(ValidationError, match=r"the text holds a lone surrogate \(U\+D800"):
        ws.add_document("x\ud800")


def test_choices_must_be_a_list():
    with pytest.raises(ValidationError, match="needs a list of values"):
        parse_schema([{"name": "who", "kind": "choice", "choices": "ab"}])


def test_a_huge_markdown_line_makes_a_title_at_once(tmp_path):
    """The emphasis pattern took time growing with the square of the first line's length:
    a 1 MB line of "**x " took hours."""
    path = tmp_path / "long.md"
    path.write_text("**x " * 250_000 + "\n\nText.")
    started = time.perf_counter()
    (doc,) = iter_file_documents(path)
    assert time.perf_counter() - started < 10
    assert doc.title.startswith("*x *x") and len(doc.title) <= 200
