"""Annotation commands: one transaction each, validated, with one change notice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from annotator.errors import ConflictError, NotFoundError, ValidationError
from annotator.storage.models import Annotation, Document
from tests.conftest import SAMPLE_TEXT


def _rows(ws):
    with ws.store.sessions() as s:
        return s.execute(
            select(Annotation.start, Annotation.end, Annotation.quote).order_by(Annotation.start)
        ).all()


def test_add_stores_quote_in_code_points(workspace, doc_id):
    start = SAMPLE_TEXT.index("Երևան")
    change = workspace.annotations.add(doc_id, start, start + 5, "claim", author="ana")
    (rec,) = change.added
    assert rec.quote == "Երևան" == SAMPLE_TEXT[rec.start : rec.end]
    assert rec.label == "claim" and rec.author == "ana" and rec.version == 1
    assert _rows(workspace) == [(start, start + 5, "Երևան")]
    assert change.document_ids == {doc_id}
    assert change.description == "tag 'Claim'"  # the label's display name


def test_emoji_and_combining_marks_slice_by_code_point(workspace, doc_id):
    start = SAMPLE_TEXT.index("🕊️")
    (rec,) = workspace.annotations.add(doc_id, start, start + 2, "opinion").added
    assert rec.quote == "🕊️"
    cafe = SAMPLE_TEXT.index("Cafe")
    (rec,) = workspace.annotations.add(doc_id, cafe, cafe + 5, "statement").added
    assert rec.quote == "Cafe\u0301"


@pytest.mark.parametrize(
    ("start", "end"), [(-1, 3), (5, 5), (6, 2), (0, len(SAMPLE_TEXT) + 1), (0.5, 3), (True, 3)]
)
def test_add_refuses_bad_offsets_and_stores_nothing(workspace, doc_id, start, end):
    with pytest.raises(ValidationError):
        workspace.annotations.add(doc_id, start, end, "claim")
    assert _rows(workspace) == []


def test_add_refuses_unknown_label_and_document(workspace, doc_id):
    with pytest.raises(ValidationError, match="unknown label 'rumour'"):
        workspace.annotations.add(doc_id, 0, 4, "rumour")
    with pytest.raises(NotFoundError):
        workspace.annotations.add("nope", 0, 4, "claim")
    assert _rows(workspace) == []


def test_retag_move_edit_delete_restore(workspace, doc_id):
    notices = []
    workspace.subscribe(notices.append)
    (rec,) = workspace.annotations.add(doc_id, 0, 8, "claim").added

    (before, after) = workspace.annotations.retag(rec.id, "statement").updated[0]
    assert (before.label, after.label) == ("claim", "statement")
    assert after.version == before.version + 1

    (_, moved) = workspace.annotations.move(rec.id, 9, 17).updated[0]
    assert moved.quote == SAMPLE_TEXT[9:17] and moved.label == "statement"

    (_, edited) = workspace.annotations.edit(
        rec.id, note="check with OSCE", attributes={"source": "ministry", "figures": [12]}
    ).updated[0]
    assert edited.note == "check with OSCE"
    assert edited.attributes == {"source": "ministry", "figures": [12]}
    assert edited.updated >= edited.created

    removed = workspace.annotations.delete(rec.id).removed[0]
    assert _rows(workspace) == []
    workspace.annotations.restore(removed)
    again = workspace.annotations.get(rec.id)
    assert (again.start, again.end, again.label, again.note) == (9, 17, "statement", edited.note)
    assert again.created == removed.created

    kinds = [(bool(c.added), bool(c.updated), bool(c.removed)) for c in notices]
    assert kinds == [
        (True, False, False),
        (False, True, False),
        (False, True, False),
        (False, True, False),
        (False, False, True),
        (True, False, False),
    ]


def test_no_op_edit_publishes_nothing(workspace, doc_id):
    (rec,) = workspace.annotations.add(doc_id, 0, 8, "claim").added
    notices = []
    workspace.subscribe(notices.append)
    change = workspace.annotations.retag(rec.id, "claim")
    assert change.empty and notices == []
    assert workspace.annotations.get(rec.id).version == 1


def test_invalid_move_keeps_the_old_span(workspace, doc_id):
    (rec,) = workspace.annotations.add(doc_id, 0, 8, "claim").added
    with pytest.raises(ValidationError):
        workspace.annotations.move(rec.id, 4, 2)
    assert workspace.annotations.get(rec.id).end == 8


def test_stale_version_is_a_conflict(workspace, doc_id):
    (rec,) = workspace.annotations.add(doc_id, 0, 8, "claim").added
    workspace.annotations.edit(rec.id, note="first", expected_version=rec.version)
    with pytest.raises(ConflictError):
        workspace.annotations.edit(rec.id, note="second", expected_version=rec.version)
    assert workspace.annotations.get(rec.id).note == "first"


def test_missing_annotation(workspace):
    with pytest.raises(NotFoundError):
        workspace.annotations.delete("00000000-0000-0000-0000-000000000000")


def test_document_text_is_immutable(workspace, doc_id):
    with pytest.raises(ValueError, match="immutable"), workspace.store.transaction() as s:
        s.get(Document, doc_id).text = "rewritten"
    assert workspace.documents.get(doc_id).text == SAMPLE_TEXT


def test_listener_error_does_not_undo_the_edit(workspace, doc_id):
    def broken(change):
        raise RuntimeError("view bug")

    workspace.subscribe(broken)
    workspace.annotations.add(doc_id, 0, 8, "claim")
    assert len(_rows(workspace)) == 1


def test_list_filters_and_order(workspace, doc_id):
    workspace.annotations.add(doc_id, 10, 20, "claim", author="b")
    workspace.annotations.add(doc_id, 0, 5, "opinion", author="a")
    workspace.annotations.add(doc_id, 0, 3, "claim", author="a")
    spans = workspace.annotations.list(doc_id)
    assert [(s.start, s.end) for s in spans] == [(0, 3), (0, 5), (10, 20)]
    assert [s.label for s in workspace.annotations.list(labels=["claim"])] == ["claim", "claim"]
    assert {s.author for s in workspace.annotations.list(authors=["a"])} == {"a"}


def test_document_summaries_count_spans_per_label(workspace, doc_id):
    workspace.annotations.add(doc_id, 0, 5, "claim")
    workspace.annotations.add(doc_id, 6, 9, "claim")
    workspace.annotations.add(doc_id, 10, 12, "opinion")
    (summary,) = workspace.documents.list()
    assert summary.span_counts == {"claim": 2, "opinion": 1}
    assert summary.title == "Shelling reported near Երևան"
    assert summary.length == len(SAMPLE_TEXT)


def test_spans_are_light_rows_in_order(workspace, doc_id):
    workspace.annotations.add(doc_id, 10, 20, "claim", author="b", note="n")
    (rec,) = workspace.annotations.add(doc_id, 0, 5, "opinion").added
    rows = workspace.annotations.spans(doc_id)
    assert [(r.start, r.end, r.label, r.note, r.author) for r in rows] == [
        (0, 5, "opinion", "", None),
        (10, 20, "claim", "n", "b"),
    ]
    assert rows[0].id == rec.id and rows[0].version == 1


def test_new_ids_are_time_ordered_uuid7():
    import uuid

    from annotator.ids import new_id

    ids = [new_id() for _ in range(5000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    parsed = uuid.UUID(ids[0])
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122 and str(parsed) == ids[0]


def test_spans_with_equal_offsets_are_ordered_by_id(workspace, doc_id):
    ids = [workspace.annotations.add(doc_id, 3, 9, lab).added[0].id for lab in ("opinion", "claim")]
    workspace.annotations.add(doc_id, 0, 2, "claim")
    rows = workspace.annotations.spans(doc_id)
    assert [(r.start, r.end) for r in rows] == [(0, 2), (3, 9), (3, 9)]
    assert [r.id for r in rows[1:]] == sorted(ids)


@pytest.mark.parametrize("cluster", ["🇦🇲", "👍🏽", "e\u0301", "👩\u200d💻"])
def test_offsets_that_split_a_character_are_refused_with_the_fix(workspace, cluster):
    text = f"Before {cluster} after, and more text."
    doc = workspace.add_document(text)
    a = text.index(cluster)
    b = a + len(cluster)
    with pytest.raises(
        ValidationError, match=rf"splits the character .*whole characters: \[{a}, {b}\)"
    ):
        workspace.annotations.add(doc, a + 1, b, "claim")
    with pytest.raises(ValidationError, match="splits the character"):
        workspace.annotations.add(doc, 0, a + 1, "claim")
    span = workspace.annotations.add(doc, a, b, "claim").added[0]
    with pytest.raises(ValidationError, match="splits the character"):
        workspace.annotations.move(span.id, a, b - 1)
    assert [(s.start, s.end) for s in workspace.annotations.list(doc)] == [(a, b)]


def test_import_widens_spans_that_split_a_character_and_says_so(workspace, tmp_path):
    import orjson

    text = "Flag 🇦🇲 raised near the line."
    a = text.index("🇦🇲")
    line = {"text": text, "label": [[a + 1, a + 2, "claim"], [0, 4, "opinion"]]}
    path = tmp_path / "split.jsonl"
    path.write_bytes(orjson.dumps(line) + b"\n")
    report = workspace.import_paths([path])
    spans = sorted((s.start, s.end, s.label) for s in workspace.annotations.list())
    assert spans == [(0, 4, "opinion"), (a, a + 2, "claim")]
    assert any("widened to whole characters" in n and "split.jsonl" in n for n in report.notices())
