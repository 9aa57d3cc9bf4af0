"""Every edit the GUI makes goes through here: service command, then undo stack.

Span edits and label-scheme edits alike: the service command runs in one transaction and
returns its ``Change``; a thin undo command is pushed with the records it needs to go back.
A refused edit (any ``AnnotatorError``) is shown in a message box and the document's spans are
reloaded from the database, so the views show the database's truth.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ...errors import AnnotatorError
from .link_commands import (
    LinkEditCommand,
    LinkKindAddCommand,
    LinkKindDeleteCommand,
    LinkKindUpdateCommand,
)
from .registry_commands import RegistryMergeCommand
from .typing import LinkTypingCommand, TypingCommand
from .undo_commands import (
    AddCommand,
    CollectionAssignCommand,
    DeleteCommand,
    DeleteWithLinksCommand,
    DocumentDeleteCommand,
    DocumentUpdateCommand,
    LabelAddCommand,
    LabelDeleteCommand,
    LabelUpdateCommand,
    LinkAddCommand,
    LinkDeleteCommand,
    UpdateCommand,
    attributes_apply,
    move_apply,
    note_apply,
    retag_apply,
)


class Editor(QObject):
    failedEdit = Signal(str)  # message
    notice = Signal(str)  # something the user should know about an edit (status bar)
    linkMarkChanged = Signal(object)  # (document id, span id) marked for a link, or None

    def __init__(self, workspace, documents, bridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.annotations = workspace.annotations
        self.labels = workspace.labels
        self.documents = documents
        self.undo_stack = QUndoStack(self)
        self.error_parent = None  # the widget message boxes belong to
        # the version of every span seen in a change notice this session, open or not: undo
        # checks it even when the span's document is no longer open
        self._versions: dict[str, int] = {}
        bridge.changed.connect(self._note_versions)
        # the metadata of every document seen in a change notice this session (undo of a
        # metadata edit checks the document still looks like this)
        self._metadata: dict[str, object] = {}
        bridge.changed.connect(self._note_metadata)
        # the span "Mark for link" (L) marked: (document id, span id), or None
        self.link_mark: tuple[str, str] | None = None

    # -- span commands -------------------------------------------------------------------------
    def tag(self, document_id: str, start: int, end: int, label: str) -> str | None:
        change = self._call(
            document_id,
            # the author: the workspace's (the user's name from the settings)
            lambda: self.annotations.add(document_id, start, end, label),
        )
        if change is None:
            return None
        record = change.added[0]
        self.undo_stack.push(AddCommand(self, change.description, record))
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

    def edit_attributes(self, document_id: str, span, attributes: dict) -> None:
        """The span's field values (one undoable edit)."""
        self._update(
            document_id,
            lambda: self.annotations.edit(
                span.id, attributes=attributes, expected_version=span.version
            ),
            attributes_apply(self.annotations),
        )

    def edit_typed(self, session: int, document_id: str, span, **fields) -> bool:
        """Save a note or field values being typed (``note=`` / ``attributes=``) now: one
        undoable edit with the earlier saves of typing ``session`` (editing/typing.py).
        False when refused (shown as any refused edit is)."""
        change = self._call(
            document_id,
            lambda: self.annotations.edit(span.id, expected_version=span.version, **fields),
        )
        if change is None:
            return False
        if change.updated:
            before, after = change.updated[0]
            command = TypingCommand(self, change.description, before, after, fields, session)
            self.undo_stack.push(command)  # merged into the session's command, if any
        return True

    def delete(self, document_id: str, span) -> None:
        change = self._call(
            document_id,
            lambda: self.annotations.delete(span.id, expected_version=span.version),
        )
        if change is not None and change.links_removed:  # the links went with the span
            n = len(change.links_removed)
            text = f"{change.description} and its {n} link{'s' if n != 1 else ''}"
            self.undo_stack.push(
                DeleteWithLinksCommand(self, text, change.removed[0], change.links_removed)
            )
            self.notice.emit(
                f"Deleted the span and its {n} link{'s' if n != 1 else ''} (undo: Ctrl+Z)"
            )
        elif change is not None:
            self.undo_stack.push(DeleteCommand(self, change.description, change.removed[0]))

    # -- links between spans ------------------------------------------------------------------
    def mark_link(self, document_id: str | None, span_id: str | None = None) -> None:
        """Remember (or forget, with None) the span a link will start from."""
        self.link_mark = (document_id, span_id) if document_id and span_id else None
        self.linkMarkChanged.emit(self.link_mark)

    def add_link(self, source: str, target: str, kind: str | int, *, note: str = ""):
        """A link from span ``source`` to span ``target``; returns its record (None when
        refused: a self-link, a duplicate, a span gone)."""
        change = self._call(None, lambda: self.workspace.links.add(source, target, kind, note=note))
        if change is None:
            return None
        record = change.links_added[0]
        self.undo_stack.push(LinkAddCommand(self, change.description, record))
        return record

    def delete_link(self, link_id: str) -> bool:
        change = self._call(None, lambda: self.workspace.links.delete(link_id))
        if change is None:
            return False
        self.undo_stack.push(LinkDeleteCommand(self, change.description, change.links_removed[0]))
        return True

    def edit_link(self, link_id: str, **fields) -> bool:
        """Change a link's ``note`` and/or ``kind`` (one undoable edit)."""
        change = self._call(None, lambda: self.workspace.links.edit(link_id, **fields))
        if change is None:
            return False
        for before, after in change.links_updated:
            self.undo_stack.push(LinkEditCommand(self, change.description, before, after))
        return True

    def edit_link_typed(self, session: int, link_id: str, note: str) -> bool:
        """Save a link's note being typed now: one undoable edit with the earlier saves of
        typing ``session`` (editing/typing.py). False when refused (shown)."""
        change = self._call(None, lambda: self.workspace.links.edit(link_id, note=note))
        if change is None:
            return False
        for before, after in change.links_updated:
            command = LinkTypingCommand(self, change.description, before, after, session)
            self.undo_stack.push(command)  # merged into the session's command, if any
        return True

    def add_link_kind(self, key: str, **fields):
        """A new link kind; returns its record (None when refused)."""
        change = self._call(None, lambda: self.workspace.links.add_kind(key, **fields))
        if change is None:
            return None
        record = change.link_kinds_added[0]
        self.undo_stack.push(LinkKindAddCommand(self, change.description, record))
        return record

    def update_link_kind(self, kind_id: int, **fields) -> bool:
        """Rename, re-key, recolour, or make a kind directed / symmetric (by id)."""
        change = self._call(None, lambda: self.workspace.links.update_kind(kind_id, **fields))
        if change is None:
            return False
        for before, after in change.link_kinds_updated:
            self.undo_stack.push(LinkKindUpdateCommand(self, change.description, before, after))
        return True

    def delete_link_kind(self, kind_id: int) -> bool:
        """Delete a kind no link has (refused, with a message, when links have it)."""
        change = self._call(None, lambda: self.workspace.links.delete_kind(kind_id))
        if change is None:
            return False
        record = change.link_kinds_removed[0]
        self.undo_stack.push(LinkKindDeleteCommand(self, change.description, record))
        return True

    # -- label scheme commands -----------------------------------------------------------------
    def add_label(self, key: str, **fields) -> object | None:
        """A new label; returns its record (None when refused)."""
        change = self._call(None, lambda: self.labels.add(key, **fields))
        if change is None:
            return None
        record = change.labels_added[0]
        self.undo_stack.push(LabelAddCommand(self, change.description, record))
        return record

    def update_label(self, label_id: int, **fields) -> bool:
        """Rename, recolour, re-key or change the shortcut of a label (by id)."""
        return self._label_update(lambda: self.labels.update(label_id, **fields))

    def update_label_fields(self, label_id: int, fields) -> str | None:
        """Set a label's field schema (one undoable edit). Returns the service's refusal
        (None when saved), for the form to show where the field is: no message box."""
        try:
            change = self.labels.update(label_id, fields=fields)
        except AnnotatorError as exc:
            return str(exc)
        if change.labels_updated:
            text = f"edit the fields of '{change.labels_updated[0][1].name}'"
            self.undo_stack.push(LabelUpdateCommand(self, text, change.labels_updated))
        return None

    def reorder_labels(self, label_ids: list[int]) -> bool:
        return self._label_update(lambda: self.labels.reorder(label_ids))

    def _label_update(self, run) -> bool:
        change = self._call(None, run)
        if change is None:
            return False
        if change.labels_updated:
            self.undo_stack.push(
                LabelUpdateCommand(self, change.description, change.labels_updated)
            )
        return True

    def delete_label(self, label_id: int) -> bool:
        change = self._call(None, lambda: self.labels.delete(label_id))
        if change is None:
            return False
        self.undo_stack.push(LabelDeleteCommand(self, change.description, change.labels_removed[0]))
        return True

    # -- document commands ---------------------------------------------------------------------
    def update_document(self, document_id: str, *, expected=None, **fields) -> bool:
        """Edit a document's metadata (``documents.update`` fields); ``expected``: the
        metadata the caller showed, so a change someone made meanwhile is refused."""
        service = self.workspace.documents
        change = self._call(None, lambda: service.update(document_id, expected=expected, **fields))
        if change is None:
            return False
        if change.documents_updated:
            before, after = change.documents_updated[0]
            self.undo_stack.push(DocumentUpdateCommand(self, change.description, before, after))
        return True

    def delete_documents(self, document_ids) -> bool:
        """Delete documents with their spans; undo restores them exactly."""
        ids = list(document_ids)
        change = self._call(None, lambda: self.workspace.documents.delete(*ids))
        if change is None:
            return False
        self.undo_stack.push(DocumentDeleteCommand(self, change.description, change.snapshots))
        return True

    def assign_collection(self, document_ids, collection, *, add: bool = True) -> bool:
        """Put documents into a collection (by id, or a name: new names make one), or take
        them out (``add=False``)."""
        collections = self.workspace.collections
        ids = list(document_ids)
        run = collections.assign if add else collections.unassign
        change = self._call(None, lambda: run(ids, collection))
        if change is None:
            return False
        changed = [after.id for _before, after in change.documents_updated]
        if changed:
            cid = collection if isinstance(collection, int) else collections.get(collection).id
            self.undo_stack.push(
                CollectionAssignCommand(self, change.description, cid, changed, add)
            )
        return True

    # -- actor and event registries --------------------------------------------------------------
    def merge_actors(self, keep: str, gone: str) -> bool:
        """Make actor ``gone`` one with ``keep`` (ids, names or aliases); undo unmerges."""
        return self._merge("actors", keep, gone)

    def merge_events(self, keep: str, gone: str) -> bool:
        """Make event ``gone`` one with ``keep`` (ids or names); undo unmerges."""
        return self._merge("events", keep, gone)

    def _merge(self, registry: str, keep: str, gone: str) -> bool:
        service = getattr(self.workspace, registry)
        change = self._call(None, lambda: service.merge(keep, gone))
        if change is None:
            return False
        self.undo_stack.push(RegistryMergeCommand(self, change.description, registry, change))
        return True

    def metadata_of(self, record):
        """A document's metadata as last seen in a change notice, else ``record``."""
        return self._metadata.get(record.id, record)

    def _note_metadata(self, change) -> None:
        for _before, after in change.documents_updated:
            self._metadata[after.id] = after
        for document_id in change.documents_removed:
            self._metadata.pop(document_id, None)

    # -- plumbing ------------------------------------------------------------------------------
    def version_of(self, record) -> int:
        """The span's version as last seen in a change notice, else the record's own: never
        None, so the conflict check never skips."""
        return self._versions.get(record.id, record.version)

    def _note_versions(self, change) -> None:
        versions = self._versions
        for record in change.added:
            versions[record.id] = record.version
        for _before, after in change.updated:
            versions[after.id] = after.version
        for record in change.removed:
            versions.pop(record.id, None)

    def _update(self, document_id: str, run, apply) -> None:
        change = self._call(document_id, run)
        if change is None or not change.updated:
            return
        before, after = change.updated[0]
        self.undo_stack.push(UpdateCommand(self, change.description, before, after, apply))

    def _call(self, document_id: str | None, run):
        try:
            change = run()
        except AnnotatorError as exc:
            self.failed(exc, document_id)
            return None
        return change

    def failed(self, exc: AnnotatorError, document_id: str | None) -> None:
        """Called for a refused edit (also from undo/redo): show it, reload the truth."""
        from ..dialogs.errors import show_error

        if document_id is not None:
            self.documents.reload_spans(document_id)
        self.failedEdit.emit(str(exc))
        show_error(self.error_parent, "The edit was not saved", str(exc))
