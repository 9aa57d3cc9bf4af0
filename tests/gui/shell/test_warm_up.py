"""The warm-up after the first showing: the first tag's imports load on a thread, later."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from annotator.gui.shell import warm_up


def test_loads_on_a_thread_after_the_delay_unless_the_owner_is_gone(qtbot, monkeypatch):
    ran = []
    monkeypatch.setattr(warm_up, "DELAY_MS", 30)
    monkeypatch.setattr(warm_up, "_load", lambda: ran.append(threading.current_thread().name))
    gone = QObject()
    warm_up.warm_up_later(gone)
    gone.deleteLater()  # closed before the delay: nothing is loaded for it
    owner = QObject()
    timer = warm_up.warm_up_later(owner)
    assert timer.isActive() and ran == []  # not at once: the window's first paints go first
    qtbot.waitUntil(lambda: ran == ["annotator-warm-up"])
    qtbot.wait(60)
    assert ran == ["annotator-warm-up"]


def test_the_loading_itself():
    import sys

    warm_up._load()
    assert warm_up.loaded.is_set()
    assert {"annotator.text.figures", "fastjsonschema", "regex"} <= set(sys.modules)
