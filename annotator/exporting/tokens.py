"""The tokenizer of the Prodigy export: deterministic, documented, and aligned to every span.

Rules, in order:

1. A **word** is a letter or digit followed by letters, digits and combining marks (Unicode
   category M): ``Երևան``, ``Cafe\\u0301``, ``2031`` are one token each. ``-``, ``'`` and ``_``
   are not part of words.
2. Any other visible character is a **symbol** token, together with the combining marks,
   variation selectors, emoji skin-tone modifiers and tag characters after it, and anything
   joined to it with U+200D (ZERO WIDTH JOINER): ``🕊️``, ``👍🏽`` and ``👨‍👩‍👧`` are one token.
3. **Whitespace**: one plain space (U+0020) right after a token is that token's trailing
   space (``"ws": true``, spaCy's convention); any other whitespace (line breaks, tabs, a
   second space) is a token of its own.
4. Every span's start and end is a **token boundary**: a token that a span starts or ends
   inside is split there, and a space a span starts or ends on becomes a token. So every
   span covers whole tokens and ``token_start``/``token_end`` always exist.

Offsets are code points. Joined in order, tokens and their trailing spaces give back the text
exactly, which is what spaCy's ``Doc(vocab, words=..., spaces=...)`` needs.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from itertools import accumulate
from operator import add

Token = tuple[int, int, bool]  # start, end, followed by one space (not part of any token)

_EXTRA_MARKS = "\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"  # skin tones, tag characters


def _ranges_of_marks() -> str:
    out: list[str] = []
    start = prev = -2
    for code in range(0x110000):
        if unicodedata.category(chr(code))[0] != "M":
            continue
        if code != prev + 1:
            if start >= 0:
                out.append(_range(start, prev))
            start = code
        prev = code
    out.append(_range(start, prev))
    return "".join(out)


def _range(a: int, b: int) -> str:
    return re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"


@cache
def token_pattern() -> re.Pattern[str]:
    """(word or symbol, one trailing plain space or "", whitespace run): the alternatives
    tile the whole text, so ``findall`` yields every token in order, without gaps."""
    marks = f"[{_ranges_of_marks()}{_EXTRA_MARKS}]"
    word = rf"[^\W_](?:[^\W_]|{marks})*"
    symbol = rf"\S{marks}*(?:\u200d\S{marks}*)*"
    return re.compile(rf"({word}|{symbol})( ?)|(\s+)")


def _base_tokens(text: str) -> tuple[list[int], list[int], list[bool]]:
    """Token starts, ends and trailing spaces, computed with C-level loops only."""
    matches = token_pattern().findall(text)
    if not matches:
        return [], [], []
    tokens, spaces, runs = zip(*matches, strict=True)
    token_lengths = list(map(add, map(len, tokens), map(len, runs)))  # one of the two is ""
    space_lengths = list(map(len, spaces))
    ends_with_space = list(accumulate(map(add, token_lengths, space_lengths)))
    starts = [0, *ends_with_space[:-1]]
    return starts, list(map(add, starts, token_lengths)), list(map(bool, space_lengths))


def tokenize(text: str, starts: Iterable[int] = (), ends: Iterable[int] = ()) -> list[Token]:
    """Tokens of ``text`` with a boundary at every position in ``starts`` and ``ends``."""
    span_starts = set(starts)
    span_ends = set(ends)
    t_starts, t_ends, spaced = _base_tokens(text)
    # from the last cut to the first, so that inserting tokens keeps earlier indices valid
    for cut in sorted(span_starts | span_ends, reverse=True):
        i = bisect_right(t_starts, cut) - 1
        if i < 0:
            continue
        a, b = t_starts[i], t_ends[i]
        if a < cut < b:  # inside a token: split it there
            t_ends[i] = cut
            t_starts.insert(i + 1, cut)
            t_ends.insert(i + 1, b)
            spaced.insert(i + 1, spaced[i])
            spaced[i] = False
            continue
        j = i - 1 if a == cut else i  # the token whose trailing space the cut may touch
        if j < 0 or not spaced[j]:
            continue
        space = t_ends[j]
        if (cut == space and cut in span_starts) or (cut == space + 1 and cut in span_ends):
            # a span starts on the trailing space, or ends after it: the space is a token
            spaced[j] = False
            t_starts.insert(j + 1, space)
            t_ends.insert(j + 1, space + 1)
            spaced.insert(j + 1, False)
    return list(zip(t_starts, t_ends, spaced, strict=True))
