"""The links of the documents open in panes, kept in a :class:`LinkIndex` (by span id) that
follows the change notices; the connector gutters and the Links panel read it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from ...gc_pause import gc_paused
from ...services.link_index import LinkIndex


class OpenLinks(QObject):
    """Reloads lazily: opening two panes in a row reads the links once, when something first
    asks for ``index`` or the event loop comes round.

    Until then a gutter's paint asks ``index_for`` the spans in sight: their links alone,
    read at once (a few rows), so the panes' first paint has all its connectors without
    waiting for every link of two big documents. The whole set follows on the next turn of
    the event loop, then ``changed`` (the gutters repaint the same curves, the Links panel
    lists them all)."""

    changed = Signal()

    def __init__(self, workspace, bridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.document_ids: list[str] = []
        self._index = LinkIndex(kinds=workspace.links.kinds())
        self._stale = False
        self._in_sight: LinkIndex | None = None  # while stale: the links of the spans asked
        self._asked: set[str] = set()
        bridge.changed.connect(self._on_change)

    @property
    def index(self) -> LinkIndex:
        if self._stale:
            self.reload()
        return self._index

    def index_for(self, span_ids: Iterable[str]) -> LinkIndex:
        """An index that holds every link of ``span_ids`` (all links once they are read)."""
        if not self._stale:
            return self._index
        if self._in_sight is None:
            self._in_sight = LinkIndex(kinds=self._index.kinds.values())
            self._asked = set()
        wanted = [i for i in dict.fromkeys(span_ids) if i not in self._asked]
        if wanted:
            for link in self.workspace.links.touching(wanted):
                self._in_sight.add(link)
            self._asked.update(wanted)
        return self._in_sight

    def set_documents(self, document_ids) -> None:
        ids = list(dict.fromkeys(document_ids))
        same = set(ids) == set(self.document_ids)
        self.document_ids = ids
        if not same and not self._stale:
            self._stale = True
            QTimer.singleShot(0, self._reload_if_stale)

    def _reload_if_stale(self) -> None:
        if self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        self._in_sight = None
        links = self.workspace.links
        # thousands of records at once, with a big document's spans on the heap: no cyclic-GC
        # pass in the middle (see gc_pause)
        with gc_paused():
            records = links.list(self.document_ids) if self.document_ids else []
            self._index = LinkIndex(records, links.kinds())
        self.changed.emit()

    def _on_change(self, change) -> None:
        if self._stale:
            self._in_sight = None  # may be out of date: asked again until the reload
            return  # the reload to come reads it all
        if change.documents_removed or change.spans_reloaded:
            self.reload()
        elif self._index.apply(change, self.document_ids):
            self.changed.emit()
