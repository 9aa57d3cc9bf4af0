"""A list of checkable values with All / None buttons (labels and authors of the export)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class CheckList(QWidget):
    """A list of checkable values with All / None buttons."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        every = QPushButton("All", self)
        none = QPushButton("None", self)
        for button, state in ((every, Qt.CheckState.Checked), (none, Qt.CheckState.Unchecked)):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, s=state: self.set_all(s))
        buttons = QHBoxLayout()
        buttons.addWidget(every)
        buttons.addWidget(none)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def add(self, text: str, value, icon: QIcon | None = None) -> None:
        item = QListWidgetItem(text, self.list)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        if icon is not None:
            item.setIcon(icon)

    def fit(self, rows_max: int = 6) -> None:
        """As tall as its rows (at least two, at most ``rows_max``; it scrolls beyond)."""
        rows = min(max(self.list.count(), 2), rows_max)
        row = self.list.sizeHintForRow(0) if self.list.count() else self.fontMetrics().height()
        self.list.setFixedHeight(rows * row + 2 * self.list.frameWidth() + 4)

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def set_all(self, state: Qt.CheckState) -> None:
        for item in self.items():
            item.setCheckState(state)

    def checked(self) -> list:
        return [
            i.data(Qt.ItemDataRole.UserRole)
            for i in self.items()
            if i.checkState() == Qt.CheckState.Checked
        ]

    def unchecked(self) -> list:
        return [
            i.data(Qt.ItemDataRole.UserRole)
            for i in self.items()
            if i.checkState() != Qt.CheckState.Checked
        ]

    def uncheck(self, values) -> None:
        for item in self.items():
            if item.data(Qt.ItemDataRole.UserRole) in values:
                item.setCheckState(Qt.CheckState.Unchecked)

    def all_checked(self) -> bool:
        return not self.unchecked()
