"""Undo commands for link edits and link kinds (adding and deleting a link are in
``undo_commands``: ``LinkAddCommand``, ``LinkDeleteCommand``).

Like every command here they run after the service command succeeded (``ServiceCommand``:
the first ``redo`` does nothing) and refer to kinds by id, so that a kind renamed in between
does not matter.
"""

from __future__ import annotations

from .undo_commands import ServiceCommand


class LinkEditCommand(ServiceCommand):
    """A link's note and/or kind changed: undo puts the before record's back."""

    def __init__(self, editor, text: str, before, after) -> None:
        super().__init__(editor, text)
        self.before, self.after = before, after

    def _to(self, record) -> None:
        self.editor.workspace.links.edit(record.id, note=record.note, kind=record.kind_id)

    def do_undo(self) -> None:
        self._to(self.before)

    def do_redo(self) -> None:
        self._to(self.after)


class LinkKindAddCommand(ServiceCommand):
    """Undo of a new kind deletes it (it has no links yet); redo restores it (same id)."""

    def __init__(self, editor, text: str, record) -> None:
        super().__init__(editor, text)
        self.record = record

    def do_undo(self) -> None:
        links = self.editor.workspace.links
        self.record = links.delete_kind(self.record.id).link_kinds_removed[0]

    def do_redo(self) -> None:
        self.record = self.editor.workspace.links.restore_kind(self.record).link_kinds_added[0]


class LinkKindDeleteCommand(LinkKindAddCommand):
    def do_undo(self) -> None:
        LinkKindAddCommand.do_redo(self)

    def do_redo(self) -> None:
        LinkKindAddCommand.do_undo(self)


class LinkKindUpdateCommand(ServiceCommand):
    """A kind renamed (key or name), recoloured, or made directed / symmetric: undo sets the
    before record's values again, by id."""

    def __init__(self, editor, text: str, before, after) -> None:
        super().__init__(editor, text)
        self.before, self.after = before, after

    def _to(self, record) -> None:
        self.editor.workspace.links.update_kind(
            record.id,
            new_key=record.key,
            name=record.name,
            color=record.color,
            directed=record.directed,
        )

    def do_undo(self) -> None:
        self._to(self.before)

    def do_redo(self) -> None:
        self._to(self.after)
