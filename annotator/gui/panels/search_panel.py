"""The Search panel (Ctrl+Shift+F): a query over every document's text and every span's quote
and note, with filters; results as keywords in context grouped by document. Enter (in the
query or a filter) searches; Enter or a double-click on a hit opens its document with the hit
selected (``openRequested``).

The search runs on the GUI thread: the first 50 hits take a few tens of milliseconds on 10,000
articles (benchmarks/bench_search.py), less than a background job's start-up.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...errors import AnnotatorError
from ...services.search import SearchFilters
from .search_model import HTML_ROLE, SearchResultModel

ANY = "(any)"


class RichTextDelegate(QStyledItemDelegate):
    """Paints a row's ``HTML_ROLE`` text (the hit in bold) on one line."""

    def _document(self, option, index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(1)
        doc.setHtml(index.data(HTML_ROLE) or "")
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = (
            QPalette.ColorRole.HighlightedText
            if opt.state & QStyle.StateFlag.State_Selected
            else QPalette.ColorRole.Text
        )
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        context.clip = opt.rect.translated(-opt.rect.topLeft()).toRectF()
        painter.setClipRect(context.clip)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(
            size.width(), max(size.height(), int(self._document(option, index).size().height()))
        )


class SearchPanel(QWidget):
    openRequested = Signal(object)  # annotator.services.search.SearchHit

    def __init__(self, workspace, bridge=None, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.query = QLineEdit(self)
        self.query.setObjectName("searchQuery")
        self.query.setPlaceholderText('words  "a phrase"  prefix*  OR  -word')
        self.query.setClearButtonEnabled(True)
        self.label = self._combo("searchLabel")
        self.outlet = self._combo("searchOutlet")
        self.actor = self._combo("searchActor")
        self.event = self._combo("searchEvent")
        self.field = self._edit("searchField", "field=value (who=civilian)")
        self.date_from = self._edit("searchFrom", "from (YYYY-MM-DD)")
        self.date_to = self._edit("searchTo", "to (YYYY-MM-DD)")
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.model = SearchResultModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("searchResults")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegate(RichTextDelegate(self.tree))
        self.tree.setUniformRowHeights(True)
        self.tree.activated.connect(self._activated)  # Enter and double-click
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, widget in (
            ("Label", self.label),
            ("Outlet", self.outlet),
            ("Actor", self.actor),
            ("Event", self.event),
            ("Field", self.field),
        ):
            form.addRow(name, widget)
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.date_from)
        dates.addWidget(self.date_to)
        form.addRow("Published", dates)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        self.query.returnPressed.connect(self.run)
        for edit in (self.field, self.date_from, self.date_to):
            edit.returnPressed.connect(self.run)
        self._stale = True
        if bridge is not None:
            bridge.changed.connect(lambda _change: self._choices_changed())

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setMinimumContentsLength(8)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return box

    def _edit(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        return edit

    # -- filter choices ---------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh_choices()

    def _choices_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh_choices()

    def refresh_choices(self) -> None:
        self._stale = False
        ws = self.workspace
        self._fill(self.label, [(r.name, r.key) for r in ws.labels.list()])
        self._fill(self.outlet, [(r.name, r.name) for r in ws.outlets.list()])
        self._fill(self.actor, [(r.name, r.id) for r in ws.actors.list()])
        self._fill(
            self.event, [(f"{r.name} ({r.date or 'no date'})", r.id) for r in ws.events.list()]
        )

    @staticmethod
    def _fill(box: QComboBox, choices: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(ANY, None)
        for text, value in choices:
            box.addItem(text, value)
        found = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(found, 0))
        box.blockSignals(False)

    # -- searching --------------------------------------------------------------------------
    def filters(self) -> SearchFilters:
        """The filters as set; a ValidationError-like AnnotatorError names a bad one."""

        def chosen(box: QComboBox) -> tuple[str, ...]:
            value = box.currentData()
            return (value,) if value is not None else ()

        fields = ()
        if self.field.text().strip():
            name, sep, value = self.field.text().partition("=")
            if not sep or not name.strip():
                raise AnnotatorError("Field filter: write NAME=VALUE, e.g. who=civilian")
            fields = ((name.strip(), value.strip()),)
        return SearchFilters(
            labels=chosen(self.label),
            outlets=chosen(self.outlet),
            actors=chosen(self.actor),
            events=chosen(self.event),
            fields=fields,
            published_from=self._date(self.date_from, "From"),
            published_to=self._date(self.date_to, "To"),
        )

    @staticmethod
    def _date(edit: QLineEdit, what: str) -> dt.date | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise AnnotatorError(f"{what} date {text!r}: write YYYY-MM-DD") from None

    def run(self) -> None:
        if not self.query.text().strip():
            self.model.set_result(None)
            self.status.setText("")
            return
        try:
            result = self.workspace.search.search(self.query.text(), self.filters())
        except AnnotatorError as exc:
            self.model.set_result(None)
            self.status.setStyleSheet("color: #c92a2a")
            self.status.setText(str(exc))
            return
        self.status.setStyleSheet("")
        self.model.set_result(result)
        docs = self.model.rowCount()
        more = " (the first ones; narrow the query for the rest)" if result.more else ""
        hits = len(result.hits)
        self.status.setText(
            f"{hits} hit{'s' * (hits != 1)} in {docs} document{'s' * (docs != 1)}{more}"
        )
        self.tree.expandAll()
        if docs:
            self.tree.setCurrentIndex(self.model.index(0, 0, self.model.index(0, 0)))

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def _activated(self, index) -> None:
        hit = self.model.hit(index)
        if hit is not None:
            self.openRequested.emit(hit)
