"""Find in one document: all matches highlighted (painted from a list), Enter for the next."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ...text.find import MAX_MATCHES, Matches, find_all


class FindBar(QWidget):
    def __init__(self, view, parent=None) -> None:
        super().__init__(parent)
        self.view = view
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in document")
        self.edit.setClearButtonEnabled(True)
        self.case = QToolButton(self)
        self.case.setText("Aa")
        self.case.setCheckable(True)
        self.case.setToolTip("Match case")
        self.count = QLabel(self)
        self.count.setMinimumWidth(80)
        self.previous = QToolButton(self)
        self.previous.setText("▲")
        self.previous.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self.next = QToolButton(self)
        self.next.setText("▼")
        self.next.setToolTip("Next match (Enter, F3)")
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.setAutoRaise(True)
        for widget in (self.edit, self.case, self.count, self.previous, self.next, close):
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.search)
        self.edit.textChanged.connect(self._timer.start)
        self.case.toggled.connect(self.search)
        self.edit.returnPressed.connect(self.find_next)
        self.next.clicked.connect(self.find_next)
        self.previous.clicked.connect(self.find_previous)
        close.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        cursor = self.view.textCursor()
        if cursor.hasSelection() and "\u2029" not in cursor.selectedText():
            self.edit.setText(cursor.selectedText())
        self.edit.setFocus()
        self.edit.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.view.matches = Matches()
        self.view.viewport().update()
        self.view.setFocus()

    def search(self) -> None:
        self._timer.stop()
        doc = self.view.doc
        if doc is None:
            return
        matches = Matches(find_all(doc.text, self.edit.text(), self.case.isChecked()))
        self.view.matches = matches
        if len(matches):
            start = doc.offsets.code_point_before(self.view.textCursor().selectionStart())
            matches.current = matches.index_after(start)
            self._show_current()
        self._update_count()
        self.view.viewport().update()

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self._timer.isActive():
            self.search()
        matches = self.view.matches
        if not len(matches):
            return
        matches.current = (matches.current + delta) % len(matches)
        self._show_current()
        self._update_count()
        self.view.viewport().update()

    def _show_current(self) -> None:
        matches = self.view.matches
        i = matches.current
        self.view.select_range(matches.starts[i], matches.ends[i])

    def _update_count(self) -> None:
        n = len(self.view.matches)
        if not self.edit.text():
            self.count.setText("")
        elif n == 0:
            self.count.setText("no matches")
        else:
            more = "+" if n >= MAX_MATCHES else ""
            self.count.setText(f"{self.view.matches.current + 1} of {n}{more}")

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find_previous()
            return
        super().keyPressEvent(event)
