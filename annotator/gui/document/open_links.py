"""The links of the documents open in panes, kept in a :class:`LinkIndex` (by span id) that
follows the change notices; the connector gutters and the Links panel read it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ...services.link_index import LinkIndex


class OpenLinks(QObject):
    changed = Signal()

    def __init__(self, workspace, bridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.document_ids: list[str] = []
        self.index = LinkIndex(kinds=workspace.links.kinds())
        bridge.changed.connect(self._on_change)

    def set_documents(self, document_ids) -> None:
        ids = list(dict.fromkeys(document_ids))
        if set(ids) == set(self.document_ids):
            self.document_ids = ids
            return
        self.document_ids = ids
        self.reload()

    def reload(self) -> None:
        links = self.workspace.links
        records = links.list(self.document_ids) if self.document_ids else []
        self.index = LinkIndex(records, links.kinds())
        self.changed.emit()

    def _on_change(self, change) -> None:
        if change.documents_removed or change.spans_reloaded:
            self.reload()
        elif self.index.apply(change, self.document_ids):
            self.changed.emit()
