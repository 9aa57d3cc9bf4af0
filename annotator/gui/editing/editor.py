"""Every edit the GUI makes goes through here: service command, then undo stack.

A refused edit (any ``AnnotatorError``) is shown in a message box and the document's spans are
reloaded from the database, so the views show the database's truth.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ...errors import AnnotatorError
from .undo_commands import (
    AddCommand,
    DeleteCommand,
    UpdateCommand,
    move_apply,
    note_apply,
    retag_apply,
)


class Editor(QObject):
    saved = Signal(str)  # description of the committed edit
    failedEdit = Signal(str)  # message
    spanCreated = Signal(str, str)  # document id, span id (to make it current)

    def __init__(self, workspace, documents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.annotations = workspace.annotations
        self.documents = documents
        self.undo_stack = QUndoStack(self)
        self.author: str | None = None
        self.error_parent = None  # the widget message boxes belong to

    # -- commands ------------------------------------------------------------------------------
    def tag(self, document_id: str, start: int, end: int, label: str) -> str | None:
        change = self._call(
            document_id,
            lambda: self.annotations.add(document_id, start, end, label, author=self.author),
        )
        if change is None:
            return None
        record = change.added[0]
        self.undo_stack.push(AddCommand(self, record))
        self.spanCreated.emit(document_id, record.id)
        return record.id

    def retag(self, document_id: str, span, label: str) -> None:
        if span.label == label:
            return
        self._update(
            document_id,
            lambda: self.annotations.retag(span.id, label, expected_version=span.version),
            retag_apply(self.annotations),
        )

    def move(self, document_id: str, span, start: int, end: int) -> None:
        if (start, end) == (span.start, span.end):
            return
        self._update(
            document_id,
            lambda: self.annotations.move(span.id, start, end, expected_version=span.version),
            move_apply(self.annotations),
        )

    def edit_note(self, document_id: str, span, note: str) -> None:
        if (span.note or "") == note:
            return
        self._update(
            document_id,
            lambda: self.annotations.edit(span.id, note=note, expected_version=span.version),
            note_apply(self.annotations),
        )

    def delete(self, document_id: str, span) -> None:
        change = self._call(
            document_id,
            lambda: self.annotations.delete(span.id, expected_version=span.version),
        )
        if change is not None:
            self.undo_stack.push(DeleteCommand(self, change.removed[0]))

    # -- plumbing ------------------------------------------------------------------------------
    def version_of(self, record) -> int | None:
        """The span's version as last seen in a change notice (None: not loaded, no check)."""
        doc = self.documents.get(record.document_id)
        span = doc.spans.get(record.id) if doc is not None else None
        return span.version if span is not None else None

    def _update(self, document_id: str, run, apply) -> None:
        change = self._call(document_id, run)
        if change is None or not change.updated:
            return
        before, after = change.updated[0]
        self.undo_stack.push(UpdateCommand(self, change.description, before, after, apply))

    def _call(self, document_id: str, run):
        try:
            change = run()
        except AnnotatorError as exc:
            self.failed(exc, document_id)
            return None
        self.saved.emit(change.description)
        return change

    def failed(self, exc: AnnotatorError, document_id: str | None) -> None:
        """Called for a refused edit (also from undo/redo): show it, reload the truth."""
        from ..dialogs.errors import show_error

        if document_id is not None:
            self.documents.reload_spans(document_id)
        self.failedEdit.emit(str(exc))
        show_error(self.error_parent, "The edit was not saved", str(exc))
