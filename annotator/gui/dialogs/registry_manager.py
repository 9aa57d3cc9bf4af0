"""The actor and event registries: two tabs, each a table (double-click a cell to change it),
with Add, Merge and Delete, and Undo / Redo (the app's undo stack, Ctrl+Z / Ctrl+Shift+Z here
too). Every command is saved at once through the services (``ws.actors``, ``ws.events``) and
is one step of that stack (``gui/editing/registry_commands``): an add, an edit of one cell, a
merge (the gone record, its aliases and every re-pointed span come back), a deletion (of one
spans name: asked first, naming how many; the references go from those spans' fields, and
undo puts the record and every reference back). The tables follow the change notices (spans
that name actors or events change the reference counts).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import AnnotatorError
from ...services.actors import KINDS
from ..editing.registry_commands import (
    RegistryAddCommand,
    RegistryDeleteCommand,
    RegistryUpdateCommand,
    push,
)
from ..shell.shortcuts import keys
from ..widgets.table_selection import record_table, select_source_rows, selected_source_rows
from . import errors as boxes

NONE = "—"
SORT_ROLE = Qt.ItemDataRole.UserRole
REFERENCES = "References"


def _aliases(text: str) -> list[str]:
    return [a.strip() for a in str(text).replace(";", ",").split(",") if a.strip()]


class _Spec:
    """What differs between the two tabs."""

    def __init__(self, registry: str, noun: str, columns, widths) -> None:
        self.registry, self.noun, self.columns, self.widths = registry, noun, columns, widths

    def values(self, record) -> tuple:
        raise NotImplementedError

    def update(self, service, record, column: int, value):
        """Set one cell's value through ``service.update``; returns its change."""
        raise NotImplementedError


class _ActorSpec(_Spec):
    def __init__(self) -> None:
        super().__init__(
            "actors", "actor", ("Actor", "Aliases", "Kind", "Side", REFERENCES), (170, 100, 130, 80)
        )

    def values(self, a) -> tuple:
        return (a.name, ", ".join(a.aliases), a.kind, a.side or "", a.references)

    def update(self, service, a, column: int, value):
        text = str(value).strip()
        if column == 1:
            return service.update(a.id, aliases=_aliases(text))
        if column == 2:
            return service.update(a.id, kind=text)
        if column == 3:
            return service.update(a.id, side=text or None)
        return service.update(a.id, name=text)


class _EventSpec(_Spec):
    def __init__(self) -> None:
        super().__init__(
            "events", "event", ("Event", "Date", "Place", "Note", REFERENCES), (100, 120, 160, 80)
        )

    def values(self, e) -> tuple:
        return (e.name, e.date.isoformat() if e.date else "", e.place or "", e.note, e.references)

    def update(self, service, e, column: int, value):
        text = str(value).strip()
        if column == 1:
            return service.update(e.id, date=text or None)
        if column == 2:
            return service.update(e.id, place=text or None)
        if column == 3:
            return service.update(e.id, note=text)
        return service.update(e.id, name=text)


class RegistryModel(QAbstractTableModel):
    def __init__(self, editor, spec: _Spec, parent=None) -> None:
        super().__init__(parent)
        self.editor, self.spec = editor, spec
        self.workspace = editor.workspace
        self.records: list = []
        self.reload()

    @property
    def service(self):
        return getattr(self.workspace, self.spec.registry)

    def reload(self) -> None:
        self.beginResetModel()
        self.records = self.service.list()
        self.endResetModel()

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self.records) if r.id == record_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.spec.columns[section] if 0 <= section < len(self.spec.columns) else None
        return None

    def _is_count(self, column: int) -> bool:
        return column == len(self.spec.columns) - 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        value = self.spec.values(self.records[index.row()])[index.column()]
        if role == SORT_ROLE:
            return value if isinstance(value, int) else value.casefold()
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:,}" if isinstance(value, int) else (value or NONE)
        if role == Qt.ItemDataRole.TextAlignmentRole and self._is_count(index.column()):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and value == "":
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole and not self._is_count(index.column()):
            return f"{value}\n(double-click to change)" if value else "Double-click to change"
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._is_count(index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        record = self.records[index.row()]
        if str(value).strip() == str(self.spec.values(record)[index.column()]):
            return False
        try:
            change = self.spec.update(self.service, record, index.column(), value)
        except AnnotatorError as exc:
            boxes.show_error(self.parent(), f"The {self.spec.noun} was not changed", str(exc))
            return False
        pairs = getattr(change, f"{self.spec.registry}_updated")
        if pairs:
            before, after = pairs[0]
            self.editor.undo_stack.push(
                RegistryUpdateCommand(
                    self.editor, change.description, self.spec.registry, before, after
                )
            )
            # the row only (the cell's editor is still open: no reset under it)
            self.records[index.row()] = after
            last = self.index(index.row(), self.columnCount() - 1)
            self.dataChanged.emit(self.index(index.row(), 0), last)
        return True


class KindDelegate(QStyledItemDelegate):
    """The kind column edits with the list of kinds."""

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.addItems(list(KINDS))
        return box

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentIndex(max(0, editor.findText(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class RegistryTab(QWidget):
    def __init__(self, editor, spec: _Spec, parent=None) -> None:
        super().__init__(parent)
        self.editor, self.spec = editor, spec
        self.workspace = editor.workspace
        self.model = RegistryModel(editor, spec, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(f"Filter {spec.registry}")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = record_table(self, self.proxy, 0)
        if spec.registry == "actors":
            self.table.setItemDelegateForColumn(2, KindDelegate(self))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate(spec.widths, start=1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        header.setHighlightSections(False)

        self.add_button = QPushButton("Add…", self)
        self.merge_button = QPushButton("Merge…", self)
        self.merge_button.setToolTip(f"Select two {spec.registry} to make them one (undoable)")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip(
            f"Delete the {spec.noun}; spans naming it lose it from their fields (undoable)"
        )
        side = QVBoxLayout()
        for button in (self.add_button, self.merge_button, self.delete_button):
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch(1)
        self.add_button.clicked.connect(lambda: self.add())
        self.merge_button.clicked.connect(lambda: self.merge_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.count = QLabel(self)
        self.count.setEnabled(False)
        self.model.modelReset.connect(self._update_count)

        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addLayout(body, 1)
        layout.addWidget(self.count)
        self._update_buttons()
        self._update_count()

    # -- selection -----------------------------------------------------------------------------
    def selected(self) -> list:
        return [self.model.records[r] for r in selected_source_rows(self.table, self.proxy)]

    def select(self, record_ids) -> None:
        rows = [self.model.row_of(i) for i in record_ids]
        select_source_rows(self.table, self.proxy, self.model, rows)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.merge_button.setEnabled(len(chosen) == 2)
        self.delete_button.setEnabled(len(chosen) == 1)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(f"{n} {self.spec.noun}{'' if n == 1 else 's'}")

    def reload(self) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            QTimer.singleShot(0, self.reload)  # after the cell's editor closed
            return
        keep = [r.id for r in self.selected()]
        self.model.reload()
        self.select(keep)

    # -- commands ------------------------------------------------------------------------------
    def _run(self, title: str, command):
        try:
            change = command()
        except AnnotatorError as exc:
            boxes.show_error(self, title, str(exc))
            return None
        self.reload()
        return change

    def add(self, name: str | None = None, **fields) -> None:
        """A new actor or event (asks for the name, and an actor's kind, when not given)."""
        noun = self.spec.noun
        if name is None:
            name, ok = QInputDialog.getText(self, f"New {noun}", f"Name of the {noun}:")
            if not ok:
                return
        if self.spec.registry == "actors" and "kind" not in fields:
            kind, ok = QInputDialog.getItem(self, "New actor", "Kind:", list(KINDS), 0, False)
            if not ok:
                return
            fields["kind"] = kind
        service = self.model.service
        change = self._run(f"The {noun} was not added", lambda: service.add(name, **fields))
        if change is not None:
            added = getattr(change, f"{self.spec.registry}_added")[0]
            self._push(RegistryAddCommand, change, added)
            self.select([added.id])

    def merge_selected(self, keep: str | None = None, *, ask: bool = True) -> bool:
        """Make the two selected records one, keeping ``keep`` (its id; else the user picks,
        the one more spans name first). Asks first; one step of Edit > Undo."""
        chosen = self.selected()
        if len(chosen) != 2:
            return False
        ranked = sorted(chosen, key=lambda r: (-r.references, r.name.casefold()))
        if keep is None:
            labels = [f"{r.name}  ({r.references} spans)" for r in ranked]
            picked, ok = QInputDialog.getItem(
                self,
                f"Merge {self.spec.registry}",
                f"Keep this {self.spec.noun}:",
                labels,
                0,
                False,
            )
            if not ok:
                return False
            kept = ranked[labels.index(picked)]
        else:
            kept = next(r for r in chosen if r.id == keep)
        gone = next(r for r in chosen if r.id != kept.id)
        alias = " Its name and aliases become aliases." if self.spec.registry == "actors" else ""
        if ask and not boxes.confirm(
            self,
            f"Merge {self.spec.registry}",
            f"Merge '{gone.name}' into '{kept.name}'?",
            f"{gone.references} span(s) naming '{gone.name}' will name '{kept.name}'.{alias} "
            "Edit > Undo puts it back.",
            "Merge",
        ):
            return False
        merge = (
            self.editor.merge_actors if self.spec.registry == "actors" else self.editor.merge_events
        )
        if not merge(kept.id, gone.id):
            return False
        self.reload()
        self.select([kept.id])
        return True

    def delete_selected(self, *, ask: bool = True) -> bool:
        """Delete the selected record. One that spans name is asked about first (how many);
        the references go from those spans' fields. One step of Edit > Undo."""
        chosen = self.selected()
        if len(chosen) != 1:
            return False
        record, noun = chosen[0], self.spec.noun
        n = record.references
        spans = "1 span names" if n == 1 else f"{n} spans name"
        if n and ask:
            sure = boxes.confirm(
                self,
                f"Delete {noun}",
                f"Delete '{record.name}'? {spans} this {noun}.",
                f"The {noun} will be taken out of their fields (the spans stay). "
                "Edit > Undo puts it back, in every span.",
                "Delete",
            )
            if not sure:
                return False
        service = self.model.service
        change = self._run(
            f"The {noun} was not deleted", lambda: service.delete(record.id, unreference=True)
        )
        if change is None:
            return False
        self._push(RegistryDeleteCommand, change, change)
        return True

    def _push(self, command, change, payload) -> None:
        push(self.editor, command, self.spec.registry, change, payload)


class RegistryManagerDialog(QDialog):
    """Actors and events: one tab each."""

    def __init__(self, editor, bridge=None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Actors and events — Annotator")
        self.resize(880, 460)
        self.tabs = QTabWidget(self)
        self.actors = RegistryTab(editor, _ActorSpec(), self)
        self.events = RegistryTab(editor, _EventSpec(), self)
        self.tabs.addTab(self.actors, "&Actors")
        self.tabs.addTab(self.events, "&Events")
        hint = QLabel(
            "Double-click a cell to change it; changes are saved at once. Spans name actors "
            "and events in their fields; names and aliases match whatever their case, spaces "
            "and punctuation. Every change can be undone (Undo here, or Edit > Undo).",
            self,
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        stack = editor.undo_stack
        self.undo_action = stack.createUndoAction(self, "Undo")
        self.redo_action = stack.createRedoAction(self, "Redo")
        for action, name in ((self.undo_action, "undo"), (self.redo_action, "redo")):
            action.setShortcuts([QKeySequence(k) for k in keys(name)])
            self.addAction(action)  # the dialog is modal: the window's keys do not reach it
        self.undo_button, self.redo_button = QToolButton(self), QToolButton(self)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        for button in (self.undo_button, self.redo_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self._bridge = bridge
        if bridge is not None:
            bridge.changed.connect(self._on_change)

    def _on_change(self, change) -> None:
        spans = bool(change.added or change.updated or change.removed or change.library_changed)
        if change.actors_added or change.actors_updated or change.actors_removed or spans:
            self.actors.reload()
        if change.events_added or change.events_updated or change.events_removed or spans:
            self.events.reload()

    def done(self, result: int) -> None:
        if self._bridge is not None:
            self._bridge.changed.disconnect(self._on_change)
            self._bridge = None
        super().done(result)
