"""The label scheme editor, find in document and the help dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.gui.dialogs.help_dialog import HelpDialog, shortcuts_html
from annotator.gui.dialogs.label_editor import LabelEditorDialog

from ..conftest import TEXT, u16


def test_label_editor_rename_recolour_keys_reorder_add_delete(window, ws, qtbot, no_blocking_boxes):
    dialog = LabelEditorDialog(window.editor, window.documents, window)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.setData(model.index(0, 1), "Factual claim")
    assert ws.labels.get("claim").name == "Factual claim"
    dialog.choose_color(0, QColor("#123456"))
    assert ws.labels.get("claim").color == "#123456"
    assert model.setData(model.index(0, 3), "9")
    assert ws.labels.get("claim").shortcut == "9"
    assert window.documents.labels.by_shortcut["9"].key == "claim"  # the views follow
    assert not model.setData(model.index(1, 3), "9")  # taken: refused with a message
    assert "9" in no_blocking_boxes[-1][1] and "taken" in no_blocking_boxes[-1][1]
    dialog.table.selectRow(0)
    dialog.move(1)
    assert [lb.key for lb in ws.labels.list()][:2] == ["casualty_report", "claim"]
    dialog.add_label("rumour")
    assert ws.labels.get("rumour").shortcut == "1"  # the first free key
    assert "Rumour" in window.label_bar.buttons["rumour"].text()
    dialog.table.selectRow(model.rowCount() - 1)
    dialog.delete_label()
    assert "rumour" not in {lb.key for lb in ws.labels.list()}
    assert model.setData(model.index(1, 2), "assertion")  # rename the key itself
    assert ws.labels.get("assertion").name == "Factual claim"
    dialog.close()


def test_every_label_edit_is_undoable_and_redoable(window, ws, qtbot, no_blocking_boxes):
    """Add (the button, as clicked), rename, recolour, re-key, shortcut, reorder, delete: each
    one step of Edit > Undo, and Redo puts it back, by label id."""
    dialog = LabelEditorDialog(window.editor, window.documents, window)
    qtbot.addWidget(dialog)
    model, stack = dialog.model, window.editor.undo_stack

    def scheme():
        return [(lb.id, lb.key, lb.name, lb.color, lb.shortcut) for lb in ws.labels.list()]

    states = [scheme()]
    dialog.add_label("rumour")
    states.append(scheme())
    assert model.setData(model.index(0, 1), "Factual claim")
    states.append(scheme())
    dialog.choose_color(0, QColor("#123456"))
    states.append(scheme())
    assert model.setData(model.index(0, 2), "assertion")
    states.append(scheme())
    assert model.setData(model.index(0, 3), "0")
    states.append(scheme())
    dialog.table.selectRow(0)
    dialog.move(1)
    states.append(scheme())
    dialog.table.selectRow(model.rowCount() - 1)
    dialog.delete_label()
    states.append(scheme())
    assert stack.count() == len(states) - 1
    assert stack.undoText() == "delete label 'Rumour'"
    for expected in reversed(states[:-1]):
        stack.undo()
        assert scheme() == expected
    assert [(lb.key, lb.name) for lb in window.documents.labels.records] == [
        (key, name) for _, key, name, *_ in states[0]
    ]  # the views followed every step
    for expected in states[1:]:
        stack.redo()
        assert scheme() == expected
    assert no_blocking_boxes == []
    dialog.close()


def test_add_button_as_clicked_adds_a_label(window, ws, qtbot, monkeypatch):
    """The button's clicked(bool) must not reach add_label as the key (it raised before)."""
    from PySide6.QtWidgets import QInputDialog

    dialog = LabelEditorDialog(window.editor, window.documents, window)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("rumour", True))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert "rumour" in {lb.key for lb in ws.labels.list()}
    dialog.close()


def test_undo_of_retag_and_delete_survives_a_key_rename(window, ws, doc_id, qtbot):
    pane = window.open_beside(doc_id)
    stack = window.editor.undo_stack
    span_id = window.editor.tag(doc_id, 0, 5, "claim")
    window.editor.retag(doc_id, pane.doc.spans.get(span_id), "opinion")
    window.editor.delete(doc_id, pane.doc.spans.get(span_id))
    ws.labels.update("claim", new_key="assertion")  # outside the stack: keys change
    ws.labels.update("opinion", new_key="view")
    stack.undo()  # the delete: restored with its label (by id)
    assert ws.annotations.get(span_id).label == "view"
    stack.undo()  # the retag: back to the label once called "claim"
    assert ws.annotations.get(span_id).label == "assertion"
    assert [s.label for s in pane.doc.spans] == ["assertion"]
    stack.redo()
    stack.redo()
    assert ws.annotations.list(doc_id) == []


def test_undo_checks_the_version_even_when_the_pane_is_closed(
    window, ws, doc_id, qtbot, no_blocking_boxes
):
    pane = window.open_beside(doc_id)
    span_id = window.editor.tag(doc_id, 0, 5, "claim")
    window.editor.retag(doc_id, pane.doc.spans.get(span_id), "opinion")
    window.panes.close_pane(pane)
    assert window.documents.get(doc_id) is None
    # someone else edits the span meanwhile (another process: no notice reaches this window)
    from annotator import open_workspace

    other = open_workspace(ws.url)
    other.annotations.edit(span_id, note="theirs")
    other.close()
    window.editor.undo_stack.undo()  # undo of the retag must be refused, not overwrite
    assert ws.annotations.get(span_id).label == "opinion"
    assert ws.annotations.get(span_id).note == "theirs"
    assert "changed since you loaded it" in no_blocking_boxes[-1][1]


def test_renamed_label_key_reloads_open_spans(window, ws, doc_id, qtbot):
    pane = window.open_beside(doc_id)
    ws.annotations.add(doc_id, 0, 5, "claim")
    ws.labels.update("claim", new_key="assertion")
    assert [s.label for s in pane.doc.spans] == ["assertion"]


def test_find_highlights_all_matches_and_steps(window, doc_id, qtbot):
    pane = window.open_beside(doc_id)
    window.find_in_document()
    bar = pane.find_bar
    assert bar.isVisible()
    bar.edit.setText("ministry")
    bar.search()
    matches = pane.view.matches
    assert len(matches) == 2
    assert bar.count.text() == "1 of 2"
    first = TEXT.index("ministry")
    cursor = pane.view.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (
        u16(TEXT, first),
        u16(TEXT, first + 8),
    )
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 2"
    second = TEXT.index("ministry", first + 1)
    assert pane.view.textCursor().selectionStart() == u16(TEXT, second)
    bar.edit.setText("🕊️")
    bar.search()
    assert len(pane.view.matches) == 2
    pane.view.grab()  # paints the highlights from the list
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and len(pane.view.matches) == 0


def test_help_lists_every_shortcut_and_the_current_label_keys(window, ws, qtbot):
    from annotator.gui.shell.shortcuts import SHORTCUTS

    ws.labels.update("claim", shortcut="c")
    html = shortcuts_html(window.documents.labels.records)
    for shortcut in SHORTCUTS:
        for key in shortcut.keys:
            assert key in html
    assert "<b>c</b></td><td>Tag the selection as <i>Claim</i>" in html
    assert "1 … 4" not in html
    dialog = HelpDialog(window.documents.labels.records, window)
    qtbot.addWidget(dialog)
    assert "Exact characters" in dialog.browser.toPlainText()


def test_menus_register_the_keys_of_the_shortcut_table(window):
    from PySide6.QtGui import QKeySequence

    from annotator.gui.shell.shortcuts import BY_NAME

    portable = QKeySequence.SequenceFormat.PortableText
    checked = 0
    for name, action in window.actions_by_name.items():
        shortcut = BY_NAME.get(name)
        if shortcut is None:
            continue
        registered = [k.toString(portable) for k in action.shortcuts()]
        if shortcut.scope == "view":  # shown in the text, handled by the view
            assert registered == [] and action.text().endswith("\t" + shortcut.keys[0])
        else:
            expected = [QKeySequence(k).toString(portable) for k in shortcut.keys]
            assert registered == expected, name
        checked += 1
    assert checked >= 24


def test_view_keys_follow_the_table(window, ws, doc_id, qtbot, monkeypatch):
    """Rebinding an entry of the table rebinds the document view's key."""
    from PySide6.QtGui import QKeySequence

    from annotator.gui.document import document_view

    pane = window.open_beside(doc_id)
    view = pane.view
    window.editor.tag(doc_id, 0, 5, "claim")
    view.set_current(next(iter(view.doc.spans)).id)
    portable = QKeySequence.SequenceFormat.PortableText
    rebound = {QKeySequence("Ctrl+D").toString(portable): "delete_span"}
    monkeypatch.setattr(document_view, "VIEW_KEYS", rebound)
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # no longer bound
    assert len(view.doc.spans) == 1
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(view.doc.spans) == 0
