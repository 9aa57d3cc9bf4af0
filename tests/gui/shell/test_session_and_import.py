"""Settings come back at the next launch; imports run on a worker thread and can be cancelled."""

from __future__ import annotations

import threading

from annotator.gui.jobs.import_runner import start_import
from annotator.gui.shell.main_window import MainWindow


def test_panes_splitter_and_options_restore(qtbot, ws, doc_id):
    other = ws.add_document("Second\n\nAnother report from Երևան.", outlet="B")
    first = MainWindow(ws)
    qtbot.addWidget(first)
    first.resize(760, 560)  # inside the offscreen screen (800 x 600)
    first.show()
    first.open_documents([doc_id, other])
    qtbot.waitUntil(lambda: not first.library_dock.isVisible())  # narrow: the library folds
    # ... and the panes take the width it left (the layout follows a turn of the event loop)
    qtbot.waitUntil(
        lambda: first.panes.width() >= first.width() - first.annotation_dock.width() - 30
    )
    first.panes.move_pane(first.panes.panes()[1], -1)  # reorder: other, doc
    first.panes.splitter.setSizes([300, 500])
    sizes = first.panes.splitter.sizes()
    first.actions_by_name["sync"].trigger()
    first.set_theme("dark")
    first.close()

    second = MainWindow(ws)
    qtbot.addWidget(second)
    assert second.restore_panes()
    second.show()
    assert second.panes.document_ids() == [other, doc_id]
    qtbot.waitUntil(lambda: second.panes.splitter.sizes() == sizes)
    assert second.geometry().size() == first.geometry().size()
    assert second.panes.sync_scroll and second.actions_by_name["sync"].isChecked()
    assert second.theme_choice == "dark" and second.panes.dark
    second.set_theme("light")
    second.close()


def test_sync_scroll_follows(qtbot, window, ws):
    long_text = "\n\n".join(f"Paragraph {i} with words about the ceasefire." for i in range(400))
    a = ws.add_document(long_text, outlet="A")
    b = ws.add_document(long_text + "\n\nMore.", outlet="B")
    window.open_documents([a, b])
    window.panes.set_sync_scroll(True)
    left, right = (p.view.verticalScrollBar() for p in window.panes.panes())
    left.setValue(left.maximum() // 2)
    assert right.value() > 0
    assert abs(right.value() / right.maximum() - left.value() / left.maximum()) < 0.03


def _folder(tmp_path, n: int):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i}.txt").write_text(f"Report {i}\n\nShelling near Երևան, day {i} 🕊️.\n")
    return folder


def test_import_from_gui_then_cancel(qtbot, window, ws, tmp_path, monkeypatch):
    folder = _folder(tmp_path, 5)
    controller = start_import(window.workspace, window.job_host, [str(folder)])
    with qtbot.waitSignal(controller.done, timeout=20000) as blocker:
        pass
    assert blocker.args == ["succeeded"]
    assert ws.documents.count() == 5
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 5)

    more = tmp_path / "more"
    more.mkdir()
    (more / "b.txt").write_text("Another\n\nText.\n")
    gate = threading.Event()  # hold the worker until the user has pressed Cancel
    real_import = ws.import_paths

    def gated(*args, **kwargs):
        assert gate.wait(10)
        return real_import(*args, **kwargs)

    monkeypatch.setattr(ws, "import_paths", gated)
    controller = start_import(window.workspace, window.job_host, [str(more)])
    controller.cancel()  # before the worker reaches its first progress report
    gate.set()
    with qtbot.waitSignal(controller.done, timeout=20000) as blocker:
        pass
    assert blocker.args == ["cancelled"]
    assert ws.documents.count() == 5  # nothing stored


def test_import_error_names_the_file(qtbot, window, ws, tmp_path, no_blocking_boxes):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine", "label": []}\n{not json\n')
    controller = start_import(window.workspace, window.job_host, [str(bad)])
    with qtbot.waitSignal(controller.done, timeout=20000) as blocker:
        pass
    assert blocker.args == ["failed"]
    assert "bad.jsonl" in controller.error and ":2" in controller.error
    assert no_blocking_boxes[-1][0].startswith("The import failed")
    assert ws.documents.count() == 0


def test_import_merging_spans_into_an_open_document_refreshes_library_and_pane(
    window, ws, doc_id, tmp_path, qtbot
):
    """A colleague's file brings spans for a document already stored: the change notice
    names it, so the library's counts and the open pane follow without a restart."""
    import orjson

    from ..conftest import TEXT

    pane = window.open_beside(doc_id)
    start = TEXT.index("civilians")
    line = {"text": TEXT, "label": [[start, start + 9, "casualty_report"]]}
    path = tmp_path / "colleague.jsonl"
    path.write_bytes(orjson.dumps(line) + b"\n")
    report = ws.import_paths([path])  # the same service the GUI's import job calls
    assert report.merged_spans == 1 and report.change.spans_reloaded == (doc_id,)
    assert [(s.start, s.end, s.label) for s in pane.doc.spans] == [
        (start, start + 9, "casualty_report")
    ]
    model = window.library.model
    assert model._counts[model.row_of(doc_id)] == {"casualty_report": 1}
    qtbot.waitUntil(lambda: window.annotations.model.rowCount() == 1)  # queued: view first


def test_an_import_from_the_command_line_shows_while_the_app_runs(
    window, ws, doc_id, tmp_path, qtbot
):
    """Another process imports; within a second the library lists it and an open pane shows
    a span another process added, while the user's current span and undo history stay."""
    import subprocess
    import sys

    from annotator import open_workspace

    pane = window.open_beside(doc_id)
    mine = window.editor.tag(doc_id, 0, 5, "claim")
    pane.view.set_current(mine)
    undo_count = window.editor.undo_stack.count()
    article = tmp_path / "cli.txt"
    article.write_text("Border clash reported\n\nBoth sides blamed each other.\n")
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(ws.url.database), "import", str(article)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    model = window.library.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=1000)
    with open_workspace(ws.url) as other:
        other.annotations.add(doc_id, 6, 11, "opinion")
    qtbot.waitUntil(lambda: len(pane.doc.spans) == 2, timeout=1000)
    assert pane.view.current == mine
    assert window.editor.undo_stack.count() == undo_count
    window.editor.undo_stack.undo()  # the user's own tag, undone as before
    assert [s.label for s in pane.doc.spans] == ["opinion"]


def test_a_small_window_keeps_the_panes_readable(window, ws, doc_id, qtbot):
    """900 x 600 with two panes: the side panels give way (shrink, then the library folds
    away) so each pane keeps a readable width; a wide window brings the library back."""
    from annotator.gui.shell.main_window import PANE_MIN

    other = ws.add_document("Second\n\nAnother report from the border villages.", title="B")
    window.resize(1300, 800)
    window.open_beside(doc_id)
    window.open_beside(other)
    qtbot.wait(50)
    window.resize(900, 600)
    qtbot.waitUntil(lambda: min(p.width() for p in window.panes.panes()) >= PANE_MIN - 20)
    assert not window.library_dock.isVisible() and window.annotation_dock.isVisible()
    window.resize(1300, 800)
    qtbot.waitUntil(lambda: window.library_dock.isVisible())


def test_closing_the_last_pane_clears_the_library_highlight(window, doc_id, qtbot):
    pane = window.open_beside(doc_id)
    assert window.library.selected_ids() == [doc_id]
    window.panes.close_pane(pane)
    assert window.library.selected_ids() == []


def test_the_first_launch_asks_the_name_and_spans_record_it(qtbot, ws, doc_id, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from annotator import settings
    from annotator.gui.shell.identity import ensure_author
    from annotator.gui.shell.main_window import MainWindow

    asked = []

    def answer(parent, title, label, echo, text):
        asked.append((title, text))
        return "Ana Petrosyan", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    ensure_author(ws)
    assert asked == [("Welcome to Annotator", settings.system_user())]
    assert settings.author() == "Ana Petrosyan"
    window = MainWindow(ws)
    qtbot.addWidget(window)
    assert "Ana Petrosyan" in window.status.author.text()
    window.editor.tag(doc_id, 0, 5, "claim")
    assert [s.author for s in ws.annotations.list(doc_id)] == ["Ana Petrosyan"]
    ensure_author(ws)  # asked once: later launches use the saved name
    assert len(asked) == 1
    window.close()
