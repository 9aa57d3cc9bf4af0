"""The library's document commands: delete with confirmation (undo restores every span with
its id), collections from the menu (undoable), the collection filter, and the filter text
over byline, outlet, collection and date."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ..conftest import TEXT


@pytest.fixture
def asked(monkeypatch):
    """Confirmations answered yes; what they said is recorded."""
    questions: list[tuple[str, str]] = []

    def confirm(parent, title, text, informative, ok):
        questions.append((text, informative))
        return True

    monkeypatch.setattr("annotator.gui.dialogs.errors.confirm", confirm)
    return questions


def _spans(ws, doc_id):
    ws.annotations.add(doc_id, 0, 11, "claim", note="headline", author="ana")
    start = TEXT.index("12 civilians")
    span = ws.annotations.add(doc_id, start, start + 12, "casualty_report").added[0]
    ws.annotations.move(span.id, start, start + 2)
    return ws.annotations.list(doc_id)


def test_delete_asks_with_the_span_count_and_undo_restores_everything(
    window, ws, doc_id, qtbot, asked
):
    ws.documents.update(doc_id, collections=["2020 war"], author="A. Reporter")
    spans = _spans(ws, doc_id)
    record = ws.documents.get(doc_id)
    other = ws.add_document("Other\n\nkept", outlet="Wire")
    pane = window.open_beside(doc_id)
    library = window.library
    library.select_document(doc_id)

    assert library.delete_selected()

    assert asked == [
        (
            "Delete 'Peace talks'?",
            "Its 2 spans go with it. Edit ▸ Undo (Ctrl+Z) brings everything back while the "
            "app is open.",
        )
    ]
    assert [d.id for d in ws.documents.list()] == [other]
    assert pane not in window.panes.panes()  # its pane closed
    assert library.model.rowCount() == 1
    stack = window.editor.undo_stack
    assert stack.undoText() == "delete document 'Peace talks' (2 spans)"

    stack.undo()

    assert ws.documents.get(doc_id) == record
    assert ws.annotations.list(doc_id) == spans  # same ids, labels, notes, versions
    assert library.model.row_of(doc_id) >= 0
    reopened = window.open_beside(doc_id)
    assert len(reopened.doc.spans) == 2
    stack.redo()
    assert [d.id for d in ws.documents.list()] == [other]
    assert reopened not in window.panes.panes()
    stack.undo()
    assert ws.annotations.list(doc_id) == spans


def test_delete_key_in_the_library_deletes_the_selection(window, ws, doc_id, qtbot, asked):
    other = ws.add_document("Other\n\nkept", outlet="Wire")
    ws.annotations.add(other, 0, 5, "claim")
    library = window.library
    library.table.setFocus()
    library.table.selectAll()
    qtbot.keyClick(library.table, Qt.Key.Key_Delete)
    assert asked[0][0] == "Delete 2 documents?"
    assert asked[0][1].startswith("Their 1 span goes with them.")
    assert ws.documents.count() == 0
    window.editor.undo_stack.undo()
    assert ws.documents.count() == 2


def test_declined_confirmation_deletes_nothing(window, ws, doc_id, monkeypatch):
    monkeypatch.setattr("annotator.gui.dialogs.errors.confirm", lambda *a: False)
    window.library.select_document(doc_id)
    assert not window.library.delete_selected()
    assert ws.documents.count() == 1 and window.editor.undo_stack.count() == 0


def test_collections_from_the_menu_are_undoable_and_filter_the_library(window, ws, doc_id, qtbot):
    other = ws.add_document("Ceasefire\n\nquiet night", outlet="Wire")
    library = window.library
    library.select_document(doc_id)
    library.new_collection("2020 war", assign=True)
    assert ws.documents.get(doc_id).collections == ("2020 war",)
    library.table.selectAll()
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    library.collections_menu(menu, library.selected_ids())
    war = next(a for a in menu.actions() if a.text() == "2020 war")
    assert not war.isChecked()  # not every selected document is in it
    war.trigger()
    assert ws.collections.documents("2020 war") == [doc_id, other]
    menu = QMenu()
    library.collections_menu(menu, library.selected_ids())
    war = next(a for a in menu.actions() if a.text() == "2020 war")
    assert war.isChecked()
    war.trigger()  # all were in: takes them out
    assert ws.collections.documents("2020 war") == []
    stack = window.editor.undo_stack
    stack.undo()
    assert ws.collections.documents("2020 war") == [doc_id, other]
    stack.undo()
    stack.undo()
    assert ws.collections.documents("2020 war") == []

    ws.collections.assign([doc_id], "2020 war")
    combo = library.collection
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All documents",
        "2020 war (1)",
        "In no collection",
    ]
    library.show_collection(ws.collections.get("2020 war").id)
    assert library.proxy.rowCount() == 1
    library.show_collection(-1)
    assert [library.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)] == [other]
    library.show_collection(ws.collections.get("2020 war").id)
    ws.collections.rename("2020 war", "2020 Karabakh war")  # the choice survives a rename
    assert combo.currentText() == "2020 Karabakh war (1)"
    assert library.proxy.rowCount() == 1
    library.delete_collection(ask=False)
    assert combo.currentText() == "All documents" and library.proxy.rowCount() == 2


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("reporter", True),  # byline
        ("test wire", True),  # outlet
        ("2020-10", True),  # date
        ("offensive", True),  # collection
        ("sept 2023", True),
        ("peace offensive", True),  # every word, anywhere
        ("peace ceasefire", False),
        ("hy", True),  # language
    ],
)
def test_filter_text_matches_byline_outlet_collection_and_date(window, ws, doc_id, words, found):
    ws.documents.update(
        doc_id,
        author="A. Reporter",
        published="2020-10-04",
        language="hy",
        collections=["Sept 2023 offensive"],
    )
    ws.add_document("Ceasefire\n\nquiet night", outlet="Wire", language="en")
    window.library.filter.setText(words)
    ids = [window.library.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(2)]
    assert (doc_id in ids) is found


def test_edit_metadata_from_the_library(window, ws, doc_id, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "annotator.gui.dialogs.document_editor.edit_document",
        lambda editor, workspace, document_id, parent: opened.append(document_id),
    )
    window.library.select_document(doc_id)
    window.library.edit_action.trigger()
    assert opened == [doc_id]
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    window.library._fill_menu(menu, panel=True)
    texts = [a.text() for a in menu.actions()]
    assert texts[:3] == ["Edit metadata…\tF2", "Collections", "Delete document…\tDel"]
    assert "Outlets…" in texts and "New collection…" in texts


def test_library_keys_follow_the_shortcut_table(window):
    from PySide6.QtGui import QKeySequence

    from annotator.gui.shell.shortcuts import keys

    portable = QKeySequence.SequenceFormat.PortableText
    for action, name in (
        (window.library.edit_action, "edit_metadata"),
        (window.library.delete_action, "delete_documents"),
    ):
        registered = [k.toString(portable) for k in action.shortcuts()]
        assert registered == [QKeySequence(k).toString(portable) for k in keys(name)]
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
