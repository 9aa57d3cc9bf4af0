"""One document's text: read-only, selectable, annotatable; spans painted from the index.

Qt positions (UTF-16) are converted to code points here and only here (``doc.offsets``).
Keys: a label's key (from the label scheme) tags the selection or retags the current span;
every other key this view handles comes from the shortcut table (``shell/shortcuts.py``,
scope "view"): next/previous span, delete, note, boundary moves by word (or by character in
"exact characters" mode), clear. The view handles them only while it has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPen, QTextCursor, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QPlainTextEdit,
    QToolTip,
)

from ...text.find import Matches
from ...text.word_snap import char_step, snap_to_words, whole_characters, word_step
from ..shell.shortcuts import view_actions
from .current_span import CurrentSpan
from .link_picker import pick_kind
from .paint.spaced_layout import SpacedLayout
from .paint.span_geometry import VisibleLines
from .paint.span_painter import (
    HANDLE_GRAB,
    PaintPlan,
    handle_points,
    paint_fills,
    paint_marks,
    paint_matches,
)

EXACT_MODIFIERS = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
_PORTABLE = QKeySequence.SequenceFormat.PortableText
# the keys this view handles, from the one shortcut table (normalised as Qt writes them)
VIEW_KEYS = {QKeySequence(k).toString(_PORTABLE): a for k, a in view_actions().items()}
_BOUNDARY_MOVES = {
    "start_back": ("start", False),
    "start_forward": ("start", True),
    "end_back": ("end", False),
    "end_forward": ("end", True),
}


def _portable(event) -> str:
    """The key event as a key sequence's portable text (Shift+Backtab reads as Shift+Tab)."""
    combo = event.keyCombination()
    if combo.key() == Qt.Key.Key_Backtab:
        return QKeySequence(combo.keyboardModifiers() | Qt.Key.Key_Tab).toString(_PORTABLE)
    return QKeySequence(combo).toString(_PORTABLE)


_NAV_KEYS = {
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}


class DocumentView(QPlainTextEdit):
    currentSpanChanged = Signal(object)  # span id or None
    noteEditRequested = Signal(str)  # span id
    focused = Signal()

    def __init__(self, documents, editor, parent=None) -> None:
        super().__init__(parent)
        self.documents = documents
        self.editor = editor
        self.doc = None
        self.selection = CurrentSpan(self)  # shared with the annotation list
        self.selection.changed.connect(self._current_changed)
        self.matches = Matches()
        self.exact = False  # "exact characters" mode (View menu)
        self.dark = False
        self._exact_selection = False
        self._press_at = QPointF()
        self._drag_edge: str | None = None  # "start" or "end" while a handle is dragged
        self._drag_range: tuple[int, int] | None = None
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.viewport().setMouseTracking(True)  # the cursor changes over a boundary handle
        documents.spansChanged.connect(self._on_spans_changed)
        documents.labelsChanged.connect(self.viewport().update)
        if hasattr(editor, "linkMarkChanged"):
            editor.linkMarkChanged.connect(lambda _m: self.viewport().update())

    # -- content -------------------------------------------------------------------------------
    def set_document(self, doc) -> None:
        self.doc = doc
        qdoc = QTextDocument(self)
        qdoc.setDocumentLayout(SpacedLayout(qdoc))
        qdoc.setUndoRedoEnabled(False)
        qdoc.setDefaultFont(self.font())
        qdoc.setDocumentMargin(14)
        QTextCursor(qdoc).insertText(doc.display)
        self.setDocument(qdoc)  # deletes the previous document (a child of the view)
        self.selection.set(None)
        self.matches = Matches()

    def setFont(self, font) -> None:
        super().setFont(font)
        self.document().setDefaultFont(font)

    # -- positions -----------------------------------------------------------------------------
    def selection_range(self) -> tuple[int, int] | None:
        """The selection in code points, snapped to words unless exact; None if empty."""
        cursor = self.textCursor()
        if self.doc is None or not cursor.hasSelection():
            return None
        start, end = self.doc.offsets.range_code_points(
            cursor.selectionStart(), cursor.selectionEnd()
        )
        if self.exact or self._exact_selection:
            start, end = whole_characters(self.doc.text, start, end)
        else:
            start, end = snap_to_words(self.doc.text, start, end)
        return (start, end) if start < end else None

    def select_range(self, start: int, end: int) -> None:
        """Select code points [start, end) and scroll them into view."""
        a, b = self.doc.offsets.range_units(start, end)
        cursor = self.textCursor()
        cursor.setPosition(b)
        cursor.setPosition(a, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def spans_at_point(self, point: QPointF) -> list:
        """Spans under a viewport point, innermost first."""
        if self.doc is None:
            return []
        offsets = self.doc.offsets
        cp = offsets.code_point_before(self.cursorForPosition(point.toPoint()).position())
        lines = VisibleLines(self)
        hits = []
        for span in self.doc.spans.overlapping(max(0, cp - 1), cp + 1):
            rects = lines.range_rects(offsets.units(span.start), offsets.units(span.end))
            if any(rect.contains(point) for rect, _ in rects):
                hits.append(span)
        hits.sort(key=lambda s: (s.end - s.start, s.start))
        return hits

    # -- current span --------------------------------------------------------------------------
    @property
    def current(self) -> str | None:
        return self.selection.id

    def _current_changed(self, span_id) -> None:
        self.viewport().update()
        self.currentSpanChanged.emit(span_id)

    def current_span(self):
        if self.doc is None or self.current is None:
            return None
        return self.doc.spans.get(self.current)

    def set_current(self, span_id: str | None, *, reveal: bool = False) -> None:
        if span_id is not None and (self.doc is None or span_id not in self.doc.spans):
            span_id = None
        self.selection.set(span_id)
        if reveal and span_id is not None:
            self.reveal_span(span_id)

    def reveal_span(self, span_id: str) -> None:
        """Scroll the span to the middle of the view (unless it is in view already) and put
        the caret at its start."""
        span = self.doc.spans.get(span_id) if self.doc is not None else None
        if span is None:
            return
        cursor = self.textCursor()
        cursor.setPosition(self.doc.offsets.units(span.start))
        visible = self.viewport().rect().contains(self.cursorRect(cursor))
        self.setTextCursor(cursor)  # (scrolls just enough: to an edge)
        if not visible:
            self.centerCursor()
        self.viewport().update()

    def go_to_span(self, forward: bool) -> None:
        if self.doc is None:
            return
        pos = self.doc.offsets.code_point_before(self.textCursor().position())
        spans = self.doc.spans
        span = spans.next_after(pos, self.current) if forward else None
        if not forward:
            span = spans.previous_before(pos, self.current)
        if span is None and len(spans):  # wrap around
            span = spans.at_row(0) if forward else spans.at_row(len(spans) - 1)
        if span is not None:
            self.set_current(span.id, reveal=True)

    # -- editing -------------------------------------------------------------------------------
    def tag_with(self, label: str) -> None:
        if self.doc is None:
            return
        selection = self.selection_range()
        if selection is not None:
            span_id = self.editor.tag(self.doc.id, selection[0], selection[1], label)
            if span_id is not None:
                cursor = self.textCursor()
                cursor.clearSelection()
                self.setTextCursor(cursor)
                self.set_current(span_id)
            return
        span = self.current_span()
        if span is not None:
            self.editor.retag(self.doc.id, span, label)

    def delete_current(self) -> None:
        span = self.current_span()
        if span is not None:
            self.editor.delete(self.doc.id, span)

    def mark_or_link(self) -> None:
        """L: mark the current span for a link; L on another span (in another pane, or this
        one) asks for the kind and links the marked span to it. L on the marked span again
        forgets the mark."""
        span = self.current_span()
        if span is None:
            return
        mark = self.editor.link_mark
        if mark is None or mark[1] == span.id:
            self.editor.mark_link(None if mark else self.doc.id, None if mark else span.id)
            if mark is None:
                self.editor.notice.emit("Marked for a link: make another span current, press L")
            return
        cursor = self.textCursor()
        cursor.setPosition(self.doc.offsets.units(span.start))
        where = self.viewport().mapToGlobal(self.cursorRect(cursor).bottomLeft())
        kind = pick_kind(self, self.editor.workspace.links.kinds(), where)
        if kind is None:
            return
        if self.editor.add_link(mark[1], span.id, kind) is not None:
            self.editor.mark_link(None)

    def move_boundary(self, edge: str, forward: bool) -> None:
        span = self.current_span()
        if span is None:
            return
        text = self.doc.text
        start, end = span.start, span.end
        if self.exact:
            moved = char_step(text, start if edge == "start" else end, forward)
        else:
            moved = word_step(text, start if edge == "start" else end, forward, edge=edge)
        if edge == "start":
            start = moved
        else:
            end = moved
        if start < end:
            self.editor.move(self.doc.id, span, start, end)

    # -- events --------------------------------------------------------------------------------
    def _on_spans_changed(self, document_id: str, _change) -> None:
        if self.doc is None or document_id != self.doc.id:
            return
        if self.current is not None and self.current not in self.doc.spans:
            self.set_current(None)
        self.viewport().update()

    def paintEvent(self, event) -> None:
        if self.doc is None:
            super().paintEvent(event)
            return
        lines = VisibleLines(self)
        plan = PaintPlan(self.doc, lines)
        labels = self.documents.labels
        painter = QPainter(self.viewport())
        paint_matches(painter, lines, self.doc, self.matches, self.dark)
        paint_fills(painter, lines, plan, labels, self.dark)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        outline = self.palette().text().color()
        paint_marks(painter, lines, plan, labels, self.current, outline)
        self._paint_link_mark(painter, lines)
        painter.end()

    def _paint_link_mark(self, painter, lines) -> None:
        """A dashed frame around the span marked for a link (L)."""
        mark = getattr(self.editor, "link_mark", None)
        if mark is None or mark[0] != self.doc.id:
            return
        span = self.doc.spans.get(mark[1])
        if span is None:
            return
        pen = QPen(self.palette().highlight().color(), 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        offsets = self.doc.offsets
        for rect, _geo in lines.range_rects(offsets.units(span.start), offsets.units(span.end)):
            painter.drawRect(rect.adjusted(-2, -1, 2, 1))

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    # -- dragging a boundary handle ------------------------------------------------------------
    def handle_at(self, point: QPointF) -> str | None:
        """ "start" or "end" when ``point`` is on a handle of the current span."""
        span = self.current_span()
        if span is None:
            return None
        offsets = self.doc.offsets
        rects = VisibleLines(self).range_rects(offsets.units(span.start), offsets.units(span.end))
        if not rects:
            return None
        for edge, where in handle_points(rects).items():
            if (point - where).manhattanLength() <= HANDLE_GRAB:
                return edge
        return None

    def _drag_to(self, point: QPointF) -> None:
        span = self.current_span()
        cp = self.doc.offsets.code_point_before(self.cursorForPosition(point.toPoint()).position())
        start, end = (cp, span.end) if self._drag_edge == "start" else (span.start, cp)
        if start > end:  # dragged past the other boundary: that one stays, this one stops
            start, end = (end, end) if self._drag_edge == "start" else (start, start)
        self._drag_range = (start, end)
        if start < end:
            a, b = self.doc.offsets.range_units(start, end)
            cursor = self.textCursor()
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)  # the new extent, shown as the selection while dragging

    def _finish_drag(self, exact: bool) -> None:
        span, edge, chosen = self.current_span(), self._drag_edge, self._drag_range
        self._drag_edge = self._drag_range = None
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)
        self.viewport().unsetCursor()
        if span is None or chosen is None or chosen[0] >= chosen[1]:
            return
        text = self.doc.text
        start, end = chosen
        if exact:
            start, end = whole_characters(text, start, end)
        else:  # snap the moved boundary to a word; the other one stays where it was
            snapped = snap_to_words(text, start, end)
            start, end = (snapped[0], span.end) if edge == "start" else (span.start, snapped[1])
        if start < end:
            self.editor.move(self.doc.id, span, start, end)  # one undoable move

    def mousePressEvent(self, event) -> None:
        self._press_at = event.position()
        self._exact_selection = bool(event.modifiers() & EXACT_MODIFIERS)
        if event.button() == Qt.MouseButton.LeftButton:
            edge = self.handle_at(event.position())
            if edge is not None:
                self._drag_edge = edge
                self._drag_range = None
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._drag_edge is not None:
            self._drag_to(event.position())
            return
        if not event.buttons():
            on_handle = self.handle_at(event.position()) is not None
            if on_handle:
                self.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
            else:
                self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._drag_edge is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag_to(event.position())
            self._finish_drag(self.exact or bool(event.modifiers() & EXACT_MODIFIERS))
            return
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.doc is None:
            return
        moved = (event.position() - self._press_at).manhattanLength()
        if self.textCursor().hasSelection():
            selection = self.selection_range()
            if selection is not None:
                self.select_range(*selection)
            if self.current is not None:
                self.set_current(None)
        elif moved < QApplication.startDragDistance():
            hits = self.spans_at_point(event.position())
            ids = [s.id for s in hits]
            if self.current in ids:  # click again: the next span out
                chosen = ids[(ids.index(self.current) + 1) % len(ids)]
            else:
                chosen = ids[0] if ids else None
            self.set_current(chosen)

    def event(self, event) -> bool:
        # Tab and Shift+Tab would move the focus before keyPressEvent sees them
        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            action = VIEW_KEYS.get(_portable(event))
            if action is not None and self.run_key_action(action):
                return True
        return super().event(event)

    def run_key_action(self, action: str) -> bool:
        """Run a view action of the shortcut table; False when it does not apply here."""
        if action in ("next_span", "previous_span"):
            self.go_to_span(action == "next_span")
            return True
        if action in _BOUNDARY_MOVES:
            if self.current is None:
                return False
            self.move_boundary(*_BOUNDARY_MOVES[action])
            return True
        if action == "delete_span" and self.current is not None:
            self.delete_current()
            return True
        if action == "mark_link" and self.current is not None:
            self.mark_or_link()
            return True
        if action == "edit_note" and self.current is not None:
            self.noteEditRequested.emit(self.current)
            return True
        if action == "clear" and (self.current or self.textCursor().hasSelection()):
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            self.set_current(None)
            return True
        return False

    def keyPressEvent(self, event) -> None:
        if self.doc is None:
            super().keyPressEvent(event)
            return
        mods = event.modifiers()
        action = VIEW_KEYS.get(_portable(event))
        if action is not None and self.run_key_action(action):
            return
        ctrl = bool(mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier))
        text = event.text()
        label = self.documents.labels.by_shortcut.get(text) if text and not ctrl else None
        if label is not None:
            self._exact_selection = self._exact_selection or bool(
                mods & Qt.KeyboardModifier.AltModifier
            )
            self.tag_with(label.key)
            return
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if event.matches(QKeySequence.StandardKey.SelectAll) or shift or event.key() in _NAV_KEYS:
            self._exact_selection = False
        super().keyPressEvent(event)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hits = self.spans_at_point(QPointF(event.pos()))
            if hits:
                QToolTip.showText(event.globalPos(), self.tooltip_html(hits), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_html(self, spans) -> str:
        import html  # (its entity table is not needed at start-up)

        labels = self.documents.labels
        rows = []
        for span in sorted(spans, key=lambda s: (s.start, -s.end)):
            quote = self.doc.text[span.start : span.end]
            if len(quote) > 160:
                quote = quote[:157] + "…"
            color = labels.color(span.label).name()
            parts = [
                f"<span style='color:{color}'>■</span> <b>{html.escape(labels.name(span.label))}"
                "</b>",
                f"<i>“{html.escape(quote)}”</i>",
            ]
            if span.note:
                parts.append(f"Note: {html.escape(span.note)}")
            if span.author:
                parts.append(f"<small>by {html.escape(span.author)}</small>")
            rows.append("<br>".join(parts))
        return "<qt>" + "<hr>".join(rows) + "</qt>"

    def contextMenuEvent(self, event) -> None:
        hits = self.spans_at_point(QPointF(event.pos()))
        if hits and self.current not in {s.id for s in hits}:
            self.set_current(hits[0].id)
        menu = self.build_context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self) -> QMenu:
        menu = self.createStandardContextMenu()
        menu.addSeparator()
        has_selection = self.textCursor().hasSelection()
        span = self.current_span()
        title = "Tag selection as" if has_selection or span is None else "Retag span as"
        tag_menu = menu.addMenu(title)
        for label in self.documents.labels.records:
            text = f"{label.name}\t{label.shortcut}" if label.shortcut else label.name
            action = tag_menu.addAction(text)
            action.triggered.connect(lambda _=False, k=label.key: self.tag_with(k))
        tag_menu.setEnabled(has_selection or span is not None)
        if span is not None:
            menu.addAction("Edit note…\tReturn", lambda: self.noteEditRequested.emit(span.id))
            menu.addAction("Delete span\tDel", self.delete_current)
            mark = self.editor.link_mark
            text = (
                "Link to the marked span…\tL" if mark and mark[1] != span.id else "Mark for link\tL"
            )
            menu.addAction(text, self.mark_or_link)
        return menu
