"""The fields of a label in the label scheme editor, driven with real clicks and keys: rename,
kind, choices, hint, add, remove, reorder, each one step of undo and redo; refusals shown
under the form in the service's words, nothing saved."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.gui.dialogs.label_editor import LabelEditorDialog


def _open(window, qtbot, key="casualty_report"):
    dialog = LabelEditorDialog(window.editor, window.documents, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    row = [lb.key for lb in dialog.model.records].index(key)
    rect = dialog.table.visualRect(dialog.model.index(row, 1))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.fields.label_id == window.workspace.labels.get(key).id
    return dialog, dialog.fields


def _click_field(fields, qtbot, name):
    names = [s["name"] for s in fields._specs]
    item = fields.list.topLevelItem(names.index(name))
    rect = fields.list.visualItemRect(item)
    qtbot.mouseClick(fields.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert fields.name.text() == name


def _type(qtbot, box, text):
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_every_field_edit_is_one_undoable_step(window, ws, qtbot, no_blocking_boxes):
    dialog, fields = _open(window, qtbot)
    stack = window.editor.undo_stack

    def schema():
        return ws.labels.get("casualty_report").fields.to_json()

    states = [schema()]
    _click_field(fields, qtbot, "place")
    _type(qtbot, fields.name, "location")  # rename
    states.append(schema())
    assert [f["name"] for f in states[-1]][8] == "location"
    _type(qtbot, fields.title, "Where")  # title
    states.append(schema())
    fields.kind.setFocus()
    qtbot.keyClicks(fields.kind, "choice")  # kind: refused until it has values
    assert fields.kind.currentText() == "choice"
    assert schema() == states[-1] and stack.count() == len(states) - 1
    assert fields.error.isVisible() and "needs a list of values" in fields.error.text()
    assert "location" in fields.error.text()
    _type(qtbot, fields.choices, "north, south,east")  # kind and values: one step
    states.append(schema())
    assert states[-1][8] == {
        "name": "location",
        "kind": "choice",
        "title": "Where",
        "choices": ["north", "south", "east"],
    }
    assert not fields.error.isVisible()
    _click_field(fields, qtbot, "side_affected")
    _type(qtbot, fields.hint, "the outlet itself")  # hint
    states.append(schema())
    _click(qtbot, fields.add_button)  # add
    states.append(schema())
    assert states[-1][-1] == {"name": "new_field", "kind": "text"}
    assert dialog.focusWidget() is fields.name and fields.name.selectedText() == "new_field"
    qtbot.keyClicks(fields.name, "shelter")
    qtbot.keyClick(fields.name, Qt.Key.Key_Return)
    states.append(schema())
    _click(qtbot, fields.up_button)  # reorder
    states.append(schema())
    assert [f["name"] for f in states[-1]][-2:] == ["shelter", "event"]
    assert fields.name.text() == "shelter"
    _click_field(fields, qtbot, "missing")
    _click(qtbot, fields.remove_button)  # remove
    states.append(schema())
    assert "missing" not in {f["name"] for f in states[-1]}
    assert stack.count() == len(states) - 1
    assert stack.undoText() == "edit the fields of 'Casualty report'"
    for expected in reversed(states[:-1]):
        stack.undo()
        assert schema() == expected
        qtbot.waitUntil(lambda e=expected: fields._specs == e)  # the list follows
    for expected in states[1:]:
        stack.redo()
        assert schema() == expected
    assert no_blocking_boxes == []
    dialog.close()


def test_refusals_are_shown_inline_and_nothing_is_saved(window, ws, qtbot, no_blocking_boxes):
    dialog, fields = _open(window, qtbot)
    before = ws.labels.get("casualty_report").fields
    _click_field(fields, qtbot, "killed")
    _type(qtbot, fields.name, "Killed people")
    assert "'Killed people' must be lower-case letters, digits and _" in fields.error.text()
    _type(qtbot, fields.name, "wounded")
    assert "field 'wounded' is there twice" in fields.error.text()
    assert ws.labels.get("casualty_report").fields == before
    assert window.editor.undo_stack.count() == 0 and no_blocking_boxes == []
    assert fields.name.text() == "wounded"  # the draft stays to be mended
    _click_field(fields, qtbot, "who")  # another field: the draft and its error go
    assert not fields.error.isVisible()
    _type(qtbot, fields.choices, "civilian, civilian")
    assert "lists a value twice" in fields.error.text()
    dialog.close()


def test_fields_follow_the_selected_label_and_screenshot(window, ws, qtbot):
    dialog, fields = _open(window, qtbot)
    assert [fields.list.topLevelItem(i).text(0) for i in range(3)] == [
        "killed",
        "wounded",
        "missing",
    ]
    assert dialog.fields_box.title() == "Fields of 'Casualty report'"
    _click_field(fields, qtbot, "who")
    assert fields.choices.isEnabled() and "civilian, military" in fields.choices.text()
    _type(qtbot, fields.name, "Who?")
    qtbot.wait(50)
    dialog.grab().save("/tmp/work/fields_editor.png")
    row = [lb.key for lb in dialog.model.records].index("opinion")
    rect = dialog.table.visualRect(dialog.model.index(row, 1))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [s["name"] for s in fields._specs] == ["holder"]
    assert fields.hint.text() == "the outlet itself" and not fields.choices.isEnabled()
    dialog.close()
