"""Snapping selections to whole words, and word steps of span boundaries."""

from __future__ import annotations

import pytest

from annotator.text.word_snap import char_step, snap_to_words, whole_characters, word_step

TEXT = "The ministry said “12 civilians” died in Երևան 🕊️ today."


def test_word_snapping():
    text = TEXT
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


@pytest.mark.parametrize(
    "text,cluster",
    [
        ("flag 🇦🇲 here", "🇦🇲"),
        ("thumb 👍🏽 here", "👍🏽"),
        ("coder 👩‍💻 here", "👩‍💻"),
        ("cafe\u0301 here", "e\u0301"),
    ],
)
def test_exact_selections_and_character_steps_keep_clusters_whole(text, cluster):
    a = text.index(cluster)
    b = a + len(cluster)
    for inside in range(a + 1, b):
        assert whole_characters(text, inside, inside + 0) in ((a, b), (inside, inside))
        assert whole_characters(text, a, inside) == (a, b)
        assert whole_characters(text, inside, b) == (a, b)
    assert char_step(text, a, True) == b
    assert char_step(text, b, False) == a
