"""What the first tag of a casualty report needs, loaded while the user reads the first window.

The figure readers (``text.figures``) compile their patterns when imported (about 0.3 s), the
field checks import fastjsonschema and the word snapping the ``regex`` module: paid by the
first tag → propose → commit, they made it ten times slower than the next ones. A moment after
the window is first shown a daemon thread imports them (the GIL is let go every few
milliseconds, so the window stays responsive); a quick launch-and-quit never starts it.
"""

from __future__ import annotations

import importlib
import threading

from PySide6.QtCore import QObject, QTimer

DELAY_MS = 500  # after the window is shown: its first paints and the restored panes go first
MODULES = ("annotator.text.figures", "fastjsonschema")
loaded = threading.Event()  # set once the loading is done (benchmarks wait for it)


def _load() -> None:
    from ...text import graphemes

    for name in MODULES:
        importlib.import_module(name)
    graphemes.snap("a\u0301b", 0, 1)  # a combining accent: the cluster patterns compiled
    loaded.set()


def warm_up_later(owner: QObject) -> QTimer:
    """Start the loading ``DELAY_MS`` after now, unless ``owner`` is gone by then."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.timeout.connect(
        lambda: threading.Thread(target=_load, name="annotator-warm-up", daemon=True).start()
    )
    timer.start(DELAY_MS)
    return timer
