"""The links of the open documents, indexed by span id (Qt-free; the GUI keeps one).

Views ask for the links of the spans they can see (``of_span``), never for all links, so a
paint costs what is visible even with thousands of links. ``apply`` follows a :class:`Change`.
"""

from __future__ import annotations

from collections.abc import Iterable

from .changes import Change
from .records import LinkKindRecord, LinkRecord


class LinkIndex:
    def __init__(self, links: Iterable[LinkRecord] = (), kinds: Iterable[LinkKindRecord] = ()):
        self.links: dict[str, LinkRecord] = {}
        self.by_span: dict[str, set[str]] = {}
        self.kinds: dict[int, LinkKindRecord] = {k.id: k for k in kinds}
        for link in links:
            self.add(link)

    def __len__(self) -> int:
        return len(self.links)

    def __contains__(self, link_id: str) -> bool:
        return link_id in self.links

    def get(self, link_id: str) -> LinkRecord | None:
        return self.links.get(link_id)

    def of_span(self, span_id: str) -> list[LinkRecord]:
        ids = self.by_span.get(span_id)
        return [self.links[i] for i in ids] if ids else []

    def has_links(self, span_id: str) -> bool:
        return bool(self.by_span.get(span_id))

    def kind(self, link: LinkRecord) -> LinkKindRecord | None:
        return self.kinds.get(link.kind_id)

    def add(self, link: LinkRecord) -> None:
        self.remove(link.id)
        self.links[link.id] = link
        self.by_span.setdefault(link.source_id, set()).add(link.id)
        self.by_span.setdefault(link.target_id, set()).add(link.id)

    def remove(self, link_id: str) -> LinkRecord | None:
        link = self.links.pop(link_id, None)
        if link is not None:
            for end in (link.source_id, link.target_id):
                ids = self.by_span.get(end)
                if ids is not None:
                    ids.discard(link_id)
                    if not ids:
                        del self.by_span[end]
        return link

    def apply(self, change: Change, documents: Iterable[str] | None = None) -> bool:
        """Follow ``change``; True when the index changed. ``documents``: the documents it
        holds links of (links added elsewhere are left out)."""
        docs = set(documents) if documents is not None else None
        changed = False
        for link in change.links_removed:
            changed |= self.remove(link.id) is not None
        for before, after in change.links_updated:
            self.remove(before.id)
            if docs is None or {after.source_document_id, after.target_document_id} & docs:
                self.add(after)
                changed = True
        for link in change.links_added:
            if docs is None or {link.source_document_id, link.target_document_id} & docs:
                self.add(link)
                changed = True
        for _before, after in change.link_kinds_updated:
            self.kinds[after.id] = after
            changed = True
        for kind in change.link_kinds_added:
            self.kinds[kind.id] = kind
        for kind in change.link_kinds_removed:  # unused: no link of the index has it
            self.kinds.pop(kind.id, None)
        for record in change.removed:  # a deleted span's links went with it
            for link in self.of_span(record.id):
                changed |= self.remove(link.id) is not None
        return changed
