"""Offset units: code points (Annotator's own) <-> UTF-16 code units, and ``\\r\\n`` line ends.

Annotator stores offsets as Python ``str`` indices (Unicode code points), end-exclusive. Some
consumers count differently:

* **UTF-16 code units**: Qt's text positions, JavaScript and Java strings (INCEpTION/UIMA,
  old Label Studio). A code point above U+FFFF (most emoji, e.g. 🕊 U+1F54A) takes two units,
  every other one.
* **brat** reads ``.txt`` files with universal newlines, so ``\\r\\n`` counts as one character
  there: offsets into the text with line ends normalised to ``\\n``.

This module is the one converter for both: the GUI converts at the Qt boundary with it and the
exports and imports at the format boundary. A UTF-16 position inside a surrogate pair (half an
emoji) is an error for a file (:meth:`Utf16Map.code_point`); a selection that half covers one
takes the whole character (:meth:`Utf16Map.range_code_points`), a single position snaps back to
the start of its character (:meth:`Utf16Map.code_point_before`). Conversions are exact and
vectorised (``bisect`` over the few astral positions), so a million spans convert in well under
a second.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import partial
from operator import add, sub

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CRLF = re.compile("\r\n")


def astral_positions(text: str) -> list[int]:
    """Code-point indices of the characters that take two UTF-16 units."""
    if text.isascii():
        return []
    return [m.start() for m in _ASTRAL.finditer(text)]


def utf16_length(text: str) -> int:
    return len(text) + len(astral_positions(text))


class Utf16Map:
    """Code-point offsets of one text to UTF-16 code-unit offsets and back."""

    __slots__ = ("_astral", "_units_of_astral", "length", "length_units")

    def __init__(self, text: str) -> None:
        self._astral = astral_positions(text)
        # UTF-16 index of each astral character: its code-point index plus the astral
        # characters before it
        self._units_of_astral = [p + i for i, p in enumerate(self._astral)]
        self.length = len(text)
        self.length_units = len(text) + len(self._astral)

    @property
    def identity(self) -> bool:
        """True when both units agree everywhere (no character above U+FFFF)."""
        return not self._astral

    # -- code points -> UTF-16 -----------------------------------------------------------------
    def units(self, position: int) -> int:
        """UTF-16 offset of code-point offset ``position`` (0 <= position <= len(text))."""
        if not self._astral:
            return position
        return position + bisect_left(self._astral, position)

    def units_many(self, positions: Sequence[int]) -> list[int]:
        if not self._astral:
            return list(positions)
        return list(map(add, positions, map(partial(bisect_left, self._astral), positions)))

    def range_units(self, start: int, end: int) -> tuple[int, int]:
        return self.units(start), self.units(end)

    # -- UTF-16 -> code points -----------------------------------------------------------------
    def _before(self, units: int) -> int:
        """Astral characters that start before UTF-16 offset ``units``."""
        return bisect_left(self._units_of_astral, units)

    def _inside_pair(self, units: int, before: int) -> bool:
        return bool(before) and self._units_of_astral[before - 1] + 1 == units

    def code_point(self, units: int) -> int:
        """The code-point offset at UTF-16 offset ``units``; ValueError inside a pair."""
        if not self._astral:
            return units
        before = self._before(units)
        if self._inside_pair(units, before):
            raise ValueError(f"UTF-16 offset {units} falls inside a surrogate pair")
        return units - before

    def code_point_before(self, units: int) -> int:
        """Like :meth:`code_point`, but a position inside a pair snaps back to the start of
        its character (a caret or a click never lands in half an emoji)."""
        if not self._astral:
            return units
        return units - self._before(units)  # inside a pair: the astral character's own index

    def range_code_points(self, start: int, end: int) -> tuple[int, int]:
        """Code-point range covering UTF-16 range [start, end): a half-covered surrogate
        pair at either end is taken whole."""
        if not self._astral:
            return start, end
        cp_end = self.code_point_before(end)
        before = self._before(end)
        if self._inside_pair(end, before):
            cp_end += 1
        return self.code_point_before(start), cp_end


def qt_safe_text(text: str) -> str:
    """``text`` as a ``QTextDocument`` may hold it: same length, same positions, no carriage
    returns. Qt would turn ``"\\r\\n"`` into a single block break (shifting every later offset
    by one), so a carriage return before a line feed becomes an (invisible) space, and a lone
    one a line feed."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


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
