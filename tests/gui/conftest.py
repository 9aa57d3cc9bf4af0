"""GUI fixtures: a real SQLite file per test, QSettings in a temporary folder, a main window."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

# Emoji (astral: two UTF-16 units each, plus a variation selector and a skin-tone modifier)
# and Armenian (one unit each), so that every offset crosses the UTF-16 / code point border.
TEXT = (
    "Peace talks in Երևան 🕊️ stalled\n\n"
    "Officials 👍🏽 said 12 civilians died near Գյումրի; the ministry denied it.\n"
    "Witnesses 🕊️ reported shelling overnight, the ministry said again.\n"
)


def u16(text: str, cp: int) -> int:
    """UTF-16 position of code point ``cp``, computed independently of the app's converter."""
    return len(text[:cp].encode("utf-16-le")) // 2


@pytest.fixture(autouse=True)
def settings_dir(tmp_path, qapp):
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def ws(tmp_path):
    from annotator import open_workspace

    workspace = open_workspace(str(tmp_path / "a.sqlite3"))
    yield workspace
    workspace.close()


@pytest.fixture
def doc_id(ws) -> str:
    return ws.add_document(TEXT, title="Peace talks", outlet="Test Wire")


@pytest.fixture
def window(qtbot, ws):
    from annotator.gui.shell.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def pane(window, doc_id, qtbot):
    pane = window.open_beside(doc_id)
    qtbot.waitUntil(lambda: pane.view.isVisible())
    pane.view.setFocus()
    return pane


@pytest.fixture(autouse=True)
def no_blocking_boxes(monkeypatch):
    """Message boxes stay non-blocking; record what they said."""
    shown: list[tuple[str, str]] = []
    import annotator.gui.dialogs.errors as errors

    original = errors.show_error

    def record(parent, title, message, details=""):
        shown.append((title, message))
        box = original(parent, title, message, details)
        box.close()
        return box

    monkeypatch.setattr(errors, "show_error", record)
    for module in (
        "annotator.gui.shell.main_window",
        "annotator.gui.jobs.background_job",
    ):
        mod = __import__(module, fromlist=["show_error"])
        monkeypatch.setattr(mod, "show_error", record)
    return shown


def pytest_collection_modifyitems(config, items):
    # The offscreen platform cannot pass window size hints on; Qt warns about it. Harmless.
    here = str(__file__).rsplit("/", 1)[0]
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))
