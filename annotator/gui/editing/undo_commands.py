"""Thin QUndoCommands over the service commands.

The service command runs first (so a refused edit never reaches the stack); the undo command
is pushed after it succeeded and its first ``redo`` does nothing. Undo and redo call the
inverse service command, built from the ``Change``'s before/after records, with the version
the views last saw (from the change notices), so that an edit someone else made meanwhile is
refused rather than overwritten. The
views never change themselves here: they follow the change notices.
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


class AddCommand(ServiceCommand):
    """Undo of a new span deletes it; redo restores it exactly (same id)."""

    def __init__(self, editor, record) -> None:
        super().__init__(editor, f"tag '{record.label}'")
        self.record = record

    def document_id(self) -> str:
        return self.record.document_id

    def do_undo(self) -> None:
        version = self.editor.version_of(self.record)
        change = self.editor.annotations.delete(self.record.id, expected_version=version)
        self.record = change.removed[0]

    def do_redo(self) -> None:
        self.record = self.editor.annotations.restore(self.record).added[0]


class DeleteCommand(ServiceCommand):
    def __init__(self, editor, record) -> None:
        super().__init__(editor, f"delete '{record.label}'")
        self.record = record

    def document_id(self) -> str:
        return self.record.document_id

    def do_undo(self) -> None:
        self.record = self.editor.annotations.restore(self.record).added[0]

    def do_redo(self) -> None:
        version = self.editor.version_of(self.record)
        change = self.editor.annotations.delete(self.record.id, expected_version=version)
        self.record = change.removed[0]


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
    return lambda rec, version: annotations.retag(rec.id, rec.label, expected_version=version)


def move_apply(annotations):
    return lambda rec, version: annotations.move(
        rec.id, rec.start, rec.end, expected_version=version
    )


def note_apply(annotations):
    return lambda rec, version: annotations.edit(rec.id, note=rec.note, expected_version=version)
