"""The fields of one label (its schema, ``annotator.evidence.fields``): add, remove, rename,
change the kind, edit the choices and the hint, reorder.

The list shows the stored schema; the form below it holds the selected field as the user
types. Each commit (Enter or leaving a box, picking a kind) sends the whole schema with that
field to the label service: saved as one undoable step (Edit ▸ Undo), or refused with the
service's own message shown under the form, the form keeping what was typed (so a field made
a choice field can get its values next, and both are saved together).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...evidence.fields import KINDS

COLUMNS = ("Field", "Kind", "Title", "Choices", "Hint")
SEPARATOR = ", "  # between the values of a choice field, in the Choices box


def choices_text(choices) -> str:
    return SEPARATOR.join(choices)


def parse_choices(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def free_name(names, base: str = "new_field") -> str:
    """``base``, or ``base_2``, ``base_3``... whichever no field has."""
    taken = set(names)
    if base not in taken:
        return base
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


class FieldSchemaEditor(QWidget):
    def __init__(self, editor, documents, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.documents = documents
        self.label_id: int | None = None
        self._specs: list[dict] = []  # the stored schema of the label, as JSON
        self.list = QTreeWidget(self)
        self.list.setObjectName("fieldList")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setHeaderLabels(list(COLUMNS))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(True)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.name = QLineEdit(self)
        self.name.setToolTip("Stored with every span's value and in exports: a-z, 0-9 and _")
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("shown in the field form (empty: from the name)")
        self.kind = QComboBox(self)
        self.kind.addItems(list(KINDS))
        self.choices = QLineEdit(self)
        self.choices.setPlaceholderText("the values, separated by commas")
        self.hint = QLineEdit(self)
        self.hint.setPlaceholderText("shown in an empty field, e.g. the outlet itself")
        for box in (self.name, self.title, self.choices, self.hint):
            box.editingFinished.connect(self.commit)
        self.kind.activated.connect(lambda _i: self._kind_picked())
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Title", self.title)
        form.addRow("&Kind", self.kind)
        form.addRow("&Choices", self.choices)
        form.addRow("H&int", self.hint)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        dark = self.palette().window().color().lightness() < 128  # readable on either theme
        self.error.setStyleSheet(f"color: {'#ff7b72' if dark else '#c8261e'}")
        self.error.hide()
        self.add_button = QPushButton("Add field", self)
        self.remove_button = QPushButton("Remove field", self)
        self.up_button = QPushButton("Up", self)
        self.down_button = QPushButton("Down", self)
        self.add_button.clicked.connect(lambda: self.add_field())
        self.remove_button.clicked.connect(self.remove_field)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.error)
        documents.labelsChanged.connect(self._reload, Qt.ConnectionType.QueuedConnection)
        self._show_current()

    # -- the label and its stored schema -------------------------------------------------------
    def set_label(self, label_id: int | None) -> None:
        if label_id == self.label_id:
            return
        self.label_id = label_id
        self._reload(row=0)

    def _stored(self) -> list[dict]:
        if self.label_id is None:
            return []
        label = next((r for r in self.documents.labels.records if r.id == self.label_id), None)
        return label.fields.to_json() if label is not None else []

    def _reload(self, row: int | None = None) -> None:
        """Show the stored schema again (after a save, an undo, a change made elsewhere)."""
        if row is None:
            row = self.current_row()
        self._specs = self._stored()
        self.list.blockSignals(True)
        self.list.clear()
        for spec in self._specs:
            choices = choices_text(spec.get("choices", ()))
            item = QTreeWidgetItem(
                [spec["name"], spec["kind"], spec.get("title", ""), choices, spec.get("hint", "")]
            )
            item.setToolTip(3, choices)
            self.list.addTopLevelItem(item)
        if self._specs:
            self.list.setCurrentItem(self.list.topLevelItem(max(0, min(row, len(self._specs) - 1))))
        self.list.blockSignals(False)
        self._show_current()

    def current_row(self) -> int:
        item = self.list.currentItem()
        return self.list.indexOfTopLevelItem(item) if item is not None else -1

    def _show_current(self) -> None:
        """Fill the form with the selected field as stored (a refused draft is dropped)."""
        row = self.current_row()
        spec = self._specs[row] if 0 <= row < len(self._specs) else None
        for box in (self.name, self.title, self.choices, self.hint, self.kind):
            box.blockSignals(True)
        self.name.setText(spec["name"] if spec else "")
        self.title.setText(spec.get("title", "") if spec else "")
        self.kind.setCurrentText(spec["kind"] if spec else KINDS[0])
        self.choices.setText(choices_text(spec.get("choices", ())) if spec else "")
        self.hint.setText(spec.get("hint", "") if spec else "")
        for box in (self.name, self.title, self.choices, self.hint, self.kind):
            box.blockSignals(False)
            box.setEnabled(spec is not None)
        self.choices.setEnabled(spec is not None and spec["kind"] == "choice")
        has_label = self.label_id is not None
        self.add_button.setEnabled(has_label)
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(spec is not None)
        self._show_error(None)

    # -- edits ---------------------------------------------------------------------------------
    def draft(self) -> dict:
        """The selected field as the form has it (JSON, as the schema stores it)."""
        out: dict = {"name": self.name.text().strip(), "kind": self.kind.currentText()}
        if self.title.text().strip():
            out["title"] = self.title.text().strip()
        if out["kind"] == "choice":
            out["choices"] = parse_choices(self.choices.text())
        if self.hint.text().strip():
            out["hint"] = self.hint.text().strip()
        return out

    def commit(self) -> bool:
        """Send the schema with the form's field; True when saved (or nothing changed)."""
        row = self.current_row()
        if not 0 <= row < len(self._specs):
            return False
        specs = list(self._specs)
        specs[row] = self.draft()
        if specs == self._specs:
            self._show_error(None)
            return True
        return self._save(specs, row)

    def _kind_picked(self) -> None:
        self.choices.setEnabled(self.kind.currentText() == "choice")
        if not self.commit() and self.kind.currentText() == "choice":
            self.choices.setFocus()  # the values next: saved with the kind

    def add_field(self, name: str | None = None, kind: str = "text") -> bool:
        if self.label_id is None:
            return False
        name = name or free_name(s["name"] for s in self._specs)
        if not self._save([*self._specs, {"name": name, "kind": kind}], len(self._specs)):
            return False
        self.name.setFocus()
        self.name.selectAll()  # type the real name over it
        return True

    def remove_field(self) -> bool:
        row = self.current_row()
        if not 0 <= row < len(self._specs):
            return False
        return self._save(self._specs[:row] + self._specs[row + 1 :], max(0, row - 1))

    def move(self, delta: int) -> bool:
        row, target = self.current_row(), self.current_row() + delta
        if row < 0 or not 0 <= target < len(self._specs):
            return False
        specs = list(self._specs)
        specs[row], specs[target] = specs[target], specs[row]
        return self._save(specs, target)

    def _save(self, specs: list[dict], row: int) -> bool:
        refusal = self.editor.update_label_fields(self.label_id, specs)
        if refusal is not None:
            self._show_error(refusal)
            return False
        self._reload(row)  # the label scheme followed the change notice already
        return True

    def _show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
