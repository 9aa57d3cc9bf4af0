"""A real X server (Xvfb), the real app, real input from xdotool: drag over a word, press 1,
and the span is in the database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import TEXT

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.xvfb


def _start_xvfb():
    if not Path("/usr/bin/Xvfb").exists() or shutil.which("xdotool") is None:
        pytest.skip("Xvfb or xdotool missing (apt-get install -y xvfb xdotool)")
    read, write = os.pipe()
    proc = subprocess.Popen(
        [
            "/usr/bin/Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    number = b""
    deadline = time.time() + 10
    while not number.endswith(b"\n") and time.time() < deadline:
        chunk = os.read(read, 16)
        if not chunk:
            break
        number += chunk
    os.close(read)
    if not number.strip():
        proc.kill()
        pytest.skip("Xvfb did not start")
    return proc, f":{number.decode().strip()}"


def _xdotool(display: str, *args: str) -> None:
    subprocess.run(
        ["xdotool", *args], env=dict(os.environ, DISPLAY=display), check=True, timeout=10
    )


def _launch(tmp_path, db: str, doc_id: str, word: str, mode: str):
    """The app under Xvfb (driver: xvfb_driver.py); returns (xvfb, display, app, where)."""
    xvfb, display = _start_xvfb()
    where = tmp_path / "where.json"
    shots = Path("/tmp/shots")
    shots.mkdir(exist_ok=True)
    env = dict(
        os.environ,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    driver = str(Path(__file__).with_name("xvfb_driver.py"))
    app = subprocess.Popen(
        [
            sys.executable,
            driver,
            db,
            doc_id,
            word,
            str(where),
            str(shots / f"xvfb-{mode}.png"),
            mode,
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 30
    while not where.exists() and time.time() < deadline and app.poll() is None:
        time.sleep(0.1)
    if not where.exists() and app.poll() is not None:
        output = app.stdout.read().decode()
        xvfb.terminate()
        if "Could not load the Qt platform plugin" in output:
            pytest.skip(f"Qt's xcb plugin cannot load here: {output.splitlines()[0]}")
        pytest.fail(output)
    assert where.exists(), "the app did not come up in 30 s"
    return xvfb, display, app, json.loads(where.read_text())


def _stop(xvfb, app) -> None:
    if app.poll() is None:
        app.kill()
    xvfb.terminate()
    xvfb.wait(timeout=10)


def test_drag_and_press_1_under_xvfb(tmp_path):
    from annotator import open_workspace

    db = str(tmp_path / "x.sqlite3")
    with open_workspace(db) as ws:
        doc_id = ws.add_document(TEXT, title="Peace talks", outlet="Test Wire")
    word = "Գյումրի"
    xvfb, display, app, p = _launch(tmp_path, db, doc_id, word, "drag")
    try:
        _xdotool(display, "mousemove", str(p["x1"]), str(p["y1"]))
        _xdotool(display, "mousedown", "1")
        for i in range(1, 6):  # a real drag: several motion events with the button held
            x = p["x1"] + (p["x2"] - p["x1"]) * i // 5
            _xdotool(display, "mousemove", str(x), str(p["y2"]))
        _xdotool(display, "mouseup", "1")
        time.sleep(0.2)
        _xdotool(display, "key", "1")
        app.wait(timeout=30)
        with open_workspace(db) as ws:
            spans = ws.annotations.list(doc_id)
        start = TEXT.index(word)
        assert [(s.start, s.end, s.label, s.quote) for s in spans] == [
            (start, start + len(word), "claim", word)
        ]
    finally:
        _stop(xvfb, app)


def test_keys_typed_into_the_note_box_go_into_the_note_under_xvfb(tmp_path):
    """A span is current; the user clicks into the note box and types digits (label keys)
    and Backspace (delete in the text): the note gets them, the span keeps its label."""
    from annotator import open_workspace

    db = str(tmp_path / "x.sqlite3")
    with open_workspace(db) as ws:
        doc_id = ws.add_document(TEXT, title="Peace talks", outlet="Test Wire")
        ws.annotations.add(doc_id, 0, 5, "opinion")
    xvfb, display, app, p = _launch(tmp_path, db, doc_id, "", "note")
    try:
        _xdotool(display, "mousemove", str(p["x1"]), str(p["y1"]))
        _xdotool(display, "click", "1")
        time.sleep(0.2)
        _xdotool(display, "type", "--delay", "30", "12 killedx")
        _xdotool(display, "key", "BackSpace")
        _xdotool(display, "mousemove", str(p["x2"]), str(p["y2"]))
        _xdotool(display, "click", "1")  # leaving the box saves the note
        app.wait(timeout=30)
        with open_workspace(db) as ws:
            (span,) = ws.annotations.list(doc_id)
        assert (span.label, span.note) == ("opinion", "12 killed")
    finally:
        _stop(xvfb, app)


def test_a_crash_mid_typing_loses_at_most_the_last_second_under_xvfb(tmp_path):
    """The user types a note, pauses, types more, and the app is killed (SIGKILL) at once:
    what was typed before the pause is in the database, though the box never lost focus."""
    from annotator import open_workspace

    db = str(tmp_path / "x.sqlite3")
    with open_workspace(db) as ws:
        doc_id = ws.add_document(TEXT, title="Peace talks", outlet="Test Wire")
        ws.annotations.add(doc_id, 0, 5, "opinion")
    xvfb, display, app, p = _launch(tmp_path, db, doc_id, "", "crash")
    try:
        _xdotool(display, "mousemove", str(p["x1"]), str(p["y1"]))
        _xdotool(display, "click", "1")
        time.sleep(0.2)
        _xdotool(display, "type", "--delay", "30", "shelled at dawn")
        time.sleep(1.5)  # a pause: saved as typed
        _xdotool(display, "type", "--delay", "30", ", 3 hurt")
        app.kill()  # SIGKILL: no focus-out, no close, no flush
        app.wait(timeout=10)
        with open_workspace(db) as ws:
            (span,) = ws.annotations.list(doc_id)
        assert (span.label, span.note) == ("opinion", "shelled at dawn")
    finally:
        _stop(xvfb, app)
