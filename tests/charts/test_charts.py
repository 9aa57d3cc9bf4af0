"""Charts: built from plain tables, saved as PNG and SVG, errors naming the file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from annotator.charts.figures import (
    Estimate,
    RangeSeries,
    Series,
    bar_chart,
    range_chart,
    timeline_chart,
)
from annotator.charts.save import save_figure
from annotator.charts.style import DARK, LIGHT
from annotator.errors import AnnotatorError
from annotator.evidence.estimates import estimate_text

SVG = "{http://www.w3.org/2000/svg}"


def _svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_bar_chart_saves_png_and_svg_with_its_names_as_text(tmp_path):
    fig = bar_chart(
        ["Vardanë Post", "Northern Herald"],
        [Series("claim", [3, 5], "#2f6fdb"), Series("casualty report", [1, 2])],
        title="Spans per label",
        value_label="spans",
    )
    png = save_figure(fig, tmp_path / "bars.png")
    svg = save_figure(fig, tmp_path / "bars.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    texts = _svg_texts(svg)
    for name in ("Vardanë Post", "Northern Herald", "Spans per label", "claim", "casualty report"):
        assert name in texts
    # no leftover partial files
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bars.png", "bars.svg"]


def test_same_chart_gives_the_same_svg(tmp_path):
    def make():
        return timeline_chart(
            ["2031-03-01", "2031-03-02"], [Series("claim", [1, 4])], title="Timeline"
        )

    a = save_figure(make(), tmp_path / "a.svg").read_bytes()
    b = save_figure(make(), tmp_path / "b.svg").read_bytes()
    assert a == b


def test_stacked_bars_and_dark_style(tmp_path):
    fig = bar_chart(
        ["x", "y"], [Series("a", [1, 2]), Series("b", [3, 0])], stacked=True, style=DARK
    )
    ax = fig.axes[0]
    widths = sorted(round(p.get_width()) for p in ax.patches)
    assert widths == [0, 1, 2, 3]
    # the stacked second series starts where the first ends
    assert any(p.get_x() == 1 for p in ax.patches) and any(p.get_x() == 2 for p in ax.patches)
    assert fig.get_facecolor()[:3] != (1.0, 1.0, 1.0)
    save_figure(fig, tmp_path / "dark.png")


def test_range_chart_draws_every_account_and_labels_bounds(tmp_path):
    fig = range_chart(
        ["Outlet A", "Outlet B", "Outlet C"],
        [
            RangeSeries("killed", [Estimate(12, 15, 20), Estimate(best=0), Estimate(low=21)]),
            RangeSeries("wounded", [None, Estimate(high=50), Estimate(5, None, 7)]),
        ],
        title="Shelling",
        style=LIGHT,
    )
    svg = save_figure(fig, tmp_path / "ranges.svg")
    texts = _svg_texts(svg)
    for label in ("15 (12–20)", "0", "≥ 21", "not given", "≤ 50", "5–7", "killed", "wounded"):
        assert any(t.strip() == label for t in texts), label
    killed = fig.axes[0]
    assert killed.get_xlim()[1] > 21 * 1.3  # the open "at least" arrow fits


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Estimate(12, 15, 20), "15 (12–20)"),
        (Estimate(9, None, 9), "9"),
        (Estimate(), ""),
        (Estimate(5, None, 7), "5–7"),
        (Estimate(best=3), "3"),
        (Estimate(low=21), "≥ 21"),
        (Estimate(high=50), "≤ 50"),
        (Estimate(low=10, best=12), "12 (≥ 10)"),
        (Estimate(best=12, high=20), "12 (≤ 20)"),
    ],
)
def test_estimate_text(value, text):
    assert estimate_text(value.low, value.best, value.high) == text


def test_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="'claim' has 1 values for 2 categories"):
        bar_chart(["a", "b"], [Series("claim", [1])])
    with pytest.raises(ValueError, match="'killed' has 2 values for 1 accounts"):
        range_chart(["a"], [RangeSeries("killed", [None, None])])


def test_save_errors_name_the_file_and_leave_nothing(tmp_path):
    fig = bar_chart(["a"], [Series("s", [1])])
    with pytest.raises(AnnotatorError, match=r"chart\.pdf: charts are saved as \.png or \.svg"):
        save_figure(fig, tmp_path / "chart.pdf")
    missing = tmp_path / "gone" / "chart.svg"
    with pytest.raises(AnnotatorError, match=r"gone/chart\.svg: could not save the chart"):
        save_figure(fig, missing)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_survives_a_failed_save(tmp_path):
    dest = tmp_path / "chart.svg"
    save_figure(bar_chart(["a"], [Series("s", [1])]), dest)
    before = dest.read_bytes()
    # the partial file cannot be written (its name is taken by a folder): fails even as root
    blocker = tmp_path / ".chart.svg.part"
    blocker.mkdir()
    (blocker / "keep").write_text("x")
    with pytest.raises(AnnotatorError, match=r"chart\.svg: could not save the chart"):
        save_figure(bar_chart(["b"], [Series("s", [2])]), dest)
    assert dest.read_bytes() == before
    assert (blocker / "keep").read_text() == "x"


def test_pivot_builds_categories_and_series_in_first_seen_order():
    from annotator.charts.pivot import pivot

    rows = [
        {"outlet": "B", "label": "claim", "spans": 2},
        {"outlet": "A", "label": "opinion", "spans": 1},
        {"outlet": "A", "label": "claim", "spans": 4},
        {"outlet": "(no outlet)", "label": "claim", "spans": 9},
        {"outlet": "B", "label": "opinion", "spans": None},
    ]
    categories, series = pivot(
        rows,
        "outlet",
        "label",
        "spans",
        color=lambda key: "#123456" if key == "claim" else None,
        name=str.upper,
        skip_rows=["(no outlet)"],
    )
    assert categories == ["B", "A"]
    assert [(s.name, list(s.values), s.color) for s in series] == [
        ("CLAIM", [2, 4], "#123456"),
        ("OPINION", [0, 1], None),
    ]
    _, fixed = pivot(rows, "outlet", "label", "spans", columns=["opinion", "statement"])
    assert [(s.name, list(s.values)) for s in fixed] == [
        ("opinion", [0, 1, 0]),
        ("statement", [0, 0, 0]),
    ]


def test_save_csv_round_trips_with_the_csv_module(tmp_path):
    import csv

    from annotator.charts.save import save_csv

    rows = [{"outlet": "Vardanë, Post", "spans": 3, "per": None, "extra": "x"}]
    dest = save_csv(rows, ["outlet", "spans", "per"], tmp_path / "t.csv")
    with open(dest, encoding="utf-8", newline="") as fh:
        assert list(csv.reader(fh)) == [["outlet", "spans", "per"], ["Vardanë, Post", "3", ""]]
    with pytest.raises(AnnotatorError, match=r"nope/t\.csv: could not save the table"):
        save_csv(rows, ["outlet"], tmp_path / "nope" / "t.csv")


def test_time_buckets_suit_the_range_and_fill_the_gaps():
    import datetime as dt

    from annotator.analysis.buckets import bucket_of, bucket_range, suited_bucket

    day = dt.date(2031, 3, 12)  # a Wednesday
    assert bucket_of(day, "day") == "2031-03-12"
    assert bucket_of(day, "week") == "2031-03-10"
    assert bucket_of(day, "month") == "2031-03"
    assert suited_bucket(day, day + dt.timedelta(days=40)) == "day"
    assert suited_bucket(day, day + dt.timedelta(days=300)) == "week"
    assert suited_bucket(day, day + dt.timedelta(days=1000)) == "month"
    assert bucket_range(["2031-03-14", "2031-03-12"], "day") == [
        "2031-03-12",
        "2031-03-13",
        "2031-03-14",
    ]
    assert bucket_range(["2031-03-24", "2031-03-10"], "week") == [
        "2031-03-10",
        "2031-03-17",
        "2031-03-24",
    ]
    assert bucket_range(["2031-11", "2032-02"], "month") == [
        "2031-11",
        "2031-12",
        "2032-01",
        "2032-02",
    ]
    assert bucket_range([], "day") == []


def test_dollar_signs_stay_text(tmp_path):
    fig = bar_chart(["Costs $5 and $6 a day"], [Series("claim", [1])], title="$x$ is not math")
    texts = _svg_texts(save_figure(fig, tmp_path / "d.svg"))
    assert "Costs $5 and $6 a day" in texts and "$x$ is not math" in texts
