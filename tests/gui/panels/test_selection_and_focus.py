"""One current span for the text and the list; keys change data only in the document view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from ..conftest import TEXT


def spans_and_notes(ws, doc_id):
    return [(s.start, s.end, s.label, s.note) for s in ws.annotations.list(doc_id)]


@pytest.fixture
def tagged(window, pane, ws, doc_id, qtbot):
    """Three spans in the pane, nothing current."""
    for word in ("Peace", "Officials", "Witnesses"):
        start = TEXT.index(word)
        window.editor.tag(doc_id, start, start + len(word), "claim")
    pane.view.set_current(None)
    qtbot.waitUntil(lambda: window.annotations.model.rowCount() == 3)
    pane.view.setFocus()
    return pane


def selected_rows(panel):
    return sorted(i.row() for i in panel.table.selectionModel().selectedRows())


def test_tab_three_times_leaves_one_row_selected_and_the_text_agrees(window, tagged, qtbot):
    view, panel = tagged.view, window.annotations
    for expected_row in (0, 1, 2):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert selected_rows(panel) == [expected_row]
        assert panel.current_span().id == view.current
        assert panel.note.isEnabled() and panel.delete_button.isEnabled()


def test_after_a_delete_text_and_list_agree(window, tagged, qtbot):
    view, panel = tagged.view, window.annotations
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # the second span
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert view.current is None and panel.current_span() is None
    assert selected_rows(panel) == []
    assert not panel.delete_button.isEnabled() and not panel.note.isEnabled()
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    assert selected_rows(panel) == ([] if view.current is None else [1])


def test_a_row_chosen_in_the_list_outlines_its_span_in_the_text(window, tagged, qtbot):
    view, panel = tagged.view, window.annotations
    table = panel.table
    rect = table.visualRect(panel.model.index(2, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current == panel.model.span_at(2).id
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert view.current == panel.model.span_at(1).id and selected_rows(panel) == [1]


def test_double_click_centres_the_span(window, ws, qtbot):
    long_text = "\n\n".join(
        f"Paragraph {i} about the shelling near the border." for i in range(300)
    )
    doc = ws.add_document(long_text, title="Long")
    pane = window.open_beside(doc)
    start = long_text.index("Paragraph 250")
    window.editor.tag(doc, start, start + 9, "claim")
    qtbot.waitUntil(lambda: window.annotations.model.rowCount() == 1)
    panel = window.annotations
    rect = panel.table.visualRect(panel.model.index(0, 1))
    # a real double click: press and release, then the second press as a double click
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = pane.view
    cursor_y = view.cursorRect().center().y()
    height = view.viewport().height()
    assert height * 0.3 < cursor_y < height * 0.7  # the middle, not the bottom edge


@pytest.mark.parametrize("where", ["note", "library filter", "find bar"])
def test_typing_in_a_text_box_never_changes_annotations(window, tagged, ws, doc_id, qtbot, where):
    """Real clicks and key events: digits (label keys), Del, Backspace, Return, Tab and
    Alt+arrows typed into a text box reach that box, never the current span."""
    view, panel = tagged.view, window.annotations
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # a span is current: label keys would retag it
    before = spans_and_notes(ws, doc_id)
    if where == "note":
        box = panel.note
        target = box.viewport()
    elif where == "library filter":
        box = window.library.filter
        target = box
    else:
        window.find_in_document()
        box = tagged.find_bar.edit
        target = box
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert QApplication.focusWidget() is box
    qtbot.keyClicks(box, "1 2 3 4")
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
        qtbot.keyClick(box, key)
    qtbot.keyClick(box, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    text = box.toPlainText() if where == "note" else box.text()
    assert text.startswith("1 2 3")
    assert spans_and_notes(ws, doc_id) == before  # nothing changed but what the box holds
    if where == "note":
        view.setFocus()  # leaving the box saves the note: the only edit
        first = ws.annotations.list(doc_id)[0]
        assert (first.label, first.note) == ("claim", text)


def test_an_edit_in_another_pane_never_unhooks_the_note_box(window, ws, doc_id, qtbot):
    """The reported case: an outlined span in the active pane while the list showed none (an
    undo in the other pane had cleared it), so a click into the note box did not take the
    focus and the "1" typed next retagged the span."""
    other = ws.add_document("Second report\n\nThe ministry denied every figure.", title="B")
    left = window.open_beside(doc_id)
    left.view.setFocus()
    qtbot.waitUntil(lambda: window.panes.active is left)
    left.view.set_current(window.editor.tag(doc_id, 0, 5, "claim"))  # current on the left
    right = window.open_beside(other)
    right.view.setFocus()
    qtbot.waitUntil(lambda: window.panes.active is right)
    start = right.doc.text.index("ministry")
    right.view.set_current(window.editor.tag(other, start, start + 8, "opinion"))
    qtbot.waitUntil(lambda: window.annotations.model.rowCount() == 1)
    left_span = left.view.current_span()
    window.editor.delete(doc_id, left_span)  # the left pane's current span goes
    assert left.view.current is None
    panel = window.annotations
    assert panel.current_span() is not None and panel.current_span().id == right.view.current
    qtbot.mouseClick(panel.note.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert QApplication.focusWidget() is panel.note
    qtbot.keyClicks(panel.note, "1 source")
    right.view.setFocus()
    (span,) = ws.annotations.list(other)
    assert (span.label, span.note) == ("opinion", "1 source")
