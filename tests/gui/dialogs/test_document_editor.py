"""The metadata editor and the outlet manager: edits through the editor (one undo step each),
inline validation, the outlet completer, collections, free metadata; the views follow."""

from __future__ import annotations

import datetime as dt

import pytest

from annotator.gui.dialogs.document_editor import DocumentEditorDialog
from annotator.gui.dialogs.outlet_manager import ALIGNMENT, COUNTRY, NAME, OutletManagerDialog


@pytest.fixture
def dialog(window, ws, doc_id, qtbot):
    ws.documents.update(doc_id, meta={"desk": "east", "page": 3})
    dialog = DocumentEditorDialog(window.editor, ws, doc_id, window)
    qtbot.addWidget(dialog)
    return dialog


def test_save_edits_the_document_and_one_undo_takes_it_back(window, ws, doc_id, dialog, tmp_path):
    pane = window.open_beside(doc_id)
    stack = window.editor.undo_stack
    before = ws.documents.metadata(doc_id)
    dialog.title.setText("Talks stalled in Yerevan")
    dialog.outlet.setText("Azatutyun")
    dialog.author.setText("A. Reporter")
    dialog.published.setText("2020-10-04")
    dialog.url.setText("https://azatutyun.example/a/1")
    dialog.language.setText("HY")
    dialog.new_collection.setText("2020 war")
    dialog._add_new_collection()
    dialog.meta.item(0, 1).setText("west")  # desk
    dialog.grab().save(str(tmp_path / "editor.png"))

    dialog.save()

    assert dialog.result() == dialog.DialogCode.Accepted
    after = ws.documents.metadata(doc_id)
    assert (after.title, after.outlet, after.author, after.language) == (
        "Talks stalled in Yerevan",
        "Azatutyun",
        "A. Reporter",
        "hy",
    )
    assert after.published == dt.date(2020, 10, 4) and after.collections == ("2020 war",)
    assert after.meta == {"desk": "west", "page": 3}  # the number stays a number
    assert stack.count() == 1 and stack.undoText().startswith("edit document 'Talks stalled")
    assert pane.header.title.text() == "Talks stalled in Yerevan"  # the pane follows
    assert "Azatutyun" in pane.header.meta.text() and "2020-10-04" in pane.header.meta.text()
    library = window.library.model
    assert library.data(library.index(library.row_of(doc_id), 1)) == "Azatutyun"
    assert "Azatutyun" in window.status.document.text()

    stack.undo()
    assert ws.documents.metadata(doc_id).same_values(before)
    assert pane.header.title.text() == before.title
    assert library.data(library.index(library.row_of(doc_id), 1)) == "Test Wire"
    stack.redo()
    assert ws.documents.metadata(doc_id).same_values(after)


def test_bad_values_are_explained_in_the_dialog_and_nothing_is_saved(ws, doc_id, dialog):
    before = ws.documents.metadata(doc_id)
    dialog.published.setText("4 Oct 2020")
    assert "is not in the form YYYY-MM-DD" in dialog.error.text()  # as it is typed
    dialog.url.setText("azatutyun.example/a")
    assert "must start with http:// or https://" in dialog.error.text()
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert ws.documents.metadata(doc_id) == before
    dialog.published.setText("2020-10-04")
    dialog.url.setText("")
    assert dialog.error.text() == ""
    dialog.meta.item(0, 0).setText("url")  # a field of its own
    dialog.save()
    assert "Meta key 'url' is a document field of its own" in dialog.error.text()
    assert ws.documents.metadata(doc_id) == before


def test_the_outlet_box_offers_the_list_and_matches_by_normalised_name(ws, doc_id, dialog):
    ws.outlets.add("South Front", country="Russia")
    dialog = DocumentEditorDialog(dialog.editor, ws, doc_id, dialog.parent())
    names = dialog.outlet.completer().model().stringList()
    assert names == ["South Front", "Test Wire"]
    dialog.outlet.completer().setCompletionPrefix("front")  # any part of a name
    assert dialog.outlet.completer().currentCompletion() == "South Front"
    dialog.outlet.setText("southfront")
    assert dialog.outlet_hint.text() == "'South Front' · Russia · 0 documents"
    dialog.outlet.setText("TEST-WIRE")  # the document's own outlet, spelt otherwise
    assert dialog.changed_fields() == {}
    dialog.outlet.setText("")
    assert dialog.changed_fields() == {"outlet": None}


def test_a_change_made_meanwhile_is_not_overwritten(window, ws, doc_id, dialog, no_blocking_boxes):
    ws.documents.update(doc_id, author="someone else")
    dialog.title.setText("Mine")
    dialog.save()
    assert no_blocking_boxes[-1][0] == "The edit was not saved"
    assert "changed since you loaded it" in no_blocking_boxes[-1][1]
    assert ws.documents.metadata(doc_id).author == "someone else"
    assert window.editor.undo_stack.count() == 0


def test_outlet_manager_renames_sets_and_merges(window, ws, doc_id, qtbot, tmp_path):
    other = ws.add_document("Second\n\ntext", outlet="SouthFront.org")
    ws.add_document("Third\n\ntext", outlet="South Front")
    pane = window.open_beside(doc_id)
    dialog = OutletManagerDialog(ws, window.bridge, window)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert [o.name for o in model.outlets] == ["South Front", "SouthFront.org", "Test Wire"]
    row = model.row_of(ws.outlets.get("Test Wire").id)
    assert model.setData(model.index(row, NAME), "Test Wire Service")
    assert pane.header.meta.text().startswith("Test Wire Service")  # the pane follows
    row = model.row_of(ws.outlets.get("Test Wire Service").id)
    model.setData(model.index(row, COUNTRY), "Armenia")
    state = next(a for a in ws.outlets.alignments() if a.name == "state")
    model.setData(model.index(row, ALIGNMENT), state.id)
    outlet = ws.outlets.get("Test Wire Service")
    assert (outlet.country, outlet.alignment) == ("Armenia", "state")
    assert model.data(model.index(row, ALIGNMENT)) == "state"
    # a rename onto another outlet's normalised name is explained, not saved
    row = model.row_of(ws.outlets.get("South Front").id)
    assert not model.setData(model.index(row, NAME), "test wire service")

    dialog.select([ws.outlets.get("South Front").id, ws.outlets.get("SouthFront.org").id])
    assert dialog.merge_button.isEnabled() and not dialog.rename_button.isEnabled()
    target = ws.outlets.get("South Front").id
    dialog.merge_selected(into=target, ask=False)
    assert [o.name for o in model.outlets] == ["South Front", "Test Wire Service"]
    assert ws.documents.get(other).outlet == "South Front"
    assert [o.id for o in dialog.selected()] == [target]
    ws.add_document("Fourth\n\ntext", outlet="Sputnik")  # the list follows the notices
    assert "Sputnik" in [o.name for o in model.outlets]
    dialog.select([ws.outlets.get("Sputnik").id])
    assert not dialog.delete_button.isEnabled()  # in use
    dialog.add_outlet("Unused")
    assert dialog.delete_button.isEnabled()
    dialog.delete_selected()
    assert ws.outlets.find("Unused") is None
    dialog.grab().save(str(tmp_path / "outlets.png"))
    dialog.close()


def test_alignment_list(window, ws, qtbot):
    from annotator.gui.dialogs.outlet_manager import AlignmentListDialog

    dialog = AlignmentListDialog(ws, window)
    qtbot.addWidget(dialog)
    dialog.add("pro-Russian")
    assert dialog.list.count() == 6
    dialog.list.setCurrentRow(5)
    dialog.rename("pro-Kremlin")
    assert dialog.list.item(5).text() == "pro-Kremlin"
    dialog.delete()
    assert [a.name for a in ws.outlets.alignments()][-1] == "independent"


def test_the_text_is_not_editable(dialog):
    from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit

    assert not dialog.findChildren(QPlainTextEdit) and not dialog.findChildren(QTextEdit)
    tips = [w.toolTip() for w in dialog.findChildren(QLabel)]
    assert "The text itself cannot be edited: spans point into it." in tips


def test_undo_puts_back_only_what_the_edit_changed(window, ws, doc_id):
    """An outlet merge after a title edit stays when the title edit is undone."""
    window.editor.update_document(doc_id, title="New title")
    ws.outlets.add("Wire")
    ws.outlets.merge(["Test Wire"], into="Wire")
    window.editor.undo_stack.undo()
    meta = ws.documents.metadata(doc_id)
    assert (meta.title, meta.outlet) == ("Peace talks", "Wire")
    assert [o.name for o in ws.outlets.list()] == ["Wire"]  # not made again
    window.editor.undo_stack.redo()
    assert ws.documents.metadata(doc_id).title == "New title"


def test_undo_of_an_outlet_change_after_that_outlet_was_merged_away(window, ws, doc_id):
    window.editor.update_document(doc_id, outlet="Wire")
    ws.outlets.add("Test Wire Service")
    ws.outlets.merge(["Test Wire"], into="Test Wire Service")  # the old outlet is gone
    window.editor.undo_stack.undo()  # by name then: made again
    assert ws.documents.metadata(doc_id).outlet == "Test Wire"


def test_collection_toggles_and_metadata_undo_in_the_editor(window, ws, doc_id):
    assert window.editor.assign_collection([doc_id], "2020 war")
    assert window.editor.update_document(doc_id, collections=[])
    stack = window.editor.undo_stack
    stack.undo()
    assert ws.documents.metadata(doc_id).collections == ("2020 war",)
    ws.collections.delete("2020 war")
    stack.redo()  # takes it out: it is out already
    assert ws.documents.metadata(doc_id).collections == ()


def test_an_edit_by_another_program_reaches_the_open_pane(window, ws, doc_id, tmp_path):
    from annotator import open_workspace

    pane = window.open_beside(doc_id)
    with open_workspace(str(tmp_path / "a.sqlite3")) as other:  # the same database
        other.documents.update(doc_id, title="Renamed elsewhere", outlet="Azatutyun")
    ws.poll_external_changes()  # what the window's timer does every 300 ms
    assert pane.header.title.text() == "Renamed elsewhere"
    assert pane.header.meta.text().startswith("Azatutyun")
    library = window.library.model
    assert library.data(library.index(library.row_of(doc_id), 0)) == "Renamed elsewhere"
