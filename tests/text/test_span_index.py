"""The span index the views paint from, and nesting levels."""

from __future__ import annotations

from annotator.text.span_index import Span, SpanIndex, nesting_levels


def _span(i, s, e, label="claim"):
    return Span(str(i), s, e, label)


def test_index_queries_and_updates():
    index = SpanIndex([_span(1, 0, 100), _span(2, 10, 20), _span(3, 50, 60), _span(4, 200, 210)])
    assert [s.id for s in index.overlapping(55, 58)] == ["1", "3"]
    assert [s.id for s in index.overlapping(150, 250)] == ["4"]
    assert [s.id for s in index.at(15)] == ["1", "2"]
    index.replace(_span(2, 300, 310))
    assert [s.id for s in index.overlapping(10, 20)] == ["1"]
    index.remove("1")
    assert [s.id for s in index] == ["3", "4", "2"]
    assert index.next_after(0).id == "3"
    assert index.next_after(0, "3").id == "4"
    assert index.previous_before(0, "4").id == "3"
    assert index.row_of("4") == 1


def test_nesting_levels_stack():
    spans = [_span(1, 0, 100), _span(2, 10, 50), _span(3, 20, 30), _span(4, 60, 70)]
    assert nesting_levels(spans) == {"1": 0, "2": 1, "3": 2, "4": 1}
