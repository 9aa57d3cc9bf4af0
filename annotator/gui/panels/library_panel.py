"""The library panel: filter box and collection filter over a sortable table of documents;
drag rows to the panes. Its menu (the ☰ button, and the table's context menu) edits the
selected documents: metadata (F2), collections, deletion (Del); and opens the outlet list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..shell.shortcuts import keys
from .library_model import ID_ROLE, NO_COLLECTION, LibraryFilter, LibraryModel

ALL_DOCUMENTS = "All documents"
IN_NO_COLLECTION = "In no collection"


def _spans_go(spans: int, documents: int) -> str:
    """What a deletion takes with it, in words."""
    one = documents == 1
    if spans == 0:
        return "It has no spans." if one else "They have no spans."
    owner, it = ("Its", "it") if one else ("Their", "them")
    return f"{owner} {spans} span{'s go' if spans != 1 else ' goes'} with {it}."


class LibraryPanel(QWidget):
    openRequested = Signal(str)  # show the document (replace the active pane)
    openBesideRequested = Signal(str)  # a new pane beside the active one

    def __init__(self, workspace, documents, bridge, parent=None, *, editor=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.editor = editor
        self.bridge = bridge
        self.model = LibraryModel(workspace, documents, bridge, self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter: title, outlet, byline, date…  (Ctrl+L)")
        self.filter.setToolTip(
            "Every word must appear in the title, outlet, byline, language, a collection or "
            "the date (YYYY-MM-DD: 2020-10 finds October 2020)"
        )
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_filter_text)
        self.collection = QComboBox(self)
        self.collection.setToolTip("Show the documents of one collection")
        self.collection.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.collection.setMinimumContentsLength(12)
        self.collection.currentIndexChanged.connect(self._collection_chosen)
        self.menu_button = QToolButton(self)
        self.menu_button.setText("☰")
        self.menu_button.setToolTip("Documents: metadata, collections, delete, outlets")
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setAutoRaise(True)
        self.panel_menu = QMenu(self)
        self.panel_menu.aboutToShow.connect(lambda: self._fill_menu(self.panel_menu, panel=True))
        self.menu_button.setMenu(self.panel_menu)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.activated.connect(self._activated)
        self.model.modelReset.connect(self.fit_columns)
        self.model.modelReset.connect(self.reload_collections)
        bridge.changed.connect(self._on_change)
        # keys of the table (shortcuts.py, scope "widget"): only while the library has focus
        self.edit_action = self._table_action("Edit metadata…", self.edit_current, "edit_metadata")
        self.delete_action = self._table_action("Delete…", self.delete_selected, "delete_documents")
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.filter, 1)
        top.addWidget(self.menu_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.collection)
        layout.addWidget(self.table, 1)
        self.fit_columns()
        self.reload_collections()

    def _table_action(self, text: str, slot, name: str) -> QAction:
        action = QAction(text, self.table)
        action.setShortcuts([QKeySequence(k) for k in keys(name)])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.table.addAction(action)
        return action

    def fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        self.table.setColumnWidth(0, 210)
        self.table.setColumnWidth(1, 120)
        self.table.setColumnWidth(2, 84)
        for column in range(3, self.model.columnCount()):
            header.resizeSection(column, 44)

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in rows]

    def select_document(self, document_id: str | None) -> None:
        """Highlight the active pane's document (None: no pane is open, highlight none)."""
        row = self.model.row_of(document_id) if document_id is not None else -1
        if row < 0:
            self.table.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _activated(self, index) -> None:
        self.openRequested.emit(index.data(ID_ROLE))

    # -- menus ---------------------------------------------------------------------------------
    def _context_menu(self, pos) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.openRequested.emit(ids[0]))
        menu.addAction(
            "Open beside" if len(ids) == 1 else f"Open {len(ids)} side by side",
            lambda: [self.openBesideRequested.emit(i) for i in ids],
        )
        menu.addSeparator()
        self._fill_menu(menu, panel=False)
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _fill_menu(self, menu: QMenu, *, panel: bool) -> None:
        """The document commands for the selection (both menus), and, in the panel's menu,
        the outlet list and the collections themselves."""
        if panel:
            menu.clear()
        ids = self.selected_ids()
        editing = self.editor is not None
        edit = menu.addAction("Edit metadata…\tF2", self.edit_current)
        edit.setEnabled(editing and len(ids) == 1)
        self.collections_menu(menu.addMenu("Collections"), ids)
        n = len(ids)
        text = "Delete document…" if n <= 1 else f"Delete {n} documents…"
        delete = menu.addAction(text + "\tDel", self.delete_selected)
        delete.setEnabled(editing and n > 0)
        if panel:
            menu.addSeparator()
            menu.addAction("Outlets…", self.manage_outlets)
            menu.addAction("New collection…", lambda: self.new_collection())
            chosen = self._chosen_collection()
            if chosen is not None:
                menu.addAction(f"Rename collection '{chosen.name}'…", self.rename_collection)
                menu.addAction(f"Delete collection '{chosen.name}'…", self.delete_collection)

    def collections_menu(self, menu: QMenu, ids: list[str]) -> None:
        """A checkable entry per collection (checked: every selected document is in it);
        choosing one puts the selection in, or takes it out when all were in."""
        menu.setEnabled(self.editor is not None and bool(ids))
        rows = [self.model.summary(self.model.row_of(i)) for i in ids if self.model.row_of(i) >= 0]
        for collection in self.workspace.collections.list():
            every = bool(rows) and all(collection.name in r.collections for r in rows)
            action = menu.addAction(collection.name)
            action.setCheckable(True)
            action.setChecked(every)
            action.triggered.connect(
                lambda _=False, c=collection.id, e=every: self.editor.assign_collection(
                    self.selected_ids(), c, add=not e
                )
            )
        if menu.actions():
            menu.addSeparator()
        menu.addAction("New collection…", lambda: self.new_collection(assign=True))

    # -- commands ------------------------------------------------------------------------------
    def edit_current(self) -> None:
        """The metadata editor of the selected (or current) document."""
        if self.editor is None:
            return
        ids = self.selected_ids()
        if not ids:
            return
        from ..dialogs.document_editor import edit_document

        edit_document(self.editor, self.workspace, ids[0], self.window())

    def delete_selected(self, *, ask: bool = True) -> bool:
        """Delete the selected documents after a confirmation that says how many spans go."""
        ids = self.selected_ids()
        if self.editor is None or not ids:
            return False
        spans = self.model.span_total(ids)
        if ask:
            from ..dialogs import errors as boxes

            title = self.model.summary(self.model.row_of(ids[0])).title
            what = f"'{title}'" if len(ids) == 1 else f"{len(ids)} documents"
            goes = _spans_go(spans, len(ids))
            if not boxes.confirm(
                self.window(),
                "Delete documents",
                f"Delete {what}?",
                f"{goes} Edit ▸ Undo (Ctrl+Z) brings everything back while the app is open.",
                "Delete",
            ):
                return False
        return self.editor.delete_documents(ids)

    def manage_outlets(self) -> None:
        from ..dialogs.outlet_manager import OutletManagerDialog

        OutletManagerDialog(self.workspace, self.bridge, self.window()).exec()

    def new_collection(self, name: str | None = None, *, assign: bool = False) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self.window(), "New collection", "Name:")
            if not ok or not name.strip():
                return
        if assign and self.editor is not None:
            self.editor.assign_collection(self.selected_ids(), name)
            return
        self._run("The collection was not added", lambda: self.workspace.collections.add(name))

    def rename_collection(self, name: str | None = None) -> None:
        chosen = self._chosen_collection()
        if chosen is None:
            return
        if name is None:
            name, ok = QInputDialog.getText(
                self.window(), "Rename collection", "New name:", text=chosen.name
            )
            if not ok:
                return
        self._run(
            "The collection was not renamed",
            lambda: self.workspace.collections.rename(chosen.id, name),
        )

    def delete_collection(self, *, ask: bool = True) -> None:
        chosen = self._chosen_collection()
        if chosen is None:
            return
        from ..dialogs import errors as boxes

        if ask and not boxes.confirm(
            self.window(),
            "Delete collection",
            f"Delete the collection '{chosen.name}'?",
            f"Its {chosen.documents} document(s) stay in the library; they are just no longer "
            "in this collection.",
            "Delete",
        ):
            return
        self._run(
            "The collection was not deleted", lambda: self.workspace.collections.delete(chosen.id)
        )

    def _run(self, title: str, command) -> None:
        from ...errors import AnnotatorError
        from ..dialogs import errors as boxes

        try:
            command()
        except AnnotatorError as exc:
            boxes.show_error(self.window(), title, str(exc))

    # -- the collection filter -----------------------------------------------------------------
    def reload_collections(self) -> None:
        """The collection box's entries (with document counts), keeping the choice."""
        current = self.collection.currentData()
        self._collections = {c.id: c for c in self.workspace.collections.list()}
        self.collection.blockSignals(True)
        self.collection.clear()
        self.collection.addItem(ALL_DOCUMENTS, None)
        for c in self._collections.values():
            self.collection.addItem(f"{c.name} ({c.documents})", c.id)
        self.collection.addItem(IN_NO_COLLECTION, -1)
        index = self.collection.findData(current)
        self.collection.setCurrentIndex(index if index >= 0 else 0)
        self.collection.blockSignals(False)
        self._collection_chosen()

    def _chosen_collection(self):
        return self._collections.get(self.collection.currentData())

    def show_collection(self, collection_id: int | None) -> None:
        """Filter to one collection (None: every document, -1: those in none)."""
        index = self.collection.findData(collection_id)
        self.collection.setCurrentIndex(max(index, 0))

    def _collection_chosen(self, _index: int = -1) -> None:
        data = self.collection.currentData()
        if data == -1:
            self.proxy.set_collection(NO_COLLECTION)
        elif data is None or data not in self._collections:
            self.proxy.set_collection(None)
        else:
            self.proxy.set_collection(self._collections[data].name)

    def _on_change(self, change) -> None:
        if change.collections_changed or change.documents_updated:
            self.reload_collections()
