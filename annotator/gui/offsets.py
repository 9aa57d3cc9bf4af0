"""Code points (the core's offsets) <-> UTF-16 code units (Qt's positions), per document.

The core counts Python ``str`` indices; Qt counts UTF-16 code units, so every character outside
the Basic Multilingual Plane (most emoji) is one code point but two Qt positions. A converter
remembers where those characters are and converts with a binary search. Only the Qt boundary
(the document view) converts; everything else speaks code points.

``display_text`` also makes the text safe for ``QTextDocument`` without changing any position:
Qt would turn ``"\\r\\n"`` into a single block break (shifting every later offset by one), so a
carriage return before a line feed becomes an (invisible) space, and a lone one a line feed.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetConverter:
    """Maps positions in one text between code points and UTF-16 code units."""

    __slots__ = ("_astral_cp", "_astral_u16", "length_cp", "length_u16")

    def __init__(self, text: str) -> None:
        if text.isascii():
            astral: list[int] = []
        else:
            astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_cp = astral  # code point index of each astral character
        self._astral_u16 = [cp + i for i, cp in enumerate(astral)]  # its UTF-16 index
        self.length_cp = len(text)
        self.length_u16 = len(text) + len(astral)

    @property
    def trivial(self) -> bool:
        return not self._astral_cp

    def to_qt(self, cp: int) -> int:
        """UTF-16 position of code point index ``cp`` (0 <= cp <= len(text))."""
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_core(self, u16: int) -> int:
        """Code point index of UTF-16 position ``u16``; a position inside a surrogate pair
        snaps back to the start of its character."""
        if not self._astral_u16:
            return u16
        return u16 - bisect_left(self._astral_u16, u16)

    def range_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def range_to_core(self, start: int, end: int) -> tuple[int, int]:
        """Code point range covering UTF-16 range [start, end): a half-selected surrogate
        pair at the end is included whole."""
        cp_start = self.to_core(start)
        cp_end = self.to_core(end)
        if self._astral_u16 and end > 0 and self.to_qt(cp_end) < end:
            cp_end += 1
        return cp_start, cp_end


def display_text(text: str) -> str:
    """``text`` as shown in Qt: same length, same positions, no carriage returns."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")
