"""The label bar: one button per label (colour, name, key); click to tag or retag."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QToolBar, QToolButton

from ..widgets.swatch import swatch


class LabelBar(QToolBar):
    labelClicked = Signal(str)  # label key
    editSchemeRequested = Signal()

    def __init__(self, documents, parent=None) -> None:
        super().__init__("Labels", parent)
        self.setObjectName("labelBar")
        self.documents = documents
        self.setIconSize(QSize(14, 14))
        self.buttons: dict[str, QToolButton] = {}
        documents.labelsChanged.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        self.buttons.clear()
        ratio = self.devicePixelRatioF()
        for label in self.documents.labels.records:
            button = QToolButton(self)
            key = f"  [{label.shortcut}]" if label.shortcut else ""
            button.setText(f"{label.name}{key}")
            button.setIcon(swatch(label.color, 14, ratio))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(
                f"Tag the selection as '{label.name}' (or retag the selected span)"
                + (f" — key {label.shortcut}" if label.shortcut else "")
            )
            button.clicked.connect(lambda _=False, k=label.key: self.labelClicked.emit(k))
            self.addWidget(button)
            self.buttons[label.key] = button
        self.addSeparator()
        edit = QToolButton(self)
        edit.setText("Edit labels…")
        edit.setToolTip("Add, rename, recolour, reorder labels and assign their keys")
        edit.clicked.connect(self.editSchemeRequested.emit)
        self.addWidget(edit)
