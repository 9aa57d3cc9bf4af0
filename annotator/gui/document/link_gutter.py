"""Connectors between side-by-side panes, like a diff tool's: the splitter's handle between
two panes is a gutter that draws one bezier curve per link from the span's place in the left
pane to its partner's in the right one, coloured by kind (dashed: a symmetric kind), and
follows scrolling. An end out of view is drawn to the gutter's top or bottom edge with an
arrow mark. Only links with an end in view are computed: the visible spans come from the span
index's overlapping query, their links from the link index (by span id).

Hover shows the kind and the note; a click selects the link (``LinkSplitter.linkClicked``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSplitter, QSplitterHandle, QToolTip

from .paint.span_geometry import VisibleLines

GUTTER = 60  # px between two panes
HIT = 5.0  # px: how near a curve the pointer must be
ARROW = 5.0


@dataclass(frozen=True, slots=True)
class Curve:
    link_id: str
    left_y: float
    right_y: float
    left_clip: str | None  # None (in view), "up" or "down": the end is out of view that way
    right_clip: str | None
    color: str
    dashed: bool
    directed_right: bool | None  # arrowhead at the right end (True), left (False), none

    def path(self, width: float) -> QPainterPath:
        path = QPainterPath(QPointF(0, self.left_y))
        mid = width / 2
        path.cubicTo(
            QPointF(mid, self.left_y), QPointF(mid, self.right_y), QPointF(width, self.right_y)
        )
        return path


def _spread(curves: list[Curve]) -> list[Curve]:
    """Links between the same two places drawn side by side (3 px apart), not on top of
    each other."""
    groups: dict[tuple[int, int], list[Curve]] = {}
    for curve in curves:
        groups.setdefault((round(curve.left_y), round(curve.right_y)), []).append(curve)
    out = []
    for group in groups.values():
        for i, curve in enumerate(group):
            d = (i - (len(group) - 1) / 2) * 3.0
            out.append(
                replace(curve, left_y=curve.left_y + d, right_y=curve.right_y + d) if d else curve
            )
    return out


class LinkSplitter(QSplitter):
    """The panes' splitter; its handles are link gutters."""

    linkClicked = Signal(str)  # link id

    def __init__(self, orientation, parent=None) -> None:
        super().__init__(orientation, parent)
        self.links = None  # OpenLinks (set by the pane area)
        self.selected_link: str | None = None

    def createHandle(self) -> QSplitterHandle:
        return LinkGutter(self.orientation(), self)

    def gutters(self) -> list[LinkGutter]:
        return [self.handle(i) for i in range(1, self.count())]

    def refresh(self) -> None:
        for gutter in self.gutters():
            gutter.update()

    def select_link(self, link_id: str | None) -> None:
        self.selected_link = link_id
        self.refresh()


def _in_sight(view) -> tuple:
    """(visible lines, the spans overlapping them, their code-point range) of a view."""
    doc = view.doc
    lines = VisibleLines(view)
    if doc is None or not lines.lines:
        return lines, [], (0, 0)
    offsets = doc.offsets
    a = offsets.code_point_before(lines.start)
    b = offsets.code_point_before(lines.end) + 1
    return lines, doc.spans.overlapping(a, b), (a, b)


def _linked_ys(view, lines, spans, index, top: float, bottom: float, to_gutter) -> dict:
    """span id -> y in gutter coordinates, for the linked spans among ``spans`` (in view)."""
    offsets = view.doc.offsets
    height = view.viewport().height()
    ys = {}
    for span in spans:
        if not index.has_links(span.id):
            continue
        rects = lines.range_rects(offsets.units(span.start), offsets.units(span.end))
        rects = [r for r, _ in rects if r.bottom() >= 0 and r.top() <= height]
        if rects:
            y = to_gutter(rects[0].center().y())
            ys[span.id] = min(max(y, top), bottom)
    return ys


class LinkGutter(QSplitterHandle):
    def __init__(self, orientation, splitter) -> None:
        super().__init__(orientation, splitter)
        self.setMouseTracking(True)
        self.drawn: list[Curve] = []  # the curves of the last paint (tests read them)

    def neighbours(self):
        splitter = self.splitter()
        i = splitter.indexOf(self)
        if i <= 0 or i >= splitter.count():
            return None
        return splitter.widget(i - 1), splitter.widget(i)

    def _mapper(self, view):
        viewport = view.viewport()
        origin = (
            viewport.mapTo(self.window(), QPoint(0, 0)).y()
            - self.mapTo(self.window(), QPoint(0, 0)).y()
        )
        return origin, lambda y: origin + y

    def curves(self) -> list[Curve]:
        splitter = self.splitter()
        links = getattr(splitter, "links", None)
        pair = self.neighbours()
        if links is None or pair is None:
            return []
        left, right = pair
        lv, rv = left.view, right.view
        if lv.doc is None or rv.doc is None or lv.doc.id == rv.doc.id:
            return []
        l_lines, l_spans, l_range = _in_sight(lv)
        r_lines, r_spans, r_range = _in_sight(rv)
        # every link with an end in sight (the links of the whole documents may still be
        # on their way: see OpenLinks.index_for)
        index = links.index_for([s.id for s in l_spans] + [s.id for s in r_spans])
        if not len(index):
            return []
        l_origin, l_map = self._mapper(lv)
        r_origin, r_map = self._mapper(rv)
        l_top, l_bottom = l_origin, l_origin + lv.viewport().height()
        r_top, r_bottom = r_origin, r_origin + rv.viewport().height()
        lys = _linked_ys(lv, l_lines, l_spans, index, l_top, l_bottom, l_map)
        rys = _linked_ys(rv, r_lines, r_spans, index, r_top, r_bottom, r_map)
        lspans, rspans = lv.doc.spans, rv.doc.spans
        out: dict[str, Curve] = {}

        def clip(span, rng, top, bottom):
            if span.end <= rng[0]:
                return top, "up"
            return bottom, "down"

        for span_id, y in lys.items():
            for link in index.of_span(span_id):
                other = link.other_end(span_id)
                partner = rspans.get(other)
                if partner is None or link.id in out:
                    continue
                ry = rys.get(other)
                rclip = None
                if ry is None:
                    ry, rclip = clip(partner, r_range, r_top, r_bottom)
                out[link.id] = self._curve(index, link, span_id, y, ry, None, rclip)
        for span_id, y in rys.items():
            for link in index.of_span(span_id):
                other = link.other_end(span_id)
                partner = lspans.get(other)
                if partner is None or link.id in out:
                    continue
                ly, lclip = clip(partner, l_range, l_top, l_bottom)
                out[link.id] = self._curve(index, link, other, ly, y, lclip, None)
        return _spread(list(out.values()))

    @staticmethod
    def _curve(index, link, left_span, ly, ry, lclip, rclip) -> Curve:
        kind = index.kind(link)
        color = kind.color if kind else "#868e96"
        directed = kind.directed if kind else True
        arrow = (link.source_id == left_span) if directed else None
        return Curve(link.id, ly, ry, lclip, rclip, color, not directed, arrow)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        self.drawn = self.curves()
        if not self.drawn:
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = float(self.width())
        selected = self.splitter().selected_link
        for curve in self.drawn:
            color = QColor(curve.color)
            pen = QPen(color, 3.2 if curve.link_id == selected else 1.6)
            if curve.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(curve.path(width))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            for x, y, where, inward in (
                (0.0, curve.left_y, curve.left_clip, 1),
                (width, curve.right_y, curve.right_clip, -1),
            ):
                if where is not None:  # the end is out of view: an arrow along the edge
                    sign = -1 if where == "up" else 1
                    cx = x + inward * (ARROW + 1)
                    tip = QPointF(cx, y + sign * 0.5)
                    painter.drawPolygon(
                        QPolygonF(
                            [
                                tip,
                                QPointF(cx - ARROW, y - sign * ARROW * 1.4),
                                QPointF(cx + ARROW, y - sign * ARROW * 1.4),
                            ]
                        )
                    )
                else:  # a dot where the curve meets the pane
                    painter.drawEllipse(QPointF(x + inward * 2, y), 2.5, 2.5)
            if curve.directed_right is not None:  # the target end of a directed link
                x = width - ARROW - 1 if curve.directed_right else ARROW + 1
                y = curve.right_y if curve.directed_right else curve.left_y
                d = 1 if curve.directed_right else -1
                painter.drawPolygon(
                    QPolygonF(
                        [
                            QPointF(x + d * ARROW, y),
                            QPointF(x - d * ARROW, y - ARROW),
                            QPointF(x - d * ARROW, y + ARROW),
                        ]
                    )
                )
        painter.end()

    # -- pointer -------------------------------------------------------------------------------
    def curve_at(self, point: QPointF) -> Curve | None:
        width = float(self.width())
        best, best_d = None, HIT
        for curve in self.drawn:
            path = curve.path(width)
            for i in range(33):
                p = path.pointAtPercent(i / 32)
                d = abs(p.x() - point.x()) + abs(p.y() - point.y())
                if d < best_d:
                    best, best_d = curve, d
        return best

    def tooltip_html(self, curve: Curve) -> str:
        import html  # (its entity table is not needed at start-up)

        links = self.splitter().links
        link = links.index.get(curve.link_id)
        kind = links.index.kind(link) if link else None
        if link is None:
            return ""
        name = kind.name if kind else link.kind
        parts = [
            f"<span style='color:{curve.color}'>■</span> <b>{html.escape(name)}</b>",
            f"<i>“{html.escape(link.source_quote[:120])}”</i> → "
            f"<i>“{html.escape(link.target_quote[:120])}”</i>",
        ]
        if link.note:
            parts.append(f"Note: {html.escape(link.note)}")
        if link.author:
            parts.append(f"<small>by {html.escape(link.author)}</small>")
        return "<qt>" + "<br>".join(parts) + "</qt>"

    def mouseMoveEvent(self, event) -> None:
        if not event.buttons():
            curve = self.curve_at(event.position())
            if curve is not None:
                self.setCursor(Qt.CursorShape.PointingHandCursor)
                QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_html(curve), self)
            else:
                self.unsetCursor()
                QToolTip.hideText()
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event) -> None:
        curve = (
            self.curve_at(event.position()) if event.button() == Qt.MouseButton.LeftButton else None
        )
        if curve is not None:
            splitter = self.splitter()
            splitter.select_link(curve.link_id)
            splitter.linkClicked.emit(curve.link_id)
            event.accept()
            return
        super().mousePressEvent(event)
