"""The import preview's text pane: a file's text, read-only, with its web boilerplate struck
through; a struck line is kept (or struck again) with a click or Space, Alt+Down / Alt+Up go
to the next / previous one. Offsets are the core's (code points), converted at the Qt
boundary (``text.offsets.Utf16Map``). The dialog (``import_preview.py``) owns the choices."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from ...text.offsets import Utf16Map, qt_safe_text


def _dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Base).lightness() < 128


# -- the text with its boilerplate ------------------------------------------------------------
class BoilerplateView(QPlainTextEdit):
    """A file's text, read-only, with its boilerplate struck through. ``toggled(i)`` asks to
    keep (or strike again) boilerplate ``i``; the dialog decides and calls ``set_kept``."""

    toggled = Signal(int)
    current_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewText")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)
        self.document().setDocumentMargin(10)
        self.text = ""
        self.boilerplate: list = []
        self.kept: set[int] = set()
        self.strip = True
        self.dropped: list[tuple[int, int]] = []  # outside every article (split on)
        self.headlines: list[tuple[int, int]] = []
        self._map = Utf16Map("")
        self._line_starts: list[int] = [0]
        self._by_line: dict[int, int] = {}
        self._press: QPoint | None = None
        self.cursorPositionChanged.connect(self._cursor_moved)

    # -- content -------------------------------------------------------------------------------
    def show_text(self, text: str, boilerplate: list) -> None:
        self.text = text
        self.boilerplate = list(boilerplate)
        self._map = Utf16Map(text)
        starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                starts.append(i + 1)
        self._line_starts = starts
        self._by_line = {b.line: i for i, b in enumerate(self.boilerplate)}
        self.kept, self.dropped, self.headlines = set(), [], []  # the last file's
        self.setPlainText(qt_safe_text(text))
        self.restyle()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._cursor_moved()

    def set_state(
        self,
        kept: set[int],
        strip: bool,
        dropped: list[tuple[int, int]] = (),
        headlines: list[tuple[int, int]] = (),
    ) -> None:
        self.kept, self.strip = set(kept), strip
        self.dropped, self.headlines = list(dropped), list(headlines)
        self.restyle()

    def _colors(self) -> dict[str, QColor]:
        pal = self.palette()
        dark = _dark(self)
        return {
            "struck_fg": pal.color(QPalette.ColorRole.PlaceholderText),
            "struck_bg": QColor("#3b2a2d" if dark else "#fbecec"),
            "kept_bg": QColor("#22372a" if dark else "#e7f4e9"),
            "dropped_fg": pal.color(QPalette.ColorRole.PlaceholderText),
            "current": QColor(pal.color(QPalette.ColorRole.Highlight)),
        }

    def _cursor_at(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.units(start))
        cursor.setPosition(self._map.units(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def restyle(self) -> None:
        colors = self._colors()
        plain = QTextCharFormat()
        whole = QTextCursor(self.document())
        whole.select(QTextCursor.SelectionType.Document)
        whole.setCharFormat(plain)
        dropped = QTextCharFormat()
        dropped.setForeground(colors["dropped_fg"])
        dropped.setFontItalic(True)
        for a, b in self.dropped:
            self._cursor_at(a, b).mergeCharFormat(dropped)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        for a, b in self.headlines:
            self._cursor_at(a, b).mergeCharFormat(bold)
        for i, b in enumerate(self.boilerplate):
            fmt = QTextCharFormat()
            if self.strip and i not in self.kept:
                fmt.setFontStrikeOut(True)
                fmt.setForeground(colors["struck_fg"])
                fmt.setBackground(colors["struck_bg"])
            else:
                fmt.setBackground(colors["kept_bg"])
            self._cursor_at(b.start, b.end).mergeCharFormat(fmt)
        self._highlight_line()

    # -- where the caret is ----------------------------------------------------------------------
    def offset_at(self, cursor: QTextCursor) -> int:
        return self._map.code_point_before(cursor.position())

    def line_at(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset) - 1

    def current_index(self) -> int | None:
        """The boilerplate on the caret's line, if any."""
        return self._by_line.get(self.line_at(self.offset_at(self.textCursor())))

    def current_line(self) -> int:
        return self.line_at(self.offset_at(self.textCursor()))

    def go_to_line(self, line: int) -> None:
        line = max(0, min(line, len(self._line_starts) - 1))
        cursor = self.textCursor()
        cursor.setPosition(self._map.units(self._line_starts[line]))
        self.setTextCursor(cursor)
        self.centerCursor()

    def step(self, forward: bool) -> bool:
        """Move to the next (previous) boilerplate line; False when there is none."""
        here = self.current_line()
        lines = sorted(self._by_line)
        target = next((n for n in lines if n > here), None) if forward else None
        if not forward:
            target = next((n for n in reversed(lines) if n < here), None)
        if target is None:
            return False
        self.go_to_line(target)
        return True

    def _cursor_moved(self) -> None:
        self._highlight_line()
        self.current_changed.emit()

    def _highlight_line(self) -> None:
        color = QColor(self._colors()["current"])
        color.setAlpha(40 if self.hasFocus() else 18)
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(color)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = self.textCursor()
        selection.cursor.clearSelection()
        self.setExtraSelections([selection])

    # -- keys and clicks ------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Space and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            index = self.current_index()
            if index is not None:
                self.toggled.emit(index)
            event.accept()
            return
        if mods == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.step(key == Qt.Key.Key_Down)
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        point = event.position().toPoint()
        if event.button() != Qt.MouseButton.LeftButton or press is None:
            return
        if (point - press).manhattanLength() > 4 or self.textCursor().hasSelection():
            return  # a drag selects text; only a click keeps or strikes a line
        line = self.line_at(self.offset_at(self.cursorForPosition(point)))
        index = self._by_line.get(line)
        if index is not None:
            self.toggled.emit(index)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self._highlight_line()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._highlight_line()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cursor = self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos()))
            index = self._by_line.get(self.line_at(self.offset_at(cursor)))
            if index is not None:
                QToolTip.showText(event.globalPos(), self.describe(index), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def describe(self, index: int) -> str:
        b = self.boilerplate[index]
        what = b.description[:1].upper() + b.description[1:]
        if any(a <= b.start and b.end <= z for a, z in self.dropped):
            return f"{what}: outside every article, dropped with the split"
        if not self.strip:
            return f"{what}: kept (boilerplate is not removed from this file)"
        if index in self.kept:
            return f"{what}: kept. Click or press Space to leave it out."
        part = "" if b.whole_line else " (the end of the line)"
        return f"{what}{part}: left out. Click or press Space to keep it."
