"""Documents open in the GUI and the label scheme, kept current from the change notices.

Every pane showing a document shares one :class:`LoadedDocument` (text, offset converter,
span index). ``OpenDocuments`` applies each change notice to the indexes incrementally and then
tells the views which documents changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor

from ...errors import AnnotatorError
from ...text.offsets import Utf16Map, qt_safe_text
from ...text.span_index import Span, SpanIndex


@dataclass
class LoadedDocument:
    id: str
    title: str
    outlet: str | None
    published: object
    text: str
    display: str
    offsets: Utf16Map
    spans: SpanIndex
    outlet_id: int | None = None


class LabelScheme:
    """The labels in order, with colours and shortcut keys, looked up fast while painting."""

    def __init__(self, records=()) -> None:
        self.records = list(records)
        self.by_key = {r.key: r for r in self.records}
        self.by_shortcut = {r.shortcut: r for r in self.records if r.shortcut}
        self._colors = {r.key: QColor(r.color) for r in self.records}

    def color(self, key: str) -> QColor:
        color = self._colors.get(key)
        if color is None:
            color = self._colors[key] = QColor("#999999")
        return color

    def name(self, key: str) -> str:
        record = self.by_key.get(key)
        return record.name if record else key


class OpenDocuments(QObject):
    spansChanged = Signal(str, object)  # document id, Change (None: reloaded)
    labelsChanged = Signal()
    libraryChanged = Signal(object)  # Change with documents added or removed
    documentChanged = Signal(str)  # an open document's metadata (title, outlet, date) changed
    documentsRemoved = Signal(object)  # ids of deleted documents: their panes close

    def __init__(self, workspace, bridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._docs: dict[str, LoadedDocument] = {}
        self._users: dict[str, int] = {}
        self.labels = LabelScheme(workspace.labels.list())
        bridge.changed.connect(self._on_change)

    def get(self, document_id: str) -> LoadedDocument | None:
        return self._docs.get(document_id)

    def acquire(self, document_id: str) -> LoadedDocument:
        """Load (or share) a document for a view; pair with :meth:`release`."""
        doc = self._docs.get(document_id)
        if doc is None:
            record = self.workspace.documents.get(document_id)
            spans = self.workspace.annotations.spans(document_id)
            doc = LoadedDocument(
                id=record.id,
                title=record.title,
                outlet=record.outlet,
                published=record.published,
                text=record.text,
                display=qt_safe_text(record.text),
                offsets=Utf16Map(record.text),
                spans=SpanIndex(spans),
                outlet_id=record.outlet_id,
            )
            self._docs[document_id] = doc
        self._users[document_id] = self._users.get(document_id, 0) + 1
        return doc

    def release(self, document_id: str) -> None:
        users = self._users.get(document_id, 0) - 1
        if users <= 0:
            self._users.pop(document_id, None)
            self._docs.pop(document_id, None)
        else:
            self._users[document_id] = users

    def reload_spans(self, document_id: str) -> None:
        """Show the database's truth again (after a failed edit)."""
        doc = self._docs.get(document_id)
        if doc is not None:
            doc.spans = SpanIndex(self.workspace.annotations.spans(document_id))
            self.spansChanged.emit(document_id, None)

    def reload_labels(self, *, keys_changed: bool = True) -> None:
        self.labels = LabelScheme(self.workspace.labels.list())
        if keys_changed:  # a label was renamed or deleted: spans carry keys
            for document_id in list(self._docs):
                self.reload_spans(document_id)
        self.labelsChanged.emit()

    def _follow_metadata(self, change) -> None:
        """Title, outlet and date of open documents from metadata edits and outlet renames."""
        changed: list[str] = []
        for _before, after in change.documents_updated:
            doc = self._docs.get(after.id)
            if doc is not None:
                doc.title, doc.published = after.title, after.published
                doc.outlet, doc.outlet_id = after.outlet, after.outlet_id
                changed.append(doc.id)
        for _before, after in change.outlets_updated:
            for doc in self._docs.values():
                if doc.outlet_id == after.id and doc.outlet != after.name:
                    doc.outlet = after.name
                    changed.append(doc.id)
        # documents changed in bulk or by another program: their metadata may have too
        for document_id in change.spans_reloaded:
            doc = self._docs.get(document_id)
            if doc is None:
                continue
            try:
                meta = self.workspace.documents.metadata(document_id)
            except AnnotatorError:  # gone meanwhile: its removal follows
                continue
            fields = (meta.title, meta.outlet, meta.outlet_id, meta.published)
            if fields != (doc.title, doc.outlet, doc.outlet_id, doc.published):
                doc.title, doc.outlet, doc.outlet_id, doc.published = fields
                changed.append(document_id)
        for document_id in dict.fromkeys(changed):
            self.documentChanged.emit(document_id)

    def _on_change(self, change) -> None:
        touched: set[str] = set()
        for record in change.removed:
            doc = self._docs.get(record.document_id)
            if doc is not None:
                doc.spans.remove(record.id)
                touched.add(doc.id)
        for _before, after in change.updated:
            doc = self._docs.get(after.document_id)
            if doc is not None:
                doc.spans.replace(Span.of(after))
                touched.add(doc.id)
        for record in change.added:
            doc = self._docs.get(record.document_id)
            if doc is not None:
                doc.spans.add(Span.of(record))
                touched.add(doc.id)
        for document_id in change.spans_reloaded:  # spans changed in bulk (an import)
            doc = self._docs.get(document_id)
            if doc is not None:
                doc.spans = SpanIndex(self.workspace.annotations.spans(document_id))
                touched.add(document_id)
        if change.labels_changed:
            self.reload_labels(keys_changed=change.label_keys_changed)
        for document_id in change.documents_removed:
            self._docs.pop(document_id, None)
        for document_id in sorted(touched):
            self.spansChanged.emit(document_id, change)
        self._follow_metadata(change)
        if change.documents_removed:
            self.documentsRemoved.emit(change.documents_removed)
        if change.documents_added or change.documents_removed or change.spans_reloaded:
            self.libraryChanged.emit(change)
