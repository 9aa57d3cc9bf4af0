"""Link by dragging, with real mouse events: press on the selected span's knob, drag across
to a span in the other pane (the rubber line and the target's outline follow), drop, pick the
kind: one undoable link. A drop on no span, Esc, or a press off the knob make no link."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from annotator.gui.document.link_drag import knob_center, span_rects

from .test_links import POPUP, _answer_menu, _setup


def _center_of(view, span) -> QPoint:
    return span_rects(view, span)[0].center().toPoint()


def _start(window, ws, qtbot):
    _a, _b, s, left, right = _setup(window, ws, qtbot)
    left.view.set_current(s["a1"].id)
    knob = knob_center(left.view)
    assert knob is not None
    qtbot.mousePress(left.view.viewport(), Qt.MouseButton.LeftButton, pos=knob.toPoint())
    drag = window.panes.link_drag
    assert drag.source is not None and drag.source[1].id == s["a1"].id
    return s, left, right, drag


@POPUP
def test_drag_from_span_to_span_links_them_with_undo(window, ws, qtbot, no_blocking_boxes):
    s, _left, right, drag = _start(window, ws, qtbot)
    b1 = right.view.doc.spans.get(s["b1"].id)
    at = _center_of(right.view, b1)
    qtbot.mouseMove(right.view.viewport(), pos=at - QPoint(30, 0))  # over no span yet
    assert drag.target is None and drag.pointer is not None
    qtbot.mouseMove(right.view.viewport(), pos=at)
    assert drag.target is not None and drag.target[1].id == s["b1"].id
    window.panes.grab().save("/tmp/work/link_drag_light.png")
    window.set_theme("dark")
    qtbot.wait(20)
    window.panes.grab().save("/tmp/work/link_drag_dark.png")
    window.set_theme("light")
    _answer_menu(qtbot, Qt.Key.Key_D)  # Denies
    qtbot.mouseRelease(right.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    (link,) = ws.links.list()
    assert (link.source_id, link.target_id, link.kind) == (s["a1"].id, s["b1"].id, "denies")
    assert drag.source is None and link.id in window.links.index
    stack = window.editor.undo_stack
    assert stack.count() == 1
    stack.undo()
    assert ws.links.list() == []
    stack.redo()
    assert [lk.id for lk in ws.links.list()] == [link.id]
    assert no_blocking_boxes == []


@POPUP
def test_drop_within_the_same_pane_links_there_too(window, ws, qtbot):
    s, left, _right, _drag = _start(window, ws, qtbot)
    a2 = left.view.doc.spans.get(s["a2"].id)
    at = _center_of(left.view, a2)
    qtbot.mouseMove(left.view.viewport(), pos=at)
    _answer_menu(qtbot, Qt.Key.Key_S)  # Supports
    qtbot.mouseRelease(left.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    (link,) = ws.links.list()
    assert (link.source_id, link.target_id, link.kind) == (s["a1"].id, s["a2"].id, "supports")


def test_no_link_without_a_span_under_the_drop_or_after_esc(window, ws, qtbot):
    s, left, right, drag = _start(window, ws, qtbot)
    b1 = right.view.doc.spans.get(s["b1"].id)
    empty = _center_of(right.view, b1) - QPoint(40, 0)
    qtbot.mouseMove(right.view.viewport(), pos=empty)
    qtbot.mouseRelease(right.view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    assert drag.source is None and ws.links.list() == []
    # the source span itself is no target
    knob = knob_center(left.view).toPoint()
    qtbot.mousePress(left.view.viewport(), Qt.MouseButton.LeftButton, pos=knob)
    a1 = left.view.doc.spans.get(s["a1"].id)
    qtbot.mouseMove(left.view.viewport(), pos=_center_of(left.view, a1))
    assert drag.target is None
    qtbot.keyClick(left.view, Qt.Key.Key_Escape)
    assert drag.source is None
    qtbot.mouseRelease(left.view.viewport(), Qt.MouseButton.LeftButton, pos=knob)
    assert ws.links.list() == [] and window.editor.undo_stack.count() == 0


def test_a_press_off_the_knob_still_selects_text(window, ws, qtbot):
    _a, _b, s, left, _right = _setup(window, ws, qtbot)
    left.view.set_current(s["a1"].id)
    a2 = left.view.doc.spans.get(s["a2"].id)
    at = _center_of(left.view, a2)
    qtbot.mouseClick(left.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert window.panes.link_drag.source is None and left.view.current == s["a2"].id


def test_the_help_tells_how_to_drag_a_link():
    from annotator.gui.dialogs.help_dialog import shortcuts_html

    page = shortcuts_html()
    assert "Drag the link knob" in page and "drag its knob" in page
    assert "gives it another kind" in page and "Link kinds" in page
