"""The actors and events dialog, driven with clicks and keys: add (the name and kind asked),
edit a cell (F2, type, Enter), merge, delete (one spans name: asked, naming how many; the
references go from the spans' fields), each one step of the app's undo stack, undone and
redone with Ctrl+Z / Ctrl+Shift+Z in the dialog; opened from Annotate > Actors and events…."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLineEdit, QMessageBox

from annotator.gui.dialogs.registry_manager import RegistryManagerDialog

MOD = "Ministry of Defense of Azerbaijan"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _names(tab):
    return [tab.model.data(tab.model.index(r, 0)) for r in range(tab.model.rowCount())]


def _answer(qtbot, *steps):
    """Answer the modal boxes the next click opens, one step each: a text to type into an
    input dialog (its line edit, or its list: typed to pick an item), or the caption of a
    message box button to click."""
    steps = list(steps)
    seen = []

    def step():
        box = QApplication.activeModalWidget()
        if box is None or box in seen:
            QTimer.singleShot(20, step)
            return
        seen.append(box)
        answer = steps.pop(0)
        if isinstance(box, QMessageBox):
            qtbot.mouseClick(next(b for b in box.buttons() if b.text() == answer), Qt.LeftButton)
        else:
            assert isinstance(box, QInputDialog)
            field = box.findChild(QLineEdit) or box.findChild(QComboBox)
            if isinstance(field, QLineEdit):
                field.selectAll()
            qtbot.keyClicks(field, answer)
            qtbot.keyClick(field, Qt.Key.Key_Return)
        if steps:
            QTimer.singleShot(20, step)

    QTimer.singleShot(20, step)


def _edit_cell(qtbot, tab, record_id, column, text):
    """F2 on the cell, the new text typed over the old, Enter."""
    _activate(qtbot, tab.window())
    index = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(record_id), column))
    tab.table.setFocus()
    tab.table.setCurrentIndex(index)
    assert tab.table.currentIndex() == index
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    assert tab.table.state() == tab.table.State.EditingState
    editor = QApplication.focusWidget()  # the cell's editor (an old one may linger, closed)
    assert isinstance(editor, QLineEdit) and editor.parent() is tab.table.viewport()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.table.state() == tab.table.State.NoState)


def _activate(qtbot, dialog):
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def _undo(qtbot, dialog, redo=False):
    _activate(qtbot, dialog)
    table = dialog.tabs.currentWidget().table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL | SHIFT if redo else CTRL)


def test_actor_add_and_edits_each_undone_and_redone(window, ws, doc_id, qtbot, no_blocking_boxes):
    keep = ws.actors.add(MOD, kind="state body", side="Azerbaijan").actors_added[0]
    dialog = RegistryManagerDialog(window.editor, window.bridge, window)
    qtbot.addWidget(dialog)
    dialog.show()
    tab, stack = dialog.actors, window.editor.undo_stack

    _answer(qtbot, "Haqqin.az", "outlet")
    qtbot.mouseClick(tab.add_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: ws.actors.find("haqqin az") is not None)
    added = ws.actors.get("haqqin az")
    assert added.kind == "outlet" and _names(tab) == ["Haqqin.az", MOD]
    assert stack.undoText() == "add actor 'Haqqin.az'"
    _undo(qtbot, dialog)
    assert ws.actors.find(added.id) is None and _names(tab) == [MOD]
    _undo(qtbot, dialog, redo=True)
    assert ws.actors.get(added.id) == added and _names(tab) == ["Haqqin.az", MOD]

    _edit_cell(qtbot, tab, keep.id, 3, "Republic of Azerbaijan")  # side
    _edit_cell(qtbot, tab, keep.id, 1, "AZ MoD; Azerbaijani MoD")  # aliases
    _edit_cell(qtbot, tab, keep.id, 0, "MoD of Azerbaijan")  # name
    now = ws.actors.get(keep.id)
    assert (now.name, now.side, now.aliases) == (
        "MoD of Azerbaijan", "Republic of Azerbaijan", ("AZ MoD", "Azerbaijani MoD"),
    )  # fmt: skip
    assert stack.undoText() == f"rename actor '{MOD}' to 'MoD of Azerbaijan'"
    for _ in range(3):
        _undo(qtbot, dialog)
    assert ws.actors.get(keep.id) == keep
    assert tab.model.data(tab.model.index(tab.model.row_of(keep.id), 3)) == "Azerbaijan"
    for _ in range(3):
        _undo(qtbot, dialog, redo=True)
    assert ws.actors.get(keep.id) == now

    # someone else changed the actor: undo of the edit is refused, the actor stays theirs
    ws.actors.update(keep.id, side="elsewhere")
    _undo(qtbot, dialog)
    assert ws.actors.get(keep.id).side == "elsewhere"
    assert "was changed since" in no_blocking_boxes[-1][1]
    assert not stack.canRedo()  # the refused step left the stack


def test_delete_of_a_named_actor_asks_and_undo_puts_back_every_reference(
    window, ws, doc_id, qtbot, no_blocking_boxes
):
    keep = ws.actors.add(MOD, kind="state body", side="Azerbaijan").actors_added[0]
    gone = ws.actors.add("Azerbaijani MoD", kind="state body", aliases=["AZ MoD"]).actors_added[0]
    ws.actors.add("Armenian MoD", kind="state body")
    first = ws.annotations.add(doc_id, 0, 5, "claim").added[0]
    second = ws.annotations.add(
        doc_id, 6, 11, "claim", attributes={"source": {"actor": gone.id}, "note": "x"}
    ).added[0]
    editor = window.editor
    many = {"by": [{"actor": keep.id}, {"actor": gone.id}]}
    editor.edit_attributes(doc_id, first, many)  # one step of the stack, before the registry's
    dialog = RegistryManagerDialog(editor, window.bridge, window)
    qtbot.addWidget(dialog)
    dialog.show()
    tab, stack = dialog.actors, editor.undo_stack

    tab.select([keep.id, gone.id])
    assert tab.merge_selected(keep.id, ask=False)
    row = tab.model.row_of(keep.id)
    assert tab.model.data(tab.model.index(row, 1)) == "AZ MoD, Azerbaijani MoD"
    dialog.resize(880, 420)
    qtbot.wait(50)
    dialog.grab().save("/tmp/work/actors_after_merge.png")
    _undo(qtbot, dialog)
    assert ws.annotations.get(first.id).attributes == many
    assert "Azerbaijani MoD" in _names(tab)

    tab.select([gone.id])
    assert tab.delete_button.isEnabled()
    _answer(qtbot, "Cancel")
    qtbot.mouseClick(tab.delete_button, Qt.LeftButton)
    assert ws.actors.find(gone.id) is not None  # declined: nothing deleted
    asked = []
    _answer(qtbot, "Delete")
    QTimer.singleShot(10, lambda: asked.append(QApplication.activeModalWidget().text()))
    qtbot.mouseClick(tab.delete_button, Qt.LeftButton)
    assert asked == ["Delete 'Azerbaijani MoD'? 2 spans name this actor."]
    assert ws.actors.find(gone.id) is None and ws.actors.find("AZ MoD") is None
    assert ws.annotations.get(first.id).attributes == {"by": [{"actor": keep.id}]}
    assert ws.annotations.get(second.id).attributes == {"note": "x"}
    assert stack.undoText() == "delete actor 'Azerbaijani MoD'"

    _undo(qtbot, dialog)
    assert ws.actors.get(gone.id).aliases == ("AZ MoD",) and ws.actors.get(gone.id).references == 2
    assert ws.annotations.get(first.id).attributes == many
    assert ws.annotations.get(second.id).attributes == second.attributes
    row = tab.model.row_of(gone.id)
    assert tab.model.data(tab.model.index(row, 4)) == "2"
    qtbot.wait(50)
    dialog.grab().save("/tmp/work/actors_after_undone_delete.png")
    _undo(qtbot, dialog, redo=True)
    assert ws.actors.find(gone.id) is None
    assert ws.annotations.get(second.id).attributes == {"note": "x"}
    _undo(qtbot, dialog)
    assert ws.annotations.get(second.id).attributes == second.attributes

    # the span's versions moved with every step: the span edit below them still undoes
    _undo(qtbot, dialog)
    assert ws.annotations.get(first.id).attributes == {}
    assert not [m for t, m in no_blocking_boxes if "changed" in m]

    # a span changed after the deletion: its undo is refused, nothing comes back
    stack.redo()  # the span edit again
    stack.redo()  # the merge
    stack.undo()
    tab.select([gone.id])
    tab.delete_selected(ask=False)
    now = ws.annotations.get(second.id)
    ws.annotations.edit(second.id, attributes={"note": "y"}, expected_version=now.version)
    _undo(qtbot, dialog)
    assert ws.actors.find(gone.id) is None
    assert "changed since the deletion" in no_blocking_boxes[-1][1]
    dialog.close()


def test_events_tab_edit_delete_undo_and_the_menu_action(window, ws, doc_id, qtbot, monkeypatch):
    keep = ws.events.add("Shelling of Ganja", date="2020-10-11").events_added[0]
    gone = ws.events.add("Ganja shelling", place="Ganja").events_added[0]
    span = ws.annotations.add(doc_id, 0, 5, "claim", attributes={"event": {"event": gone.id}})
    span, gone = span.added[0], ws.events.get(gone.id)
    opened = []
    monkeypatch.setattr(RegistryManagerDialog, "exec", lambda self: opened.append(self))
    action = next(
        a for m in window.menuBar().actions() if m.text() == "&Annotate"
        for a in m.menu().actions() if a.text() == "Actors and &events…"
    )  # fmt: skip
    action.trigger()
    (dialog,) = opened
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.events)
    tab = dialog.events
    assert _names(tab) == ["Shelling of Ganja", "Ganja shelling"]  # by date, undated last
    _edit_cell(qtbot, tab, keep.id, 2, "Ganja city")
    _edit_cell(qtbot, tab, gone.id, 1, "2020-10-17")
    assert ws.events.get(keep.id).place == "Ganja city"
    assert ws.events.get(gone.id).date.isoformat() == "2020-10-17"
    qtbot.mouseClick(dialog.undo_button, Qt.LeftButton)
    assert ws.events.get(gone.id) == gone
    tab.select([keep.id, gone.id])
    assert tab.merge_selected(keep.id, ask=False)
    assert ws.annotations.get(span.id).attributes == {"event": {"event": keep.id}}
    qtbot.mouseClick(dialog.undo_button, Qt.LeftButton)
    assert ws.annotations.get(span.id).attributes == span.attributes

    tab.select([gone.id])
    _answer(qtbot, "Delete")
    qtbot.mouseClick(tab.delete_button, Qt.LeftButton)
    assert ws.annotations.get(span.id).attributes == {}
    assert _names(tab) == ["Shelling of Ganja"]
    qtbot.mouseClick(dialog.undo_button, Qt.LeftButton)
    assert ws.events.get(gone.id) == gone and _names(tab) == ["Shelling of Ganja", "Ganja shelling"]
    assert ws.annotations.get(span.id).attributes == span.attributes
    qtbot.mouseClick(dialog.redo_button, Qt.LeftButton)
    assert ws.events.find(gone.id) is None
    dialog.close()
