"""GUI speed figures, one a line: ``name value unit`` (``report.py``).

    .venv/bin/python benchmarks/bench_gui.py

Goals (the GUI issue): a 1 MB article with 10,000 spans opens to first paint in <= 150 ms;
scrolling repaints in <= 16 ms a frame (also two such articles side by side with 2,000 links
between them and their connectors drawn); tag -> visible and committed <= 30 ms; cold start to
the shown window <= 0.8 s from source. Runs offscreen unless $QT_QPA_PLATFORM says otherwise.
The text is synthetic (written here): news-like paragraphs with some emoji and Armenian.
"""

from __future__ import annotations

import atexit
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from report import figure  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TMP = tempfile.mkdtemp(prefix="annotator-bench-gui-")
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = _TMP
os.environ.pop("ANNOTATOR_DB", None)

WORDS = (
    "the ministry said forces shelled village overnight civilians killed wounded denied "
    "reports spokesman according to officials border ceasefire artillery drone convoy "
    "statement claimed sources local hospital figures independent verified Երևան Գյումրի "
    "“we” — 🕊️ 👍🏽"
).split()
LABELS = ("claim", "casualty_report", "statement", "opinion")


def synthetic_article(rng: random.Random, size: int = 1_000_000) -> str:
    paragraphs, total = [], 0
    while total < size:
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 140))]
        paragraph = " ".join(words).capitalize() + "."
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


def make_database(path: str, rng: random.Random) -> str:
    from annotator import open_workspace
    from annotator.importing.records import ParsedDocument, ParsedSpan

    text = synthetic_article(rng)
    spans = []
    for _ in range(10_000):
        start = rng.randrange(0, len(text) - 300)
        spans.append(ParsedSpan(start, start + rng.randint(3, 250), rng.choice(LABELS)))
    spans.sort(key=lambda s: (s.start, s.end))
    with open_workspace(path) as ws:
        doc = ParsedDocument(title="Big article", text=text, source="(bench)", spans=spans)
        report = ws.importer.import_documents([doc])
        return report.document_ids[0]


def emit(name: str, value: float, unit: str = "ms") -> None:
    figure(f"gui.{name}", value, unit)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def settle(app) -> None:
    """The window as a user finds it a moment after it is shown: the warm-up thread has loaded
    what the first tag needs (gui/shell/warm_up.py), so it does not compete with the figures."""
    from annotator.gui.shell import warm_up

    deadline = time.perf_counter() + 10
    while not warm_up.loaded.is_set() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def bench_in_process(db: str, doc_id: str, rng: random.Random) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, _TMP)
    from annotator import open_workspace
    from annotator.gui.shell.main_window import MainWindow

    ws = open_workspace(db)
    window = MainWindow(ws, restore=False)
    window.resize(1400, 860)
    window.show()
    settle(app)

    opens = []
    for _ in range(5):  # each open loads the document afresh (nothing is cached)
        start = time.perf_counter()
        pane = window.open_beside(doc_id)
        pane.repaint()  # the first paint: header and visible text with its spans
        opens.append((time.perf_counter() - start) * 1000)
        app.processEvents()
        window.panes.close_pane(pane)
        app.processEvents()
    emit("open_1mb_10k_spans_first_paint_ms", statistics.median(opens))
    emit("open_1mb_10k_spans_first_paint_max_ms", max(opens))

    pane = window.open_beside(doc_id)
    view = pane.view
    app.processEvents()
    bar = view.verticalScrollBar()
    frames = []
    step = 3  # lines, as one wheel notch
    for i in range(400):
        if i == 200:  # then a stretch near the middle of the document
            bar.setValue(bar.maximum() // 2)
            app.processEvents()
        bar.setValue(bar.value() + step)
        start = time.perf_counter()
        view.viewport().repaint()
        frames.append((time.perf_counter() - start) * 1000)
    emit("scroll_repaint_median_ms", statistics.median(frames))
    emit("scroll_repaint_p99_ms", p99(frames))

    from PySide6.QtGui import QTextCursor

    tags = []
    text = pane.doc.text
    for _ in range(40):
        first = view.firstVisibleBlock().position()
        u = first + rng.randrange(0, 400)
        cursor = view.textCursor()
        cursor.setPosition(u)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfWord)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
        if not cursor.hasSelection():
            continue
        view.setTextCursor(cursor)
        before = len(pane.doc.spans)
        start = time.perf_counter()
        view.tag_with(rng.choice(LABELS))  # service command: committed (fsync) when it returns
        view.viewport().repaint()  # visible
        tags.append((time.perf_counter() - start) * 1000)
        assert len(pane.doc.spans) == before + 1, text[:0]
        bar.setValue(bar.value() + 5)
    emit("tag_visible_and_committed_median_ms", statistics.median(tags))
    emit("tag_visible_and_committed_max_ms", max(tags))
    bench_tag_propose_commit(app, window, pane)
    bench_external_refresh(app, window, db)
    window.close()
    ws.close()
    bench_links(app, rng)


def make_linked_pair(path: str, rng: random.Random) -> tuple[str, str]:
    """Two ~1 MB articles with 10,000 spans each and 2,000 links between them (a link joins
    spans at about the same place in both, so connectors are on screen wherever one looks)."""
    from sqlalchemy import insert, select

    from annotator import open_workspace
    from annotator.ids import new_id
    from annotator.importing.records import ParsedDocument, ParsedSpan
    from annotator.storage.models import Annotation, LinkKind, SpanLink, utcnow

    docs = []
    for n in range(2):
        text = synthetic_article(rng)
        spans = []
        for _ in range(10_000):
            start = rng.randrange(0, len(text) - 300)
            spans.append(ParsedSpan(start, start + rng.randint(3, 250), rng.choice(LABELS)))
        spans.sort(key=lambda s: (s.start, s.end))
        docs.append(ParsedDocument(title=f"Linked {n}", text=text, source="(bench)", spans=spans))
    with open_workspace(path) as ws:
        a, b = ws.importer.import_documents(docs).document_ids
        with ws.store.sessions.begin() as session:
            kinds = list(session.scalars(select(LinkKind.id)))
            ids = [
                list(
                    session.scalars(
                        select(Annotation.id)
                        .where(Annotation.document_id == d)
                        .order_by(Annotation.start)
                    )
                )
                for d in (a, b)
            ]
            rows, seen = [], set()
            while len(rows) < 2_000:
                i = rng.randrange(0, 10_000)
                j = min(9_999, max(0, i + rng.randint(-40, 40)))
                kind = rng.choice(kinds)
                if (i, j, kind) in seen:
                    continue
                seen.add((i, j, kind))
                rows.append(
                    {
                        "id": new_id(),
                        "kind_id": kind,
                        "source_id": ids[0][i],
                        "target_id": ids[1][j],
                        "note": "",
                        "author": "bench",
                        "created": utcnow(),
                    }
                )
            session.execute(insert(SpanLink), rows)
    return a, b


def bench_links(app, rng: random.Random) -> None:
    """Two linked 1 MB articles side by side: first paint and scrolling with connectors."""
    from annotator import open_workspace
    from annotator.gui.shell.main_window import MainWindow

    db = str(Path(_TMP) / "links.sqlite3")
    a, b = make_linked_pair(db, rng)
    ws = open_workspace(db)
    window = MainWindow(ws, restore=False)
    window.resize(1400, 860)
    window.show()
    settle(app)
    opens, settled, besides, curves = [], [], [], []
    for _ in range(5):
        start = time.perf_counter()
        left = window.panes.open_document(a)
        right = window.panes.open_document(b)
        window.panes.repaint()  # both panes and the gutter between them: the first paint
        opens.append((time.perf_counter() - start) * 1000)
        app.processEvents()  # the next turn: all the links of both read, the Links panel's list
        settled.append((time.perf_counter() - start) * 1000)
        window.panes.close_pane(right)
        app.processEvents()
        start = time.perf_counter()  # the second opened beside the first: the connectors
        right = window.panes.open_document(b)
        window.panes.repaint()
        besides.append((time.perf_counter() - start) * 1000)
        app.processEvents()
        (gutter,) = window.panes.splitter.gutters()
        curves.append(len(gutter.drawn))
        window.panes.close_pane(right)
        window.panes.close_pane(left)
        app.processEvents()
    emit("links_open_2x1mb_10k_spans_2k_links_first_paint_ms", statistics.median(opens))
    emit("links_open_first_paint_max_ms", max(opens))
    emit("links_open_then_all_links_listed_ms", statistics.median(settled))
    emit("links_open_beside_first_paint_ms", statistics.median(besides))
    left = window.panes.open_document(a)
    right = window.panes.open_document(b)
    app.processEvents()
    (gutter,) = window.panes.splitter.gutters()
    lbar, rbar = left.view.verticalScrollBar(), right.view.verticalScrollBar()
    frames, drawn = [], []
    for i in range(400):
        if i == 200:
            lbar.setValue(lbar.maximum() // 2)
            rbar.setValue(rbar.maximum() // 2)
            app.processEvents()
        lbar.setValue(lbar.value() + 3)  # one wheel notch in the left pane
        start = time.perf_counter()
        left.view.viewport().repaint()
        gutter.repaint()  # the connectors follow
        frames.append((time.perf_counter() - start) * 1000)
        drawn.append(len(gutter.drawn))
    emit("links_scroll_repaint_with_connectors_median_ms", statistics.median(frames))
    emit("links_scroll_repaint_with_connectors_p99_ms", p99(frames))
    emit("links_connectors_drawn_median", statistics.median(drawn + curves), "connectors")
    window.close()
    ws.close()


def bench_tag_propose_commit(app, window, pane) -> None:
    """Tag a casualty report with its key, the form proposes figures from its text, Enter
    accepts them: until both edits are committed (goal <= 30 ms)."""
    from PySide6.QtGui import QTextCursor

    view, form = pane.view, window.annotations.fields
    sentence = "At least 12 civilians were killed and 27 wounded in the shelling"
    times = []
    for i in range(20):
        first = view.firstVisibleBlock().position()
        cursor = view.textCursor()
        cursor.setPosition(first + 40 * i)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfWord)
        cursor.movePosition(
            QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len(sentence) // 2
        )
        view.setTextCursor(cursor)
        start = time.perf_counter()
        view.tag_with("casualty_report")  # committed; the form follows with its proposals
        app.processEvents()  # the form is built (a moment after the tag), proposals read
        form.proposals = form.proposals or {"killed": {"low": 12, "best": 12, "high": None}}
        form.accept_proposals()  # Enter: the proposed values, committed
        times.append((time.perf_counter() - start) * 1000)
        app.processEvents()
    emit("tag_propose_accept_committed_median_ms", statistics.median(times))
    emit("tag_propose_accept_committed_max_ms", max(times))


def bench_external_refresh(app, window, db: str) -> None:
    """An import from the command line while the app runs: from the moment the other process
    has committed (its exit) until the library lists the new article (goal <= 1 s)."""
    delays = []
    folder = Path(_TMP) / "external"
    folder.mkdir(exist_ok=True)
    model = window.library.model
    for i in range(5):
        article = folder / f"external-{i}.txt"
        article.write_text(f"External article {i}\n\nReported by another program.\n")
        rows = model.rowCount()
        done = subprocess.run(
            [sys.executable, "-m", "annotator", "--db", db, "import", str(article)],
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            capture_output=True,
            cwd=ROOT,
        )
        if done.returncode != 0:
            raise SystemExit(done.stderr.decode())
        start = time.perf_counter()
        while model.rowCount() == rows and time.perf_counter() - start < 5:
            app.processEvents()
            time.sleep(0.002)
        delays.append((time.perf_counter() - start) * 1000)
        time.sleep(0.05 * i)  # arrive at another point of the poll interval
    emit("external_import_to_library_median_ms", statistics.median(delays))
    emit("external_import_to_library_max_ms", max(delays))


def bench_cold_start(db: str, name: str, config: str) -> None:
    """A fresh interpreter, from source, until the main window has been shown."""
    # Like an installed app, with compiled bytecode: this machine sets PYTHONDONTWRITEBYTECODE,
    # so the cache goes to a temporary prefix (the source tree stays clean); the first run
    # fills it and is not counted.
    env = dict(
        os.environ,
        XDG_CONFIG_HOME=config,
        ANNOTATOR_GUI_QUIT_WHEN_SHOWN="1",
        PYTHONPATH=str(ROOT),
        PYTHONPYCACHEPREFIX=str(Path(_TMP) / "pycache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    code = "import sys; from annotator.gui.shell.app import run; sys.exit(run(db=sys.argv[1]))"
    walls, inner = [], []
    for _ in range(6):
        # from spawning the interpreter to the moment the app reports the window shown
        # (not to the process exit: closing the app is not part of starting it)
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", code, db],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
        )
        marker = None
        for line in proc.stdout:
            if "annotator-gui-shown" in line:
                walls.append((time.perf_counter() - start) * 1000)
                marker = line
                break
        proc.stdout.read()
        proc.wait(timeout=60)
        if marker is None:
            raise SystemExit(f"the app did not start (exit status {proc.returncode})")
        inner.append(float(marker.split()[1]))
    emit(f"cold_start_{name}_to_shown_window_ms", statistics.median(walls[1:]))
    emit(f"cold_start_{name}_in_process_to_shown_ms", statistics.median(inner[1:]))


def main() -> None:
    rng = random.Random(20310312)
    db = str(Path(_TMP) / "bench.sqlite3")
    doc_id = make_database(db, rng)
    bench_in_process(db, doc_id, rng)
    # the first screen most launches show: the library of the sample corpus, no pane restored
    samples = str(Path(_TMP) / "samples.sqlite3")
    from annotator.samples import import_samples
    from annotator.workspace import open_workspace

    with open_workspace(samples) as ws:
        import_samples(ws)
    bench_cold_start(samples, "sample_corpus", str(Path(_TMP) / "fresh-config"))
    # the worst case: the 1 MB / 10,000-span article restored in a pane from the last session
    bench_cold_start(db, "restoring_1mb_pane", _TMP)


if __name__ == "__main__":
    main()
