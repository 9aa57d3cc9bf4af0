"""Corpus search on SQLite and PostgreSQL: folding, the query language, hits and offsets."""

from __future__ import annotations

import pytest

from annotator.errors import ValidationError
from annotator.importing.records import ParsedDocument, ParsedSpan
from annotator.services.search import SearchFilters

from .search_corpus import HARVEST, SHELLING, TALKS, build, seen


@pytest.fixture
def corpus(workspace):
    return build(workspace)


def test_diacritics_and_case_fold_both_ways(workspace, corpus):
    c, ws = corpus, workspace
    expected = [
        (c.talks, "text", "Vardane"),  # newest published first
        (c.talks, "quote", "Vardane"),
        (c.shelling, "text", "Vardanë"),
        (c.shelling, "text", "Vardanë"),
    ]
    assert seen(ws, "Vardane") == expected
    assert seen(ws, "VARDANË") == expected


def test_text_hit_offsets_are_code_points_with_a_snippet(workspace, corpus):
    hits = workspace.search.search("began").hits
    assert [h.kind for h in hits] == ["text", "quote"]  # the word is in a span's quote too
    hit = hits[0]
    assert SHELLING[hit.start : hit.end] == "began"
    assert hit.snippet[hit.mark[0] : hit.mark[1]] == "began"
    assert "\n" not in hit.snippet and "shelling began at night" in hit.snippet


def test_phrases_must_be_adjacent(workspace, corpus):
    assert seen(workspace, '"the shelling began"') == [
        (corpus.shelling, "text", "the shelling began"),
        (corpus.shelling, "quote", "the shelling began"),
    ]
    assert seen(workspace, '"shelling night"') == []


def test_prefix(workspace, corpus):
    assert [(d, t) for d, k, t in seen(workspace, "shell*") if k == "text"] == [
        (corpus.talks, "Shells"),
        (corpus.shelling, "shelling"),
        (corpus.shelling, "shelling"),
    ]


def test_or_not_and_parentheses(workspace, corpus):
    docs = lambda q: [d for d, _k, _t in seen(workspace, q)]  # noqa: E731
    assert set(docs("harvest OR ceasefire")) == {corpus.harvest, corpus.talks}
    assert set(docs("vardane -ceasefire")) == {corpus.shelling}
    assert set(docs("vardane NOT drill")) == {corpus.talks}
    assert set(docs("(harvest OR talks) -ceasefire")) == {corpus.harvest}
    assert docs("night shelling drill") == [corpus.shelling] * 5
    assert docs("valley cease*") == []


def test_a_text_hit_inside_a_span_names_the_span(workspace, corpus):
    hits = [h for h in workspace.search.search("began").hits if h.kind == "text"]
    assert hits[0].spans == (corpus.span_a,) and hits[0].label == "casualty_report"
    title_hit = workspace.search.search("night").hits[0]
    assert title_hit.start == 0 and title_hit.spans == ()


def test_note_hits_point_at_their_span(workspace, corpus):
    (hit,) = workspace.search.search("violation").hits
    assert (hit.kind, hit.span_id) == ("note", corpus.span_b)
    assert TALKS[hit.start : hit.end] == "Shells fell near Vardane school"
    assert hit.snippet[hit.mark[0] : hit.mark[1]] == "violation"


def _docs(ws, query, **filters):
    return sorted({h.document_id for h in ws.search.search(query, SearchFilters(**filters)).hits})


def test_span_filters_keep_hits_inside_matching_spans(workspace, corpus):
    ws, c = workspace, corpus
    hits = ws.search.search("shelling", SearchFilters(labels=("casualty_report",))).hits
    assert [(h.kind, SHELLING[h.start : h.end]) for h in hits] == [
        ("text", "shelling"),
        ("quote", "shelling"),
    ]
    assert hits[0].start == SHELLING.index("the shelling") + 4
    assert _docs(ws, "vardane", labels=("claim",)) == [c.talks]
    assert _docs(ws, "vardane", fields=(("verification", "disputed"),)) == [c.talks]
    assert _docs(ws, "vardane", fields=(("verification", "confirmed"),)) == []
    assert _docs(ws, "night", fields=(("who", "civilian"),)) == [c.shelling]
    assert _docs(ws, "night", actors=("border guard",)) == [c.shelling]
    assert _docs(ws, "night", events=(c.event,)) == [c.shelling]
    assert _docs(ws, "vardane", authors=("bob",)) == [c.talks]
    assert _docs(ws, "vardane", authors=("nobody",)) == []


def test_document_filters(workspace, corpus):
    import datetime as dt

    ws, c = workspace, corpus
    assert _docs(ws, "vardane", outlets=("wire one",)) == [c.shelling]
    assert _docs(ws, "vardane", alignments=("state",)) == [c.talks]
    assert _docs(ws, "vardane", collections=("2020 war",)) == [c.shelling]
    assert _docs(ws, "vardane", published_from=dt.date(2021, 1, 1)) == [c.talks]
    assert _docs(ws, "vardane", published_to=dt.date(2021, 1, 1)) == [c.shelling]
    assert _docs(ws, "harvest", published_to=dt.date(2030, 1, 1)) == []  # undated: out


def test_unknown_filter_values_and_bad_queries_are_refused(workspace, corpus):
    with pytest.raises(ValidationError, match="unknown label 'rumour'"):
        workspace.search.search("vardane", SearchFilters(labels=("rumour",)))
    with pytest.raises(Exception, match="no outlet named 'Nowhere'"):
        workspace.search.search("vardane", SearchFilters(outlets=("Nowhere",)))
    for bad, message in [
        ('"open', "column 1: a quote is not closed"),
        ("(a OR b", "'\\(' is not closed"),
        ("-drill", "NOT needs a word"),
        ("...", "no word to search for"),
    ]:
        with pytest.raises(ValidationError, match=message):
            workspace.search.search(bad)


def test_the_limit_cuts_and_says_so(workspace, corpus):
    result = workspace.search.search("vardane", limit=2)
    assert len(result.hits) == 2 and result.more
    assert not workspace.search.search("vardane", limit=4).more
    groups = workspace.search.search("vardane").by_document()
    assert [(d, len(h)) for d, _t, h in groups] == [(corpus.talks, 2), (corpus.shelling, 2)]


def test_bulk_import_delete_and_span_edit_keep_the_index_current(workspace, corpus):
    ws = workspace
    text = "Drone report\n\nA drone struck the Ağdam road depot."
    start = text.index("drone struck")
    doc = ParsedDocument(
        title="Drone report",
        text=text,
        source="test",
        spans=[ParsedSpan(start, start + 12, "claim", note="footage geolocated")],
    )
    new_id = ws.importer.import_documents([doc]).document_ids[0]
    assert {(k, t) for _d, k, t in seen(ws, "agdam")} == {("text", "Ağdam")}
    assert [k for _d, k, _t in seen(ws, "geolocated")] == ["note"]
    assert [k for _d, k, _t in seen(ws, "struck")] == ["text", "quote"]

    ws.annotations.edit(corpus.span_b, note="a fresh remark")
    assert seen(ws, "violation") == []
    assert [d for d, k, _t in seen(ws, "remark")] == [corpus.talks]

    ws.documents.delete(new_id)
    assert seen(ws, "agdam") == [] and seen(ws, "geolocated") == []
    ws.documents.delete(corpus.talks)
    assert seen(ws, "ceasefire") == [] and seen(ws, "remark") == []
    assert {d for d, _k, _t in seen(ws, "vardane")} == {corpus.shelling}
    assert HARVEST  # the third article is still found
    assert [d for d, _k, _t in seen(ws, "harvest")] == [corpus.harvest] * 2
