"""Find in one document's text: every match in code points, and the list views paint from."""

from __future__ import annotations

import re
from bisect import bisect_left

MAX_MATCHES = 200_000


def find_all(text: str, needle: str, case_sensitive: bool = False) -> list[tuple[int, int]]:
    """Non-overlapping matches of ``needle`` in ``text``, in code points."""
    if not needle:
        return []
    flags = 0 if case_sensitive else re.IGNORECASE
    pattern = re.compile(re.escape(needle), flags)
    out = []
    for match in pattern.finditer(text):
        out.append(match.span())
        if len(out) >= MAX_MATCHES:
            break
    return out


class Matches:
    """Find results in code points, sorted and non-overlapping; painted from this list."""

    def __init__(self, ranges: list[tuple[int, int]] | None = None) -> None:
        ranges = ranges or []
        self.starts = [s for s, _ in ranges]
        self.ends = [e for _, e in ranges]
        self.current = -1

    def __len__(self) -> int:
        return len(self.starts)

    def visible(self, cp_start: int, cp_end: int) -> range:
        lo = max(0, bisect_left(self.starts, cp_start) - 1)
        hi = bisect_left(self.starts, cp_end)
        return range(lo, hi)

    def index_after(self, cp: int) -> int:
        i = bisect_left(self.starts, cp)
        return i if i < len(self.starts) else 0
