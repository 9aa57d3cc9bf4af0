"""The outlet list: add, rename, set country and alignment, merge, delete; and the list of
alignments. Double-click a cell to change it. Every change is saved at once through the
``OutletService`` (not on the undo stack); a merge asks first, since it cannot be undone.
The table follows the change notices (imports add outlets, metadata edits change counts).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
)

from ...errors import AnnotatorError
from ..widgets.table_selection import record_table, select_source_rows, selected_source_rows
from . import errors as boxes

COLUMNS = ("Outlet", "Country", "Alignment", "Documents")
NAME, COUNTRY, ALIGNMENT, DOCUMENTS = range(4)
NONE = "—"
SORT_ROLE = Qt.ItemDataRole.UserRole


class OutletModel(QAbstractTableModel):
    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.outlets: list = []
        self.alignments: list = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.outlets = self.workspace.outlets.list()
        self.alignments = self.workspace.outlets.alignments()
        self.endResetModel()

    def outlet(self, row: int):
        return self.outlets[row]

    def row_of(self, outlet_id: int) -> int:
        return next((i for i, o in enumerate(self.outlets) if o.id == outlet_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.outlets)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.outlets):
            return None
        outlet = self.outlets[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, SORT_ROLE):
            if column == NAME:
                return outlet.name if role != SORT_ROLE else outlet.name.casefold()
            if column == COUNTRY:
                shown = outlet.country or ("" if role != Qt.ItemDataRole.DisplayRole else NONE)
                return shown if role != SORT_ROLE else (outlet.country or "").casefold()
            if column == ALIGNMENT:
                if role == Qt.ItemDataRole.EditRole:
                    return outlet.alignment_id
                return outlet.alignment or ("" if role == SORT_ROLE else NONE)
            return outlet.documents if role == SORT_ROLE else f"{outlet.documents:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DOCUMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column in (COUNTRY, ALIGNMENT)
            and not (outlet.country if column == COUNTRY else outlet.alignment)
        ):
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return "Double-click to rename"
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != DOCUMENTS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        outlet = self.outlets[index.row()]
        column = index.column()
        service = self.workspace.outlets
        try:
            if column == NAME:
                if str(value).strip() == outlet.name:
                    return False
                service.rename(outlet.id, str(value))
            elif column == COUNTRY:
                service.update(outlet.id, country=str(value).strip() or None)
            elif column == ALIGNMENT:
                service.update(outlet.id, alignment=value if value is not None else None)
            else:
                return False
        except AnnotatorError as exc:
            boxes.show_error(self.parent(), "The outlet was not changed", str(exc))
            return False
        self.reload()
        return True


class AlignmentDelegate(QStyledItemDelegate):
    """The alignment column edits with a list of the alignments (and "—" for none)."""

    def __init__(self, model: OutletModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.addItem(NONE, None)
        for alignment in self.model.alignments:
            box.addItem(alignment.name, alignment.id)
        return box

    def setEditorData(self, editor, index) -> None:
        current = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(max(0, editor.findData(current)))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class OutletManagerDialog(QDialog):
    def __init__(self, workspace, bridge=None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Outlets — Annotator")
        self.resize(640, 440)
        self.workspace = workspace
        self.model = OutletModel(workspace, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter outlets")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = record_table(self, self.proxy, NAME)
        self.table.setItemDelegateForColumn(ALIGNMENT, AlignmentDelegate(self.model, self))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COUNTRY, 120), (ALIGNMENT, 130), (DOCUMENTS, 86)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        header.setHighlightSections(False)
        hint = QLabel(
            "Double-click a cell to change it; changes are saved at once. Documents whose "
            "outlet is spelt another way (South Front, SouthFront, south front) share one "
            "outlet: case, spaces and punctuation do not count.",
            self,
        )
        hint.setWordWrap(True)
        self.add_button = QPushButton("Add…", self)
        self.rename_button = QPushButton("Rename…", self)
        self.merge_button = QPushButton("Merge…", self)
        self.merge_button.setToolTip("Select two or more outlets to make them one")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete an outlet no document has")
        self.alignments_button = QPushButton("Alignments…", self)
        self.alignments_button.setToolTip("The list of alignments outlets can have")
        side = QVBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.merge_button,
            self.delete_button,
        ):
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch(1)
        self.alignments_button.setAutoDefault(False)
        side.addWidget(self.alignments_button)
        self.add_button.clicked.connect(lambda: self.add_outlet())
        self.rename_button.clicked.connect(lambda: self.rename_outlet())
        self.merge_button.clicked.connect(lambda: self.merge_selected())
        self.delete_button.clicked.connect(self.delete_selected)
        self.alignments_button.clicked.connect(self.edit_alignments)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.count = QLabel(self)
        self.count.setEnabled(False)
        self.model.modelReset.connect(self._update_count)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.filter)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)
        self._bridge = bridge
        if bridge is not None:
            bridge.changed.connect(self._on_change)
        self._update_buttons()
        self._update_count()

    # -- selection -----------------------------------------------------------------------------
    def selected(self) -> list:
        return [self.model.outlet(r) for r in selected_source_rows(self.table, self.proxy)]

    def select(self, outlet_ids) -> None:
        rows = [self.model.row_of(i) for i in outlet_ids]
        select_source_rows(self.table, self.proxy, self.model, rows)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.rename_button.setEnabled(len(chosen) == 1)
        self.merge_button.setEnabled(len(chosen) >= 2)
        self.delete_button.setEnabled(len(chosen) == 1 and chosen[0].documents == 0)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(f"{n} outlet{'' if n == 1 else 's'}")

    def _on_change(self, change) -> None:
        if change.outlets_changed or change.documents_updated or change.library_changed:
            self._reload()

    def _reload(self) -> None:
        keep = [o.id for o in self.selected()]
        self.model.reload()
        self.select(keep)

    def done(self, result: int) -> None:
        if self._bridge is not None:
            self._bridge.changed.disconnect(self._on_change)
            self._bridge = None
        super().done(result)

    # -- commands ------------------------------------------------------------------------------
    def _run(self, title: str, command) -> object | None:
        try:
            change = command()
        except AnnotatorError as exc:
            boxes.show_error(self, title, str(exc))
            return None
        self._reload()
        return change

    def add_outlet(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, "New outlet", "Name of the outlet:")
            if not ok:
                return
        change = self._run("The outlet was not added", lambda: self.workspace.outlets.add(name))
        if change is not None:
            self.select([change.outlets_added[0].id])

    def rename_outlet(self, name: str | None = None) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        outlet = chosen[0]
        if name is None:
            name, ok = QInputDialog.getText(
                self, "Rename outlet", f"New name of '{outlet.name}':", text=outlet.name
            )
            if not ok:
                return
        self._run(
            "The outlet was not renamed", lambda: self.workspace.outlets.rename(outlet.id, name)
        )

    def merge_selected(self, into: int | None = None, *, ask: bool = True) -> None:
        """Merge the selected outlets into one of them (``into``: its id; else the user picks,
        the one with the most documents first)."""
        chosen = self.selected()
        if len(chosen) < 2:
            return
        ranked = sorted(chosen, key=lambda o: (-o.documents, o.name.casefold()))
        if into is None:
            labels = [f"{o.name}  ({o.documents} documents)" for o in ranked]
            picked, ok = QInputDialog.getItem(
                self, "Merge outlets", "Keep this outlet (the others become it):", labels, 0, False
            )
            if not ok:
                return
            target = ranked[labels.index(picked)]
        else:
            target = next(o for o in chosen if o.id == into)
        sources = [o for o in chosen if o.id != target.id]
        moved = sum(o.documents for o in sources)
        names = ", ".join(f"'{o.name}'" for o in sources)
        if ask and not boxes.confirm(
            self,
            "Merge outlets",
            f"Merge {names} into '{target.name}'?",
            f"{moved} document{'' if moved == 1 else 's'} will have the outlet "
            f"'{target.name}', and {names} leave the list. This cannot be undone.",
            "Merge",
        ):
            return
        change = self._run(
            "The outlets were not merged",
            lambda: self.workspace.outlets.merge([o.id for o in sources], into=target.id),
        )
        if change is not None:
            self.select([target.id])

    def delete_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self._run(
                "The outlet was not deleted", lambda: self.workspace.outlets.delete(chosen[0].id)
            )

    def edit_alignments(self) -> None:
        AlignmentListDialog(self.workspace, self).exec()
        self._reload()


class AlignmentListDialog(QDialog):
    """The user's list of alignments: add, rename, delete (one no outlet has)."""

    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Alignments — Annotator")
        self.workspace = workspace
        self.list = QListWidget(self)
        add = QPushButton("Add…", self)
        rename = QPushButton("Rename…", self)
        delete = QPushButton("Delete", self)
        side = QVBoxLayout()
        for button in (add, rename, delete):
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch(1)
        add.clicked.connect(lambda: self.add())
        rename.clicked.connect(lambda: self.rename())
        delete.clicked.connect(self.delete)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        row = self.list.currentRow()
        self.list.clear()
        for alignment in self.workspace.outlets.alignments():
            self.list.addItem(alignment.name)
            self.list.item(self.list.count() - 1).setData(Qt.ItemDataRole.UserRole, alignment.id)
        self.list.setCurrentRow(min(row, self.list.count() - 1))

    def _current(self):
        item = self.list.currentItem()
        return (item.data(Qt.ItemDataRole.UserRole), item.text()) if item else (None, None)

    def _run(self, title: str, command) -> None:
        try:
            command()
        except AnnotatorError as exc:
            boxes.show_error(self, title, str(exc))
        self.reload()

    def add(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, "New alignment", "Name of the alignment:")
            if not ok:
                return
        self._run("Not added", lambda: self.workspace.outlets.add_alignment(name))

    def rename(self, name: str | None = None) -> None:
        alignment_id, old = self._current()
        if alignment_id is None:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, "Rename alignment", "New name:", text=old)
            if not ok:
                return
        self._run(
            "Not renamed", lambda: self.workspace.outlets.rename_alignment(alignment_id, name)
        )

    def delete(self) -> None:
        alignment_id, _ = self._current()
        if alignment_id is not None:
            self._run("Not deleted", lambda: self.workspace.outlets.delete_alignment(alignment_id))
