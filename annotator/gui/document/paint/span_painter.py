"""Painting spans and find matches over the visible lines of a document view.

Fills go under the text (translucent, so nested spans blend darker); underlines go in the gap
under each line (see ``spaced_layout``), one row per nesting level, in the label's colour; the
current span gets an outline. Only spans overlapping the visible lines are ever looked at.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ....text.span_index import nesting_levels
from .span_geometry import VisibleLines

UNDERLINE = 2.0  # thickness of one underline row, px
UNDERLINE_GAP = 1.0
MAX_ROWS = 3  # nesting deeper than this shares the top row (the tooltip lists all)


class PaintPlan:
    """Visible spans as (span, Qt start, Qt end, level), computed once per paint."""

    def __init__(self, doc, lines: VisibleLines) -> None:
        offsets = doc.offsets
        cp_start = offsets.code_point_before(lines.start)
        cp_end = offsets.code_point_before(lines.end) + 1
        spans = doc.spans.overlapping(cp_start, cp_end)
        levels = nesting_levels(spans)
        self.items = [
            (s, offsets.units(s.start), offsets.units(s.end), levels[s.id]) for s in spans
        ]


def paint_fills(painter: QPainter, lines: VisibleLines, plan: PaintPlan, labels, dark: bool):
    alpha = 78 if dark else 58
    painter.setPen(Qt.PenStyle.NoPen)
    for span, start, end, _level in plan.items:
        color = QColor(labels.color(span.label))
        color.setAlpha(alpha)
        for rect, _geo in lines.range_rects(start, end):
            painter.fillRect(rect, color)


def paint_marks(
    painter: QPainter,
    lines: VisibleLines,
    plan: PaintPlan,
    labels,
    current: str | None,
    outline: QColor,
):
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for span, start, end, level in plan.items:
        row = min(level, MAX_ROWS - 1)
        color = labels.color(span.label)
        for rect, _geo in lines.range_rects(start, end):
            y = rect.bottom() + 1 + row * (UNDERLINE + UNDERLINE_GAP)
            painter.fillRect(QRectF(rect.left(), y, rect.width(), UNDERLINE), color)
    if current is None:
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for span, start, end, _level in plan.items:
        if span.id != current:
            continue
        pen = QPen(outline, 1.6)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rects = lines.range_rects(start, end)
        for rect, _geo in rects:
            painter.drawRoundedRect(rect.adjusted(-1.5, -1, 1.5, 1), 2.5, 2.5)
        if rects:  # handles at the boundaries: drag one to move it (or Alt+arrows)
            painter.setBrush(outline)
            for point in handle_points(rects).values():
                painter.drawEllipse(point, HANDLE_DOT, HANDLE_DOT)


HANDLE_DOT = 3.0  # radius of a drawn handle
HANDLE_GRAB = 8.0  # how near (in pixels) a press must be to take a handle


def handle_points(rects) -> dict[str, QPointF]:
    """Where the start and end handles of a span are, from its ``range_rects``."""
    first, last = rects[0][0], rects[-1][0]
    return {
        "start": QPointF(first.left() - 1.5, first.top() - 1),
        "end": QPointF(last.right() + 1.5, last.bottom() + 1),
    }


def paint_matches(painter, lines: VisibleLines, doc, matches, dark: bool) -> None:
    if not len(matches):
        return
    offsets = doc.offsets
    fill = QColor(255, 190, 0, 95 if dark else 120)
    current = QColor(255, 120, 0)
    cp_start, cp_end = (
        offsets.code_point_before(lines.start),
        offsets.code_point_before(lines.end) + 1,
    )
    for i in matches.visible(cp_start, cp_end):
        start, end = offsets.units(matches.starts[i]), offsets.units(matches.ends[i])
        for rect, _geo in lines.range_rects(start, end):
            painter.fillRect(rect, fill)
            if i == matches.current:
                painter.setPen(QPen(current, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(-1, 0, 1, 0))
                painter.setPen(Qt.PenStyle.NoPen)
