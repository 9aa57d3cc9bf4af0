"""Panes: open beside, replace, close, reorder; documents dropped from the library; files
dropped on the window are imported (through the import preview)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from annotator.gui.document.pane_area import DOCUMENT_IDS_MIME


def _drop(widget, mime: QMimeData, point: QPointF) -> QDropEvent:
    event = QDropEvent(
        point,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)
    return event


def test_open_replace_close_reorder(window, ws, doc_id):
    other = ws.add_document("Other\n\nText from Երևան.", outlet="B")
    third = ws.add_document("Third\n\nMore text 🕊️.", outlet="C")
    panes = window.panes
    window.show_document(doc_id)
    window.open_beside(other)
    assert panes.document_ids() == [doc_id, other]
    window.show_document(third)  # replaces the active pane (other)
    assert panes.document_ids() == [doc_id, third]
    window.show_document(doc_id)  # already open: focus it
    assert panes.active.document_id == doc_id
    window.move_active_pane(1)
    assert panes.document_ids() == [third, doc_id]
    window.close_active_pane()
    assert panes.document_ids() == [third]
    assert window.annotations.model.doc.id == third
    window.close_active_pane()
    assert panes.document_ids() == [] and window.annotations.model.doc is None


def test_library_rows_drag_and_drop_beside(window, ws, doc_id, qtbot):
    other = ws.add_document("Other\n\nText.", outlet="B")
    window.open_beside(doc_id)
    model = window.library.model
    mime = model.mimeData([model.index(model.row_of(other), 0)])
    assert mime.hasFormat(DOCUMENT_IDS_MIME)
    pane = window.panes.panes()[0]
    left_half = QPointF(pane.geometry().left() + 5, 50)
    _drop(window.panes, mime, left_half)
    assert window.panes.document_ids() == [other, doc_id]


def test_files_dropped_on_window_are_imported(window, ws, tmp_path, qtbot):
    path = tmp_path / "dropped.txt"
    path.write_text("Dropped article\n\nShelling near Գյումրի 👍🏽.\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    _drop(window, mime, QPointF(100, 100))
    from annotator.gui.dialogs.import_preview import ImportPreviewDialog

    qtbot.waitUntil(lambda: window.findChild(ImportPreviewDialog) is not None)
    preview = window.findChild(ImportPreviewDialog)  # nothing is stored before Import
    assert ws.documents.count() == 0
    preview.import_button.click()
    qtbot.waitUntil(lambda: ws.documents.count() == 1, timeout=20000)
    qtbot.waitUntil(lambda: window.panes.document_ids() == [ws.documents.list()[0].id])


def test_exact_mode_and_theme_actions(window, pane):
    window.actions_by_name["exact"].trigger()
    assert pane.view.exact
    window.actions_by_name["theme_dark"].trigger()
    assert window.panes.dark and pane.view.dark
    window.actions_by_name["theme_light"].trigger()
    assert not pane.view.dark
