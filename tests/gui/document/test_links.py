"""Links between spans in the GUI: L marks and links with real key events (kind menu),
undo/redo, connectors drawn in the gutter between panes (clipped ends, none for links out of
view), a span deleted with its links and restored by undo, the Links panel's jump."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

# the kind menu is a popup: the offscreen platform neither raises it nor grabs the keyboard
POPUP = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing", "does not support propagateSizeHints"
)

LEFT = "Left\n\n" + "".join(f"Left line {i}: the dam was shelled.\n" for i in range(200))
RIGHT = "Right\n\n" + "".join(f"Right line {i}: no shelling took place.\n" for i in range(200))


def _span(ws, doc, text, line, label="claim"):
    start = text.index(f"line {line}:")
    return ws.annotations.add(doc, start, start + len(f"line {line}"), label).added[0]


def _setup(window, ws, qtbot, *, open_right=True):
    a = ws.add_document(LEFT, title="Left", outlet="A")
    b = ws.add_document(RIGHT, title="Right", outlet="B")
    spans = {
        "a1": _span(ws, a, LEFT, 1),
        "a2": _span(ws, a, LEFT, 3),
        "a_far": _span(ws, a, LEFT, 190),
        "b1": _span(ws, b, RIGHT, 2),
        "b_far": _span(ws, b, RIGHT, 180),
        "b_far2": _span(ws, b, RIGHT, 195),
    }
    window.resize(1200, 700)
    window.open_documents([a])
    left = window.panes.panes()[0]
    right = window.panes.open_document(b) if open_right else None
    qtbot.waitUntil(lambda: left.view.isVisible())
    return a, b, spans, left, right


def _answer_menu(qtbot, *keys):
    """Press ``keys`` in the kind menu once it is up (QMenu.exec blocks)."""

    def press():
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, press)
            return
        for key in keys:
            qtbot.keyClick(menu, key)

    QTimer.singleShot(20, press)


@POPUP
def test_link_from_the_keyboard_with_undo(window, ws, qtbot, no_blocking_boxes):
    _a, _b, s, left, right = _setup(window, ws, qtbot)
    left.view.setFocus()
    left.view.set_current(s["a1"].id)
    qtbot.keyClick(left.view, Qt.Key.Key_L)
    assert window.editor.link_mark == (s["a1"].document_id, s["a1"].id)
    right.view.setFocus()
    right.view.set_current(s["b1"].id)
    _answer_menu(qtbot, Qt.Key.Key_D)  # the letter of "Denies"
    qtbot.keyClick(right.view, Qt.Key.Key_L)
    (link,) = ws.links.list()
    assert (link.kind, link.source_id, link.target_id) == ("denies", s["a1"].id, s["b1"].id)
    assert window.editor.link_mark is None
    assert link.id in window.links.index
    window.editor.undo_stack.undo()
    assert ws.links.list() == [] and link.id not in window.links.index
    window.editor.undo_stack.redo()
    assert [lk.id for lk in ws.links.list()] == [link.id]

    # arrows and Enter: the second kind; then the same link again is refused
    left.view.setFocus()
    left.view.set_current(s["a2"].id)
    qtbot.keyClick(left.view, Qt.Key.Key_L)
    right.view.setFocus()
    _answer_menu(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Return)
    qtbot.keyClick(right.view, Qt.Key.Key_L)
    kinds = {lk.kind for lk in ws.links.list()}
    assert kinds == {"denies", "contradicts"}
    left.view.set_current(s["a1"].id)
    left.view.setFocus()
    qtbot.keyClick(left.view, Qt.Key.Key_L)
    right.view.setFocus()
    _answer_menu(qtbot, Qt.Key.Key_D)
    qtbot.keyClick(right.view, Qt.Key.Key_L)
    assert len(ws.links.list()) == 2
    assert any("already" in message for _title, message in no_blocking_boxes)


def test_l_twice_on_one_span_forgets_the_mark(window, ws, qtbot):
    _a, _b, s, left, _right = _setup(window, ws, qtbot)
    left.view.setFocus()
    left.view.set_current(s["a1"].id)
    qtbot.keyClick(left.view, Qt.Key.Key_L)
    qtbot.keyClick(left.view, Qt.Key.Key_L)
    assert window.editor.link_mark is None and ws.links.list() == []


def test_connectors_are_drawn_for_visible_links_only(window, ws, qtbot):
    _a, _b, s, left, right = _setup(window, ws, qtbot)
    visible = ws.links.add(s["a1"].id, s["b1"].id, "repeats").links_added[0]
    half = ws.links.add(s["a2"].id, s["b_far"].id, "cites").links_added[0]
    hidden = ws.links.add(s["a_far"].id, s["b_far2"].id, "supports").links_added[0]
    (gutter,) = window.panes.splitter.gutters()
    gutter.repaint()
    drawn = {c.link_id: c for c in gutter.drawn}
    assert set(drawn) == {visible.id, half.id}  # none for the link with both ends out of view
    assert drawn[visible.id].left_clip is None and drawn[visible.id].right_clip is None
    assert drawn[visible.id].dashed  # repeats is symmetric
    assert drawn[half.id].right_clip == "down" and not drawn[half.id].dashed
    assert drawn[visible.id].left_y < drawn[half.id].left_y
    # scrolled to the end: the far links come into view, the first ones go out of it
    bar = right.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    gutter.repaint()
    drawn = {c.link_id: c for c in gutter.drawn}
    assert drawn[half.id].right_clip is None and drawn[visible.id].right_clip == "up"
    assert drawn[hidden.id].left_clip == "down"

    # a click on a curve selects the link (and makes both ends current)
    curve = drawn[half.id]
    y = round((curve.left_y + curve.right_y) / 2)
    qtbot.mouseClick(gutter, Qt.MouseButton.LeftButton, pos=QPoint(gutter.width() // 2, y))
    assert window.panes.splitter.selected_link == half.id
    assert left.view.current == s["a2"].id and right.view.current == s["b_far"].id
    assert window.links_panel.current_link() == half.id


def test_first_paint_reads_only_the_links_in_sight_then_all(window, ws, qtbot, monkeypatch):
    _a, b, s, _left, _ = _setup(window, ws, qtbot, open_right=False)
    visible = ws.links.add(s["a1"].id, s["b1"].id, "supports").links_added[0]
    half = ws.links.add(s["a2"].id, s["b_far"].id, "cites").links_added[0]
    hidden = ws.links.add(s["a_far"].id, s["b_far2"].id, "denies").links_added[0]
    reads = []
    read_all = ws.links.list
    monkeypatch.setattr(ws.links, "list", lambda ids=None: reads.append(ids) or read_all(ids))
    window.panes.open_document(b)  # the links of both documents are due
    (gutter,) = window.panes.splitter.gutters()
    gutter.repaint()
    assert reads == []  # not every link of the two documents: those of the spans in view
    assert {c.link_id for c in gutter.drawn} == {visible.id, half.id}
    first = {c.link_id: (c.left_y, c.right_y, c.right_clip) for c in gutter.drawn}
    qtbot.waitUntil(lambda: len(reads) == 1)  # the next turn of the event loop: all of them
    assert {visible.id, half.id, hidden.id} <= set(window.links.index.links)
    gutter.repaint()
    assert {c.link_id: (c.left_y, c.right_y, c.right_clip) for c in gutter.drawn} == first


def test_deleting_a_span_with_links_says_so_and_undo_restores_them(window, ws, qtbot):
    _a, _b, s, left, _right = _setup(window, ws, qtbot)
    l1 = ws.links.add(s["a1"].id, s["b1"].id, "supports").links_added[0]
    l2 = ws.links.add(s["b_far"].id, s["a1"].id, "cites").links_added[0]
    messages = []
    window.editor.notice.connect(messages.append)
    left.view.setFocus()
    left.view.set_current(s["a1"].id)
    qtbot.keyClick(left.view, Qt.Key.Key_Delete)
    assert ws.links.list() == [] and len(window.links.index) == 0
    assert window.editor.undo_stack.undoText().endswith("and its 2 links")
    assert any("its 2 links" in m for m in messages)
    window.editor.undo_stack.undo()
    assert {lk.id for lk in ws.links.list()} == {l1.id, l2.id}
    assert {l1.id, l2.id} <= set(window.links.index.links)
    window.editor.undo_stack.redo()
    assert ws.links.list() == []


def test_links_panel_jumps_to_the_other_end_opening_its_document(window, ws, qtbot):
    _a, b, s, _left, _ = _setup(window, ws, qtbot, open_right=False)
    link = ws.links.add(s["a1"].id, s["b_far"].id, "contradicts").links_added[0]
    panel = window.links_panel
    assert panel.tree.topLevelItemCount() == 0  # behind the Annotations tab: not filled yet
    window.links_dock.raise_()  # its tab shown: filled
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1)
    item = panel.tree.topLevelItem(0)
    assert item.text(0) == "Contradicts" and item.text(2) == "line 180"
    panel.tree.setFocus()
    panel.tree.setCurrentItem(item)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert b in window.panes.document_ids()
    assert window.panes.active.document_id == b
    assert window.panes.active.view.current == s["b_far"].id
    assert link.id in window.links.index
