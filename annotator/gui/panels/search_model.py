"""The search results as a two-level Qt model: a row per document (its title and how many
hits), under it a row per hit (the hit in context). ``HIT_ROLE`` holds the ``SearchHit``."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # the row as rich text (the hit in bold)
KIND_NAMES = {"text": "", "quote": "span quote", "note": "span note"}


def hit_html(hit) -> str:
    """The snippet with the hit in bold, and where the hit is when not in the text."""
    a, b = hit.mark
    s = hit.snippet
    body = f"{html.escape(s[:a])}<b>{html.escape(s[a:b])}</b>{html.escape(s[b:])}"
    where = KIND_NAMES[hit.kind]
    if hit.label:
        where = f"{where} · {hit.label}" if where else hit.label
    return f"{body} <span style='color:gray'>— {html.escape(where)}</span>" if where else body


class SearchResultModel(QStandardItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Hits"])
        self.result = None

    def set_result(self, result) -> None:
        self.result = result
        self.clear()
        self.setHorizontalHeaderLabels(["Hits"])
        root = self.invisibleRootItem()
        for _doc_id, title, hits in result.by_document() if result is not None else ():
            doc = QStandardItem(f"{title}  ({len(hits)})")
            doc.setData(f"<b>{html.escape(title)}</b>  ({len(hits)})", HTML_ROLE)
            doc.setData(hits[0], HIT_ROLE)
            doc.setEditable(False)
            for hit in hits:
                row = QStandardItem(hit.snippet)
                row.setData(hit, HIT_ROLE)
                row.setData(hit_html(hit), HTML_ROLE)
                row.setToolTip(hit.snippet)
                row.setEditable(False)
                doc.appendRow(row)
            root.appendRow(doc)

    def hit(self, index):
        """The hit of a row (a document row: its first hit)."""
        return index.data(HIT_ROLE) if index.isValid() else None
