"""The label scheme editor, find in document and the help dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.gui.dialogs.help_dialog import HelpDialog, shortcuts_html
from annotator.gui.dialogs.label_editor import LabelEditorDialog

from .conftest import TEXT, u16


def test_label_editor_rename_recolour_keys_reorder_add_delete(window, ws, qtbot, no_blocking_boxes):
    dialog = LabelEditorDialog(ws, window.documents, window)
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
    assert "not changed" in no_blocking_boxes[-1][0]
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


def test_help_lists_every_shortcut(window, qtbot):
    html = shortcuts_html()
    for keys in ("Ctrl+Z", "Ctrl+Shift+Z", "Tab / Shift+Tab", "Alt+Shift+Left", "Ctrl+F", "Del"):
        assert keys in html
    dialog = HelpDialog(window)
    qtbot.addWidget(dialog)
    assert "Exact characters" in dialog.browser.toPlainText()
