"""A pane: one document with its header (title, outlet, date, spans), find bar and view."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from ...services.records import NO_OUTLET
from ..widgets.elided_label import ElidedLabel
from .document_view import DocumentView
from .find_bar import FindBar


class PaneHeader(QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("paneHeader")
        self.setAutoFillBackground(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.accent = QFrame(self)  # a strip in the highlight colour marks the active pane
        self.accent.setFixedHeight(3)
        self.accent.setAutoFillBackground(True)
        self.accent.setBackgroundRole(QPalette.ColorRole.Window)
        outer.addWidget(self.accent)
        layout = QHBoxLayout()
        layout.setContentsMargins(10, 4, 4, 4)
        outer.addLayout(layout)
        text = QVBoxLayout()
        text.setSpacing(0)
        self.title = ElidedLabel("", self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.meta = ElidedLabel("", self)
        self.meta.setEnabled(False)  # the palette's dimmed text colour
        text.addWidget(self.title)
        text.addWidget(self.meta)
        layout.addLayout(text, 1)
        self.left = self._button("◀", "Move this pane left (Ctrl+Shift+PgUp)")
        self.right = self._button("▶", "Move this pane right (Ctrl+Shift+PgDown)")
        self.close = self._button("✕", "Close this pane (Ctrl+W)")
        for button in (self.left, self.right, self.close):
            layout.addWidget(button)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button


class DocumentPane(QWidget):
    closeRequested = Signal(object)  # self
    moveRequested = Signal(object, int)  # self, -1 left / +1 right
    activated = Signal(object)  # self

    def __init__(self, documents, editor, document_id: str, parent=None) -> None:
        super().__init__(parent)
        self.documents = documents
        self.document_id = document_id
        self.doc = documents.acquire(document_id)
        self.header = PaneHeader(self)
        self.view = DocumentView(documents, editor, self)
        self.find_bar = FindBar(self.view, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view, 1)
        self.view.set_document(self.doc)
        self.header.close.clicked.connect(lambda: self.closeRequested.emit(self))
        self.header.left.clicked.connect(lambda: self.moveRequested.emit(self, -1))
        self.header.right.clicked.connect(lambda: self.moveRequested.emit(self, 1))
        self.view.focused.connect(lambda: self.activated.emit(self))
        documents.spansChanged.connect(self._on_spans_changed)
        documents.documentChanged.connect(self._on_document_changed)
        self.update_header()

    def update_header(self) -> None:
        doc = self.doc
        self.header.title.setText(doc.title)
        bits = [doc.outlet or NO_OUTLET]
        if doc.published:
            bits.append(str(doc.published))
        n = len(doc.spans)
        bits.append(f"{n} span" + ("" if n == 1 else "s"))
        self.header.meta.setText(" · ".join(bits))

    def set_active(self, active: bool) -> None:
        role = QPalette.ColorRole.Highlight if active else QPalette.ColorRole.Window
        self.header.accent.setBackgroundRole(role)
        self.header.accent.update()

    def _on_spans_changed(self, document_id: str, _change) -> None:
        if document_id == self.document_id:
            self.doc = self.documents.get(document_id) or self.doc
            self.update_header()

    def _on_document_changed(self, document_id: str) -> None:
        if document_id == self.document_id:
            self.update_header()

    def dispose(self) -> None:
        """Give the shared document back (call before deleting the pane)."""
        self.documents.spansChanged.disconnect(self._on_spans_changed)
        self.documents.documentChanged.disconnect(self._on_document_changed)
        self.documents.release(self.document_id)
