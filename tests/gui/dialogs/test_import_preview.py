"""The import preview dialog, driven with real key and mouse events: files, details, the
split checkbox, boilerplate struck and kept; Import stores the chosen documents, Cancel
nothing; files dropped on the window go through it."""

from __future__ import annotations

import orjson
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from annotator.gui.dialogs.import_preview import ImportPreviewDialog
from annotator.gui.jobs.import_runner import preview_and_import

BODY = "A paragraph of reporting that is long enough to be an article body here."
PAGE = (
    "Archive | Region\n\n"
    "Truce agreed after weeks of fighting\n\n"
    "Both armies stop where they stand.By South Front -November 10, 20203780\n\n"
    f"{BODY} Երևան 🕊️.\n\nShare it:\n\n{BODY} Again.\n\n"
    "Posted in Region, NewsComments Off on Truce agreed after weeks of fighting\n\n"
    "Court turns down the petition\n\nBy: Ann Lee\n\n"
    f"{BODY}\n\nLeave a Reply\n\nThe judges closed the case without hearing witnesses.\n"
)
PLAIN = f"Shelling resumes 👍🏽\n\nBy Jane Roe\n\n{BODY}\n\nSubscribe to Google News\n"


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_page.txt").write_text(PAGE, encoding="utf-8")
    (folder / "b_plain.md").write_text(PLAIN, encoding="utf-8")
    line = {"text": "Report with a span.", "label": [[0, 6, "EVENT"]]}
    (folder / "c_spans.jsonl").write_bytes(orjson.dumps(line) + b"\n")
    (folder / "d_bad.txt").write_bytes(b"\x00\x01\x02\x03binary\x00\x00")
    return folder


def _open(window, qtbot, paths) -> ImportPreviewDialog:
    dialog = preview_and_import(window.workspace, window.job_host, [str(p) for p in paths])
    assert isinstance(dialog, ImportPreviewDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.waitUntil(lambda: "reading" not in dialog.summary.text())
    return dialog


def _results(dialog) -> list[tuple[str, str, bool]]:
    tree = dialog.files
    return [
        (
            tree.topLevelItem(i).text(0),
            tree.topLevelItem(i).text(1),
            tree.topLevelItem(i).checkState(0) == Qt.CheckState.Checked,
        )
        for i in range(tree.topLevelItemCount())
    ]


def _line_point(view, line: int):
    """The middle of the first character of ``line`` in the view's viewport."""
    block = view.document().findBlockByNumber(line)
    cursor = view.textCursor()
    cursor.setPosition(block.position())
    rect = view.cursorRect(cursor)
    return rect.center() + type(rect.center())(4, 0)


def _stored(ws) -> dict[str, object]:
    return {d.title: ws.documents.get(d.id) for d in ws.documents.list()}


def test_files_details_and_keyboard_choices_then_import(window, ws, folder, qtbot):
    dialog = _open(window, qtbot, [folder])
    assert _results(dialog) == [
        ("a_page.txt", "2 articles", True),
        ("b_plain.md", "1 document", True),
        ("c_spans.jsonl", "records as written", True),
        ("d_bad.txt", "cannot be read", False),
    ]
    assert "3 documents" in dialog.summary.text()
    assert ws.documents.count() == 0  # the preview stores nothing

    # the page: selected first; its articles and struck boilerplate
    assert dialog.files.hasFocus()
    assert dialog.fields["title"].text() == "Archive | Region"
    assert dialog.split.isVisible() and dialog.split.isChecked()
    assert dialog.split.text() == "Split into 2 articles"
    articles = dialog.articles
    assert [articles.topLevelItem(i).text(1) for i in range(2)] == [
        "Truce agreed after weeks of fighting",
        "Court turns down the petition",
    ]
    assert articles.topLevelItem(0).text(2) == "South Front"
    assert articles.topLevelItem(0).text(3) == "10 Nov 2020"

    # keyboard: Down to the Markdown file, its byline is its author; Up back to the page
    qtbot.keyClick(dialog.files, Qt.Key.Key_Down)
    assert dialog.fields["author"].text() == "Jane Roe"
    assert not dialog.split_box.isVisible()
    qtbot.keyClick(dialog.files, Qt.Key.Key_Up)
    assert dialog.fields["title"].text() == "Archive | Region"

    # Tab to the split checkbox, Space: one document
    qtbot.keyClick(dialog.files, Qt.Key.Key_Tab)
    assert dialog.split.hasFocus()
    qtbot.keyClick(dialog.split, Qt.Key.Key_Space)
    assert not dialog.split.isChecked()
    assert _results(dialog)[0][1] == "1 document"
    assert not dialog.articles.isEnabled()

    # Tab on to the text; Alt+Down to the boilerplate lines, Space keeps the share line
    qtbot.keyClick(dialog.split, Qt.Key.Key_Tab)  # past the articles (disabled now)
    assert dialog.strip.hasFocus()
    qtbot.keyClick(dialog.strip, Qt.Key.Key_Tab)
    view = dialog.text
    assert view.hasFocus()
    rules = [b.rule for b in view.boilerplate]
    assert rules == ["byline-counter", "share", "post-footer", "comment-form"]
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert view.current_index() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert view.current_index() == 1
    assert "left out" in dialog.line_info.text()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.choice(0).keep == {1}
    assert "kept" in dialog.line_info.text()
    fmt = view.textCursor().block().begin().fragment().charFormat()
    assert not fmt.fontStrikeOut()

    # Import (the default button): Return in the file list
    dialog.files.setFocus()
    qtbot.keyClick(dialog.files, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.controller is not None)
    with qtbot.waitSignal(dialog.controller.done, timeout=20000) as blocker:
        pass
    assert blocker.args == ["succeeded"]
    stored = _stored(ws)
    assert set(stored) == {"Archive | Region", "Shelling resumes 👍🏽", "Report with a span."}
    page = stored["Archive | Region"].text
    assert "\n\nShare it:\n\n" in page  # kept
    assert "Leave a Reply" not in page and "Posted in" not in page and "20203780" not in page
    assert "Both armies stop where they stand.\n" in page
    plain = stored["Shelling resumes 👍🏽"]
    assert plain.author == "Jane Roe" and "Subscribe" not in plain.text
    assert len(ws.annotations.spans(stored["Report with a span."].id)) == 1


def test_mouse_click_keeps_and_strikes_again(window, ws, folder, qtbot):
    dialog = _open(window, qtbot, [folder / "a_page.txt"])
    view = dialog.text
    share = next(b for b in view.boilerplate if b.rule == "share")
    index = view.boilerplate.index(share)
    point = _line_point(view, share.line)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert dialog.choice(0).keep == {index}
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert dialog.choice(0).keep == frozenset()
    # a click on an ordinary line changes nothing
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_line_point(view, 2))
    assert dialog.choice(0).keep == frozenset()

    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)  # keep it
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.controller is not None)
    with qtbot.waitSignal(dialog.controller.done, timeout=20000):
        pass
    stored = _stored(ws)
    assert set(stored) == {"Truce agreed after weeks of fighting", "Court turns down the petition"}
    truce = stored["Truce agreed after weeks of fighting"]
    assert "Share it:" in truce.text and truce.author == "South Front"
    assert truce.outlet == "SouthFront" and str(truce.published) == "2020-11-10"


def test_unchecking_boilerplate_and_a_file(window, ws, folder, qtbot):
    dialog = _open(window, qtbot, [folder / "a_page.txt", folder / "b_plain.md"])
    qtbot.keyClick(dialog.files, Qt.Key.Key_Space)  # leave the page out
    assert _results(dialog)[0] == ("a_page.txt", "left out", False)
    qtbot.keyClick(dialog.files, Qt.Key.Key_Down)
    dialog.strip.setFocus()
    qtbot.keyClick(dialog.strip, Qt.Key.Key_Space)
    assert not dialog.choice(1).strip
    assert dialog.summary.text().startswith("Import 1 document from 1 of 2 files")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.controller is not None)
    with qtbot.waitSignal(dialog.controller.done, timeout=20000):
        pass
    (doc,) = _stored(ws).values()
    assert doc.text == PLAIN.strip()


def test_cancel_stores_nothing(window, ws, folder, qtbot):
    dialog = _open(window, qtbot, [folder])
    qtbot.keyClick(dialog.files, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.controller is None
    qtbot.wait(50)
    assert ws.documents.count() == 0


def test_cancel_button_stores_nothing(window, ws, folder, qtbot):
    dialog = _open(window, qtbot, [folder / "b_plain.md"])
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert dialog.controller is None and ws.documents.count() == 0


def test_missing_path_shows_an_error(window, ws, tmp_path, no_blocking_boxes, monkeypatch):
    import annotator.gui.jobs.import_runner as runner

    shown = []
    monkeypatch.setattr(runner, "show_error", lambda parent, title, message: shown.append(message))
    assert preview_and_import(window.workspace, window.job_host, [str(tmp_path / "no.txt")]) is None
    assert shown and "no such file" in shown[0]


def test_files_dropped_on_the_window_go_through_the_preview(window, ws, folder, qtbot):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder / "b_plain.md"))])
    event = QDropEvent(
        QPointF(100, 100),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.findChild(ImportPreviewDialog) is not None)
    dialog = window.findChild(ImportPreviewDialog)
    qtbot.waitExposed(dialog)
    assert dialog.fields["author"].text() == "Jane Roe"
    assert ws.documents.count() == 0  # nothing until Import
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ws.documents.count() == 1, timeout=20000)
    (doc,) = _stored(ws).values()
    assert "Subscribe" not in doc.text
    qtbot.waitUntil(lambda: window.panes.document_ids() == [ws.documents.list()[0].id])


def test_line_info_names_the_rule_and_what_happens(window, ws, folder, qtbot):
    dialog = _open(window, qtbot, [folder / "a_page.txt"])
    view = dialog.text
    view.setFocus()
    footer = next(b for b in view.boilerplate if b.rule == "post-footer")
    view.go_to_line(footer.line)
    assert "Blog footer" in dialog.line_info.text()
    assert "dropped with the split" in dialog.line_info.text()  # between two articles
    dialog.split.click()  # one document: the footer is left out as boilerplate
    assert "left out" in dialog.line_info.text()
    assert view.textCursor().block().begin().fragment().charFormat().fontStrikeOut()
    dialog.strip.click()  # nothing removed: nothing struck
    assert not view.textCursor().block().begin().fragment().charFormat().fontStrikeOut()
    assert "not removed" in dialog.line_info.text()
