"""The one converter between code points and UTF-16 code units (Qt's and Java's offsets)."""

from __future__ import annotations

import pytest

from annotator.text.offsets import LineEnds, Utf16Map, qt_safe_text, utf16_length

TEXT = "Peace talks in Երևան 🕊️ stalled; 👍🏽 said 12 civilians died near Գյումրի.\n"


def u16(text: str, cp: int) -> int:
    """UTF-16 position of code point ``cp``, computed independently of the converter."""
    return len(text[:cp].encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", [TEXT, "🕊️", "👍🏽👍🏽", "Երևան", "plain ascii", "", "a😀b😀c"])
def test_converter_matches_utf16_everywhere(text):
    conv = Utf16Map(text)
    assert conv.length_units == u16(text, len(text)) == utf16_length(text)
    for cp in range(len(text) + 1):
        units = conv.units(cp)
        assert units == u16(text, cp)
        assert conv.code_point(units) == cp
        assert conv.code_point_before(units) == cp
    assert conv.units_many(list(range(len(text) + 1))) == [
        u16(text, cp) for cp in range(len(text) + 1)
    ]


def test_half_an_emoji_one_rule_for_files_and_selections():
    """A file's offset inside a surrogate pair is an error; a caret snaps back to the
    character's start; a selection that half covers the emoji takes it whole, at either end."""
    text = "a🕊️b"
    conv = Utf16Map(text)
    with pytest.raises(ValueError, match="surrogate pair"):
        conv.code_point(2)
    assert conv.code_point_before(2) == 1
    assert conv.range_code_points(1, 2) == (1, 2)  # first half selected -> whole character
    assert conv.range_code_points(2, 4) == (1, 3)  # second half and the variation selector
    assert conv.range_code_points(0, 2) == (0, 2)
    assert conv.range_units(1, 2) == (1, 3)


def test_armenian_is_one_unit_per_letter():
    conv = Utf16Map("Երևան 🕊️")
    assert conv.identity is False
    assert [conv.units(i) for i in range(6)] == [0, 1, 2, 3, 4, 5]
    assert conv.units(7) == 8
    assert Utf16Map("Երևան").identity


def test_qt_safe_text_keeps_positions():
    text = "a\r\nb\rc\n"
    shown = qt_safe_text(text)
    assert len(shown) == len(text) and "\r" not in shown
    assert shown.index("b") == text.index("b")


def test_line_ends_map_to_the_normalised_text():
    text = "one\r\ntwo\rthree\n"
    ends = LineEnds(text)
    assert ends.text == "one\ntwo\nthree\n"
    start = text.index("two")
    assert ends.text[ends.map(start) : ends.map(start + 3)] == "two"
    assert ends.map_many([0, start]) == [0, ends.map(start)]
