"""The one change notice every edit ends with.

A service command runs in one transaction; after the commit, the workspace publishes one
:class:`Change` to every subscriber (the GUI relays it to its views as a Qt signal).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from .records import AnnotationRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Change:
    """What one committed command changed."""

    description: str
    added: tuple[AnnotationRecord, ...] = ()
    updated: tuple[tuple[AnnotationRecord, AnnotationRecord], ...] = ()  # (before, after)
    removed: tuple[AnnotationRecord, ...] = ()
    documents_added: tuple[str, ...] = ()
    documents_removed: tuple[str, ...] = ()
    labels_changed: bool = False

    @property
    def document_ids(self) -> frozenset[str]:
        """Documents whose annotations changed."""
        ids = {a.document_id for a in self.added}
        ids.update(after.document_id for _, after in self.updated)
        ids.update(a.document_id for a in self.removed)
        return frozenset(ids)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.updated
            or self.removed
            or self.documents_added
            or self.documents_removed
            or self.labels_changed
        )


Listener = Callable[[Change], None]


class ChangeNotifier:
    """Subscribers of one workspace. Not global: each workspace owns one."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, change: Change) -> None:
        if change.empty:
            return
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # a broken view must not undo a committed edit
                log.exception("change listener %r failed", listener)
