"""The one change notice every edit ends with.

A service command runs in one transaction; after the commit, the workspace publishes one
:class:`Change` to every subscriber (the GUI relays it to its views as a Qt signal).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from .records import (
    ActorRecord,
    AlignmentRecord,
    AnnotationRecord,
    CollectionRecord,
    DocumentMetadata,
    DocumentSnapshot,
    EventRecord,
    LabelRecord,
    LinkKindRecord,
    LinkRecord,
    OutletRecord,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Change:
    """What one committed command changed: everything it touched, so that every view can
    follow it without asking the database what happened.

    Spans come as records (``added``, ``updated`` as (before, after) pairs, ``removed``);
    a bulk command that touched many spans of documents that were stored already (an import
    merging spans into them) names those documents in ``spans_reloaded`` instead, and views
    reload their spans. Labels come as records too, so undo can refer to them by id.

    Document metadata edits (and collection membership, and outlets re-pointed by a merge)
    come as (before, after) :class:`DocumentMetadata` pairs in ``documents_updated``; a
    deletion names the documents in ``documents_removed`` and carries in ``snapshots`` all
    that ``documents.restore`` needs to undo it (text, metadata, every span); a restore names
    them in ``documents_added``. Outlets, alignments and collections come as records.

    Actors and events (the registries) come as records too; a merge of two, or a delete that
    takes the references out of the spans (``unreference=True``), names the spans whose
    attributes it changed in ``updated`` and their attributes before in
    ``references_repointed`` as (annotation id, attributes) pairs, for ``unmerge`` and
    ``restore`` to put back.
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
    documents_updated: tuple[tuple[DocumentMetadata, DocumentMetadata], ...] = ()
    snapshots: tuple[DocumentSnapshot, ...] = ()  # deleted documents, for documents.restore
    outlets_added: tuple[OutletRecord, ...] = ()
    outlets_updated: tuple[tuple[OutletRecord, OutletRecord], ...] = ()  # (before, after)
    outlets_removed: tuple[OutletRecord, ...] = ()
    alignments_added: tuple[AlignmentRecord, ...] = ()
    alignments_updated: tuple[tuple[AlignmentRecord, AlignmentRecord], ...] = ()
    alignments_removed: tuple[AlignmentRecord, ...] = ()
    collections_added: tuple[CollectionRecord, ...] = ()
    collections_updated: tuple[tuple[CollectionRecord, CollectionRecord], ...] = ()
    collections_removed: tuple[CollectionRecord, ...] = ()
    actors_added: tuple[ActorRecord, ...] = ()
    actors_updated: tuple[tuple[ActorRecord, ActorRecord], ...] = ()  # (before, after)
    actors_removed: tuple[ActorRecord, ...] = ()
    events_added: tuple[EventRecord, ...] = ()
    events_updated: tuple[tuple[EventRecord, EventRecord], ...] = ()  # (before, after)
    events_removed: tuple[EventRecord, ...] = ()
    references_repointed: tuple[tuple[str, dict], ...] = ()  # (annotation id, attributes before)
    # links between spans (``ws.links``); a span deleted with links carries them here too
    links_added: tuple[LinkRecord, ...] = ()
    links_updated: tuple[tuple[LinkRecord, LinkRecord], ...] = ()  # (before, after)
    links_removed: tuple[LinkRecord, ...] = ()
    link_kinds_added: tuple[LinkKindRecord, ...] = ()
    link_kinds_updated: tuple[tuple[LinkKindRecord, LinkKindRecord], ...] = ()
    link_kinds_removed: tuple[LinkKindRecord, ...] = ()  # ``links.restore_kind`` takes one back

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
    def outlets_changed(self) -> bool:
        """The outlet list or the alignment list changed."""
        return bool(
            self.outlets_added
            or self.outlets_updated
            or self.outlets_removed
            or self.alignments_added
            or self.alignments_updated
            or self.alignments_removed
        )

    @property
    def collections_changed(self) -> bool:
        """The list of collections changed (membership comes in ``documents_updated``)."""
        return bool(self.collections_added or self.collections_updated or self.collections_removed)

    @property
    def registries_changed(self) -> bool:
        """The actor or the event registry changed."""
        return bool(
            self.actors_added
            or self.actors_updated
            or self.actors_removed
            or self.events_added
            or self.events_updated
            or self.events_removed
        )

    @property
    def links_changed(self) -> bool:
        """Links came, went or changed (or their kinds did): link views reload or follow."""
        return bool(
            self.links_added
            or self.links_updated
            or self.links_removed
            or self.link_kinds_added
            or self.link_kinds_updated
            or self.link_kinds_removed
        )

    @property
    def library_changed(self) -> bool:
        """Documents came or went, or their spans changed in bulk: lists reload."""
        return bool(self.documents_added or self.documents_removed or self.spans_reloaded)

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
            or self.documents_updated
            or self.outlets_changed
            or self.collections_changed
            or self.registries_changed
            or self.links_changed
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
