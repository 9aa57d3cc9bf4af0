"""The one change notice every edit ends with.

A service command runs in one transaction; after the commit, the workspace publishes one
:class:`Change` to every subscriber (the GUI relays it to its views as a Qt signal).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from .records import AnnotationRecord, LabelRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Change:
    """What one committed command changed: everything it touched, so that every view can
    follow it without asking the database what happened.

    Spans come as records (``added``, ``updated`` as (before, after) pairs, ``removed``);
    a bulk command that touched many spans of documents that were stored already (an import
    merging spans into them) names those documents in ``spans_reloaded`` instead, and views
    reload their spans. Labels come as records too, so undo can refer to them by id.
    """

    description: str
    added: tuple[AnnotationRecord, ...] = ()
    updated: tuple[tuple[AnnotationRecord, AnnotationRecord], ...] = ()  # (before, after)
    removed: tuple[AnnotationRecord, ...] = ()
    documents_added: tuple[str, ...] = ()
    documents_removed: tuple[str, ...] = ()
    spans_reloaded: tuple[str, ...] = ()  # documents whose spans changed in bulk
    labels_added: tuple[LabelRecord, ...] = ()
    labels_updated: tuple[tuple[LabelRecord, LabelRecord], ...] = ()  # (before, after)
    labels_removed: tuple[LabelRecord, ...] = ()
    labels_reloaded: bool = False  # labels changed elsewhere (another process): reload them

    @property
    def document_ids(self) -> frozenset[str]:
        """Stored documents whose annotations changed."""
        ids = {a.document_id for a in self.added}
        ids.update(after.document_id for _, after in self.updated)
        ids.update(a.document_id for a in self.removed)
        ids.update(self.spans_reloaded)
        return frozenset(ids)

    @property
    def labels_changed(self) -> bool:
        return bool(
            self.labels_added or self.labels_updated or self.labels_removed or self.labels_reloaded
        )

    @property
    def label_keys_changed(self) -> bool:
        """True when a label's key changed or a label went (spans carry keys)."""
        return bool(self.labels_removed or self.labels_reloaded) or any(
            before.key != after.key for before, after in self.labels_updated
        )

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.updated
            or self.removed
            or self.documents_added
            or self.documents_removed
            or self.spans_reloaded
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
