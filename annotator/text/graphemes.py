"""User-perceived characters (extended grapheme clusters, Unicode UAX #29).

A span must never split one: a flag (two regional indicators, 🇦🇲), an emoji with a skin-tone
modifier (👍🏽) or a ZWJ sequence (👩‍💻), a letter with combining marks (``e`` + U+0301), a
``\\r\\n`` pair. The W3C Web Annotation model says selections SHOULD NOT split one; Annotator's
services refuse offsets that do (:func:`check_whole`), imports snap them outwards
(:func:`snap`), and the GUI snaps every selection before it tags.

The cluster rules are the ``regex`` module's ``\\X`` (it follows the Unicode version it was
built with). Questions about one position look at a small window around it: a position between
two ASCII characters (other than ``\\r\\n``) and a position after ``\\n`` are always cluster
boundaries, so a window starts and ends at such places.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import cached_property, lru_cache
from itertools import accumulate

from ..errors import ValidationError


class _Patterns:
    """The ``regex`` patterns, compiled on first use (importing ``regex`` costs ~15 ms, which
    start-up does not pay)."""

    @cached_property
    def cluster(self):
        import regex

        return regex.compile(r"\X")

    @cached_property
    def joining(self):
        """The characters that take part in a cluster of more than one code point: between two
        code points neither of which is one of these there is always a cluster boundary
        (UAX #29: every rule that joins, GB3 and GB6-GB13, has one of these on a side)."""
        import regex

        return regex.compile(
            r"[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}"
            r"\p{GCB=Regional_Indicator}\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=LV}\p{GCB=LVT}\r]"
        )


_PATTERNS = _Patterns()
_SCAN = 4096  # how far a window looks for a safe edge before it takes the text's end


def _safe(text: str, q: int) -> bool:
    """True when position ``q`` is a cluster boundary whatever the rest of the text is."""
    if q <= 0 or q >= len(text):
        return True
    a, b = text[q - 1], text[q]
    if a == "\n":
        return True
    return a < "\x80" and b < "\x80" and not (a == "\r" and b == "\n")


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """A range around [start, end] whose edges are cluster boundaries."""
    lo = max(0, start - 1)
    floor = max(0, lo - _SCAN)
    while lo > floor and not _safe(text, lo):
        lo -= 1
    if not _safe(text, lo):
        lo = 0
    n = len(text)
    hi = min(n, end + 1)
    ceiling = min(n, hi + _SCAN)
    while hi < ceiling and not _safe(text, hi):
        hi += 1
    if not _safe(text, hi):
        hi = n
    return lo, hi


def _bounds(text: str, lo: int, hi: int) -> list[int]:
    """Cluster boundaries in [lo, hi] (both ends included), sorted."""
    return list(accumulate(map(len, _PATTERNS.cluster.findall(text, lo, hi)), initial=lo))


def simple(text: str) -> bool:
    """True when every code point of ``text`` is a cluster of its own (no check needed)."""
    return text.isascii() and "\r\n" not in text


def is_boundary(text: str, position: int) -> bool:
    if position <= 0 or position >= len(text):
        return True
    pair = text[position - 1 : position + 1]
    if pair.isascii() and pair != "\r\n":  # the common case, without the regex module
        return True
    if not _PATTERNS.joining.search(pair):
        return True
    lo, hi = _window(text, position, position)
    bounds = _bounds(text, lo, hi)
    i = bisect_left(bounds, position)
    return i < len(bounds) and bounds[i] == position


def _nearest_boundary(text: str, position: int, forward: bool) -> int:
    position = max(0, min(position, len(text)))
    if is_boundary(text, position):
        return position
    lo, hi = _window(text, position, position)
    bounds = _bounds(text, lo, hi)
    if forward:
        return bounds[bisect_left(bounds, position)]
    return bounds[bisect_right(bounds, position) - 1]


def previous_boundary(text: str, position: int) -> int:
    """The last cluster boundary at or before ``position``."""
    return _nearest_boundary(text, position, False)


def next_boundary(text: str, position: int) -> int:
    """The first cluster boundary at or after ``position``."""
    return _nearest_boundary(text, position, True)


def step(text: str, position: int, forward: bool) -> int:
    """One user-perceived character forward or back from ``position``."""
    n = len(text)
    if forward:
        if position >= n:
            return n
        return next_boundary(text, position + 1)
    if position <= 0:
        return 0
    return previous_boundary(text, position - 1)


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to whole clusters."""
    return previous_boundary(text, start), next_boundary(text, end)


def cluster_at(text: str, position: int) -> tuple[int, int]:
    """The cluster that holds code point ``position``."""
    return previous_boundary(text, position), next_boundary(text, position + 1)


def check_whole(text: str, start: int, end: int, where: str = "") -> None:
    """Refuse a span whose start or end falls inside a cluster, naming it and the fix."""
    for position in (start, end):
        if not is_boundary(text, position):
            a, b = cluster_at(text, position)
            codes = " ".join(f"U+{ord(c):04X}" for c in text[a:b])
            fixed = snap(text, start, end)
            prefix = f"{where}: " if where else ""
            raise ValidationError(
                f"{prefix}span [{start}, {end}) splits the character {text[a:b]!r} ({codes}) "
                f"at [{a}, {b}); whole characters: [{fixed[0]}, {fixed[1]})"
            )


@lru_cache(maxsize=256)
def _finder(joiners: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(map(re.escape, sorted(joiners))) + "]")


def splitting(text: str, positions: Iterable[int]) -> set[int]:
    """Which of ``positions`` fall inside a cluster. For bulk checks: only the joining
    characters the text holds are looked for (one C-level scan), and only the positions next
    to one are examined."""
    if simple(text):
        return set()
    joiners = frozenset(
        c for c in set(text) if (c >= "\x80" or c == "\r") and _PATTERNS.joining.match(c)
    )
    if not joiners:
        return set()
    found = [m.start() for m in _finder(joiners).finditer(text)]
    suspects = set(found)
    suspects.update(i + 1 for i in found)
    return {p for p in suspects.intersection(positions) if not is_boundary(text, p)}
