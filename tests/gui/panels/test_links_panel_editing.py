"""The Links panel edits links with real keys and clicks: F2 edits the note in place, K
gives another kind (the kind menu), Del deletes; each one step of undo and redo."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from annotator import open_workspace

from ..document.test_links import POPUP, _answer_menu, _setup


def _panel_with_link(window, ws, qtbot):
    _a, _b, s, _left, _right = _setup(window, ws, qtbot)
    link = ws.links.add(s["a1"].id, s["b1"].id, "supports", note="first note").links_added[0]
    panel = window.links_panel
    window.links_dock.raise_()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1)
    item = panel.tree.topLevelItem(0)
    at = QPoint(20, panel.tree.visualItemRect(item).center().y())  # the Kind column
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert panel.current_link() == link.id
    return panel, link


@POPUP
def test_note_kind_and_delete_from_the_panel_with_undo(window, ws, qtbot, no_blocking_boxes):
    panel, link = _panel_with_link(window, ws, qtbot)
    stack = window.editor.undo_stack
    tree = panel.tree
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    box = tree.findChild(QLineEdit)
    assert box is not None and box.text() == "first note"  # the whole note, not the shown
    qtbot.keyClick(box, Qt.Key.Key_End)
    qtbot.keyClicks(box, ", and a second thought")
    window.links_panel.grab().save("/tmp/work/links_panel_editing.png")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ws.links.get(link.id).note == "first note, and a second thought")
    qtbot.waitUntil(lambda: tree.topLevelItem(0).text(3) == "first note, and a second thought")
    assert stack.count() == 1 and stack.undoText() == "edit link"

    tree.setFocus()
    _answer_menu(qtbot, Qt.Key.Key_D)  # the letter of "Denies"
    qtbot.keyClick(tree, Qt.Key.Key_K)
    assert ws.links.get(link.id).kind == "denies"
    assert tree.topLevelItem(0).text(0) == "Denies" and panel.current_link() == link.id
    assert stack.count() == 2

    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert ws.links.list() == [] and tree.topLevelItemCount() == 0
    stack.undo()
    assert ws.links.get(link.id).kind == "denies"
    stack.undo()
    assert ws.links.get(link.id).kind == "supports"
    stack.undo()
    back = ws.links.get(link.id)
    assert (back.kind, back.note) == ("supports", "first note")
    assert tree.topLevelItem(0).text(3) == "first note"
    stack.redo()
    stack.redo()
    back = ws.links.get(link.id)
    assert (back.kind, back.note) == ("denies", "first note, and a second thought")
    stack.redo()
    assert ws.links.list() == []
    assert no_blocking_boxes == []


@POPUP
def test_a_kind_the_link_has_twice_is_refused(window, ws, qtbot, no_blocking_boxes):
    panel, link = _panel_with_link(window, ws, qtbot)
    ws.links.add(link.source_id, link.target_id, "denies")
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 2)
    panel.select_link(link.id)
    panel.change_kind("denies")
    assert "linked as 'Denies' already" in no_blocking_boxes[-1][1]
    assert ws.links.get(link.id).kind == "supports"
    assert window.editor.undo_stack.count() == 0


def _open_note_box(panel, qtbot):
    qtbot.keyClick(panel.tree, Qt.Key.Key_F2)
    box = panel.tree.findChild(QLineEdit)
    assert box is not None and box.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_End)  # (the box opens with its text selected)
    return box


def test_a_link_note_is_saved_as_you_type_one_undoable_edit(window, ws, qtbot):
    panel, link = _panel_with_link(window, ws, qtbot)
    stack = window.editor.undo_stack
    other = open_workspace(ws.url, backup=False)  # what it reads is committed
    try:
        box = _open_note_box(panel, qtbot)
        qtbot.keyClick(box, Qt.Key.Key_Home)
        qtbot.keyClicks(box, "Seen: ")
        qtbot.waitUntil(lambda: other.links.get(link.id).note == "Seen: first note", timeout=3000)
        # the save's change notice left the box open, its text and cursor where they were
        assert panel.tree.findChild(QLineEdit) is box and box.isVisible()
        assert box.text() == "Seen: first note" and box.cursorPosition() == len("Seen: ")
        qtbot.keyClicks(box, "twice. ")
        want = "Seen: twice. first note"
        qtbot.waitUntil(lambda: other.links.get(link.id).note == want, timeout=3000)
        assert box.text() == want
        window.grab().save("/tmp/work/link_note_typing.png")
        qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: panel.tree.topLevelItem(0).text(3) == want)
        assert other.links.get(link.id).note == want
    finally:
        other.close()
    assert stack.count() == 1 and stack.undoText() == "edit link"
    stack.undo()
    assert ws.links.get(link.id).note == "first note"
    assert panel.tree.topLevelItem(0).text(3) == "first note"
    stack.redo()
    assert ws.links.get(link.id).note == want


def test_escape_puts_back_the_note_from_before_the_typing(window, ws, qtbot):
    panel, link = _panel_with_link(window, ws, qtbot)
    box = _open_note_box(panel, qtbot)
    qtbot.keyClicks(box, " (doubtful)")
    doubtful = "first note (doubtful)"
    qtbot.waitUntil(lambda: ws.links.get(link.id).note == doubtful, timeout=3000)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: ws.links.get(link.id).note == "first note")
    assert panel.tree.topLevelItem(0).text(3) == "first note"
    assert window.editor.undo_stack.count() == 0  # typed back to where it began


def test_closing_the_window_saves_the_link_note_being_typed(window, ws, qtbot):
    panel, link = _panel_with_link(window, ws, qtbot)
    box = _open_note_box(panel, qtbot)
    qtbot.keyClicks(box, " and more")
    window.close()  # before the pause's save
    assert ws.links.get(link.id).note == "first note and more"


def test_a_link_added_while_a_note_is_typed_keeps_what_was_typed(window, ws, qtbot):
    panel, link = _panel_with_link(window, ws, qtbot)
    box = _open_note_box(panel, qtbot)
    qtbot.keyClicks(box, "!")
    ws.links.add(link.target_id, link.source_id, "denies")  # the rows are rebuilt
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 2)
    assert ws.links.get(link.id).note == "first note!"
    assert panel.editing_link is None and not box.isVisible()
    assert window.editor.undo_stack.count() == 1
