"""The status bar: which database, which document, and whether the last edit is saved."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar

from ...services.records import NO_OUTLET
from ..widgets.elided_label import ElidedLabel

READ_ONLY_STYLE = (
    "color: white; background: #b35900; border-radius: 3px; padding: 0 6px; font-weight: bold"
)


def describe_database(workspace) -> tuple[str, str]:
    """(short text, tooltip) for the database."""
    url = workspace.url
    full = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite" and url.database:
        return Path(url.database).name, full
    return f"{url.get_backend_name()}: {url.database or ''}@{url.host or 'local'}", full


class StatusBar(QStatusBar):
    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        short, full = describe_database(workspace)
        self.database = QLabel(f"Database: {short}", self)
        self.database.setToolTip(full)
        self.author = QLabel(self)
        self.show_author(workspace.author)
        self.document = ElidedLabel("", self)
        self.saved = ElidedLabel("All edits saved", self)
        self.saved.setFixedWidth(self.fontMetrics().horizontalAdvance("M" * 24))
        # a permanent widget must not have the Ignored policy, or the bar lays it off-screen
        self.saved.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.saved.setToolTip("Every edit is saved to the database at once.")
        # shown while the database cannot be written (read_only.refresh)
        self.read_only = QLabel("Read-only", self)
        self.read_only.setStyleSheet(READ_ONLY_STYLE)
        self.read_only.hide()
        self.addWidget(self.read_only)
        self.addWidget(self.database)
        self.addWidget(self.author)
        self.addWidget(self.document, 1)
        self.addPermanentWidget(self.saved)

    def show_author(self, name: str | None) -> None:
        self.author.setText(f"Author: {name}" if name else "Author: (no name)")
        self.author.setToolTip(
            "Your name, recorded with every span you make (File ▸ Your name…)"
            if name
            else "Spans you make record no author: set your name in File ▸ Your name…"
        )

    def show_document(self, pane) -> None:
        if pane is None:
            self.document.setText("")
            return
        doc = pane.doc
        self.document.setText(f"{doc.title} — {doc.outlet or NO_OUTLET}")

    def show_saved(self, description: str) -> None:
        self.saved.setStyleSheet("")
        self.saved.setText(f"✓ Saved {time.strftime('%H:%M:%S')}: {description}")

    def show_read_only(self, reason: str | None) -> None:
        """The read-only badge, with why in its tooltip (None hides it)."""
        self.read_only.setVisible(bool(reason))
        if reason:
            self.read_only.setToolTip(
                f"Edits cannot be saved: {reason}. You can read, search and export."
            )
            self.saved.setText("Edits are not saved")
            self.saved.setToolTip(self.read_only.toolTip())

    def show_failed(self, message: str) -> None:
        self.saved.setStyleSheet("color: #d0342c; font-weight: bold")
        self.saved.setText("✗ Not saved — see the message")
