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


STEPS = (
    "Heading one\n\nShelling hit the border region. Officials said\ntwelve died.\n\nNext heading"
)


def test_a_step_back_over_punctuation_takes_the_whole_word():
    end = STEPS.index("region.") + len("region.")
    back = word_step(STEPS, end, False, edge="end")
    assert STEPS[:back].endswith("border")  # not just the "."
    assert word_step(STEPS, back, True, edge="end") == end  # and forward returns


@pytest.mark.parametrize("edge", ["start", "end"])
def test_left_then_right_returns_where_it_was(edge):
    n = len(STEPS)
    if edge == "start":  # where words start: a span's start sits there
        positions = [i for i in range(n) if not STEPS[i].isspace() and STEPS[i - 1 : i].isspace()]
    else:  # where words end
        positions = [i for i in range(1, n + 1) if not STEPS[i - 1].isspace()]
        positions = [i for i in positions if i == n or STEPS[i].isspace()]
    assert len(positions) > 8
    for pos in positions:
        back = word_step(STEPS, pos, False, edge=edge)
        if back != pos:
            assert word_step(STEPS, back, True, edge=edge) == pos, (edge, pos)


def test_steps_never_cross_a_paragraph_break():
    end = STEPS.index("died.") + len("died.")
    assert word_step(STEPS, end, True, edge="end") == end  # the next heading is not reached
    start = STEPS.index("Shelling")
    assert word_step(STEPS, start, False, edge="start") == start
    said = STEPS.index("said") + 4
    assert STEPS[: word_step(STEPS, said, True, edge="end")].endswith("twelve")  # a line break
