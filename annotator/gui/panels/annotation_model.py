"""The spans of the focused document as a table (label, quote, note, author), kept in step with
the change notices row by row (insert / remove / dataChanged), never by a full reload.

The notices arrive queued, so a tag paints in the document before the list updates; the model
keeps its own sorted snapshot, so it is always consistent with what it has announced."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ...text.span_index import Span

COLUMNS = ("Label", "Quote", "Note", "Author")
SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
QUOTE_CHARS = 200
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        SPAN_ID_ROLE,
    }
)


class AnnotationModel(QAbstractTableModel):
    def __init__(self, documents, parent=None) -> None:
        super().__init__(parent)
        self.documents = documents
        self.doc = None
        self._spans: list[Span] = []
        self._keys: list[tuple[int, int, str]] = []
        self._ids: set[str] = set()
        # queued: after a tag, the document view paints first; the list follows a moment later
        documents.spansChanged.connect(self._on_spans_changed, Qt.ConnectionType.QueuedConnection)
        documents.labelsChanged.connect(self._labels_changed)

    def set_document(self, doc) -> None:
        self.beginResetModel()
        self.doc = doc
        self._keys = doc.spans.sorted_keys() if doc is not None else []
        get = doc.spans.get if doc is not None else None
        self._spans = [get(k[2]) for k in self._keys]
        self._ids = {k[2] for k in self._keys}
        self.endResetModel()

    def span_at(self, row: int) -> Span:
        return self._spans[row]

    def row_of(self, span_id: str) -> int:
        if self.doc is None:
            return -1
        span = self.doc.spans.get(span_id)
        if span is None:
            return -1
        row = bisect_left(self._keys, span.key)
        return row if row < len(self._keys) and self._keys[row] == span.key else -1

    # -- incremental updates -------------------------------------------------------------------
    def _on_spans_changed(self, document_id: str, change) -> None:
        if self.doc is None or document_id != self.doc.id:
            return
        if change is None or document_id in change.spans_reloaded:  # reloaded in bulk
            self.set_document(self.documents.get(document_id) or self.doc)
            return
        for record in change.removed:
            self._remove(Span.of(record))
        for before, after in change.updated:
            old, new = Span.of(before), Span.of(after)
            row = self._find(old.id, old.key)
            if row >= 0 and old.key == new.key:
                self._spans[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            else:
                self._remove(old)
                self._insert(new)
        for record in change.added:
            if record.document_id == self.doc.id:
                self._insert(Span.of(record))

    def _find(self, span_id: str, key) -> int:
        if span_id not in self._ids:
            return -1
        row = bisect_left(self._keys, key)
        if row < len(self._keys) and self._keys[row][2] == span_id:
            return row
        for i, k in enumerate(self._keys):  # key out of date (e.g. after a reload)
            if k[2] == span_id:
                return i
        return -1

    def _remove(self, span: Span) -> None:
        row = self._find(span.id, span.key)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._spans[row]
        del self._keys[row]
        self._ids.discard(span.id)
        self.endRemoveRows()

    def _insert(self, span: Span) -> None:
        if self._find(span.id, span.key) >= 0:
            return
        row = bisect_left(self._keys, span.key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._spans.insert(row, span)
        self._keys.insert(row, span.key)
        self._ids.add(span.id)
        self.endInsertRows()

    def _labels_changed(self) -> None:
        if self._spans:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._spans) - 1, 0))

    # -- model ---------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._spans):
            return None
        span = self._spans[index.row()]
        column = index.column()
        labels = self.documents.labels
        if role == SPAN_ID_ROLE:
            return span.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return labels.name(span.label)
            if column == 1:
                quote = self.doc.text[span.start : min(span.end, span.start + QUOTE_CHARS)]
                quote = " ".join(quote.split())
                return quote + ("…" if span.end - span.start > QUOTE_CHARS else "")
            if column == 2:
                return " ".join(span.note.split())
            return span.author or ""
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return labels.color(span.label)
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 2):
            text = self.doc.text[span.start : span.end] if column == 1 else span.note
            return text[:1000] or None
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
