"""The event comparison window: pick an event; a row per account (outlet, alignment, published
date, the figures' sources, killed / wounded / missing / captured as low–best–high, who was
hit, who is blamed, claims and denials), the links between the accounts below it, and the
discrepancy chart of the figures as ranges per account. Activating a cell (double-click or
Enter) or a link opens its span in a pane (``spanRequested``). The table saves as CSV (the
rows of ``annotator events --csv``), the chart as PNG or SVG."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ...analysis.records import FIGURES, Account, EventTable
from ...analysis.table_out import ACCOUNT_COLUMNS, account_rows
from ...charts.figures import Estimate, RangeSeries, range_chart
from ...errors import AnnotatorError
from ..widgets.chart_canvas import ChartCanvas
from ..widgets.rows_model import RowsModel, SortRole, SpanRole
from ..widgets.table_export import ask_csv_path, save_rows
from ..widgets.table_selection import record_table
from . import errors as boxes

REFRESH_MS = 400
CHARTED = ("killed", "wounded", "missing")  # the figures the discrepancy chart draws
COLUMNS = (
    ("outlet", "Outlet"),
    ("alignment", "Alignment"),
    ("published", "Published"),
    ("sources", "Source of figures"),
    *((name, name.capitalize()) for name in FIGURES),
    ("who", "Who was hit"),
    ("blamed", "Blamed"),
    ("claims", "Claims"),
    ("denials", "Denials"),
    ("links", "Links"),
)


def account_label(account: Account) -> str:
    """How the chart and the link list name an account: its outlet (else its title) and date."""
    name = account.outlet or account.title
    return f"{name} ({account.published.isoformat()})" if account.published else name


def _row(account: Account) -> dict:
    """The shown row of an account: names and texts, figures as ``12 (9–14)``."""
    row: dict = {
        "document_id": account.document_id,
        "outlet": account.outlet or account.title,
        "alignment": account.alignment or "",
        "published": account.published.isoformat() if account.published else "",
        "sources": "; ".join(c.name for c in account.sources),
        "who": "; ".join(c.value for c in account.who),
        "blamed": "; ".join(c.name for c in account.blamed),
        "claims": len([c for c in account.claims if not c.denial]) or None,
        "denials": len(account.denials) or None,
        "links": len(account.links) or None,
        "_account": account,
    }
    for name in FIGURES:
        figure = account.figures.get(name)
        row[name] = figure.text() if figure else ""
    return row


def _cell_span(row: dict, key: str) -> tuple[str, str] | None:
    """The span a cell opens: the figure's best report, the first naming the actor or value,
    the first claim or denial; else the account's first span."""
    account: Account = row["_account"]
    doc = account.document_id
    figure = account.figures.get(key)
    if figure is not None:
        return doc, figure.span_id
    cells = {
        "sources": account.sources,
        "who": account.who,
        "blamed": account.blamed,
    }.get(key)
    if cells:
        return doc, cells[0].span_ids[0]
    if key == "claims" and [c for c in account.claims if not c.denial]:
        return doc, next(c.span_id for c in account.claims if not c.denial)
    if key == "denials" and account.denials:
        return doc, account.denials[0].span_id
    return (doc, account.span_ids[0]) if account.span_ids else None


def _cell_tooltip(row: dict, key: str) -> str | None:
    account: Account = row["_account"]
    if key == "claims":
        quotes = [c for c in account.claims if not c.denial]
    elif key == "denials":
        quotes = list(account.denials)
    else:
        quotes = []
    if quotes:
        return "\n".join(f"[{c.verification or 'unverified'}] “{c.quote}”" for c in quotes)
    if key == "outlet":
        return account.title
    return None


class EventComparisonView(QDialog):
    spanRequested = Signal(str, str)  # document id, span id

    def __init__(self, workspace, bridge, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Event comparison")
        self.setObjectName("eventComparison")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.tables: list[EventTable] = []
        self.event = QComboBox(self)
        self.event.setMinimumWidth(320)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.model = RowsModel(COLUMNS, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = record_table(self, self.proxy, 2)
        self.table.setEditTriggers(self.table.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(self.table.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.links = QTreeWidget(self)
        self.links.setHeaderLabels(["Link", "From", "To"])
        self.links.setRootIsDecorated(False)
        self.links.setAlternatingRowColors(True)
        self.chart = ChartCanvas(self)
        self.save_table = QPushButton("Save table as CSV…", self)
        self.save_chart = QPushButton("Save chart as SVG…", self)
        self._layout()
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        bridge.changed.connect(self._changed)
        self.event.currentIndexChanged.connect(lambda _i: self._show_current())
        self.table.activated.connect(self._open_cell)
        self.links.itemActivated.connect(lambda item, column: self._open_link(item, column))
        self.save_table.clicked.connect(self.save_table_as)
        self.save_chart.clicked.connect(lambda: self.chart.save_as(".svg"))
        self.resize(1180, 780)
        self.refresh()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Event:", self))
        top.addWidget(self.event)
        top.addWidget(self.details, 1)
        links_box = QSplitter(Qt.Orientation.Horizontal, self)
        links_box.addWidget(self.chart)
        links_box.addWidget(self.links)
        links_box.setSizes([760, 380])
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(links_box)
        split.setSizes([300, 380])
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.save_chart, self.save_table):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    # -- data ---------------------------------------------------------------------------------
    @property
    def current(self) -> EventTable | None:
        index = self.event.currentIndex()
        return self.tables[index] if 0 <= index < len(self.tables) else None

    def _changed(self, change) -> None:
        if self.isVisible() and not change.empty:
            self._timer.start()

    def refresh(self) -> None:
        keep = self.current.event_id if self.current is not None else None
        try:
            self.tables = [t for t in self.workspace.analysis.event_tables() if t.accounts]
        except AnnotatorError as exc:
            boxes.show_error(self, "Cannot compare the accounts", str(exc))
            return
        self.event.blockSignals(True)
        self.event.clear()
        for t in self.tables:
            when = f" — {t.date.isoformat()}" if t.date else ""
            self.event.addItem(f"{t.name}{when} ({len(t.accounts)} accounts)", t.event_id)
        index = next((i for i, t in enumerate(self.tables) if t.event_id == keep), 0)
        self.event.setCurrentIndex(index if self.tables else -1)
        self.event.blockSignals(False)
        self._show_current()

    def show_event(self, event_id: str) -> bool:
        index = next((i for i, t in enumerate(self.tables) if t.event_id == event_id), -1)
        if index >= 0:
            self.event.setCurrentIndex(index)
        return index >= 0

    def _show_current(self) -> None:
        table = self.current
        if table is None:
            self.details.setText("No event has accounts yet: give spans an event field.")
            self.model.set_rows([])
            self.links.clear()
            self.chart.set_chart(None, "No figures to compare.")
            return
        self.details.setText(self._describe(table))
        self.model.set_rows(
            [_row(a) for a in table.accounts], tooltip=_cell_tooltip, span=_cell_span
        )
        self.table.resizeColumnsToContents()
        self._fill_links(table)
        self._fill_chart(table)

    @staticmethod
    def _describe(table: EventTable) -> str:
        parts = [p for p in (table.date and table.date.isoformat(), table.place) if p]
        spreads = [
            f"{d.figure} {d.min_best}–{d.max_best} across {d.accounts} accounts"
            for d in table.discrepancies.values()
            if d.spread
        ]
        text = " · ".join(parts)
        if spreads:
            text += ("  —  " if text else "") + "accounts differ: " + "; ".join(spreads)
        return text

    def _fill_links(self, table: EventTable) -> None:
        """A row a link: its kind, then each end as account and quote; activating the From
        column opens the source span, any other the target."""
        names = {a.document_id: account_label(a) for a in table.accounts}
        self.links.clear()
        for link in table.links:
            ends = []
            for doc, quote in (
                (link.source_document_id, link.source_quote),
                (link.target_document_id, link.target_quote),
            ):
                ends.append(f"{names.get(doc, doc)}: “{quote}”")
            item = QTreeWidgetItem([link.kind, *ends])
            item.setData(1, Qt.ItemDataRole.UserRole, (link.source_document_id, link.source_id))
            item.setData(2, Qt.ItemDataRole.UserRole, (link.target_document_id, link.target_id))
            for column, text in ((0, link.note or link.kind), (1, ends[0]), (2, ends[1])):
                item.setToolTip(column, text)
            self.links.addTopLevelItem(item)
        for column in range(3):
            self.links.resizeColumnToContents(column)
        self.links.setColumnWidth(1, min(self.links.columnWidth(1), 260))

    def _fill_chart(self, table: EventTable) -> None:
        accounts = [account_label(a) for a in table.accounts]
        figures = []
        for name in CHARTED:
            values = []
            for account in table.accounts:
                f = account.figures.get(name)
                values.append(Estimate(f.low, f.best, f.high) if f else None)
            if any(v is not None for v in values):
                figures.append(RangeSeries(name, values))
        self.chart.name = f"event-{table.name}"
        if not figures:
            self.chart.set_chart(None, "No account gives a figure for this event.")
            return
        self.chart.set_chart(
            lambda style: range_chart(accounts, figures, title=table.name, style=style)
        )

    # -- opening spans and saving -------------------------------------------------------------
    def _open_cell(self, index) -> None:
        target = self.proxy.data(index, SpanRole)
        if target is not None:
            self.spanRequested.emit(*target)

    def _open_link(self, item: QTreeWidgetItem, column: int) -> None:
        target = item.data(1 if column == 1 else 2, Qt.ItemDataRole.UserRole)
        if target:
            self.spanRequested.emit(*target)

    def save_table_to(self, path: str) -> bool:
        table = self.current
        if table is None:
            return False
        return save_rows(self, account_rows([table]), ACCOUNT_COLUMNS, path)

    def save_table_as(self) -> None:
        path = ask_csv_path(self, f"{self.chart.last_dir}/{self.chart.name}.csv")
        if path:
            self.save_table_to(path)
