"""Link by dragging: the selected span of each pane has a link knob (●, just above its end);
press on it and drag, and a rubber line follows the pointer across the panes; drop on a span
(in another pane or the same one) and the kind menu (``link_picker``) asks for the kind, then
the link is made (one undoable step, ``Editor.add_link``). Esc cancels.

The knobs, the rubber line and the outline of the span under the pointer are painted by one
overlay over the pane area (it takes no mouse events); the presses are taken by an event
filter on each pane's viewport, so the document view itself knows nothing of this.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from .link_picker import pick_kind
from .paint.span_geometry import VisibleLines

KNOB_RADIUS = 4.5
KNOB_GRAB = 7.0  # how near (in pixels) a press must be to take the knob


def span_rects(view, span) -> list:
    """The span's line rectangles in the view's viewport (only the visible lines)."""
    offsets = view.doc.offsets
    return [
        r
        for r, _ in VisibleLines(view).range_rects(
            offsets.units(span.start), offsets.units(span.end)
        )
    ]


def knob_center(view) -> QPointF | None:
    """Where the knob of the view's selected span is (viewport coordinates), if in view."""
    span = view.current_span()
    if span is None:
        return None
    rects = span_rects(view, span)
    if not rects:
        return None
    last = rects[-1]
    return QPointF(last.right() + 4, last.top() - 2)  # the end handle is at its bottom


class DragOverlay(QWidget):
    """Paints the knobs and, while dragging, the rubber line and the target's outline."""

    def __init__(self, drag, area) -> None:
        super().__init__(area)
        self.drag = drag
        self.setObjectName("linkDragOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)

    def _to_self(self, view, point: QPointF) -> QPointF:
        return view.viewport().mapTo(self.drag.area, point)  # the overlay covers the area

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        highlight = self.palette().highlight().color()
        base = self.palette().base().color()
        for pane in self.drag.area.panes():
            center = knob_center(pane.view) if pane.view.doc is not None else None
            if center is None or not pane.view.viewport().rect().contains(center.toPoint()):
                continue
            painter.setPen(QPen(base, 1.5))
            painter.setBrush(highlight)
            painter.drawEllipse(self._to_self(pane.view, center), KNOB_RADIUS, KNOB_RADIUS)
        drag = self.drag
        if drag.source is None or drag.pointer is None:
            return
        view, _span = drag.source
        if drag.target is not None:
            target_view, target = drag.target
            painter.setPen(QPen(highlight, 2))
            painter.setBrush(QColor(highlight.red(), highlight.green(), highlight.blue(), 40))
            shift = self._to_self(target_view, QPointF(0, 0))
            for rect in span_rects(target_view, target):
                painter.drawRect(rect.translated(shift).adjusted(-2, -1, 2, 1))
        painter.setPen(QPen(highlight, 2, Qt.PenStyle.DashLine))
        start = self._to_self(view, drag.start)
        painter.drawLine(start, drag.pointer)
        painter.setPen(QPen(base, 1.5))
        painter.setBrush(highlight)
        painter.drawEllipse(start, KNOB_RADIUS, KNOB_RADIUS)
        painter.drawEllipse(drag.pointer, 3.0, 3.0)


class LinkDrag(QObject):
    """One per pane area; ``attach`` each pane it opens."""

    def __init__(self, area) -> None:
        super().__init__(area)
        self.area = area
        self.source = None  # (view, span) while dragging
        self.start = QPointF()  # the knob the drag started from (source viewport)
        self.pointer: QPointF | None = None  # in overlay coordinates
        self.target = None  # (view, span) under the pointer
        self.overlay = DragOverlay(self, area)
        area.installEventFilter(self)

    def attach(self, pane) -> None:
        view = pane.view
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)  # Esc
        view.selection.changed.connect(lambda _s: self.overlay.update())
        view.verticalScrollBar().valueChanged.connect(lambda _v: self.overlay.update())
        self.overlay.setGeometry(self.area.rect())
        self.overlay.raise_()
        self.overlay.show()

    # -- events --------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if watched is self.area:
            if kind in (QEvent.Type.Resize, QEvent.Type.Show):
                self.overlay.setGeometry(self.area.rect())
                self.overlay.raise_()
            return False
        if kind == QEvent.Type.KeyPress:
            if self.source is not None and event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
            return False
        view = self._view_of(watched)
        if view is None:
            return False
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            return self._press(view, event.position())
        if kind == QEvent.Type.MouseMove:
            if self.source is not None:
                self._move(event.globalPosition())
                return True
            return self._hover(view, event.position())
        if kind == QEvent.Type.MouseButtonRelease and self.source is not None:
            if event.button() == Qt.MouseButton.LeftButton:
                self._drop(event.globalPosition())
            return True
        return False

    def _view_of(self, viewport):
        for pane in self.area.panes():
            if pane.view.viewport() is viewport:
                return pane.view
        return None

    def _near_knob(self, view, point: QPointF) -> bool:
        center = knob_center(view) if view.doc is not None else None
        return center is not None and (point - center).manhattanLength() <= KNOB_GRAB

    def _hover(self, view, point: QPointF) -> bool:
        if not self._near_knob(view, point):
            return False
        view.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        return True  # the view would set its text cursor back

    def _press(self, view, point: QPointF) -> bool:
        if not self._near_knob(view, point):
            return False
        self.source = (view, view.current_span())
        self.start = knob_center(view)
        self.pointer = view.viewport().mapTo(self.area, point)
        self.target = None
        view.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.overlay.update()
        return True

    def _move(self, global_pos: QPointF) -> None:
        self.pointer = self.overlay.mapFromGlobal(global_pos)
        target = self.span_at(global_pos)
        self.target = target if target is None or target[1].id != self.source[1].id else None
        self.overlay.update()

    def span_at(self, global_pos: QPointF):
        """(view, innermost span) under a screen point, in any pane; None over no span."""
        for pane in self.area.panes():
            viewport = pane.view.viewport()
            point = viewport.mapFromGlobal(global_pos.toPoint())
            if pane.view.doc is not None and viewport.rect().contains(point):
                hits = pane.view.spans_at_point(QPointF(point))
                return (pane.view, hits[0]) if hits else None
        return None

    def _drop(self, global_pos: QPointF) -> None:
        self._move(global_pos)
        (view, source), target = self.source, self.target
        self.cancel()
        if target is None:
            return
        editor = view.editor
        kind = pick_kind(target[0], editor.workspace.links.kinds(), global_pos.toPoint())
        if kind is not None:
            editor.add_link(source.id, target[1].id, kind)

    def cancel(self) -> None:
        if self.source is not None:
            self.source[0].viewport().unsetCursor()
        self.source = self.target = self.pointer = None
        self.overlay.update()
