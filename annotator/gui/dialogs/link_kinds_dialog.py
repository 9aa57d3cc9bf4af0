"""The link kinds (supports, contradicts, repeats...): add, rename (name and key), recolour,
directed or symmetric, delete an unused one (Annotate ▸ Link kinds…).

Every change goes through the editor (``LinkService`` command, saved at once, then the undo
stack: Edit ▸ Undo takes it back); the table follows the change notices. A refused change (a
key taken, a kind that links still have...) is explained in a message box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from ...services.labels import PALETTE
from .scheme_table import RecordTableModel, SchemeTableDialog

COLUMNS = ("Colour", "Name", "Key (in exports)", "Symmetric")
SYMMETRIC = COLUMNS.index("Symmetric")
TIPS = (
    "Double-click to choose a colour",
    "The name shown in the app and in the kind menu",
    "The key stored with every link and in exports",
    "Ticked: the link reads the same both ways (repeats); otherwise from source to target",
)


class LinkKindsModel(RecordTableModel):
    COLUMNS = COLUMNS

    def __init__(self, editor, parent=None) -> None:
        super().__init__(editor.workspace.links.kinds(), parent)
        self.editor = editor

    def reload(self) -> None:
        self.beginResetModel()
        self.records = self.editor.workspace.links.kinds()
        self.endResetModel()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        kind, column = self.records[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) and column < SYMMETRIC:
            return (kind.color, kind.name, kind.key)[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == SYMMETRIC:
            return Qt.CheckState.Unchecked if kind.directed else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(kind.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return TIPS[column]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == SYMMETRIC:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() > 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        kind, column = self.records[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == SYMMETRIC:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            fields = {"directed": not checked}
        elif role == Qt.ItemDataRole.EditRole and column < SYMMETRIC:
            fields = {("color", "name", "new_key")[column]: str(value).strip()}
        else:
            return False
        if not self.editor.update_link_kind(kind.id, **fields):
            return False
        updated = {k.id: k for k in self.editor.workspace.links.kinds()}
        self.records[index.row()] = updated[kind.id]
        self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(SYMMETRIC))
        return True


class LinkKindsDialog(SchemeTableDialog):
    def __init__(self, editor, bridge, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link kinds — Annotator")
        self.resize(560, 340)
        self.editor = editor
        self.make_table(LinkKindsModel(editor, self))
        self.table.setObjectName("linkKindsTable")
        self.table.verticalHeader().hide()
        hint = QLabel(
            "Double-click a name or key to change it; tick Symmetric for a kind that reads the "
            "same both ways. Changes are saved at once and Edit ▸ Undo takes them back. A kind "
            "that links have cannot be deleted: give them another kind first.",
            self,
        )
        hint.setWordWrap(True)
        self.add_button = QPushButton("Add…", self)
        self.color_button = QPushButton("Colour…", self)
        self.delete_button = QPushButton("Delete", self)
        self.add_button.clicked.connect(lambda: self.add_kind())
        self.color_button.clicked.connect(lambda: self.choose_color(self.current_row()))
        self.delete_button.clicked.connect(self.delete_kind)
        side = QVBoxLayout()
        for button in (self.add_button, self.color_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.no_default_button()
        # queued: never in the middle of a commit from the table's own editor
        bridge.changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)
        if self.model.rowCount():
            self.table.selectRow(0)

    def _on_change(self, change) -> None:
        kinds = change.link_kinds_added or change.link_kinds_updated or change.link_kinds_removed
        if kinds and self.editor.workspace.links.kinds() != self.model.records:
            self.reload()  # (the dialog's own edits are shown already)

    def reload(self) -> None:
        """Read the kinds again; the selected kind stays selected (else the same row)."""
        row = self.current_row()
        kept = self.model.record(row).id if row >= 0 else None
        self.model.reload()
        self.select_record(kept, row)

    def add_kind(self, key: str | None = None) -> None:
        key = self.ask_key("New link kind", "Key of the new kind:", key)
        if key is None:
            return
        used = {k.color for k in self.model.records}
        color = next((c for c in PALETTE if c not in used), PALETTE[-1])
        name = key.replace("_", " ").capitalize()
        if self.editor.add_link_kind(key, name=name, color=color) is not None:
            self.model.reload()
            self.table.selectRow(self.model.rowCount() - 1)  # the new kind

    def delete_kind(self) -> None:
        row = self.current_row()
        if row >= 0 and self.editor.delete_link_kind(self.model.record(row).id):
            self.reload()


def edit_link_kinds(window) -> None:
    """Annotate ▸ Link kinds…"""
    dialog = LinkKindsDialog(window.editor, window.bridge, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # and its change listener
    dialog.exec()
