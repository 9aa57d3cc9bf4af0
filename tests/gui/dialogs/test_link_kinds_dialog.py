"""The link kinds manager: add, rename, recolour, symmetric (a real click on the box),
delete; each one step of undo and redo; a kind that links have is not deleted."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QInputDialog, QLineEdit

from annotator.gui.dialogs.link_kinds_dialog import SYMMETRIC, LinkKindsDialog


def _dialog(window, qtbot):
    dialog = LinkKindsDialog(window.editor, window.bridge, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _kinds(ws):
    return [(k.id, k.key, k.name, k.color, k.directed) for k in ws.links.kinds()]


def _cell(dialog, row, column):
    return dialog.table.visualRect(dialog.model.index(row, column)).center()


def test_add_rename_recolour_symmetric_delete_with_undo(
    window, ws, qtbot, monkeypatch, no_blocking_boxes
):
    dialog = _dialog(window, qtbot)
    stack, table = window.editor.undo_stack, dialog.table
    states = [_kinds(ws)]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("echoes", True))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    states.append(_kinds(ws))
    row = dialog.model.rowCount() - 1
    assert states[-1][-1][1:] == ("echoes", "Echoes", "#56B4E9", True)
    assert dialog.current_row() == row
    # rename: double-click the name, type, Enter
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=_cell(dialog, row, 1))
    box = table.findChild(QLineEdit)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "Echoes back")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    states.append(_kinds(ws))
    assert states[-1][-1][2] == "Echoes back"
    dialog.choose_color(row, QColor("#123456"))
    states.append(_kinds(ws))
    # symmetric: a click on the check box (at the cell's left)
    rect = table.visualRect(dialog.model.index(row, SYMMETRIC))
    box_at = QPoint(rect.left() + 10, rect.center().y())
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box_at)
    states.append(_kinds(ws))
    assert states[-1][-1][4] is False  # symmetric
    dialog.grab().save("/tmp/work/link_kinds.png")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    states.append(_kinds(ws))
    assert "echoes" not in {k[1] for k in states[-1]}
    assert stack.count() == len(states) - 1
    for expected in reversed(states[:-1]):
        stack.undo()
        assert _kinds(ws) == expected
        keys = [k[1] for k in expected]
        qtbot.waitUntil(lambda keys=keys: [k.key for k in dialog.model.records] == keys)
    for expected in states[1:]:
        stack.redo()
        assert _kinds(ws) == expected
    assert no_blocking_boxes == []


def test_a_kind_in_use_is_not_deleted(window, ws, qtbot, no_blocking_boxes):
    doc = ws.add_document("The dam was shelled. It was not, they said.", outlet="W")
    s1 = ws.annotations.add(doc, 0, 20, "claim").added[0]
    s2 = ws.annotations.add(doc, 21, 43, "statement").added[0]
    ws.links.add(s2.id, s1.id, "denies")
    dialog = _dialog(window, qtbot)
    before = _kinds(ws)
    row = [k.key for k in dialog.model.records].index("denies")
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=_cell(dialog, row, 1))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert _kinds(ws) == before and window.editor.undo_stack.count() == 0
    assert "'Denies' is used by 1 link(s)" in no_blocking_boxes[-1][1]


def test_the_menu_opens_the_dialog(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(LinkKindsDialog, "exec", lambda self: opened.append(self) or 0)
    window.actions_by_name["link_kinds"].trigger()
    assert len(opened) == 1 and opened[0].model.rowCount() == 5


def test_link_kinds_model(qtmodeltester, window):
    from annotator.gui.dialogs.link_kinds_dialog import LinkKindsModel

    model = LinkKindsModel(window.editor)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 5
