"""The app under hostile conditions, through real key presses: a tag or an undo refused by a
locked database, a read-only database, a folder gone while the window is open. Each shows a
clear message, keeps the undo stack and the panes as the database is, and stays usable."""

from __future__ import annotations

import pytest
from reliability.hostile_setup import LockHolder, make_read_only

from annotator import open_workspace
from annotator.gui.dialogs.errors import show_error as real_show_error  # not the tests' recorder

from ..conftest import TEXT
from ..document.test_tagging import rows, tag


@pytest.fixture
def short_lock_wait(ws, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_BUSY_TIMEOUT_MS", "150")
    ws.engine.dispose()  # the next connection waits only that long


def db_file(ws):
    return ws.store.where


def test_tag_refused_while_another_program_holds_the_lock(
    window, pane, ws, qtbot, short_lock_wait, no_blocking_boxes
):
    word = "stalled"
    start = TEXT.index(word)
    holder = LockHolder(db_file(ws), 60)
    try:
        tag(qtbot, pane.view, start, start + len(word))
    finally:
        holder.release()
    title, message = no_blocking_boxes[-1]
    assert title == "The edit was not saved"
    assert "locked by another program" in message and db_file(ws) in message
    assert rows(ws) == [] and len(pane.doc.spans) == 0  # the pane shows the database
    assert window.editor.undo_stack.count() == 0
    assert "Not saved" in window.status.saved.text()
    tag(qtbot, pane.view, start, start + len(word))  # the lock is gone: the same tag works
    assert rows(ws) == [(start, start + len(word), "claim", word)]
    assert window.editor.undo_stack.count() == 1


def test_undo_refused_while_locked_leaves_a_consistent_stack(
    window, pane, ws, qtbot, short_lock_wait, no_blocking_boxes
):
    start = TEXT.index("stalled")
    tag(qtbot, pane.view, start, start + 7)
    holder = LockHolder(db_file(ws), 60)
    try:
        window.actions_by_name["undo"].trigger()
    finally:
        holder.release()
    assert "locked by another program" in no_blocking_boxes[-1][1]
    assert len(rows(ws)) == 1 and len(pane.doc.spans) == 1  # the span is still there
    stack = window.editor.undo_stack
    assert stack.count() == 0 and not stack.canRedo()  # the command that failed is gone
    qtbot.keyClick(pane.view, "2")  # still usable: retag the selected span...
    window.delete_current_span()  # ...and delete it by hand
    assert rows(ws) == [] and stack.count() >= 1


@pytest.fixture
def read_only_window(qtbot, tmp_path, ws, doc_id):
    from annotator.gui.shell.main_window import MainWindow

    path = ws.store.where
    ws.close()
    undo = make_read_only(tmp_path)  # the folder: SQLite cannot write its journal there
    try:
        with open_workspace(path, author=None) as read_only_ws:
            win = MainWindow(read_only_ws)
            qtbot.addWidget(win)
            win.show()
            qtbot.waitExposed(win)
            yield win, read_only_ws
            win.close()
    finally:
        undo()


def test_read_only_database_opens_in_read_only_mode(
    read_only_window, doc_id, qtbot, no_blocking_boxes
):
    window, ws = read_only_window
    assert window.windowTitle() == "Annotator — read-only"
    assert window.status.read_only.isVisible()
    assert "folder" in window.status.read_only.toolTip()
    pane = window.open_beside(doc_id)
    qtbot.waitUntil(lambda: pane.view.isVisible())
    pane.view.setFocus()
    start = TEXT.index("stalled")
    tag(qtbot, pane.view, start, start + 7)
    message = no_blocking_boxes[-1][1]
    assert "read-only" in message and "not saved" in message
    assert len(pane.doc.spans) == 0 and window.editor.undo_stack.count() == 0
    assert ws.search.search("ministry").hits  # reading and searching still work


def test_folder_gone_while_open_then_saved_as_a_copy(
    window, pane, ws, qtbot, tmp_path, no_blocking_boxes
):
    from annotator.gui.shell import read_only

    start = TEXT.index("stalled")
    tag(qtbot, pane.view, start, start + 7)
    assert window.windowTitle() == "Annotator"
    folder = tmp_path / "moved"
    folder.mkdir()
    (tmp_path / "a.sqlite3").rename(folder / "a.sqlite3")  # a sync tool took the file away
    qtbot.keyClick(pane.view, "2")  # retag the selected span
    assert "the database file is gone" in no_blocking_boxes[-1][1]
    assert window.windowTitle() == "Annotator — read-only"
    assert pane.doc.spans.at_row(0).label == "claim"  # the pane shows what the database holds
    copy = read_only.save_copy(window, str(tmp_path / "rescued.sqlite3"))
    with open_workspace(copy, author=None) as rescued:
        assert [a.quote for a in rescued.annotations.list()] == ["stalled"]
    assert "save_copy" in window.actions_by_name


def test_the_same_refusal_twice_shows_one_box(window, qtbot):
    """An edit retried (or autosaved) against a locked database: one box, raised again."""
    message = "x.sqlite3: the database is locked by another program; your change was not saved."
    first = real_show_error(window, "The edit was not saved", message)
    again = real_show_error(window, "The edit was not saved", message)
    other = real_show_error(window, "The edit was not saved", "another message")
    try:
        assert again is first and other is not first
        assert first.isVisible() and other.isVisible()
    finally:
        first.close()
        other.close()
    fresh = real_show_error(window, "The edit was not saved", message)  # the first was closed
    assert fresh is not first
    fresh.close()
