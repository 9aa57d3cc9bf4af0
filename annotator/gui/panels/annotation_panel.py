"""The annotation panel: the focused document's spans; click to jump, edit the note, delete.

The note and the typed field values are saved as you type (``editing/typing.py``): a moment
after the last key, and at once when focus leaves the box, the span changes or the window
closes; always to the span they were typed for.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...errors import AnnotatorError
from ...evidence.proposals import proposed_values
from ..editing.typing import TypedSave
from ..widgets.elided_label import ElidedLabel
from .annotation_model import SPAN_ID_ROLE, AnnotationModel
from .field_form import FieldForm, Registries


class NoteEdit(QPlainTextEdit):
    """The note of the selected span: saved as you type; ``committed`` (focus leaves,
    Ctrl+Return, Escape) saves it at once."""

    committed = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.committed.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.committed.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.committed.emit()
            self.parent().returnFocus.emit()
            return
        super().keyPressEvent(event)


class AnnotationPanel(QWidget):
    """The focused document's spans. Right-click the header to show or hide columns."""

    spanActivated = Signal(str)  # span id: jump there
    returnFocus = Signal()

    def __init__(self, documents, editor, parent=None) -> None:
        super().__init__(parent)
        self.documents = documents
        self.editor = editor
        self.model = AnnotationModel(documents, self)
        self.selection = None  # the active pane's CurrentSpan
        self._span_id: str | None = None
        self._fields_for: str | None = None  # the span the field form is to show
        self._form_span: str | None = None  # the span the field form shows
        self._loading_note = False  # the note box is being filled, not typed in
        self._syncing = False  # selecting a row to follow the current span
        self._model_changing = False  # rows coming or going: Qt moves the selection itself
        self.heading = ElidedLabel("No document", self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        # the quote takes the room; label fits its text; note and author stay narrow
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # (not ResizeToContents: that asks the model for every row, 10,000 on a big document)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, self.fontMetrics().horizontalAdvance("Casualty report") + 36)
        self.table.setColumnWidth(2, 90)
        self.table.setColumnWidth(3, 70)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # note (also in the box below) and author: shown from the header's context menu
        self.table.setColumnHidden(2, True)
        self.table.setColumnHidden(3, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.table.clicked.connect(self._jump)
        self.table.activated.connect(self._jump)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.fields = FieldForm(Registries(editor.workspace), self)
        self.fields.committed.connect(self._fields_committed)
        self.fields.hide()
        self.note_label = QLabel("Note", self)
        self.note = NoteEdit(self)
        self.note.setPlaceholderText("A note on the selected span (saved as you type)")
        self.note.setMaximumHeight(90)
        self.note.setEnabled(False)
        self.note.committed.connect(self.commit_note)
        self.note_saver = TypedSave(editor, self._span_in, self._typed_note, self)
        self.note.textChanged.connect(self._note_typed)
        self.field_saver = TypedSave(editor, self._span_in, self._typed_fields, self)
        self.field_saver.saved.connect(self._fields_saved)
        self.fields.edited.connect(self._fields_typed)
        self.fields.finished.connect(self.field_saver.finish)
        self.delete_button = QPushButton("Delete span", self)
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_span)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.fields)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        for about in (
            self.model.rowsAboutToBeInserted,
            self.model.rowsAboutToBeRemoved,
            self.model.modelAboutToBeReset,
        ):
            about.connect(self._rows_changing)
        for done in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            done.connect(self._rows_changed)
        self.model.dataChanged.connect(self._refresh_note)

    def set_document(self, doc, selection=None) -> None:
        """Show ``doc``'s spans and follow ``selection``, the pane's current span (shared with
        its document view)."""
        self.commit_note()
        if self.selection is not None:
            self.selection.changed.disconnect(self._follow)
        self.selection = selection
        self.model.set_document(doc)
        if selection is not None:
            selection.changed.connect(self._follow)
        self._follow(selection.id if selection is not None else None)

    def _update_heading(self, *_args) -> None:
        doc = self.model.doc
        if doc is None:
            self.heading.setText("No document")
            return
        n = self.model.rowCount()
        self.heading.setText(f"{n} span{'s' if n != 1 else ''} in “{doc.title}”")

    def _rows_changing(self, *_args) -> None:
        self._model_changing = True

    def _rows_changed(self, *_args) -> None:
        """After rows came or went (or a reset): the selected row is the current span's
        again, whatever Qt's selection model moved to meanwhile."""
        self._model_changing = False
        self._update_heading()
        self._select_row(self._span_id)

    def current_span(self):
        if self.model.doc is None or self._span_id is None:
            return None
        return self.model.doc.spans.get(self._span_id)

    def show_span(self, span_id: str | None) -> None:
        """Make ``span_id`` the current span (of the pane: the text follows)."""
        if self.selection is not None:
            self.selection.set(span_id)
        else:
            self._follow(span_id)

    def _follow(self, span_id: str | None) -> None:
        """The shared current span changed: select its row, show its note."""
        if span_id != self._span_id:
            self.commit_note()
        self._span_id = span_id
        span = self.current_span()
        self._select_row(span_id if span is not None else None)
        self.note.setEnabled(span is not None)
        self.delete_button.setEnabled(span is not None)
        self._show_note(span.note if span else "")
        # the form a moment later: a tag shows in the text first, then the list and the form
        self._fields_for = span.id if span is not None else None
        QTimer.singleShot(0, self._show_fields)

    def _show_fields(self) -> None:
        """The current span's fields (its label's schema), with proposals from its text."""
        span = self.current_span()
        if span is None or span.id != self._fields_for:
            if span is None:
                self._form_span = None
                self.fields.hide()
            return
        self.field_saver.finish()  # (done when the span changed: a safety net)
        self._form_span = None
        label = self.documents.labels.by_key.get(span.label)
        if label is None or not label.fields.fields:
            self.fields.hide()
            return
        try:
            record = self.editor.annotations.get(span.id)
        except AnnotatorError:
            self.fields.hide()
            return
        quote = self.model.doc.text[span.start : span.end]
        self.fields.show_span(label.fields, record.attributes, proposed_values(span.label, quote))
        self._form_span = span.id

    def _fields_committed(self, attributes) -> None:
        span = self.current_span()
        if span is not None and span.id == self._form_span:
            self.editor.edit_attributes(self.model.doc.id, span, attributes)

    # -- saved as you type ------------------------------------------------------------------------
    def _span_in(self, document_id: str, span_id: str):
        doc = self.documents.get(document_id)
        return doc.spans.get(span_id) if doc is not None else None

    def _note_typed(self) -> None:
        span = self.current_span()
        if span is not None and not self._loading_note:
            self.note_saver.touch(self.model.doc.id, span.id)

    def _typed_note(self, span) -> dict:
        # the box holds the note of the span it was typed for: the box is refilled only
        # after a pending save went (span change: commit_note; a change notice: not pending)
        text = self.note.toPlainText()
        return {"note": text} if text != span.note else {}

    def _fields_typed(self) -> None:
        span = self.current_span()
        if span is not None and span.id == self._form_span:
            self.field_saver.touch(self.model.doc.id, span.id)

    def _typed_fields(self, span) -> dict | None:
        if span.id != self._form_span:  # the form shows another span now: not its values
            return {}
        values = self.fields.typed_values()
        if values is None:
            return None
        return {"attributes": values} if values != self.fields.attributes else {}

    def _fields_saved(self, fields) -> None:
        self.fields.attributes = fields["attributes"]

    def _show_note(self, text: str) -> None:
        if self.note.toPlainText() == text:  # (keeps the cursor where it is)
            return
        self._loading_note = True
        try:
            self.note.setPlainText(text)
        finally:
            self._loading_note = False

    def _select_row(self, span_id: str | None) -> None:
        row = self.model.row_of(span_id) if span_id else -1
        selection = self.table.selectionModel()
        self._syncing = True
        try:
            if row >= 0:
                index = self.model.index(row, 0)
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
            else:
                selection.clearSelection()
                selection.setCurrentIndex(
                    self.model.index(-1, -1), QItemSelectionModel.SelectionFlag.NoUpdate
                )
        finally:
            self._syncing = False

    def _refresh_note(self, *_args) -> None:
        span = self.current_span()
        if span is not None and not self.note.hasFocus() and not self.note_saver.pending:
            self._show_note(span.note)

    def edit_note(self, span_id: str) -> None:
        self.show_span(span_id)
        self.note.setFocus()
        self.note.selectAll()

    def commit_note(self) -> None:
        """Save what is being typed, note and field, now (and end its undoable edit): focus
        left the box, the span or the document changes, the window closes."""
        self.note_saver.finish()
        self.field_saver.finish()

    def delete_span(self) -> None:
        span = self.current_span()
        if span is not None:
            self.editor.delete(self.model.doc.id, span)

    def _row_changed(self, current, _previous) -> None:
        """The user moved in the list (arrow keys, a click): that span becomes current."""
        if self._syncing or self._model_changing or not current.isValid():
            return
        span_id = self.model.index(current.row(), 0).data(SPAN_ID_ROLE)
        if span_id != self._span_id:
            self.show_span(span_id)

    def _jump(self, index) -> None:
        span_id = self.model.index(index.row(), 0).data(SPAN_ID_ROLE)
        self.show_span(span_id)
        self.spanActivated.emit(span_id)

    def _column_menu(self, pos) -> None:
        menu = QMenu(self)
        for column in range(1, self.model.columnCount()):
            name = self.model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(f"Show {name.lower()}")
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.table.setColumnHidden(c, not on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))
