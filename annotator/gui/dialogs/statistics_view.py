"""The statistics window: spans per label by outlet and by alignment (counts or per 1,000
words), a timeline of claims and casualty reports, verification by outlet, the actors most
quoted. Each view is a chart above its table; the chart saves as PNG or SVG, the table as CSV
(the rows ``annotator stats --by ... --csv`` prints, with label names for keys). It follows
the change notices (refreshed a moment after the last one, while it is shown)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...analysis.buckets import bucket_range, suited_bucket
from ...analysis.stats import NO_DATE, QUOTED_ROLES
from ...analysis.table_out import quoted_rows, stats_rows
from ...charts.figures import Series, bar_chart, timeline_chart
from ...charts.pivot import pivot
from ...errors import AnnotatorError
from ..widgets.chart_canvas import ChartCanvas
from ..widgets.rows_model import RowsModel, SortRole
from ..widgets.table_export import ask_csv_path, save_rows
from ..widgets.table_selection import record_table
from . import errors as boxes

REFRESH_MS = 400
TIMELINE_LABELS = ("claim", "casualty_report")  # label keys the timeline follows


@dataclass(frozen=True)
class View:
    key: str
    title: str
    by: tuple[str, ...]  # the stats grouping; () for the most quoted actors
    per_words: bool = False  # offers spans per 1,000 words
    stacked: bool = False


VIEWS = (
    View("outlet", "Spans per label, by outlet", ("outlet", "label"), per_words=True),
    View("alignment", "Spans per label, by alignment", ("alignment", "label"), per_words=True),
    View("timeline", "Claims and casualty reports over time", ("month", "label")),
    View(
        "verification",
        "Verification of claims, by outlet",
        ("outlet", "verification"),
        stacked=True,
    ),
    View("actors", "Actors most quoted", (), stacked=True),
)
AUTO = "auto"
BUCKETS = (
    (AUTO, "by day, week or month"),
    ("day", "by day"),
    ("week", "by week"),
    ("month", "by month"),
)
HEADERS = {
    "outlet": "Outlet",
    "alignment": "Alignment",
    "label": "Label",
    "verification": "Verification",
    "month": "Month",
    "week": "Week of",
    "day": "Day",
    "spans": "Spans",
    "documents": "Documents",
    "words": "Words",
    "per_1000_words": "Per 1,000 words",
    "actor": "Actor",
    "kind": "Kind",
    "speaker": "As speaker",
    "claimant": "As claimant",
    "source": "As source",
    "total": "Total",
}


class StatisticsView(QDialog):
    def __init__(self, workspace, bridge, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Statistics")
        self.setObjectName("statisticsView")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.columns: list[str] = []  # the CSV columns of the current table
        self.views = QListWidget(self)
        self.views.addItems([v.title for v in VIEWS])
        self.views.setMaximumWidth(260)
        self.per_words = QCheckBox("Per 1,000 words", self)
        self.bucket = QComboBox(self)
        for key, text in BUCKETS:
            self.bucket.addItem(text, key)
        self.summary = QLabel(self)
        self.summary.setEnabled(False)
        self.chart = ChartCanvas(self)
        self.model = RowsModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = record_table(self, self.proxy, 0)
        self.table.setEditTriggers(self.table.EditTrigger.NoEditTriggers)
        self.save_png = QPushButton("Save chart as PNG…", self)
        self.save_svg = QPushButton("Save chart as SVG…", self)
        self.save_table = QPushButton("Save table as CSV…", self)
        self._layout()
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        bridge.changed.connect(self._changed)
        self.views.currentRowChanged.connect(lambda _row: self.refresh())
        self.per_words.toggled.connect(lambda _on: self.refresh())
        self.bucket.currentIndexChanged.connect(lambda _i: self.refresh())
        self.save_png.clicked.connect(lambda: self.chart.save_as(".png"))
        self.save_svg.clicked.connect(lambda: self.chart.save_as(".svg"))
        self.save_table.clicked.connect(self.save_table_as)
        self.resize(1100, 760)
        self.views.setCurrentRow(0)

    def _layout(self) -> None:
        options = QHBoxLayout()
        options.addWidget(self.per_words)
        options.addWidget(self.bucket)
        options.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.save_png, self.save_svg, self.save_table):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(options)
        split = QSplitter(Qt.Orientation.Vertical, right)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setSizes([480, 220])
        column.addWidget(split, 1)
        column.addLayout(buttons)
        outer = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(self.views)
        outer.addWidget(right)
        outer.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(outer)

    # -- what is shown ------------------------------------------------------------------------
    @property
    def view(self) -> View:
        return VIEWS[max(self.views.currentRow(), 0)]

    def show_view(self, key: str) -> None:
        self.views.setCurrentRow(next(i for i, v in enumerate(VIEWS) if v.key == key))

    def _changed(self, change) -> None:
        if self.isVisible() and not change.empty:
            self._timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._timer.start(0)  # catch up with what changed while hidden

    def refresh(self) -> None:
        view = self.view
        self.per_words.setVisible(view.per_words)
        self.bucket.setVisible(view.key == "timeline")
        labels = {label.key: label for label in self.workspace.labels.list()}
        try:
            if view.key == "actors":
                self._show_actors()
            else:
                self._show_stats(view, labels)
        except AnnotatorError as exc:
            boxes.show_error(self, "Cannot compute the statistics", str(exc))

    def _show_stats(self, view: View, labels: dict) -> None:
        by = view.by
        only = None
        if view.key == "timeline":
            only = [key for key in TIMELINE_LABELS if key in labels]
            by = (self._bucket_key(only), "label")
        table = self.workspace.analysis.stats(by, labels=only)
        rows = stats_rows(table)
        for row in rows:  # the label's name where the table shows a label
            if "label" in row and row["label"] in labels:
                row["label"] = labels[row["label"]].name
        self.columns = [*table.by, "spans", "documents", "words", "per_1000_words"]
        self.model.set_rows(rows, [(c, HEADERS[c]) for c in self.columns])
        self.table.resizeColumnsToContents()
        value = "per_1000_words" if view.per_words and self.per_words.isChecked() else "spans"
        colors = {label.name: label.color for label in labels.values()}
        row_key, col_key = table.by
        categories, series = pivot(
            rows, row_key, col_key, value, color=colors.get, skip_rows=[NO_DATE]
        )
        self.summary.setText(f"{table.spans:,} spans in documents of {table.words:,} words")
        if not categories:
            self.chart.set_chart(None, "No spans to count yet.")
            return
        unit = "spans per 1,000 words" if value == "per_1000_words" else "spans"
        if view.key == "timeline":  # every bucket from the first to the last, quiet ones too
            buckets = bucket_range(categories, by[0])
            at = {bucket: i for i, bucket in enumerate(categories)}
            series = [
                Series(s.name, [s.values[at[b]] if b in at else 0 for b in buckets], s.color)
                for s in series
            ]
            self.chart.name = f"timeline-{by[0]}"
            self.chart.set_chart(
                lambda style: timeline_chart(
                    buckets, series, title=view.title, value_label=unit, style=style
                )
            )
            return
        self.chart.name = view.key
        self.chart.set_chart(
            lambda style: bar_chart(
                categories,
                series,
                title=view.title,
                value_label=unit,
                stacked=view.stacked,
                style=style,
            )
        )

    def _bucket_key(self, labels: list[str]) -> str:
        """The chosen bucket, or (automatic) the one that suits the documents' dates."""
        key = self.bucket.currentData()
        if key != AUTO:
            return key
        days = [
            dt.date.fromisoformat(row.keys[0])
            for row in self.workspace.analysis.stats(("day",), labels=labels).rows
            if row.keys[0] != NO_DATE
        ]
        return suited_bucket(min(days), max(days)) if days else "month"

    def _show_actors(self) -> None:
        actors = self.workspace.analysis.most_quoted(limit=25)
        rows = quoted_rows(actors, QUOTED_ROLES)
        self.columns = ["actor", "kind", *QUOTED_ROLES, "total"]
        self.model.set_rows(rows, [(c, HEADERS[c]) for c in self.columns])
        self.table.resizeColumnsToContents()
        quoted = sum(a.total for a in actors)
        self.summary.setText(f"{len(actors)} actors quoted {quoted:,} times")
        if not actors:
            self.chart.set_chart(None, "No span names a speaker, claimant or source yet.")
            return
        shown = rows[:15]
        categories = [r["actor"] for r in shown]
        series = [Series(HEADERS[role], [r[role] for r in shown]) for role in QUOTED_ROLES]
        self.chart.name = "actors"
        self.chart.set_chart(
            lambda style: bar_chart(
                categories,
                series,
                title=VIEWS[-1].title,
                value_label="spans",
                stacked=True,
                style=style,
            )
        )

    # -- saving -------------------------------------------------------------------------------
    def save_table_to(self, path: str) -> bool:
        return save_rows(self, self.model.rows, self.columns, path)

    def save_table_as(self) -> None:
        path = ask_csv_path(self, f"{self.chart.last_dir}/{self.chart.name}.csv")
        if path:
            self.save_table_to(path)
