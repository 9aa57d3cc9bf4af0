"""The event comparison and statistics windows on the bundled (annotated) sample corpus:
reached from the Compare menu's keys, cells open their spans, charts and tables save."""

from __future__ import annotations

import csv
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.samples import import_samples

SVG = "{http://www.w3.org/2000/svg}"
SHELLING = "Shelling of Vardanë"


@pytest.fixture
def sampled(ws):
    import_samples(ws)
    return ws


def _svg_texts(path) -> list[str]:
    return ["".join(t.itertext()) for t in ET.parse(path).getroot().iter(f"{SVG}text")]


def _column(model, key: str) -> int:
    return model.column_keys.index(key)


def test_event_comparison_opens_from_its_key_and_compares_the_accounts(
    window, sampled, qtbot, tmp_path
):
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    view = window._comparison
    assert view is not None and view.isVisible()
    names = [view.event.itemText(i) for i in range(view.event.count())]
    assert any(n.startswith(SHELLING) for n in names)
    view.event.setCurrentIndex(next(i for i, n in enumerate(names) if n.startswith(SHELLING)))
    table = view.current
    assert table.name == SHELLING
    assert view.model.rowCount() == len(table.accounts)
    killed = {r["outlet"]: r["killed"] for r in view.model.rows if r["killed"]}
    expected = {
        a.outlet: a.figures["killed"].text() for a in table.accounts if "killed" in a.figures
    }
    assert set(killed.values()) == set(expected.values())
    assert "accounts differ: killed 9–14" in view.details.text()
    # the links between the accounts are listed
    assert view.links.topLevelItemCount() == len(table.links) > 0
    first = view.links.topLevelItem(0)
    assert first.text(0) == table.links[0].kind
    # activating a link's From end opens its source span
    view.links.itemActivated.emit(first, 1)
    assert window.panes.active.view.current == table.links[0].source_id
    # the discrepancy chart names every account and the figures
    svg = tmp_path / "event.svg"
    assert view.chart.save_to(str(svg))
    texts = _svg_texts(svg)
    assert SHELLING in texts and "killed" in texts
    # a killed cell opens the report its best figure comes from
    account = next(a for a in table.accounts if "killed" in a.figures)
    row = next(i for i, r in enumerate(view.model.rows) if r["_account"] is account)
    index = view.proxy.mapFromSource(view.model.index(row, _column(view.model, "killed")))
    rect = view.table.visualRect(index)
    qtbot.waitExposed(view)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = window.panes.active
    assert pane is not None and pane.document_id == account.document_id
    assert pane.view.current == account.figures["killed"].span_id
    # the table saves as the CLI's CSV rows
    out = tmp_path / "event.csv"
    assert view.save_table_to(str(out))
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(table.accounts) and {r["event"] for r in rows} == {SHELLING}


def test_event_comparison_follows_an_edit(window, sampled, qtbot):
    view = window.show_event_comparison()
    before = view.model.rowCount()
    event_id = view.current.event_id
    account = view.current.accounts[0]
    # remove the event reference of every span of that account: it leaves the table
    for span_id in account.span_ids:
        record = sampled.annotations.get(span_id)
        attrs = {k: v for k, v in record.attributes.items() if k != "event"}
        sampled.annotations.edit(span_id, attributes=attrs)
    qtbot.waitUntil(
        lambda: (
            view.current is not None
            and view.current.event_id == event_id
            and view.model.rowCount() == before - 1
        ),
        timeout=3000,
    )


def test_statistics_views_draw_and_save(window, sampled, qtbot, tmp_path):
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    stats = window._statistics
    assert stats is not None and stats.isVisible()
    outlets = {o.name for o in sampled.outlets.list() if o.documents}
    assert {r["outlet"] for r in stats.model.rows} <= outlets
    assert (
        sum(r["spans"] for r in stats.model.rows)
        == stats.workspace.analysis.stats(["outlet", "label"]).spans
    )
    labels = {label.name for label in sampled.labels.list()}
    assert {r["label"] for r in stats.model.rows} <= labels  # names, not keys
    png, svg = tmp_path / "outlets.png", tmp_path / "outlets.svg"
    assert stats.chart.save_to(str(png)) and stats.chart.save_to(str(svg))
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert "Spans per label, by outlet" in _svg_texts(svg)
    stats.per_words.setChecked(True)
    assert stats.chart.figure.axes[0].get_xlabel() == "spans per 1,000 words"
    for key in ("alignment", "timeline", "verification", "actors"):
        stats.show_view(key)
        assert stats.model.rowCount() > 0, key
        assert stats.chart.figure is not None, key
    stats.show_view("timeline")  # automatic: the samples span four days, so by day
    assert stats.model.column_keys[0] == "day"
    assert {r["day"] for r in stats.model.rows} >= {"2031-03-12"}
    stats.bucket.setCurrentIndex(stats.bucket.findData("month"))
    assert {r["month"] for r in stats.model.rows} == {"2031-03"}
    stats.bucket.setCurrentIndex(stats.bucket.findData("day"))
    out = tmp_path / "timeline.csv"
    assert stats.save_table_to(str(out))
    with open(out, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == ["day", "label", "spans", "documents", "words", "per_1000_words"]


def test_charts_follow_the_dark_theme(window, sampled, qtbot):
    stats = window.show_statistics()
    window.set_theme("light")
    light = QColor.fromRgbF(*stats.chart.figure.get_facecolor()).lightness()
    window.set_theme("dark")
    qtbot.waitUntil(lambda: QColor.fromRgbF(*stats.chart.figure.get_facecolor()).lightness() < 100)
    assert light > 200


def test_the_main_window_starts_without_matplotlib(tmp_path):
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from annotator import open_workspace\n"
        "from annotator.gui.shell.main_window import MainWindow\n"
        f"ws = open_workspace({str(tmp_path / 'a.sqlite3')!r})\n"
        "w = MainWindow(ws, restore=False); w.show(); app.processEvents()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'numpy')))\n"
        "w.close(); ws.close()\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
