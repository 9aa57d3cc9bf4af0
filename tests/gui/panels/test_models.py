"""Every custom model passes pytest-qt's model tester, also while it changes."""

from __future__ import annotations

from annotator.gui.dialogs.label_editor import LabelSchemeModel
from annotator.gui.panels.annotation_model import AnnotationModel
from annotator.gui.panels.library_model import LibraryFilter, LibraryModel

from ..conftest import TEXT


def test_library_model_and_filter(qtmodeltester, window, ws, doc_id):
    ws.add_document("Second article\n\nCeasefire holds 🕊️.", outlet="Other Wire")
    model = window.library.model
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
    proxy = window.library.proxy
    qtmodeltester.check(proxy, force_py=True)
    window.library.filter.setText("other")
    assert proxy.rowCount() == 1
    window.library.filter.setText("")
    proxy.sort(3)
    ws.annotations.add(doc_id, 0, 5, "claim")
    row = model.row_of(doc_id)
    assert model.data(model.index(row, 3)) == "1"
    assert model.data(model.index(row, model.columnCount() - 1)) == "1"


def test_annotation_model_follows_changes(qtmodeltester, qtbot, window, ws, doc_id):
    pane = window.open_beside(doc_id)
    model = window.annotations.model
    assert model.doc is pane.doc
    qtmodeltester.check(model, force_py=True)
    first = ws.annotations.add(doc_id, 0, 5, "claim").added[0]
    ws.annotations.add(doc_id, TEXT.index("Officials"), TEXT.index("Officials") + 9, "opinion")
    qtbot.waitUntil(lambda: model.rowCount() == 2)  # notices reach the list queued
    ws.annotations.move(first.id, 6, 11)
    qtbot.waitUntil(lambda: model.span_at(0).start == 6)
    assert [model.span_at(r).start for r in range(model.rowCount())] == [6, TEXT.index("Officials")]
    ws.annotations.retag(first.id, "statement")
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == "Statement")
    ws.annotations.delete(first.id)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    qtmodeltester.check(model, force_py=True)


def test_label_scheme_model(qtmodeltester, window, ws):
    model = LabelSchemeModel(window.editor, window.documents)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4


def test_standalone_models_construct(qtmodeltester, window, ws):
    model = LibraryModel(ws, window.documents, window.bridge)
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    qtmodeltester.check(AnnotationModel(window.documents), force_py=True)
