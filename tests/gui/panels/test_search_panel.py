"""The Search panel: Ctrl+Shift+F, a query with a filter, Enter, and a hit opened in a pane
with the hit selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTreeView

from tests.services.search_corpus import SHELLING, TALKS, build


def _search(qtbot, window, query: str):
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    panel = window.search_panel
    box = panel.findChild(QLineEdit, "searchQuery")
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, query)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    return panel


def test_query_enter_and_open_a_hit(qtbot, window, ws):
    corpus = build(ws)
    window.search_panel.refresh_choices()
    panel = window.search_panel
    panel.outlet.setCurrentIndex(panel.outlet.findData("Wire One"))
    _search(qtbot, window, "vardane night")
    assert panel.status.text() == "4 hits in 1 document"
    tree = panel.findChild(QTreeView, "searchResults")
    model = panel.model
    assert model.rowCount() == 1 and model.index(0, 0).data().startswith("Night shelling")
    second = model.index(1, 0, model.index(0, 0))  # "Vardanë" in the title
    tree.setCurrentIndex(second)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    pane = window.panes.active
    assert pane is not None and pane.document_id == corpus.shelling
    hit = model.hit(second)
    assert pane.view.textCursor().selectedText() == SHELLING[hit.start : hit.end] == "Vardanë"
    assert TALKS  # (the other article: filtered out by the outlet)
    window.resize(1200, 720)
    window.resizeDocks([window.search_dock], [380], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    window.grab().save("/tmp/work/search.png")


def test_a_bad_query_says_why_and_shows_nothing(qtbot, window, ws):
    build(ws)
    panel = _search(qtbot, window, '"unclosed')
    assert "a quote is not closed" in panel.status.text()
    assert panel.model.rowCount() == 0
