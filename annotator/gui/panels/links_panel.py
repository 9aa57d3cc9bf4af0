"""The Links panel: the links of the open documents (kind, source quote, target quote, note).
Enter or a double-click jumps to the link's other end: the end that is not in the active pane
(its document opens in a pane when it is not open). F2 edits the note in place, K changes the
kind (the kind menu of ``link_picker``), Del deletes the link; the context menu has them all.
Each edit is one undoable step (``Editor.edit_link``, ``Editor.delete_link``).

A note being typed is saved as you type (``TypedSave``: a moment after the last key, at once
on Enter or focus-out, when the window closes), all of it one undoable edit; Escape puts back
the note from before the editing began. The rows are updated in place while a note is edited,
so the saves' change notices leave the box open, its text and cursor as they are."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QMenu,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document.link_picker import pick_kind
from ..editing.typing import TypedSave

COLUMNS = ("Kind", "Source", "Target", "Note")
NOTE = COLUMNS.index("Note")
LINK_ID = Qt.ItemDataRole.UserRole
FULL_NOTE = Qt.ItemDataRole.UserRole + 1  # the note as stored (the column shows it shortened)


class NoteDelegate(QStyledItemDelegate):
    """Edits the whole note (not the shortened text shown); the panel saves what is typed
    through the editor, and the row follows the change notice."""

    def __init__(self, panel) -> None:
        super().__init__(panel.tree)
        self.panel = panel
        self.closeEditor.connect(self._closed)

    def createEditor(self, parent, option, index):
        box = super().createEditor(parent, option, index)
        link_id = index.siblingAtColumn(0).data(LINK_ID)
        box.setProperty("link_id", link_id)
        self.panel.note_edit_started(box, link_id, index.data(FULL_NOTE) or "")
        box.textEdited.connect(lambda text: self.panel.note_typed(link_id, text))
        return box

    def setEditorData(self, editor, index) -> None:
        if not editor.property("filled"):  # once: later saves leave the text and cursor be
            editor.setText(index.data(FULL_NOTE) or "")
            editor.setProperty("filled", True)

    def setModelData(self, editor, _model, index) -> None:
        self.panel.note_typed(editor.property("link_id"), editor.text())

    def _closed(self, editor, hint) -> None:
        link_id = editor.property("link_id")
        revert = hint == QAbstractItemDelegate.EndEditHint.RevertModelCache
        # after the editor closed: a save that adds or removes rows rebuilds them
        QTimer.singleShot(0, lambda: self.panel.note_edit_finished(link_id, revert))


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
        self.note_delegate = NoteDelegate(self)
        self.tree.setItemDelegateForColumn(NOTE, self.note_delegate)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self._stale = True
        self.editing_link: str | None = None  # the link whose note is being edited
        self._typed = ""  # the note as typed in that box
        self._note_before = ""  # as it was when the editing began (Escape goes back to it)
        self._note_box = None  # the box it is edited in
        self.note_saver = TypedSave(
            editor,
            lambda link_id: self.links.index.get(link_id),
            self._typed_note,
            self,
            save=lambda session, _target, link, fields: editor.edit_link_typed(
                session, link.id, **fields
            ),
        )
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
        index = self.links.index
        links = sorted(index.links.values(), key=lambda lk: (lk.kind_id, lk.created, lk.id))
        rows = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        if [row.data(0, LINK_ID) for row in rows] == [link.id for link in links]:
            for row, link in zip(rows, links, strict=True):  # the same links: in place
                self._fill(row, link, index.kind(link))
            return
        if self.editing_link is not None:  # rebuilding closes the box: save what it holds
            self.editing_link = None
            hint = QAbstractItemDelegate.EndEditHint.NoHint
            self.note_delegate.closeEditor.emit(self._note_box, hint)
            self._note_box = None
            self.note_saver.finish()
            self.refresh()  # with the note as saved
            return
        current = self.current_link()
        self.tree.clear()
        items = []
        for link in links:
            item = QTreeWidgetItem()
            item.setData(0, LINK_ID, link.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self._fill(item, link, index.kind(link))
            items.append(item)
        self.tree.addTopLevelItems(items)
        if current is not None:
            self.select_link(current)

    def _fill(self, item: QTreeWidgetItem, link, kind) -> None:
        """Show ``link`` in its row, touching only what differs (a row whose note is being
        edited keeps its box as it is: the note column waits for the editing to end)."""

        def put(column: int, role, value) -> None:
            if item.data(column, role) != value:
                item.setData(column, role, value)

        display, tip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
        put(0, display, kind.name if kind else link.kind)
        put(0, Qt.ItemDataRole.ForegroundRole, QBrush(QColor(kind.color)) if kind else None)
        for column, quote in ((1, link.source_quote), (2, link.target_quote)):
            put(column, display, _short(quote))
            put(column, tip, quote)
        if link.id != self.editing_link:
            put(NOTE, display, _short(link.note))
            put(NOTE, FULL_NOTE, link.note)
            put(NOTE, tip, link.note)

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

    def note_edit_started(self, box, link_id: str, note: str) -> None:
        if self.editing_link is not None:
            self.note_saver.finish()
        self.editing_link, self._typed, self._note_before = link_id, note, note
        self._note_box = box

    def note_typed(self, link_id: str, note: str) -> None:
        """A key changed the note being edited: saved a moment later (``TypedSave``)."""
        if link_id == self.editing_link:
            self._typed = note
            self.note_saver.touch(link_id)

    def note_edit_finished(self, link_id: str, revert: bool = False) -> None:
        """The box closed: save what it holds now (Escape: the note from before it opened),
        one undoable edit with what was saved while typing."""
        if link_id != self.editing_link:
            return
        if revert:
            self._typed = self._note_before
            self.note_saver.touch(link_id)
        self.note_saver.finish()
        self.editing_link = self._note_box = None
        self.refresh()  # the row shows the note as saved

    def commit_note(self) -> None:
        """Save the note being typed now (the window closes)."""
        self.note_saver.finish()

    def _typed_note(self, link) -> dict[str, str]:
        return {"note": self._typed} if link.note != self._typed else {}

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
