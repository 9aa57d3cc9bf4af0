"""The metadata editor of one document: title, outlet (from the outlet list), byline, date,
URL, language, collections and free key/value metadata. The text is not editable: spans
point into it.

Values are checked as they are typed (the same checks as the service's, with the same
messages); Save sends what changed through the editor (``DocumentService.update``, one
transaction), so Edit ▸ Undo takes the whole edit back. An outlet typed that is not in the
list yet is added to it; the completer offers the list (any part of a name matches).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import AnnotatorError
from ...services.documents import check_fields, check_language, check_published, check_url
from ...services.outlets import clean_outlet_name, outlet_key

# offered by the language box besides the languages the corpus already has
COMMON_LANGUAGES = ("en", "hy", "az", "ru", "tr", "fa", "ka", "fr", "de", "ar", "az-Latn")
ERROR_STYLE = "color: #d0342c"
JSON_ROLE = Qt.ItemDataRole.UserRole  # a free value that is not text: its JSON value


def _completer(words, parent) -> QCompleter:
    completer = QCompleter(QStringListModel(list(words), parent), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return completer


class DocumentEditorDialog(QDialog):
    def __init__(self, editor, workspace, document_id: str, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.workspace = workspace
        self.document_id = document_id
        self.original = workspace.documents.metadata(document_id)
        record = workspace.documents.get(document_id)
        self.setWindowTitle("Document metadata — Annotator")
        self.setMinimumWidth(560)

        self.title = QLineEdit(self.original.title, self)
        self.outlet = QLineEdit(self.original.outlet or "", self)
        self.outlet.setPlaceholderText("none — type a name, or pick one of the list")
        self.outlet_names = {o.name: o for o in workspace.outlets.list()}
        self.outlet.setCompleter(_completer(sorted(self.outlet_names, key=str.casefold), self))
        self.manage_outlets = QToolButton(self)
        self.manage_outlets.setText("Outlets…")
        self.manage_outlets.setToolTip("The outlet list: rename, country, alignment, merge")
        self.manage_outlets.clicked.connect(self._open_outlet_manager)
        self.outlet_hint = QLabel(self)
        self.outlet_hint.setEnabled(False)  # the palette's dimmed text colour
        self.author = QLineEdit(self.original.author or "", self)
        self.author.setPlaceholderText("byline")
        self.author.setCompleter(_completer(workspace.documents.authors(), self))
        self.published = QLineEdit(
            self.original.published.isoformat() if self.original.published else "", self
        )
        self.published.setPlaceholderText("YYYY-MM-DD")
        self.published.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000-00-00") + 40)
        self.url = QLineEdit(self.original.url or "", self)
        self.url.setPlaceholderText("https://…")
        self.language = QLineEdit(self.original.language or "", self)
        self.language.setPlaceholderText("en, hy, az, ru …")
        self.language.setMaximumWidth(self.fontMetrics().horizontalAdvance("az-Latn-AZ") + 40)
        known = {d.language for d in workspace.documents.list() if d.language}
        self.language.setCompleter(_completer(sorted(known | set(COMMON_LANGUAGES)), self))

        self.collections = QListWidget(self)
        self.collections.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        member = set(self.original.collection_ids)
        for collection in workspace.collections.list():
            self._add_collection_item(collection.name, collection.id, collection.id in member)
        self.new_collection = QLineEdit(self)
        self.new_collection.setPlaceholderText("new collection, e.g. 2020 war")
        self.new_collection.returnPressed.connect(self._add_new_collection)
        add_collection = QPushButton("Add", self)
        add_collection.setAutoDefault(False)
        add_collection.clicked.connect(self._add_new_collection)
        rows = min(max(self.collections.count(), 2), 5)
        self.collections.setFixedHeight(
            rows * (self.fontMetrics().height() + 6) + 2 * self.collections.frameWidth()
        )

        self.meta = QTableWidget(0, 2, self)
        self.meta.setHorizontalHeaderLabels(["Key", "Value"])
        self.meta.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.meta.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.meta.setColumnWidth(0, 150)
        self.meta.verticalHeader().hide()
        self.meta.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        for key, value in self.original.meta.items():
            self._add_meta_row(key, value)
        self.meta.setMinimumHeight(3 * (self.fontMetrics().height() + 8) + 28)
        self.meta.setToolTip("Free metadata: any key and value (exports keep them in meta)")
        add_meta = QPushButton("Add key", self)
        remove_meta = QPushButton("Remove", self)
        for button in (add_meta, remove_meta):
            button.setAutoDefault(False)
        add_meta.clicked.connect(lambda: self._add_meta_row("", "", edit=True))
        remove_meta.clicked.connect(self._remove_meta_row)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Title", self.title)
        outlet_row = QHBoxLayout()
        outlet_row.addWidget(self.outlet, 1)
        outlet_row.addWidget(self.manage_outlets)
        form.addRow(self._buddy("&Outlet", self.outlet), outlet_row)
        form.addRow("", self.outlet_hint)
        form.addRow("&Byline", self.author)
        form.addRow("&Published", self.published)
        form.addRow("&URL", self.url)
        form.addRow("&Language", self.language)
        collections = QVBoxLayout()
        collections.setSpacing(4)
        collections.addWidget(self.collections)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_collection, 1)
        new_row.addWidget(add_collection)
        collections.addLayout(new_row)
        form.addRow(self._buddy("&Collections", self.collections), collections)
        meta = QVBoxLayout()
        meta.setSpacing(4)
        meta.addWidget(self.meta)
        meta_buttons = QHBoxLayout()
        meta_buttons.addWidget(add_meta)
        meta_buttons.addWidget(remove_meta)
        meta_buttons.addStretch(1)
        meta.addLayout(meta_buttons)
        form.addRow(self._buddy("Other &fields", self.meta), meta)

        spans = workspace.documents.count_spans([document_id])
        stamp = record.imported_at.astimezone().strftime("%Y-%m-%d %H:%M")
        info = QLabel(
            f"{len(record.text):,} characters · {spans} span{'' if spans == 1 else 's'} · "
            f"imported {stamp} · id {document_id}",
            self,
        )
        info.setEnabled(False)
        info.setWordWrap(True)
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info.setToolTip("The text itself cannot be edited: spans point into it.")
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(info)
        layout.addWidget(self.buttons)

        for box in (self.published, self.url, self.language, self.title):
            box.textChanged.connect(self._check_live)
        self.outlet.textChanged.connect(self._show_outlet_hint)
        self._show_outlet_hint()
        self._check_live()

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    # -- collections and free metadata ---------------------------------------------------------
    def _add_collection_item(self, name: str, value, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(name, self.collections)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item

    def _add_new_collection(self) -> None:
        name = " ".join(self.new_collection.text().split())
        if not name:
            return
        for i in range(self.collections.count()):
            item = self.collections.item(i)
            if item.text().casefold() == name.casefold():
                item.setCheckState(Qt.CheckState.Checked)
                break
        else:
            item = self._add_collection_item(name, name, True)
        self.collections.scrollToItem(item)
        self.new_collection.clear()

    def _add_meta_row(self, key: str, value, *, edit: bool = False) -> None:
        row = self.meta.rowCount()
        self.meta.insertRow(row)
        self.meta.setItem(row, 0, QTableWidgetItem(key))
        if isinstance(value, str):
            item = QTableWidgetItem(value)
        else:
            item = QTableWidgetItem(json.dumps(value, ensure_ascii=False))
            item.setData(JSON_ROLE, json.dumps(value, ensure_ascii=False))
            item.setToolTip("A JSON value; edit it as JSON (anything else becomes text)")
        self.meta.setItem(row, 1, item)
        if edit:
            self.meta.setCurrentCell(row, 0)
            self.meta.editItem(self.meta.item(row, 0))

    def _remove_meta_row(self) -> None:
        row = self.meta.currentRow()
        if row >= 0:
            self.meta.removeRow(row)

    def _meta_values(self) -> dict:
        out = {}
        for row in range(self.meta.rowCount()):
            key_item, value_item = self.meta.item(row, 0), self.meta.item(row, 1)
            key = key_item.text().strip() if key_item else ""
            text = value_item.text() if value_item else ""
            if not key and not text:
                continue
            if not key:
                raise AnnotatorError(f"row {row + 1} of the other fields has a value but no key")
            if key in out:
                raise AnnotatorError(f"key {key!r} is there twice in the other fields")
            value = text
            if value_item is not None and value_item.data(JSON_ROLE) is not None:
                try:
                    value = json.loads(text)
                except ValueError:
                    value = text
            out[key] = value
        return out

    # -- checks --------------------------------------------------------------------------------
    def _show_outlet_hint(self) -> None:
        name = clean_outlet_name(self.outlet.text())
        if not name:
            self.outlet_hint.setText("No outlet")
            return
        key = outlet_key(name)
        match = next((o for o in self.outlet_names.values() if outlet_key(o.name) == key), None)
        if match is None:
            self.outlet_hint.setText(f"New outlet: '{name}' will be added to the list")
            return
        bits = [f"'{match.name}'" if match.name != name else "In the list"]
        bits += [b for b in (match.country, match.alignment) if b]
        bits.append(f"{match.documents} document{'' if match.documents == 1 else 's'}")
        self.outlet_hint.setText(" · ".join(bits))

    def _check_live(self) -> None:
        problems = []
        if not self.title.text().strip():
            problems.append("A document needs a title.")
        for check, box in (
            (check_published, self.published),
            (check_url, self.url),
            (check_language, self.language),
        ):
            try:
                check(box.text())
            except AnnotatorError as exc:
                problems.append(str(exc)[:1].upper() + str(exc)[1:] + ".")
        self.error.setText("\n".join(problems))
        self.error.setVisible(bool(problems))

    def changed_fields(self) -> dict:
        """The fields whose values differ from the document's (raises AnnotatorError)."""
        typed = {
            "title": self.title.text(),
            "author": self.author.text(),
            "published": self.published.text(),
            "url": self.url.text(),
            "language": self.language.text(),
            "meta": self._meta_values(),
        }
        values = check_fields(typed)
        o = self.original
        fields = {
            name: typed[name]
            for name, old in (
                ("title", o.title),
                ("author", o.author),
                ("published", o.published),
                ("url", o.url),
                ("language", o.language),
                ("meta", o.meta),
            )
            if values[name] != old
        }
        outlet = clean_outlet_name(self.outlet.text())
        old_key = outlet_key(o.outlet) if o.outlet else None
        if (outlet_key(outlet) if outlet else None) != old_key:
            fields["outlet"] = outlet or None
        checked = []
        for i in range(self.collections.count()):
            item = self.collections.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                checked.append(item.data(Qt.ItemDataRole.UserRole))
        if sorted(map(str, checked)) != sorted(map(str, o.collection_ids)):
            fields["collections"] = checked
        return fields

    def save(self) -> None:
        try:
            fields = self.changed_fields()
        except AnnotatorError as exc:
            self.error.setText(str(exc)[:1].upper() + str(exc)[1:] + ".")
            self.error.show()
            return
        if not fields:
            self.accept()
            return
        if self.editor.update_document(self.document_id, expected=self.original, **fields):
            self.accept()

    def _open_outlet_manager(self) -> None:
        from .outlet_manager import OutletManagerDialog

        OutletManagerDialog(self.workspace, None, self).exec()
        self.outlet_names = {o.name: o for o in self.workspace.outlets.list()}
        names = sorted(self.outlet_names, key=str.casefold)
        self.outlet.completer().model().setStringList(names)
        # the manager may have renamed or merged this document's outlet: show its name now,
        # and compare with the document as it is now
        current = self.workspace.documents.metadata(self.document_id)
        if clean_outlet_name(self.outlet.text()) == (self.original.outlet or ""):
            self.outlet.setText(current.outlet or "")
        self.original = current
        self._show_outlet_hint()


def edit_document(editor, workspace, document_id: str, parent: QWidget | None = None) -> bool:
    """Open the metadata editor; True when something was saved."""
    dialog = DocumentEditorDialog(editor, workspace, document_id, parent)
    before = editor.undo_stack.index()
    dialog.exec()
    return editor.undo_stack.index() != before
