"""Tagging in a pane, through real key presses, checked against the database rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from sqlalchemy import select

from annotator.storage.models import Annotation, Label

from ..conftest import TEXT, u16


def rows(ws):
    with ws.store.sessions() as s:
        return s.execute(
            select(Annotation.start, Annotation.end, Label.key, Annotation.quote)
            .join(Label)
            .order_by(Annotation.start)
        ).all()


def select_u16(view, start: int, end: int) -> None:
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def tag(qtbot, view, cp_start: int, cp_end: int, key: str = "1") -> None:
    select_u16(view, u16(TEXT, cp_start), u16(TEXT, cp_end))
    qtbot.keyClick(view, key)


def test_select_press_1_undo_redo_across_emoji_and_armenian(window, pane, ws, qtbot):
    view = pane.view
    word = "Գյումրի"  # after an emoji: its UTF-16 position is one more than its code point
    start = TEXT.index(word)
    assert u16(TEXT, start) == start + 3  # 🕊, 👍 and 🏽 are astral
    tag(qtbot, view, start, start + len(word))
    assert rows(ws) == [(start, start + len(word), "claim", word)]
    assert window.actions_by_name["undo"].text() == "Undo tag 'Claim'"
    assert view.current is not None  # the new span is selected, ready for a retag
    window.actions_by_name["undo"].trigger()
    assert rows(ws) == []
    assert len(pane.doc.spans) == 0
    window.actions_by_name["redo"].trigger()
    assert rows(ws) == [(start, start + len(word), "claim", word)]
    assert len(pane.doc.spans) == 1


def test_emoji_spans_keep_whole_characters(pane, ws, qtbot):
    view = pane.view
    start = TEXT.index("👍🏽")
    # select only the first UTF-16 unit of 👍: the span still covers the whole emoji + tone
    select_u16(view, u16(TEXT, start), u16(TEXT, start) + 1)
    view.exact = True
    qtbot.keyClick(view, "2")
    assert rows(ws) == [(start, start + 2, "casualty_report", "👍🏽")]


def test_selection_snaps_to_words_unless_exact(pane, ws, qtbot):
    view = pane.view
    start = TEXT.index("ministry denied")
    tag(qtbot, view, start + 2, start + 10)  # "nistry d" -> "ministry denied"
    assert rows(ws)[0][3] == "ministry denied"
    view.exact = True
    second = TEXT.index("shelling")
    tag(qtbot, view, second + 1, second + 4, "3")
    assert (second + 1, second + 4, "statement", "hel") in rows(ws)


def test_retag_delete_move_and_undo_each(window, pane, ws, qtbot):
    view = pane.view
    start = TEXT.index("12 civilians")
    tag(qtbot, view, start, start + len("12 civilians"))
    assert rows(ws)[0][2] == "claim"
    qtbot.keyClick(view, "4")  # retag the current span
    assert rows(ws)[0][2] == "opinion"
    assert window.actions_by_name["undo"].text() == "Undo retag as 'Opinion'"
    window.editor.undo_stack.undo()
    assert rows(ws)[0][2] == "claim"
    window.editor.undo_stack.redo()
    assert rows(ws)[0][2] == "opinion"

    alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_Right, alt_shift)  # end one word right
    assert rows(ws)[0][3] == "12 civilians died"
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # start right
    assert rows(ws)[0][3] == "civilians died"
    window.editor.undo_stack.undo()
    assert rows(ws)[0][3] == "12 civilians died"
    window.editor.undo_stack.undo()
    assert rows(ws)[0][3] == "12 civilians"

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert rows(ws) == []
    assert window.actions_by_name["undo"].text() == "Undo delete 'Opinion'"
    window.editor.undo_stack.undo()
    assert rows(ws) == [(start, start + 12, "opinion", "12 civilians")]
    window.editor.undo_stack.redo()
    assert rows(ws) == []


def test_next_previous_span_and_note(window, pane, ws, qtbot):
    view = pane.view
    a = TEXT.index("Peace")
    b = TEXT.index("Witnesses")
    tag(qtbot, view, a, a + 5)
    tag(qtbot, view, b, b + 9, "3")
    view.set_current(None)
    cursor = view.textCursor()
    cursor.setPosition(0)
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.current_span().start == a
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.current_span().start == b
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.current_span().start == a
    assert window.annotations.current_span().start == a  # the panel follows
    window.annotations.note.setPlainText("check the source")
    window.annotations.commit_note()
    assert ws.annotations.list()[0].note == "check the source"
    assert window.actions_by_name["undo"].text() == "Undo edit note"
    window.editor.undo_stack.undo()
    assert ws.annotations.list()[0].note == ""


def test_failed_edit_shows_message_and_database_truth(
    window, pane, ws, qtbot, tmp_path, no_blocking_boxes
):
    from annotator import open_workspace

    view = pane.view
    start = TEXT.index("Officials")
    tag(qtbot, view, start, start + 9)
    other = open_workspace(str(tmp_path / "a.sqlite3"))  # someone else deletes it meanwhile
    other.annotations.delete(other.annotations.list()[0].id)
    other.close()
    assert len(pane.doc.spans) == 1  # the GUI does not know yet
    qtbot.keyClick(view, "2")  # retag: refused
    assert no_blocking_boxes and "not saved" in no_blocking_boxes[-1][0]
    assert len(pane.doc.spans) == 0  # reloaded: the database's truth
    assert rows(ws) == []


def test_label_bar_and_context_menu_tag(window, pane, ws, qtbot):
    view = pane.view
    start = TEXT.index("reported")
    select_u16(view, u16(TEXT, start), u16(TEXT, start + 8))
    window.label_bar.buttons["statement"].click()
    assert rows(ws)[0][2:] == ("statement", "reported")
    menu = view.build_context_menu()
    texts = [a.text() for a in menu.actions()]
    assert any("Delete span" in t for t in texts)
    menu.deleteLater()


def test_tooltip_lists_every_span_under_the_pointer(pane, ws, qtbot):
    view = pane.view
    start = TEXT.index("12 civilians died")
    tag(qtbot, view, start, start + len("12 civilians died"))
    tag(qtbot, view, start + 3, start + 12, "2")
    cursor = view.textCursor()
    cursor.setPosition(u16(TEXT, start + 5))
    rect = view.cursorRect(cursor)
    point = rect.center()
    point.setX(point.x() + 2)
    from PySide6.QtCore import QPointF

    hits = view.spans_at_point(QPointF(point))
    assert [s.label for s in hits] == ["casualty_report", "claim"]  # innermost first
    html = view.tooltip_html(hits)
    assert "civilians" in html and "Claim" in html and "Casualty" in html


def test_keyboard_selection_then_key(pane, ws, qtbot):
    view = pane.view
    start = TEXT.index("Witnesses")
    cursor = view.textCursor()
    cursor.setPosition(u16(TEXT, start))
    view.setTextCursor(cursor)
    for _ in range(3):  # "Wit": snaps to the whole word
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().hasSelection()
    qtbot.keyClick(view, "2")
    assert rows(ws) == [(start, start + 9, "casualty_report", "Witnesses")]
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.current is None
