"""The Links panel: the links of the open documents (kind, source quote, target quote, note).
Enter or a double-click jumps to the link's other end: the end that is not in the active pane
(its document opens in a pane when it is not open). Del deletes the link (undoable)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

COLUMNS = ("Kind", "Source", "Target", "Note")
LINK_ID = Qt.ItemDataRole.UserRole


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class LinksPanel(QWidget):
    jumpRequested = Signal(str)  # link id

    def __init__(self, links, editor, parent=None) -> None:
        super().__init__(parent)
        self.links = links
        self.editor = editor
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("linksTree")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.itemActivated.connect(self._activated)  # Enter and double-click
        self.tree.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self._stale = True
        links.changed.connect(self.refresh)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        if not self.isVisible():  # behind another tab or closed: refreshed when shown
            self._stale = True
            return
        self._stale = False
        current = self.current_link()
        index = self.links.index
        self.tree.clear()
        items = []
        for link in sorted(index.links.values(), key=lambda lk: (lk.kind_id, lk.created, lk.id)):
            kind = index.kind(link)
            item = QTreeWidgetItem(
                [
                    kind.name if kind else link.kind,
                    _short(link.source_quote),
                    _short(link.target_quote),
                    _short(link.note),
                ]
            )
            item.setData(0, LINK_ID, link.id)
            if kind is not None:
                item.setForeground(0, QBrush(QColor(kind.color)))
            item.setToolTip(1, link.source_quote)
            item.setToolTip(2, link.target_quote)
            items.append(item)
        self.tree.addTopLevelItems(items)
        if current is not None:
            self.select_link(current)

    def current_link(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, LINK_ID) if item is not None else None

    def select_link(self, link_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, LINK_ID) == link_id:
                self.tree.setCurrentItem(item)
                return

    def _activated(self, item, _column=0) -> None:
        self.jumpRequested.emit(item.data(0, LINK_ID))

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.tree
            and event.type() == event.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
            and self.current_link() is not None
        ):
            self.editor.delete_link(self.current_link())
            return True
        return super().eventFilter(watched, event)
