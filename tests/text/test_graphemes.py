"""Grapheme clusters (UAX #29) that no span may split."""

from __future__ import annotations

from itertools import accumulate

import pytest
import regex

from annotator.errors import ValidationError
from annotator.text import graphemes

TEXT = (
    "Flag 🇦🇲🇦🇿 in Երևան; 👍🏽 and 👩‍💻 typed; cafe\u0301 owners\r\nsaid "
    "“12 killed” 🕊️. Hangul 한국어 and Devanagari नमस्ते.\n"
)


def reference_bounds(text: str) -> set[int]:
    return set(accumulate(map(len, regex.findall(r"\X", text)), initial=0))


@pytest.mark.parametrize("text", [TEXT, "", "a", "🇦🇲", "e\u0301\u0302", "\r\n", "plain"])
def test_every_position_agrees_with_a_whole_text_segmentation(text):
    bounds = reference_bounds(text)
    for position in range(len(text) + 1):
        assert graphemes.is_boundary(text, position) == (position in bounds), position
    assert graphemes.splitting(text, range(len(text) + 1)) == set(range(len(text) + 1)) - bounds


@pytest.mark.parametrize("cluster", ["🇦🇲", "👍🏽", "👩‍💻", "e\u0301", "\r\n", "🕊️", "स्ते"])
def test_snap_widens_to_the_whole_cluster(cluster):
    a = TEXT.index(cluster)
    b = a + len(cluster)
    for inside in range(a + 1, b):
        assert graphemes.snap(TEXT, inside, inside) == (a, b)
        assert graphemes.previous_boundary(TEXT, inside) == a
        assert graphemes.next_boundary(TEXT, inside) == b
        assert graphemes.cluster_at(TEXT, inside) == (a, b)
    assert graphemes.step(TEXT, a, True) == b
    assert graphemes.step(TEXT, b, False) == a


def test_check_whole_names_the_character_and_the_fix():
    a = TEXT.index("🇦🇲")
    with pytest.raises(ValidationError) as info:
        graphemes.check_whole(TEXT, a + 1, a + 4)
    message = str(info.value)
    assert "U+1F1E6 U+1F1F2" in message and f"whole characters: [{a}, {a + 4})" in message
    graphemes.check_whole(TEXT, a, a + 4)  # two whole flags: fine


def test_far_from_any_safe_edge_still_right():
    """A long run with no ASCII pair and no line break: the window falls back to the text."""
    text = "ա" + "\u0301" * 5000 + "բ" + "e\u0301" * 3000
    bounds = reference_bounds(text)
    for position in (1, 2500, 5001, 5002, 5003, 8000, len(text) - 1):
        assert graphemes.is_boundary(text, position) == (position in bounds)
