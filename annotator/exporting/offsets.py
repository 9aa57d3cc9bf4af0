"""Offset units at the format boundary.

Annotator stores offsets as Python ``str`` indices (Unicode code points), end-exclusive. Some
consumers count differently:

* **UTF-16 code units** (JavaScript and Java strings: INCEpTION/UIMA, old Label Studio): a
  code point above U+FFFF (most emoji, e.g. 🕊 U+1F54A) takes two units, every other one.
* **brat** reads ``.txt`` files with universal newlines, so ``\\r\\n`` counts as one character
  there: offsets into the text with line ends normalised to ``\\n``.

Conversions are exact and vectorised (``bisect`` over the few astral positions), so a million
spans convert in well under a second.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import partial
from operator import add, sub

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CRLF = re.compile("\r\n")


def astral_positions(text: str) -> list[int]:
    """Code-point indices of the characters that take two UTF-16 units."""
    return [m.start() for m in _ASTRAL.finditer(text)]


class Utf16Map:
    """Code-point offsets of one text to UTF-16 code-unit offsets and back."""

    __slots__ = ("_astral", "_units_of_astral")

    def __init__(self, text: str) -> None:
        self._astral = astral_positions(text)
        self._units_of_astral: list[int] | None = None  # built on the first code_point()

    @property
    def identity(self) -> bool:
        """True when both units agree everywhere (no character above U+FFFF)."""
        return not self._astral

    def units(self, position: int) -> int:
        return position + bisect_left(self._astral, position)

    def units_many(self, positions: Sequence[int]) -> list[int]:
        if not self._astral:
            return list(positions)
        return list(map(add, positions, map(partial(bisect_left, self._astral), positions)))

    def code_point(self, units: int) -> int:
        """The code-point offset at UTF-16 offset ``units``; ValueError inside a pair."""
        if self._units_of_astral is None:
            # UTF-16 index of each astral character: its code-point index plus the astral
            # characters before it
            self._units_of_astral = [p + i for i, p in enumerate(self._astral)]
        before = bisect_left(self._units_of_astral, units)
        if before and self._units_of_astral[before - 1] + 1 == units:
            raise ValueError(f"UTF-16 offset {units} falls inside a surrogate pair")
        return units - before

    def code_points_many(self, units: Iterable[int]) -> list[int]:
        return [self.code_point(u) for u in units]


def utf16_length(text: str) -> int:
    return len(text) + len(astral_positions(text))


class LineEnds:
    """Offsets into ``text`` to offsets into ``text`` with ``\\r\\n`` and ``\\r`` as ``\\n``.

    A position between the ``\\r`` and the ``\\n`` of a pair maps to the merged ``\\n``: a span
    starting there keeps the line break, a span ending there loses it.
    """

    __slots__ = ("_pairs", "text")

    def __init__(self, text: str) -> None:
        # index of the "\n" of every "\r\n": a position shifts by one for each such "\n" at or
        # before it
        self._pairs = [m.start() + 1 for m in _CRLF.finditer(text)]
        self.text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text

    def map(self, position: int) -> int:
        return position - bisect_right(self._pairs, position)

    def map_many(self, positions: Sequence[int]) -> list[int]:
        if not self._pairs:
            return list(positions)
        shift = partial(bisect_right, self._pairs)
        return list(map(sub, positions, map(shift, positions)))
