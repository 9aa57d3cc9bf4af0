"""A second launch on the same database is told, and can switch to the running window."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtWidgets import QMessageBox

from annotator.gui.shell import single_instance
from annotator.gui.shell.single_instance import SingleInstance


def test_a_live_holder_is_seen_a_dead_one_not(ws, tmp_path):
    lock = ws.instance_lock()
    assert lock.holder() is None
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock.folder.mkdir(parents=True, exist_ok=True)
        note = {"pid": other.pid, "host": os.uname().nodename, "started": 0}
        lock.path.write_text(json.dumps(note))
        assert lock.holder()["pid"] == other.pid
    finally:
        other.kill()
        other.wait()
    assert lock.holder() is None  # the process ended: its note is ignored


def test_the_running_window_comes_to_the_front_when_rung(ws, window, qtbot):
    lock = ws.instance_lock()
    instance = SingleInstance(lock, window)
    instance.claim()
    try:
        assert lock.holder() is None  # our own note does not count as another process
        with qtbot.waitSignal(instance.activated, timeout=3000):
            ws.instance_lock().ring()  # what a second launch does on "Switch to it"
    finally:
        instance.release()
    assert not lock.path.exists()


def test_the_question_offers_switch_open_and_cancel(qtbot, monkeypatch):
    seen = []

    def exec_(box):
        seen.append([b.text() for b in box.buttons()])
        box.buttons()[0].click()  # the default: switch
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert single_instance.ask(None, {"started": 0}) == single_instance.SWITCH
    assert "Switch to it" in seen[0] and "Open another window" in seen[0]
