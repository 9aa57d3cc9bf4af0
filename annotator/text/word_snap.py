"""Snapping selections to whole words and whole characters (code points, no Qt).

A selection snaps outwards to word boundaries and inwards past surrounding white space, so a
quick drag that starts or ends mid-word still tags the whole word. It never splits a
user-perceived character (a grapheme cluster, see ``graphemes``): combining marks, variation
selectors, flags, zero-width joiner sequences and emoji skin-tone modifiers stay whole.
"""

from __future__ import annotations

import unicodedata

from . import graphemes


def _joins_previous(ch: str) -> bool:
    """Characters that belong to the character before them (extend a grapheme)."""
    o = ord(ch)
    if 0xFE00 <= o <= 0xFE0F or 0x1F3FB <= o <= 0x1F3FF or 0xE0020 <= o <= 0xE007F:
        return True
    if o == 0x200D:
        return True
    return unicodedata.category(ch)[0] == "M"


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or _joins_previous(ch)


def _inner_joiner(text: str, i: int) -> bool:
    """An apostrophe or hyphen between two letters (``don't``, ``Nagorno-Karabakh``)."""
    return (
        text[i] in "'’-‐"
        and 0 < i < len(text) - 1
        and text[i - 1].isalnum()
        and text[i + 1].isalnum()
    )


def _wordish(text: str, i: int) -> bool:
    return is_word_char(text[i]) or _inner_joiner(text, i)


def whole_characters(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend ``[start, end)`` so that it does not split a user-perceived character."""
    return graphemes.snap(text, start, end)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space at both ends, then widen to whole words; empty stays empty."""
    n = len(text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    if start > end:
        start, end = end, start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, start
    while start > 0 and _wordish(text, start - 1) and _wordish(text, start):
        start -= 1
    while end < n and _wordish(text, end) and _wordish(text, end - 1):
        end += 1
    return whole_characters(text, start, end)


def _blank_run(text: str, i: int, forward: bool) -> int | None:
    """Past the white space at ``i`` (forward: from ``i`` on; back: before ``i``), or None
    when that white space holds a paragraph break (a blank line), which a step never
    crosses."""
    n = len(text)
    newlines = 0
    if forward:
        while i < n and text[i].isspace():
            newlines += text[i] == "\n"
            i += 1
    else:
        while i > 0 and text[i - 1].isspace():
            newlines += text[i - 1] == "\n"
            i -= 1
    return None if newlines >= 2 else i


def word_step(text: str, pos: int, forward: bool, *, edge: str) -> int:
    """Where a span boundary lands when moved by one word. A word here is what lies between
    white space, with its punctuation ("region." is one), so that a step back and a step
    forward return to where they started. A span's ``"start"`` goes to the start of the
    next/previous word, its ``"end"`` to the end of the next/previous word. A step never
    crosses a paragraph break (a blank line): there it stays where it is."""
    n = len(text)
    i = pos
    if forward and edge == "end":
        after = _blank_run(text, i, True)
        if after is None or after >= n:
            return pos
        i = after
        while i < n and not text[i].isspace():
            i += 1
    elif forward:
        while i < n and not text[i].isspace():
            i += 1
        after = _blank_run(text, i, True)
        if after is None or after >= n:
            return pos
        i = after
    elif edge == "end":
        while i > 0 and not text[i - 1].isspace():
            i -= 1
        before = _blank_run(text, i, False)
        if before is None or before <= 0:
            return pos
        i = before
    else:
        before = _blank_run(text, i, False)
        if before is None or before <= 0:
            return pos
        i = before
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    # never inside a user-perceived character: starts snap back, ends forward
    return (
        graphemes.previous_boundary(text, i)
        if edge == "start"
        else graphemes.next_boundary(text, i)
    )


def char_step(text: str, pos: int, forward: bool) -> int:
    """One user-perceived character forward or back."""
    return graphemes.step(text, pos, forward)
