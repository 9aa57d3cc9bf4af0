"""Thin QUndoCommands over the actor and event registries (``ws.actors``, ``ws.events``).

Each command is told its registry (``"actors"`` or ``"events"``) and reads the records it
needs from the service command's ``Change`` (``actors_added``, ``events_updated``...). Like
every command of :mod:`.undo_commands`, it is pushed after the service command succeeded and
its first ``redo`` does nothing; undo and redo refuse what someone changed in between (an
edit: the record must look as the command left it; a deletion's undo: each span must still
hold what the deletion left), and a refused step is dropped from the stack.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from .undo_commands import ServiceCommand

# the fields ``update`` takes, per registry: an edit's undo sets them all from the record
FIELDS = {
    "actors": ("name", "kind", "side", "aliases"),
    "events": ("name", "date", "place", "note"),
}


class RegistryCommand(ServiceCommand):
    def __init__(self, editor, text: str, registry: str) -> None:
        super().__init__(editor, text)
        self.registry = registry

    def _service(self):
        return getattr(self.editor.workspace, self.registry)

    def _one(self, change, what: str):
        return getattr(change, f"{self.registry}_{what}")[0]


class RegistryAddCommand(RegistryCommand):
    """Undo of a new actor or event deletes it (refused once a span names it); redo puts it
    back with the same id."""

    def __init__(self, editor, text: str, registry: str, record) -> None:
        super().__init__(editor, text, registry)
        self.record = record

    def do_undo(self) -> None:
        self.record = self._one(self._service().delete(self.record.id), "removed")

    def do_redo(self) -> None:
        self.record = self._one(self._service().restore(self.record), "added")


class RegistryDeleteCommand(RegistryCommand):
    """A deletion, with the references spans had to the record taken out: undo restores the
    record and every span's attributes as they were; redo deletes it again."""

    def __init__(self, editor, text: str, registry: str, change) -> None:
        super().__init__(editor, text, registry)
        self.record = self._one(change, "removed")
        self.references = change.references_repointed

    def do_undo(self) -> None:
        self._service().restore(self.record, self.references)

    def do_redo(self) -> None:
        change = self._service().delete(self.record.id, unreference=True)
        self.record = self._one(change, "removed")
        self.references = change.references_repointed


class RegistryUpdateCommand(RegistryCommand):
    """A rename or an edit of an actor's aliases, kind, side or an event's date, place,
    note: undo sets the before record's fields, redo the after record's, each refused when
    the record no longer looks as the other left it."""

    def __init__(self, editor, text: str, registry: str, before, after) -> None:
        super().__init__(editor, text, registry)
        self.before, self.after = before, after

    def _to(self, target, current) -> None:
        fields = {name: getattr(target, name) for name in FIELDS[self.registry]}
        if "aliases" in fields:
            fields["aliases"] = list(fields["aliases"])
        self._service().update(target.id, expected=current, **fields)

    def do_undo(self) -> None:
        self._to(self.before, self.after)

    def do_redo(self) -> None:
        self._to(self.after, self.before)


class RegistryMergeCommand(RegistryCommand):
    """A merge of two actors or two events: undo calls ``unmerge`` with what the merge's
    change holds (the removed record with its aliases, the kept one before, every re-pointed
    span's attributes before); redo merges again."""

    def __init__(self, editor, text: str, registry: str, change) -> None:
        super().__init__(editor, text, registry)
        self.change = change

    def _records(self):
        removed = self._one(self.change, "removed")
        kept_before = self._one(self.change, "updated")[0]
        return removed, kept_before

    def do_undo(self) -> None:
        removed, kept_before = self._records()
        self._service().unmerge(removed, kept_before, self.change.references_repointed)

    def do_redo(self) -> None:
        removed, kept_before = self._records()
        self.change = self._service().merge(kept_before.id, removed.id)


def push(editor, command: type[QUndoCommand], registry: str, change, payload) -> None:
    """Put ``command`` for a registry command that ran (its ``change``) on the editor's undo
    stack, with what it needs (``payload``: a record, or the change itself)."""
    editor.undo_stack.push(command(editor, change.description, registry, payload))
