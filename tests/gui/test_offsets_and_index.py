"""Pure helpers: code point <-> UTF-16 conversion, the span index, word snapping."""

from __future__ import annotations

import pytest

from annotator.gui.offsets import OffsetConverter, display_text
from annotator.gui.span_index import Span, SpanIndex, nesting_levels
from annotator.gui.word_snap import snap_to_words, whole_characters, word_step

from .conftest import TEXT, u16


@pytest.mark.parametrize("text", [TEXT, "🕊️", "👍🏽👍🏽", "Երևան", "plain ascii", "", "a😀b😀c"])
def test_converter_matches_utf16_everywhere(text):
    conv = OffsetConverter(text)
    assert conv.length_u16 == u16(text, len(text))
    for cp in range(len(text) + 1):
        q = conv.to_qt(cp)
        assert q == u16(text, cp)
        assert conv.to_core(q) == cp


def test_inside_a_surrogate_pair_snaps_to_the_character():
    text = "a🕊️b"
    conv = OffsetConverter(text)
    assert conv.to_core(2) == 1  # between the two halves of 🕊 -> its start
    assert conv.range_to_core(1, 2) == (1, 2)  # half selected -> whole character
    assert conv.range_to_qt(1, 2) == (1, 3)


def test_armenian_is_one_unit_per_letter():
    conv = OffsetConverter("Երևան 🕊️")
    assert conv.trivial is False
    assert [conv.to_qt(i) for i in range(6)] == [0, 1, 2, 3, 4, 5]
    assert conv.to_qt(7) == 8


def test_display_text_keeps_positions():
    text = "a\r\nb\rc\n"
    shown = display_text(text)
    assert len(shown) == len(text) and "\r" not in shown
    assert shown.index("b") == text.index("b")


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


def test_word_snapping():
    text = "The ministry said “12 civilians” died in Երևան 🕊️ today."
    s = text.index("inistry")
    assert text[slice(*snap_to_words(text, s, s + 3))] == "ministry"
    s = text.index(" said")
    assert text[slice(*snap_to_words(text, s, s + 6))] == "said"
    s = text.index("ևան")
    assert text[slice(*snap_to_words(text, s, s + 1))] == "Երևան"
    s = text.index("🕊")
    assert text[slice(*whole_characters(text, s, s + 1))] == "🕊️"
    end = text.index(" said")
    assert text[: word_step(text, end, True, edge="end")].endswith("said")
    assert word_step(text, 0, True, edge="start") == text.index("ministry")
