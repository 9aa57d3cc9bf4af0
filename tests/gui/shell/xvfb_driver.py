"""Run by test_xvfb.py under a real X server: shows the app on a database, writes where a word
is on the screen (for xdotool to drag over), and quits once the span has landed."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(db: str, doc_id: str, word: str, out: str, shot: str, mode: str = "drag") -> int:
    """``mode`` "drag": report where ``word`` is, quit once a span landed. "note": make the
    document's first span current, report where the note box and the text are, quit once the
    note is saved. "crash": as "note", but never quit (the test kills the app)."""
    from PySide6.QtCore import QPoint, QTimer

    from annotator import open_workspace
    from annotator.gui.shell.app import _application, create_window

    app = _application()
    ws = open_workspace(db)
    window = create_window(ws, [doc_id], db=db, restore=False)
    window.resize(1280, 800)
    window.move(0, 0)
    window.show()
    window.raise_()
    window.activateWindow()
    pane = window.panes.active
    view = pane.view

    def report_note() -> None:
        view.set_current(next(iter(pane.doc.spans)).id)
        note = window.annotations.note
        p1 = note.viewport().mapToGlobal(QPoint(10, 10))
        p2 = view.viewport().mapToGlobal(QPoint(view.viewport().width() // 2, 40))
        Path(out).write_text(json.dumps({"x1": p1.x(), "y1": p1.y(), "x2": p2.x(), "y2": p2.y()}))

    def note_saved() -> None:
        if ws.annotations.list(doc_id)[0].note:
            QTimer.singleShot(300, finish)
        else:
            QTimer.singleShot(100, note_saved)

    def report() -> None:
        start = pane.doc.text.index(word)
        a, b = pane.doc.offsets.range_units(start, start + len(word))
        cursor = view.textCursor()
        cursor.setPosition(a)
        left = view.cursorRect(cursor)
        cursor.setPosition(b)
        right = view.cursorRect(cursor)
        p1 = view.viewport().mapToGlobal(QPoint(left.left() + 1, left.center().y()))
        p2 = view.viewport().mapToGlobal(QPoint(right.left() - 1, right.center().y()))
        Path(out).write_text(json.dumps({"x1": p1.x(), "y1": p1.y(), "x2": p2.x(), "y2": p2.y()}))

    def check() -> None:
        if len(pane.doc.spans):
            QTimer.singleShot(300, finish)
        else:
            QTimer.singleShot(100, check)

    def finish() -> None:
        window.grab().save(shot)
        window.close()

    if mode == "note":
        QTimer.singleShot(500, report_note)
        QTimer.singleShot(600, note_saved)
    elif mode == "crash":  # the note box is reported; the test kills the app mid-typing
        QTimer.singleShot(500, report_note)
    else:
        QTimer.singleShot(500, report)
        QTimer.singleShot(600, check)
    QTimer.singleShot(30_000, window.close)
    code = app.exec()
    ws.close()
    return code


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:7]))
