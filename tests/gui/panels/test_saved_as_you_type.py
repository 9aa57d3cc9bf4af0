"""A note or field value being typed is saved as you type: a moment after the last key, through
the usual service command (committed: another connection reads it), one undoable edit per
typing session, always to the span it was typed for."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from annotator import open_workspace
from annotator.gui.editing.typing import SAVE_PAUSE_MS

NOTES = (
    "Night of shelling\n\n"
    "The district governor said the bridge at Halvor was hit twice after midnight.\n"
    "Residents counted nine craters on the road to the mill the next morning.\n"
)
FIGURES = (
    "Hospital figures\n\n"
    "Doctors in Marenz said 14 people were wounded and 3 killed in the strike.\n"
)


def test_the_pause_is_under_a_second():
    assert 300 <= SAVE_PAUSE_MS <= 1000


@pytest.fixture
def other(ws):
    """A second connection to the same database file: what it reads is committed."""
    workspace = open_workspace(ws.url, backup=False)
    yield workspace
    workspace.close()


@pytest.fixture
def two_spans(window, ws, qtbot):
    doc = ws.add_document(NOTES, title="Night of shelling")
    pane = window.open_beside(doc)
    ids = []
    for word in ("governor", "craters"):
        start = NOTES.index(word)
        ids.append(window.editor.tag(doc, start, start + len(word), "claim"))
    qtbot.waitUntil(lambda: window.annotations.model.rowCount() == 2)
    pane.view.set_current(ids[0])
    return pane, ids


def click_into(qtbot, widget, target=None):
    qtbot.mouseClick(target or widget, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert QApplication.focusWidget() is widget


@pytest.fixture
def typing(window, two_spans, qtbot):
    """Two spans, the first current, the focus in its note box: (pane, first, second)."""
    pane, (first, second) = two_spans
    note = window.annotations.note
    click_into(qtbot, note, note.viewport())
    return pane, first, second


def note_of(workspace, span_id):
    return workspace.annotations.get(span_id).note


def type_note(qtbot, panel, workspace, span_id, text):
    """Type ``text`` into the note box and wait for the pause's save."""
    qtbot.keyClicks(panel.note, text)
    box = panel.note.toPlainText()
    qtbot.waitUntil(lambda: note_of(workspace, span_id) == box, timeout=3000)


def test_a_note_is_saved_while_typing_and_committed(window, typing, other, qtbot):
    _pane, first, _second = typing
    panel = window.annotations
    qtbot.keyClicks(panel.note, "seen from the ridge")
    assert note_of(other, first) == ""  # not at every key: after a pause
    qtbot.waitUntil(lambda: note_of(other, first) == "seen from the ridge", timeout=3000)
    assert QApplication.focusWidget() is panel.note  # saved without leaving the box
    assert "edit note" in window.status.saved.text()  # the status bar says it is saved
    panel.grab().save("/tmp/work/typing_note_saved.png")


def test_one_undo_takes_back_the_whole_typing_and_redo_brings_it_back(window, typing, ws, qtbot):
    pane, first, _second = typing
    panel, stack = window.annotations, window.editor.undo_stack
    before = stack.count()
    type_note(qtbot, panel, ws, first, "abc")
    type_note(qtbot, panel, ws, first, " def")
    qtbot.keyClicks(panel.note, " ghi")
    pane.view.setFocus()  # leaving the box saves the rest at once: the same edit
    assert note_of(ws, first) == "abc def ghi"
    assert stack.count() == before + 1 and stack.undoText() == "edit note"
    stack.undo()
    assert note_of(ws, first) == ""
    qtbot.waitUntil(lambda: panel.note.toPlainText() == "")  # the box follows
    stack.redo()
    assert note_of(ws, first) == "abc def ghi"
    qtbot.waitUntil(lambda: panel.note.toPlainText() == "abc def ghi")
    stack.undo()  # and back again: the versions still agree
    assert note_of(ws, first) == ""


def test_a_new_session_after_an_undo_leaving_the_box_or_another_edit(window, typing, ws, qtbot):
    pane, first, second = typing
    panel, stack = window.annotations, window.editor.undo_stack
    type_note(qtbot, panel, ws, first, "one")
    window.editor.retag(pane.doc.id, pane.doc.spans.get(second), "opinion")
    stack.undo()  # the typing's edit is on top again, but something came in between
    type_note(qtbot, panel, ws, first, " two")
    pane.view.setFocus()
    click_into(qtbot, panel.note, panel.note.viewport())  # back into the box
    qtbot.keyClick(panel.note, Qt.Key.Key_End)
    type_note(qtbot, panel, ws, first, " three")
    window.editor.retag(pane.doc.id, pane.doc.spans.get(second), "opinion")  # in between
    type_note(qtbot, panel, ws, first, " four")
    for note, label in (
        ("one two three", "opinion"),
        ("one two three", "claim"),
        ("one two", "claim"),
        ("one", "claim"),
        ("", "claim"),
    ):
        stack.undo()
        assert (note_of(ws, first), ws.annotations.get(second).label) == (note, label)
    assert stack.undoText() == "tag 'Claim'"  # the rest was the spans' own


def test_typing_back_to_the_start_leaves_nothing_to_undo(window, typing, ws, qtbot):
    _pane, first, _second = typing
    panel, stack = window.annotations, window.editor.undo_stack
    before = stack.count()
    type_note(qtbot, panel, ws, first, "x")
    assert stack.count() == before + 1
    qtbot.keyClick(panel.note, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: note_of(ws, first) == "", timeout=3000)
    assert stack.count() == before


def test_a_span_change_mid_typing_saves_to_the_span_typed_for(window, typing, ws, qtbot):
    pane, first, second = typing
    panel = window.annotations
    qtbot.keyClicks(panel.note, "for the governor")
    assert panel.note_saver.pending
    pane.view.set_current(second)  # before the pause is over
    assert note_of(ws, first) == "for the governor"
    assert note_of(ws, second) == ""
    assert panel.note.toPlainText() == "" and not panel.note_saver.pending
    assert not panel.note_saver.timer.isActive()
    qtbot.keyClicks(panel.note, "craters")  # the second span's own note, its own edit
    qtbot.waitUntil(lambda: note_of(ws, second) == "craters", timeout=3000)
    assert note_of(ws, first) == "for the governor"
    window.editor.undo_stack.undo()
    assert (note_of(ws, first), note_of(ws, second)) == ("for the governor", "")


def test_leaving_the_box_saves_at_once(window, typing, ws, qtbot):
    pane, first, _second = typing
    panel = window.annotations
    qtbot.keyClicks(panel.note, "left at once")
    pane.view.setFocus()
    assert note_of(ws, first) == "left at once"
    assert not panel.note_saver.pending and not panel.note_saver.timer.isActive()


def test_a_save_refused_mid_typing_is_told_once_and_never_retried_unasked(
    window, typing, ws, other, qtbot, no_blocking_boxes
):
    _pane, first, _second = typing
    panel = window.annotations
    window.external.stop()  # (it would notice the other edit and take it in)
    other.annotations.edit(first, note="written elsewhere")  # the app does not know yet
    qtbot.keyClicks(panel.note, "mine")
    qtbot.waitUntil(lambda: bool(no_blocking_boxes), timeout=3000)
    assert "changed since you loaded it" in no_blocking_boxes[-1][1]
    assert note_of(ws, first) == "written elsewhere"
    assert panel.note.toPlainText() == "mine" and not panel.note_saver.pending
    window.library.filter.setFocus()  # leaving the box: nothing typed since, no second try
    assert len(no_blocking_boxes) == 1 and note_of(ws, first) == "written elsewhere"


def test_closing_the_window_saves_what_is_being_typed(window, typing, tmp_path, qtbot):
    _pane, first, _second = typing
    panel = window.annotations
    qtbot.keyClicks(panel.note, "typed just before closing")
    window.close()
    with open_workspace(str(tmp_path / "a.sqlite3"), backup=False) as fresh:
        assert note_of(fresh, first) == "typed just before closing"


def test_after_the_pause_the_text_is_on_disk(window, typing, tmp_path, qtbot):
    """Crash-like: the database files as they are on disk once the pause is over (the app
    still running, never closed), opened afresh elsewhere, hold the typed text."""
    _pane, first, _second = typing
    panel = window.annotations
    qtbot.keyClicks(panel.note, "mid-typing, then a crash")
    panel.grab().save("/tmp/work/typing_note_pending.png")
    assert panel.note_saver.pending
    qtbot.waitUntil(lambda: not panel.note_saver.pending, timeout=3000)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for path in tmp_path.glob("a.sqlite3*"):  # the file, its WAL and shared memory
        shutil.copy(path, crashed / path.name)
    with open_workspace(str(crashed / "a.sqlite3"), backup=False) as fresh:
        assert note_of(fresh, first) == "mid-typing, then a crash"


# -- the field form ------------------------------------------------------------------------------
@pytest.fixture
def report(window, ws, qtbot):
    doc = ws.add_document(FIGURES, title="Hospital figures")
    pane = window.open_beside(doc)
    start = FIGURES.index("14 people")
    span_id = window.editor.tag(doc, start, FIGURES.index(" in the strike"), "casualty_report")
    pane.view.set_current(span_id)
    form = window.annotations.fields
    qtbot.waitUntil(form.isVisible)
    return pane, span_id, form


def attributes_of(workspace, span_id):
    return workspace.annotations.get(span_id).attributes


def test_a_text_field_is_saved_while_typing_and_undone_in_one_step(
    window, report, other, ws, qtbot
):
    _pane, span_id, form = report
    stack = window.editor.undo_stack
    before = stack.count()
    place = form.widgets["place"]
    click_into(qtbot, place)
    qtbot.keyClicks(place, "Marenz")
    assert attributes_of(other, span_id) == {}
    qtbot.waitUntil(lambda: attributes_of(other, span_id) == {"place": "Marenz"}, timeout=3000)
    qtbot.keyClicks(place, " hospital")
    qtbot.waitUntil(lambda: attributes_of(ws, span_id).get("place") == "Marenz hospital")
    assert QApplication.focusWidget() is place
    window.annotations.grab().save("/tmp/work/typing_field_saved.png")
    qtbot.keyClick(place, Qt.Key.Key_Tab)  # leaving the field: nothing more to save
    assert stack.count() == before + 1
    stack.undo()
    assert attributes_of(ws, span_id) == {}
    stack.redo()
    assert attributes_of(ws, span_id) == {"place": "Marenz hospital"}


def test_values_that_do_not_validate_are_not_saved_while_typing(
    window, report, ws, qtbot, no_blocking_boxes
):
    _pane, span_id, form = report
    saver = window.annotations.field_saver
    killed = form.widgets["killed"]
    click_into(qtbot, killed.boxes["low"])
    qtbot.keyClicks(killed.boxes["low"], "12a")  # a number box takes no letter
    qtbot.waitUntil(lambda: attributes_of(ws, span_id).get("killed") is not None, timeout=3000)
    assert attributes_of(ws, span_id)["killed"] == {"low": 12, "best": None, "high": None}
    click_into(qtbot, killed.boxes["high"])
    qtbot.keyClicks(killed.boxes["high"], "3")  # low 12 > high 3: not saved, no message
    qtbot.waitUntil(lambda: not saver.timer.isActive(), timeout=3000)
    assert attributes_of(ws, span_id)["killed"]["high"] is None
    assert saver.pending and no_blocking_boxes == []
    qtbot.keyClicks(killed.boxes["high"], "0")  # 30: valid, saved
    qtbot.waitUntil(lambda: attributes_of(ws, span_id)["killed"]["high"] == 30, timeout=3000)
    date = form.widgets["date"]
    click_into(qtbot, date)
    qtbot.keyClicks(date, "2026-1")  # half a date
    qtbot.waitUntil(lambda: not saver.timer.isActive(), timeout=3000)
    assert "date" not in attributes_of(ws, span_id) and no_blocking_boxes == []
    qtbot.keyClicks(date, "1-30")
    qtbot.waitUntil(lambda: attributes_of(ws, span_id).get("date") == "2026-11-30", timeout=3000)
    qtbot.keyClick(date, Qt.Key.Key_Backspace)  # a bad date left behind: explained, not saved
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    assert "Date" in no_blocking_boxes[-1][1]
    assert attributes_of(ws, span_id).get("date") == "2026-11-30"


def test_a_span_change_mid_typing_saves_the_field_to_its_span(window, report, ws, qtbot):
    pane, span_id, form = report
    start = FIGURES.index("3 killed")
    second = window.editor.tag(pane.doc.id, start, start + 8, "casualty_report")
    pane.view.set_current(span_id)
    qtbot.waitUntil(lambda: window.annotations._form_span == span_id)
    place = form.widgets["place"]
    click_into(qtbot, place)
    qtbot.keyClicks(place, "Marenz")
    pane.view.set_current(second)  # before the pause is over
    assert attributes_of(ws, span_id) == {"place": "Marenz"}
    assert attributes_of(ws, second) == {}
    qtbot.waitUntil(lambda: window.annotations._form_span == second)
    assert form.widgets["place"].text() == ""


def test_closing_the_window_saves_the_field_being_typed(window, report, tmp_path, qtbot):
    _pane, span_id, form = report
    place = form.widgets["place"]
    click_into(qtbot, place)
    qtbot.keyClicks(place, "Marenz")
    window.close()
    with open_workspace(str(tmp_path / "a.sqlite3"), backup=False) as fresh:
        assert attributes_of(fresh, span_id) == {"place": "Marenz"}
