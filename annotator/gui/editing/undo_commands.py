"""Thin QUndoCommands over the service commands.

The service command runs first (so a refused edit never reaches the stack); the undo command
is pushed after it succeeded and its first ``redo`` does nothing. Undo and redo call the
inverse service command, built from the ``Change``'s before/after records. They refer to labels
by id (a label's key can be renamed in between) and always check the span's version: the one
the editor last saw in a change notice, else the one the command itself got back, so that an
edit someone else made meanwhile is refused rather than overwritten, whether or not the
document is open. The views never change themselves here: they follow the change notices.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ...errors import AnnotatorError


class ServiceCommand(QUndoCommand):
    def __init__(self, editor, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # the edit itself already ran before the push
            self._pushed = True
            return
        self._run(self.do_redo)

    def undo(self) -> None:
        self._run(self.do_undo)

    def _run(self, step: Callable[[], None]) -> None:
        try:
            step()
        except AnnotatorError as exc:
            self.setObsolete(True)  # the stack drops a command that cannot be replayed
            self.editor.failed(exc, self.document_id())

    def document_id(self) -> str | None:
        return None

    def do_redo(self) -> None:
        raise NotImplementedError

    def do_undo(self) -> None:
        raise NotImplementedError


# -- spans -------------------------------------------------------------------------------------
class AddCommand(ServiceCommand):
    """Undo of a new span deletes it; redo restores it exactly (same id, same label id)."""

    def __init__(self, editor, text: str, record) -> None:
        super().__init__(editor, text)
        self.record = record

    def document_id(self) -> str:
        return self.record.document_id

    def do_undo(self) -> None:
        version = self.editor.version_of(self.record)
        change = self.editor.annotations.delete(self.record.id, expected_version=version)
        self.record = change.removed[0]

    def do_redo(self) -> None:
        self.record = self.editor.annotations.restore(self.record).added[0]


class DeleteCommand(AddCommand):
    """The mirror of :class:`AddCommand`: undo restores, redo deletes."""

    def do_undo(self) -> None:
        AddCommand.do_redo(self)

    def do_redo(self) -> None:
        AddCommand.do_undo(self)


class UpdateCommand(ServiceCommand):
    """Retag, move or edit: ``apply(record, expected_version)`` makes the span look like
    ``record`` again (for undo, the before record; for redo, the after record)."""

    def __init__(self, editor, text: str, before, after, apply) -> None:
        super().__init__(editor, text)
        self.before, self.after = before, after
        self.apply = apply

    def document_id(self) -> str:
        return self.after.document_id

    def _to(self, target) -> None:
        self.apply(target, self.editor.version_of(target))

    def do_undo(self) -> None:
        self._to(self.before)

    def do_redo(self) -> None:
        self._to(self.after)


def retag_apply(annotations):
    """Retag by label id, so that undo works after the label's key was renamed."""

    def apply(rec, version):
        label = rec.label_id if rec.label_id is not None else rec.label
        return annotations.retag(rec.id, label, expected_version=version)

    return apply


def move_apply(annotations):
    return lambda rec, version: annotations.move(
        rec.id, rec.start, rec.end, expected_version=version
    )


def attributes_apply(annotations):
    return lambda rec, version: annotations.edit(
        rec.id, attributes=rec.attributes, expected_version=version
    )


def note_apply(annotations):
    return lambda rec, version: annotations.edit(rec.id, note=rec.note, expected_version=version)


# -- labels ------------------------------------------------------------------------------------
class LabelAddCommand(ServiceCommand):
    """Undo of a new label deletes it (by id); redo puts it back with the same id."""

    def __init__(self, editor, text: str, record) -> None:
        super().__init__(editor, text)
        self.record = record

    def do_undo(self) -> None:
        self.record = self.editor.labels.delete(self.record.id).labels_removed[0]

    def do_redo(self) -> None:
        self.record = self.editor.labels.restore(self.record).labels_added[0]


class LabelDeleteCommand(LabelAddCommand):
    def do_undo(self) -> None:
        LabelAddCommand.do_redo(self)

    def do_redo(self) -> None:
        LabelAddCommand.do_undo(self)


class LabelUpdateCommand(ServiceCommand):
    """Rename, recolour, re-key or change the shortcut: undo sets the before record's fields
    again, by id."""

    def __init__(self, editor, text: str, pairs) -> None:
        super().__init__(editor, text)
        self.pairs = pairs  # ((before, after), ...)

    def _to(self, records) -> None:
        labels = self.editor.labels
        target = {r.id: r.position for r in records}
        current = labels.list()
        if any(target.get(r.id, r.position) != r.position for r in current):
            order = sorted(current, key=lambda r: (target.get(r.id, r.position), r.position))
            labels.reorder([r.id for r in order])
        now = {r.id: r for r in current}
        for record in records:
            had = now.get(record.id)
            wanted = (record.key, record.name, record.color, record.shortcut, record.fields)
            if had is None or (had.key, had.name, had.color, had.shortcut, had.fields) != wanted:
                labels.update(
                    record.id,
                    new_key=record.key,
                    name=record.name,
                    color=record.color,
                    shortcut=record.shortcut,
                    fields=record.fields,
                )

    def do_undo(self) -> None:
        self._to([before for before, _ in self.pairs])

    def do_redo(self) -> None:
        self._to([after for _, after in self.pairs])


# -- documents ---------------------------------------------------------------------------------
def metadata_fields(editor, target, other) -> dict:
    """``documents.update`` fields that make a document look like ``target`` (a
    ``DocumentMetadata``) where it differs from ``other``: only what the command changed, so
    that undo of a title edit never touches the outlet. Outlet and collections by id, so that
    a rename in between does not matter; by name when the id is gone (merged or deleted: made
    again)."""
    fields = {
        name: getattr(target, name)
        for name in ("title", "author", "url", "published", "language", "meta")
        if getattr(target, name) != getattr(other, name)
    }
    if "meta" in fields:
        fields["meta"] = dict(target.meta)
    if target.outlet_id != other.outlet_id:
        outlet = target.outlet_id
        if outlet is not None and outlet not in {o.id for o in editor.workspace.outlets.list()}:
            outlet = target.outlet
        fields["outlet"] = outlet
    if sorted(target.collection_ids) != sorted(other.collection_ids):
        known = {c.id for c in editor.workspace.collections.list()}
        fields["collections"] = [
            cid if cid in known else name
            for name, cid in zip(target.collections, target.collection_ids, strict=False)
        ]
    return fields


class DocumentUpdateCommand(ServiceCommand):
    """A metadata edit: undo puts the before record's values back, redo the after record's;
    each checks the document still looks as this session last saw it (else: refused)."""

    def __init__(self, editor, text: str, before, after) -> None:
        super().__init__(editor, text)
        self.before, self.after = before, after

    def _to(self, target, current) -> None:
        documents = self.editor.workspace.documents
        expected = self.editor.metadata_of(current)
        fields = metadata_fields(self.editor, target, current)
        documents.update(target.id, expected=expected, **fields)

    def do_undo(self) -> None:
        self._to(self.before, self.after)

    def do_redo(self) -> None:
        self._to(self.after, self.before)


class DocumentDeleteCommand(ServiceCommand):
    """Undo of a deletion restores the documents exactly (same ids, text, metadata and every
    span, from the change's snapshots); redo deletes them again."""

    def __init__(self, editor, text: str, snapshots) -> None:
        super().__init__(editor, text)
        self.snapshots = tuple(snapshots)

    def do_undo(self) -> None:
        self.editor.workspace.documents.restore(*self.snapshots)

    def do_redo(self) -> None:
        ids = [s.id for s in self.snapshots]
        self.snapshots = self.editor.workspace.documents.delete(*ids).snapshots


class CollectionAssignCommand(ServiceCommand):
    """Documents put into (``add``) or taken out of a collection: undo does the opposite for
    exactly the documents the command changed."""

    def __init__(self, editor, text: str, collection_id: int, document_ids, add: bool) -> None:
        super().__init__(editor, text)
        self.collection_id = collection_id
        self.document_ids = list(document_ids)
        self.add = add

    def _set(self, add: bool) -> None:
        collections = self.editor.workspace.collections
        run = collections.assign if add else collections.unassign
        run(self.document_ids, self.collection_id)

    def do_undo(self) -> None:
        self._set(not self.add)

    def do_redo(self) -> None:
        self._set(self.add)


# -- links between spans -----------------------------------------------------------------------
class LinkAddCommand(ServiceCommand):
    """Undo of a new link deletes it; redo restores it exactly (same id)."""

    def __init__(self, editor, text: str, record) -> None:
        super().__init__(editor, text)
        self.record = record

    def do_undo(self) -> None:
        self.record = self.editor.workspace.links.delete(self.record.id).links_removed[0]

    def do_redo(self) -> None:
        self.record = self.editor.workspace.links.restore(self.record).links_added[0]


class LinkDeleteCommand(LinkAddCommand):
    def do_undo(self) -> None:
        LinkAddCommand.do_redo(self)

    def do_redo(self) -> None:
        LinkAddCommand.do_undo(self)


class DeleteWithLinksCommand(DeleteCommand):
    """A span deleted with its links: undo restores the span, then its links; redo deletes
    the span again (the database deletes the links with it)."""

    def __init__(self, editor, text: str, record, links) -> None:
        super().__init__(editor, text, record)
        self.links = tuple(links)

    def do_undo(self) -> None:
        super().do_undo()
        links = self.editor.workspace.links
        self.links = tuple(links.restore(link).links_added[0] for link in self.links)

    def do_redo(self) -> None:
        version = self.editor.version_of(self.record)
        change = self.editor.annotations.delete(self.record.id, expected_version=version)
        self.record = change.removed[0]
        self.links = change.links_removed or self.links
