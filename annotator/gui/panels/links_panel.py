"""The Links panel: the links of the open documents (kind, source quote, target quote, note).
Enter or a double-click jumps to the link's other end: the end that is not in the active pane
(its document opens in a pane when it is not open). F2 edits the note in place, K changes the
kind (the kind menu of ``link_picker``), Del deletes the link; the context menu has them all.
Each edit is one undoable step (``Editor.edit_link``, ``Editor.delete_link``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document.link_picker import pick_kind

COLUMNS = ("Kind", "Source", "Target", "Note")
NOTE = COLUMNS.index("Note")
LINK_ID = Qt.ItemDataRole.UserRole
FULL_NOTE = Qt.ItemDataRole.UserRole + 1  # the note as stored (the column shows it shortened)


class NoteDelegate(QStyledItemDelegate):
    """Edits the whole note (not the shortened text shown) and hands it to the panel, which
    saves it through the editor; the row follows the change notice."""

    def __init__(self, panel) -> None:
        super().__init__(panel.tree)
        self.panel = panel

    def setEditorData(self, editor, index) -> None:
        editor.setText(index.data(FULL_NOTE) or "")

    def setModelData(self, editor, _model, index) -> None:
        link_id, note = index.siblingAtColumn(0).data(LINK_ID), editor.text()
        # after the editor closed: the save rebuilds the rows
        QTimer.singleShot(0, lambda: self.panel.edit_note(link_id, note))


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
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # F2: the note
        self.tree.setItemDelegateForColumn(NOTE, NoteDelegate(self))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
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
            item.setData(NOTE, FULL_NOTE, link.note)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setToolTip(NOTE, link.note)
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

    # -- edits ---------------------------------------------------------------------------------
    def start_note_edit(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.tree.scrollTo(self.tree.indexFromItem(item, NOTE))  # a narrow dock: in view
            self.tree.editItem(item, NOTE)

    def edit_note(self, link_id: str, note: str) -> None:
        link = self.links.index.get(link_id)
        if link is not None and link.note != note:
            self.editor.edit_link(link_id, note=note)

    def change_kind(self, kind: str | None = None) -> None:
        """Give the current link another kind (asked in the kind menu when not given)."""
        link_id = self.current_link()
        if link_id is None:
            return
        if kind is None:
            item = self.tree.currentItem()
            where = self.tree.viewport().mapToGlobal(self.tree.visualItemRect(item).bottomLeft())
            kind = pick_kind(self, self.editor.workspace.links.kinds(), where)
        link = self.links.index.get(link_id)
        if kind is not None and link is not None and kind != link.kind:
            self.editor.edit_link(link_id, kind=kind)

    def delete_current(self) -> None:
        if self.current_link() is not None:
            self.editor.delete_link(self.current_link())

    def _context_menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction("Go to the other end\tReturn", lambda: self._activated(item))
        menu.addAction("Edit note\tF2", self.start_note_edit)
        menu.addAction("Change kind…\tK", self.change_kind)
        menu.addAction("Delete link\tDel", self.delete_current)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.tree
            and event.type() == event.Type.KeyPress
            and self.current_link() is not None
            and self.tree.state() != QAbstractItemView.State.EditingState
        ):
            action = {
                Qt.Key.Key_Delete: self.delete_current,
                Qt.Key.Key_F2: self.start_note_edit,
                Qt.Key.Key_K: self.change_kind,
            }.get(event.key())
            if action is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                action()
                return True
        return super().eventFilter(watched, event)
