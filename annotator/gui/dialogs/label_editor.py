"""The label scheme editor: add, rename, recolour, reorder, delete labels and assign keys;
below the table, the fields of the selected label (``field_schema_editor``).

Every change goes through the editor (``LabelService`` command, saved at once, then the undo
stack: Edit ▸ Undo takes it back like any other edit); the table follows the change notices.
A refused change (a key taken twice, an empty name...) is explained in a message box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from .field_schema_editor import FieldSchemaEditor
from .scheme_table import RecordTableModel, SchemeTableDialog

COLUMNS = ("Colour", "Name", "Key (in exports)", "Shortcut")


class LabelSchemeModel(RecordTableModel):
    COLUMNS = COLUMNS

    def __init__(self, editor, documents, parent=None) -> None:
        super().__init__(documents.labels.records, parent)
        self.editor = editor
        self.documents = documents
        documents.labelsChanged.connect(self.reload, Qt.ConnectionType.QueuedConnection)

    def reload(self) -> None:
        self.beginResetModel()
        self.records = list(self.documents.labels.records)
        self.endResetModel()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return super().headerData(section, orientation, role)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        label = self.records[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (label.color, label.name, label.key, label.shortcut or "")[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(label.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                "Double-click to choose a colour",
                "The name shown in the app",
                "The key stored with every span and in exports",
                "The key that tags with this label (one character, e.g. 1)",
            )[column]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() > 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        label = self.records[index.row()]
        value = str(value).strip()
        field = ("color", "name", "new_key", "shortcut")[index.column()]
        if not self.editor.update_label(
            label.id, **{field: value if field == "name" else value or None}
        ):
            return False
        self.records[index.row()] = self.editor.labels.get(label.id)
        self.dataChanged.emit(index, index)
        return True


class LabelEditorDialog(SchemeTableDialog):
    def __init__(self, editor, documents, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Label scheme — Annotator")
        self.resize(720, 680)
        self.editor = editor
        self.make_table(LabelSchemeModel(editor, documents, self))
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        hint = QLabel(
            "Double-click a cell to change it. Changes are saved at once and Edit ▸ Undo "
            "takes them back. A label in use cannot be deleted: retag or delete its spans "
            "first.",
            self,
        )
        hint.setWordWrap(True)
        self.add_button = QPushButton("Add…", self)
        self.color_button = QPushButton("Colour…", self)
        self.up_button = QPushButton("Move up", self)
        self.down_button = QPushButton("Move down", self)
        self.delete_button = QPushButton("Delete", self)
        side = QVBoxLayout()
        for button in (
            self.add_button,
            self.color_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            side.addWidget(button)
        side.addStretch(1)
        self.add_button.clicked.connect(lambda: self.add_label())  # clicked(bool) is no key
        self.color_button.clicked.connect(lambda: self.choose_color(self.current_row()))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.delete_button.clicked.connect(self.delete_label)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        self.fields = FieldSchemaEditor(editor, documents, self)
        self.fields_box = QGroupBox("Fields", self)
        QVBoxLayout(self.fields_box).addWidget(self.fields)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._label_selected())
        self.model.modelAboutToBeReset.connect(self._remember_label)
        self.model.modelReset.connect(self._reselect_label)
        self._kept_label: int | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(body, 2)
        layout.addWidget(self.fields_box, 3)
        layout.addWidget(buttons)
        self.no_default_button()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _remember_label(self) -> None:
        row = self.current_row()
        self._kept_label = self.model.record(row).id if row >= 0 else None

    def _reselect_label(self) -> None:
        # the scheme was read again (after any label change): the same label stays selected
        if self.model.row_of(self._kept_label) >= 0:
            self.select_record(self._kept_label)
        self._label_selected()

    def _label_selected(self) -> None:
        row = self.current_row()
        label = self.model.record(row) if 0 <= row < self.model.rowCount() else None
        self.fields.set_label(label.id if label else None)
        self.fields_box.setTitle(f"Fields of '{label.name}'" if label else "Fields")

    def add_label(self, key: str | None = None) -> None:
        key = self.ask_key("New label", "Key of the new label (no spaces):", key)
        if key is None:
            return
        used = {lb.shortcut for lb in self.model.records}
        shortcut = next((str(d) for d in range(1, 10) if str(d) not in used), None)
        name = key.replace("_", " ").capitalize()
        if self.editor.add_label(key, name=name, shortcut=shortcut) is not None:
            self.model.reload()
            self.table.selectRow(self.model.rowCount() - 1)

    def move(self, delta: int) -> None:
        row = self.current_row()
        ids = [lb.id for lb in self.model.records]
        target = row + delta
        if row < 0 or not 0 <= target < len(ids):
            return
        ids[row], ids[target] = ids[target], ids[row]
        if self.editor.reorder_labels(ids):
            self.model.reload()
            self.table.selectRow(target)

    def delete_label(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        if self.editor.delete_label(self.model.record(row).id):
            self.model.reload()
