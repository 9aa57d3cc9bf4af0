"""The links of the documents open in panes, kept in a :class:`LinkIndex` (by span id) that
follows the change notices; the connector gutters and the Links panel read it."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ...services.link_index import LinkIndex


class OpenLinks(QObject):
    """Reloads lazily: opening two panes in a row reads the links once, when something first
    asks for ``index`` (the gutters' first paint) or the event loop comes round."""

    changed = Signal()

    def __init__(self, workspace, bridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.document_ids: list[str] = []
        self._index = LinkIndex(kinds=workspace.links.kinds())
        self._stale = False
        bridge.changed.connect(self._on_change)

    @property
    def index(self) -> LinkIndex:
        if self._stale:
            self.reload()
        return self._index

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
        links = self.workspace.links
        records = links.list(self.document_ids) if self.document_ids else []
        self._index = LinkIndex(records, links.kinds())
        self.changed.emit()

    def _on_change(self, change) -> None:
        if self._stale:
            return  # the reload to come reads it all
        if change.documents_removed or change.spans_reloaded:
            self.reload()
        elif self._index.apply(change, self.document_ids):
            self.changed.emit()
