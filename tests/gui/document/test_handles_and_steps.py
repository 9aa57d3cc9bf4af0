"""Dragging a span's boundary handles with the mouse; word steps of the boundaries."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from annotator.gui.document.paint.span_geometry import VisibleLines
from annotator.gui.document.paint.span_painter import handle_points

from ..conftest import TEXT


def handle(view, edge):
    span = view.current_span()
    offsets = view.doc.offsets
    rects = VisibleLines(view).range_rects(offsets.units(span.start), offsets.units(span.end))
    return handle_points(rects)[edge].toPoint()


def point_of(view, cp):
    cursor = view.textCursor()
    cursor.setPosition(view.doc.offsets.units(cp))
    return view.cursorRect(cursor).center()


def drag(qtbot, view, start: QPoint, end: QPoint, modifier=Qt.KeyboardModifier.NoModifier):
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, start)
    for i in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * i / 5)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, end)


def test_dragging_the_end_handle_moves_the_end_snapped_to_a_word(window, pane, ws, doc_id, qtbot):
    view = pane.view
    start = TEXT.index("Officials")
    span_id = window.editor.tag(doc_id, start, start + len("Officials"), "claim")
    view.set_current(span_id)
    assert view.handle_at(handle(view, "end").toPointF()) == "end"
    said = TEXT.index("said", start)
    target = point_of(view, said + 2)  # the middle of "said": snaps to its end
    drag(qtbot, view, handle(view, "end"), target)
    (span,) = ws.annotations.list(doc_id)
    assert (span.start, span.end) == (start, said + 4)
    assert not view.textCursor().hasSelection()
    window.editor.undo_stack.undo()  # one undoable move
    (span,) = ws.annotations.list(doc_id)
    assert (span.start, span.end) == (start, start + len("Officials"))


def test_dragging_the_start_handle_in_exact_mode_keeps_the_characters(
    window, pane, ws, doc_id, qtbot
):
    view = pane.view
    start = TEXT.index("civilians")
    view.set_current(window.editor.tag(doc_id, start, start + len("civilians"), "claim"))
    target = point_of(view, start + 3)
    drag(qtbot, view, handle(view, "start"), target, Qt.KeyboardModifier.AltModifier)
    (span,) = ws.annotations.list(doc_id)
    assert span.quote == "ilians"


def test_a_press_away_from_the_handles_selects_text_as_before(window, pane, ws, doc_id, qtbot):
    view = pane.view
    start = TEXT.index("Officials")
    view.set_current(window.editor.tag(doc_id, start, start + len("Officials"), "claim"))
    drag(qtbot, view, point_of(view, TEXT.index("ministry")), point_of(view, TEXT.index("denied")))
    assert view.textCursor().hasSelection()
    (span,) = ws.annotations.list(doc_id)
    assert (span.start, span.end) == (start, start + len("Officials"))
