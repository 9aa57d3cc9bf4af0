"""Documents side by side: panes in a QSplitter; open, close, reorder, synchronised scrolling.

Documents dragged from the library (their ids as ``DOCUMENT_IDS_MIME``) open where they are
dropped: left or right of the pane under the pointer.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from ...errors import AnnotatorError
from ...gc_pause import gc_paused
from .document_pane import DocumentPane
from .link_drag import LinkDrag
from .link_gutter import GUTTER, LinkSplitter

DOCUMENT_IDS_MIME = "application/x-annotator-document-ids"


def decode_ids(mime) -> list[str]:
    if not mime.hasFormat(DOCUMENT_IDS_MIME):
        return []
    raw = bytes(mime.data(DOCUMENT_IDS_MIME)).decode("utf-8")
    return [i for i in raw.split("\n") if i]


def encode_ids(ids: list[str]) -> QByteArray:
    return QByteArray("\n".join(ids).encode("utf-8"))


class PaneArea(QWidget):
    activePaneChanged = Signal(object)  # DocumentPane or None
    linkClicked = Signal(str)  # a link's connector was clicked: its id
    openFailed = Signal(str)

    def __init__(self, documents, editor, parent=None, *, links=None) -> None:
        super().__init__(parent)
        self.documents = documents
        self.editor = editor
        self.active: DocumentPane | None = None
        self.sync_scroll = False
        self.exact = False
        self.dark = False
        self._syncing = False
        # the handles between panes are gutters with the links' connectors (link_gutter.py)
        self.splitter = LinkSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(GUTTER if links is not None else 6)
        self.links = links  # OpenLinks, or None (no connectors)
        self.splitter.links = links
        self.splitter.linkClicked.connect(self.linkClicked)
        if links is not None:
            links.changed.connect(self.splitter.refresh)
            documents.spansChanged.connect(lambda _d, _c: self.splitter.refresh())
        self.placeholder = QLabel(
            "Open a document from the library: double-click it, or drag it here.\n"
            "Drag more documents beside it to compare them.",
            self,
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self.splitter)
        self.setAcceptDrops(True)
        documents.documentsRemoved.connect(self.close_documents)
        self.link_drag = LinkDrag(self)  # link by dragging a span's knob onto another span

    # -- panes ---------------------------------------------------------------------------------
    def panes(self) -> list[DocumentPane]:
        return [self.splitter.widget(i) for i in range(self.splitter.count())]

    def document_ids(self) -> list[str]:
        return [p.document_id for p in self.panes()]

    def open_document(self, document_id: str, index: int | None = None) -> DocumentPane | None:
        """A new pane at ``index`` (default: right of the active pane)."""
        try:
            # tens of thousands of small objects: no cyclic-GC pass over the whole heap in the
            # middle of opening (it cost up to 90 ms a time on a 10,000-span document)
            with gc_paused():
                pane = DocumentPane(self.documents, self.editor, document_id)
        except AnnotatorError as exc:
            self.openFailed.emit(str(exc))
            return None
        pane.view.exact = self.exact
        pane.view.dark = self.dark
        if index is None:
            index = self.splitter.indexOf(self.active) + 1 if self.active else self.splitter.count()
        sizes = self.splitter.sizes()
        self.splitter.insertWidget(index, pane)
        self._even_out(sizes)
        pane.closeRequested.connect(self.close_pane)
        pane.moveRequested.connect(self.move_pane)
        pane.activated.connect(self.set_active)
        pane.view.verticalScrollBar().valueChanged.connect(lambda _v, p=pane: self._scrolled(p))
        pane.view.verticalScrollBar().valueChanged.connect(lambda _v: self.splitter.refresh())
        self._panes_changed()
        self._stack.setCurrentWidget(self.splitter)
        self.set_active(pane)
        self.link_drag.attach(pane)
        return pane

    def show_document(self, document_id: str) -> DocumentPane | None:
        """Focus the pane showing it, or replace the active pane's document."""
        for pane in self.panes():
            if pane.document_id == document_id:
                self.set_active(pane)
                pane.view.setFocus()
                return pane
        if self.active is None:
            return self.open_document(document_id)
        index = self.splitter.indexOf(self.active)
        sizes = self.splitter.sizes()
        old = self.active
        pane = self.open_document(document_id, index)
        if pane is not None:
            self.close_pane(old)
            self.splitter.setSizes(sizes)
        return pane

    def close_pane(self, pane: DocumentPane) -> None:
        index = self.splitter.indexOf(pane)
        if index < 0:
            return
        pane.dispose()
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        panes = self.panes()
        if self.active is pane:
            self.active = None
            if panes:
                self.set_active(panes[min(index, len(panes) - 1)])
            else:
                self.activePaneChanged.emit(None)
        if not panes:
            self._stack.setCurrentWidget(self.placeholder)
        self._panes_changed()

    def close_documents(self, document_ids) -> None:
        """Close every pane showing one of these documents (they were deleted)."""
        gone = set(document_ids)
        for pane in self.panes():
            if pane.document_id in gone:
                self.close_pane(pane)

    def _panes_changed(self) -> None:
        """The open documents changed: the links follow them."""
        if self.links is not None:
            self.links.set_documents(self.document_ids())
        self.splitter.refresh()

    def move_pane(self, pane: DocumentPane, delta: int) -> None:
        index = self.splitter.indexOf(pane)
        target = index + delta
        if index < 0 or not 0 <= target < self.splitter.count():
            return
        sizes = self.splitter.sizes()
        self.splitter.insertWidget(target, pane)
        sizes[index], sizes[target] = sizes[target], sizes[index]
        self.splitter.setSizes(sizes)
        self.splitter.refresh()

    def set_active(self, pane: DocumentPane | None) -> None:
        if pane is self.active:
            return
        self.active = pane
        for other in self.panes():
            other.set_active(other is pane)
        self.activePaneChanged.emit(pane)

    def _even_out(self, old_sizes: list[int]) -> None:
        n = self.splitter.count()
        total = sum(old_sizes) or self.splitter.width()
        if n:
            self.splitter.setSizes([total // n] * n)

    # -- options -------------------------------------------------------------------------------
    def set_exact(self, exact: bool) -> None:
        self.exact = exact
        for pane in self.panes():
            pane.view.exact = exact

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        for pane in self.panes():
            pane.view.dark = dark
            pane.view.viewport().update()

    def set_sync_scroll(self, on: bool) -> None:
        self.sync_scroll = on
        if on and self.active is not None:
            self._scrolled(self.active)

    def _scrolled(self, source: DocumentPane) -> None:
        if not self.sync_scroll or self._syncing:
            return
        bar = source.view.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._syncing = True
        try:
            for pane in self.panes():
                if pane is not source:
                    other = pane.view.verticalScrollBar()
                    other.setValue(round(fraction * other.maximum()))
        finally:
            self._syncing = False

    # -- drops from the library ----------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(DOCUMENT_IDS_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(DOCUMENT_IDS_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        ids = decode_ids(event.mimeData())
        if not ids:
            return
        event.acceptProposedAction()
        index = self.drop_index(event.position().toPoint())
        for offset, document_id in enumerate(ids):
            self.open_document(document_id, index + offset)

    def drop_index(self, point) -> int:
        """Insert before the pane under ``point`` if on its left half, else after it."""
        for i, pane in enumerate(self.panes()):
            geometry = pane.geometry().translated(self.splitter.pos())
            if geometry.left() <= point.x() <= geometry.right():
                return i if point.x() < geometry.center().x() else i + 1
        return self.splitter.count()
