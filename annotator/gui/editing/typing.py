"""A note or field value being typed, saved as you type.

A moment after the last key (``SAVE_PAUSE_MS``) the value is saved through the usual service
command: a committed transaction like every edit, so a crash mid-typing loses at most that
moment. Focus leaving the box, the span changing and the window closing save at once.

One typing session (one box on one span, until focus leaves it, the span changes or another
edit comes in between on the undo stack) is one undoable edit: its first save pushes a
:class:`TypingCommand`, later saves merge into it (``QUndoCommand.mergeWith``), so one undo
goes back to the value from before the typing began and redo brings back the last one saved.
Undo and redo check the span's version as every span command does (the editor's
``version_of``: each save's change notice moved it on). A link's note typed in the Links panel
is saved the same way (:class:`LinkTypingCommand`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from .link_commands import LinkEditCommand
from .undo_commands import UpdateCommand

SAVE_PAUSE_MS = 700  # a value being typed is saved this long after the last key

TYPING_COMMAND_ID = 0x7479  # QUndoCommand.id() of typed saves: the stack offers to merge them

_sessions = itertools.count(1)


def _typed_apply(annotations, fields: tuple[str, ...]):
    """Make the span's typed ``fields`` look like ``rec``'s again (no other field)."""
    return lambda rec, version: annotations.edit(
        rec.id, expected_version=version, **{name: getattr(rec, name) for name in fields}
    )


class _TypingSession:
    """What the commands of typed saves share: one undoable edit per typing ``session`` and
    record, its ``fields`` (``before`` the first save, ``after`` the latest)."""

    session: int
    fields: tuple[str, ...]

    def id(self) -> int:
        return TYPING_COMMAND_ID

    def mergeWith(self, other) -> bool:
        if (
            type(other) is not type(self)
            or other.session != self.session
            or other.after.id != self.after.id
            or other.fields != self.fields
        ):
            return False
        self.after = other.after
        if all(getattr(self.before, f) == getattr(self.after, f) for f in self.fields):
            self.setObsolete(True)  # typed back to where it began: nothing left to undo
        return True


class TypingCommand(_TypingSession, UpdateCommand):
    """The saves of one typing session of a span's note or field values."""

    def __init__(self, editor, text: str, before, after, fields, session: int) -> None:
        self.fields = tuple(fields)
        super().__init__(editor, text, before, after, _typed_apply(editor.annotations, fields))
        self.session = session


class LinkTypingCommand(_TypingSession, LinkEditCommand):
    """The saves of one typing session of a link's note."""

    fields = ("note",)

    def __init__(self, editor, text: str, before, after, session: int) -> None:
        super().__init__(editor, text, before, after)
        self.session = session


class TypedSave(QObject):
    """Saves one box's value while it is typed, for the record it was typed for.

    The record is a span unless ``save`` says otherwise: a target is ``(document id, span
    id)``, ``record_of(*target)`` that span as the views have it now (None: gone).
    ``values(record)``: the fields to save now (``{"note": text}``), ``{}`` when they are as
    saved, or None while they are not valid (a half-typed date, low above high): those are
    not saved while typing; leaving the box is the owner's to explain, as for any edit.
    ``save(session, target, record, fields)`` saves them (False: refused); by default the
    editor's ``edit_typed`` for a span. ``saved(fields)`` follows each save that went
    through."""

    saved = Signal(object)

    def __init__(
        self,
        editor,
        record_of: Callable[..., Any],
        values: Callable[[Any], dict[str, Any] | None],
        parent: QObject | None = None,
        save: Callable[[int, tuple, Any, dict[str, Any]], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self._record_of = record_of
        self._values = values
        self._save = save or (
            lambda session, target, span, fields: editor.edit_typed(
                session, target[0], span, **fields
            )
        )
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_PAUSE_MS)
        self.timer.timeout.connect(self.save)
        self.target: tuple | None = None  # (document id, span id) typed for
        self.session = next(_sessions)
        self._saving = False  # our own push moves the undo stack: the session goes on
        self._held = False  # a save was refused: no more tries until the box is left
        editor.undo_stack.indexChanged.connect(self._stack_moved)

    @property
    def pending(self) -> bool:
        """Typed and not saved yet."""
        return self.target is not None

    def touch(self, *target) -> None:
        """A key changed the value typed for ``target`` (document id, span id): save it after
        a pause."""
        if self.target is not None and self.target != target:
            self.finish()  # (the owner finishes before the span changes: a safety net)
        self.target = target
        if not self._held:
            self.timer.start()

    def save(self) -> None:
        """Save what was typed now; the session goes on."""
        self.timer.stop()
        if self.target is None or self._held:
            return
        record = self._record_of(*self.target)
        if record is None:  # deleted meanwhile, or its document closed: nothing to save to
            self.target = None
            return
        fields = self._values(record)
        if fields is None:  # not valid yet: saved once it is
            return
        if fields:
            self._saving = True
            try:
                done = self._save(self.session, self.target, record, fields)
            finally:
                self._saving = False
            if not done:  # refused (and shown): no more tries while typing; leaving the
                self._held = True  # box tries again if more was typed since
                self.target = None
                return
            self.saved.emit(fields)
        self.target = None

    def finish(self) -> None:
        """Save now and end the session: focus left the box, the span changes, or the window
        closes. What is still not valid is not saved."""
        self._held = False
        self.save()
        self.target = None
        self._new_session()

    def _new_session(self) -> None:
        self.timer.stop()
        self.session = next(_sessions)
        self._held = False

    def _stack_moved(self, _index: int) -> None:
        if not self._saving:  # another edit, an undo or a redo came in between
            self.session = next(_sessions)
