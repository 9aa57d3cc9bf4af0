"""Where text ranges are on screen in a QPlainTextEdit: rectangles for the visible lines only.

Positions here are Qt positions (UTF-16 code units). ``visible_lines`` walks from the first
visible block down to the bottom of the viewport; ``range_rects`` turns a range into one
rectangle per line it covers, using ``QTextLine.cursorToX``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QPlainTextEdit


@dataclass(frozen=True, slots=True)
class LineGeometry:
    start: int  # Qt position of the line's first character
    end: int  # Qt position after its last character
    left: float  # x of the block's layout origin in viewport coordinates
    top: float  # y of the line's top in viewport coordinates
    height: float
    line: object  # QTextLine
    block_start: int

    def x_of(self, pos: int) -> float:
        return self.left + self.line.cursorToX(pos - self.block_start)[0]


class VisibleLines:
    """The lines of text currently on screen, in order."""

    def __init__(self, view: QPlainTextEdit, bottom: float | None = None) -> None:
        self.lines: list[LineGeometry] = []
        self._starts: list[int] = []
        offset = view.contentOffset()
        bottom = view.viewport().height() if bottom is None else bottom
        block = view.firstVisibleBlock()
        while block.isValid():
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            if block.isVisible():
                layout = block.layout()
                block_start = block.position()
                for i in range(layout.lineCount()):
                    line = layout.lineAt(i)
                    top = geometry.top() + line.y()
                    if top > bottom:
                        break
                    if top + line.height() < 0:
                        continue
                    start = block_start + line.textStart()
                    self.lines.append(
                        LineGeometry(
                            start,
                            start + line.textLength(),
                            geometry.left(),
                            top,
                            line.height(),
                            line,
                            block_start,
                        )
                    )
                    self._starts.append(start)
            block = block.next()

    @property
    def start(self) -> int:
        return self.lines[0].start if self.lines else 0

    @property
    def end(self) -> int:
        return self.lines[-1].end + 1 if self.lines else 0

    def range_rects(self, start: int, end: int) -> list[tuple[QRectF, LineGeometry]]:
        """One rectangle per visible line that [start, end) covers."""
        out = []
        lines = self.lines
        i = max(0, bisect_right(self._starts, start) - 1)
        while i < len(lines):
            geo = lines[i]
            if geo.start >= end:
                break
            a, b = max(start, geo.start), min(end, geo.end)
            if a < b or (a == b == geo.start and start <= geo.start and end > geo.end):
                x1, x2 = geo.x_of(a), geo.x_of(b)
                if x2 < x1:  # right-to-left text
                    x1, x2 = x2, x1
                if x2 - x1 < 1 and a == b:
                    x2 = x1 + 4  # an empty line inside a span: a small mark
                out.append((QRectF(x1, geo.top, x2 - x1, geo.height), geo))
            i += 1
        return out
