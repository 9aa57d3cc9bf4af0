"""File ▸ Export…: highlighted preview per format, copy, scope and filters, export on a worker
thread with progress and cancel, choices remembered."""

from __future__ import annotations

import threading

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from annotator.exporting.formats import FORMATS
from annotator.gui.dialogs.export_dialog import ExportDialog
from annotator.gui.jobs.export_runner import start_export

from ..conftest import TEXT


@pytest.fixture
def tagged(ws, doc_id):
    start = TEXT.index("Երևան")
    ws.annotations.add(doc_id, start, start + 5, "claim", author="ana", note="capital")
    said = TEXT.index("said")
    ws.annotations.add(doc_id, said, said + 4, "statement")
    other = ws.add_document("Second report\n\nNothing tagged here 🛰️.", outlet="B")
    return doc_id, other


@pytest.fixture
def errors_shown(no_blocking_boxes):
    return no_blocking_boxes  # it records the boxes of every background job (import, export)


def make_dialog(qtbot, ws, **kwargs) -> ExportDialog:
    dialog = ExportDialog(ws, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(dialog: ExportDialog, fmt: str) -> None:
    dialog.format_box.setCurrentIndex(dialog.format_box.findData(fmt))
    dialog.refresh_preview()  # what the debounce timer does 150 ms later


def test_file_menu_has_export_with_its_shortcut(window):
    action = window.actions_by_name["export"]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+E")
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_preview_is_highlighted_for_every_format(qtbot, ws, tagged, fmt):
    dialog = make_dialog(qtbot, ws)
    choose(dialog, fmt)
    html = dialog.preview.toHtml()
    assert "color:#" in html.replace(" ", "")  # Pygments' inline colours reached the browser
    assert "2 document(s), 2 span(s)" in dialog.preview_title.text()
    text = dialog.preview.toPlainText()
    if fmt == "brat":
        assert "==> " in text and "\tclaim " in text
    else:
        assert '"claim"' in text or "claim" in text
    dialog.copy.click()
    assert QGuiApplication.clipboard().text() == dialog.preview_text != ""
    assert dialog.relations.isVisibleTo(dialog) == (fmt == "doccano")


def test_scope_labels_and_authors_reach_the_service(qtbot, ws, tagged):
    doc_id, other = tagged
    dialog = make_dialog(qtbot, ws, current_id=other, selected_ids=[doc_id, other])
    assert dialog.scope_current.isEnabled() and "(2)" in dialog.scope_selected.text()
    dialog.scope_current.setChecked(True)
    assert dialog.export_kwargs()["documents"] == [other]
    qtbot.waitUntil(lambda: "1 document(s), 0 span(s)" in dialog.preview_title.text())
    dialog.scope_all.setChecked(True)
    dialog.labels.uncheck(["statement"])
    dialog.authors.uncheck([None])
    kwargs = dialog.export_kwargs()
    assert kwargs["labels"] == ["claim", "casualty_report", "opinion"]
    assert kwargs["authors"] == ["ana"] and kwargs["documents"] is None
    qtbot.waitUntil(lambda: "2 document(s), 1 span(s)" in dialog.preview_title.text())
    dialog.only_annotated.setChecked(True)
    qtbot.waitUntil(lambda: "1 document(s), 1 span(s)" in dialog.preview_title.text())
    dialog.labels.set_all(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: "Nothing to export" in dialog.preview.toPlainText())


def test_export_on_a_worker_then_choices_are_remembered(qtbot, window, ws, tagged, tmp_path):
    dialog = make_dialog(qtbot, ws)
    choose(dialog, "prodigy")
    dialog.authors.uncheck([None])
    dest = tmp_path / "train.jsonl"
    dialog.dest.setText(str(dest))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    controller = start_export(
        window.workspace, window.job_host, dialog.destination(), dialog.export_kwargs()
    )
    with qtbot.waitSignal(controller.done, timeout=20000) as blocker:
        pass
    assert blocker.args == ["succeeded"]
    lines = [orjson.loads(x) for x in dest.read_bytes().splitlines()]
    assert [len(task["spans"]) for task in lines] == [1, 0]  # the no-author span left out
    assert "Exported 2 document(s) with 1 span(s)" in window.status.currentMessage()

    again = make_dialog(qtbot, ws)
    assert again.format().name == "prodigy"
    assert again.authors.unchecked() == [None] and again.labels.all_checked()
    assert again.destination() == str(dest)
    choose(again, "brat")  # the destination follows the format: a folder for brat
    assert again.destination() == str(tmp_path / "train")


def test_cancel_writes_nothing(qtbot, window, ws, tagged, tmp_path, monkeypatch):
    gate = threading.Event()  # hold the worker until the user has pressed Cancel
    real_export = ws.export

    def gated(*args, **kwargs):
        assert gate.wait(10)
        return real_export(*args, **kwargs)

    monkeypatch.setattr(ws, "export", gated)
    dest = tmp_path / "out.json"
    controller = start_export(
        window.workspace, window.job_host, str(dest), {"format": "labelstudio"}
    )
    controller.cancel()
    gate.set()
    with qtbot.waitSignal(controller.done, timeout=20000) as blocker:
        pass
    assert blocker.args == ["cancelled"]
    assert list(tmp_path.glob("*out.json*")) == []
    assert "cancelled" in window.status.currentMessage()


def test_a_failed_export_says_why(qtbot, window, ws, tagged, tmp_path, errors_shown):
    dest = tmp_path / "missing" / "out.jsonl"
    controller = start_export(window.workspace, window.job_host, str(dest), {"format": "jsonl"})
    with qtbot.waitSignal(controller.done, timeout=20000) as blocker:
        pass
    assert blocker.args == ["failed"]
    assert "out.jsonl" in controller.error
    assert errors_shown[-1][0] == "The export failed; nothing was written."


def test_accept_checks_the_destination(qtbot, ws, tagged, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    dialog = make_dialog(qtbot, ws)
    choose(dialog, "brat")
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("x")
    dialog.dest.setText(str(full))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "not an empty folder" in warnings[-1]
    choose(dialog, "jsonl")
    existing = tmp_path / "old.jsonl"
    existing.write_text("old")
    dialog.dest.setText(str(existing))
    dialog.accept()  # "Replace it?" answered No
    assert dialog.isVisible() and existing.read_text() == "old"


def test_the_window_opens_the_dialog_and_exports(qtbot, window, ws, pane, tmp_path, monkeypatch):
    dest = tmp_path / "from-window.jsonld"

    def accept_at_once(self):
        assert self.scope_current.isEnabled()  # the active pane's document
        self.format_box.setCurrentIndex(self.format_box.findData("w3c"))
        self.dest.setText(str(dest))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", accept_at_once)
    controller = window.export_dialog()
    with qtbot.waitSignal(controller.done, timeout=20000) as blocker:
        pass
    assert blocker.args == ["succeeded"]
    assert orjson.loads(dest.read_bytes())["type"] == "AnnotationCollection"
