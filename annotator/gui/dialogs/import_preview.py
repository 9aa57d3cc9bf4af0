"""The import preview: what File ▸ Import and files dropped on the window would store, before
anything is stored.

Files on the left (a checkbox each: import it or not; what it becomes: one document, N
articles, records as written), the selected file on the right: its details (title, outlet,
author, date, language), for an archive page "Split into N articles" with the articles
found, and its text with the web boilerplate struck through. Clicking a struck line, or
moving to it and pressing Space, keeps it (and again strikes it); Alt+Down / Alt+Up go to
the next / previous boilerplate line. Everything is reachable with Tab, arrows and Space.

The dialog only collects choices (``annotator.services.importer.FileChoice``); files are read
by the core's preview (``ImportService.preview_paths``) when first shown, the others in the
background one at a time. Import hands the choices to the background import job.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTextEdit,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.importer import FileChoice
from ...text.offsets import Utf16Map, qt_safe_text

NONE = "—"
KIND_NAMES = {
    "text": "Plain text",
    "markdown": "Markdown",
    "html": "Web page",
    "jsonl": "JSON Lines",
    "json": "JSON",
}
HINT = (
    "Struck lines are left out. Click one, or move to it and press Space, to keep it; "
    "Alt+↓ / Alt+↑ go to the next / previous one."
)


def _date(value) -> str:
    return f"{value.day} {value:%b %Y}" if value is not None else NONE


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


# -- the dialog ---------------------------------------------------------------------------------
class ImportPreviewDialog(QDialog):
    FILE_COLUMN, RESULT_COLUMN = 0, 1

    def __init__(self, preview, parent=None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle("Import — Annotator")
        self._choices: dict[int, FileChoice] = {}
        self._current: int | None = None
        self._loading = False
        self._build()
        self._fill_files()
        self._reader = QTimer(self, interval=0)
        self._reader.timeout.connect(self._read_next)
        self._reader.start()
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1120, 720
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 40)
        self.resize(width, height)
        if len(preview):
            self.files.setCurrentItem(self.files.topLevelItem(0))
        self.files.setFocus()

    # -- building --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.files = QTreeWidget(self)
        self.files.setObjectName("importPreviewFiles")
        self.files.setHeaderLabels(["File", "Import as"])
        self.files.setRootIsDecorated(False)
        self.files.setUniformRowHeights(True)
        self.files.setAlternatingRowColors(True)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.files.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.FILE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.RESULT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        files_title = QLabel("<b>Files</b>", self)
        files_title.setBuddy(self.files)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(files_title)
        left_layout.addWidget(self.files, 1)
        left.setMinimumWidth(200)

        # right: the selected file
        self.name = QLabel(self)
        self.name.setObjectName("importPreviewName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.name.setFont(font)
        self.where = QLabel(self)
        self.where.setEnabled(False)  # the theme's secondary text colour
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.fields: dict[str, QLabel] = {}
        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(4)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        places = {
            "title": (0, 0, 3),
            "outlet": (1, 0, 1),
            "author": (1, 2, 1),
            "published": (2, 0, 1),
            "language": (2, 2, 1),
        }
        for key, label in (
            ("title", "Title:"),
            ("outlet", "Outlet:"),
            ("author", "Author:"),
            ("published", "Date:"),
            ("language", "Language:"),
        ):
            value = QLabel(NONE, self)
            value.setObjectName(f"importPreview_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(key == "title")
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            name = QLabel(label, self)
            name.setEnabled(False)
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.fields[key] = value
            row, col, span = places[key]
            form.addWidget(name, row, col)
            form.addWidget(value, row, col + 1, 1, span)

        self.split = QCheckBox("Split into articles", self)
        self.split.setObjectName("importPreviewSplit")
        self.articles = QTreeWidget(self)
        self.articles.setObjectName("importPreviewArticles")
        self.articles.setHeaderLabels(["#", "Article", "Author", "Date"])
        self.articles.setRootIsDecorated(False)
        self.articles.setUniformRowHeights(True)
        self.articles.setAlternatingRowColors(True)
        aheader = self.articles.header()
        aheader.setStretchLastSection(False)
        aheader.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        aheader.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        aheader.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        aheader.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        row = self.articles.fontMetrics().height() + 8
        self.articles.setFixedHeight(row * 5 + self.articles.header().sizeHint().height() + 4)
        self.split_box = QWidget(self)
        split_layout = QVBoxLayout(self.split_box)
        split_layout.setContentsMargins(0, 0, 0, 0)
        split_layout.addWidget(self.split)
        split_layout.addWidget(self.articles)

        self.strip = QCheckBox("Leave out web boilerplate", self)
        self.strip.setObjectName("importPreviewStrip")
        self.text = BoilerplateView(self)
        self.text.setMinimumHeight(160)
        self.line_info = QLabel(HINT, self)
        self.line_info.setEnabled(False)
        self.line_info.setWordWrap(True)
        self.message = QLabel(self)  # JSON Lines, errors
        self.message.setWordWrap(True)
        self.message.setObjectName("importPreviewMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setFrameShape(QFrame.Shape.StyledPanel)
        self.message.setMargin(12)

        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        rl.setSpacing(6)
        rl.addWidget(self.name)
        rl.addWidget(self.where)
        rl.addSpacing(4)
        rl.addLayout(form)
        rl.addSpacing(4)
        rl.addWidget(self.split_box)
        rl.addWidget(self.strip)
        rl.addWidget(self.text, 1)
        rl.addWidget(self.line_info)
        rl.addWidget(self.message, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self.summary = QLabel(self)
        self.summary.setObjectName("importPreviewSummary")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.import_button.setAutoDefault(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.buttons)

        intro = QLabel(
            "Check what will be imported. Nothing is stored until you press Import.", self
        )
        intro.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(intro)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        self.setTabOrder(self.files, self.split)
        self.setTabOrder(self.split, self.articles)
        self.setTabOrder(self.articles, self.strip)
        self.setTabOrder(self.strip, self.text)
        self.setTabOrder(self.text, self.buttons)

        self.files.currentItemChanged.connect(lambda item, _old: self._select(item))
        self.files.itemChanged.connect(self._file_checked)
        self.split.toggled.connect(self._split_toggled)
        self.strip.toggled.connect(self._strip_toggled)
        self.articles.currentItemChanged.connect(lambda item, _old: self._article_chosen(item))
        self.text.toggled.connect(self.toggle_kept)
        self.text.current_changed.connect(self._show_line_info)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _icon(self, file):
        style = self.style()
        if file is not None and file.error is not None:
            return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if file is not None and file.kind in ("jsonl", "json"):
            return style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        return style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def _fill_files(self) -> None:
        self._loading = True
        for i, path in enumerate(self.preview.paths):
            item = QTreeWidgetItem(self.files, [path.name, "…"])
            item.setData(self.FILE_COLUMN, Qt.ItemDataRole.UserRole, i)
            item.setToolTip(self.FILE_COLUMN, str(path))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(self.FILE_COLUMN, Qt.CheckState.Checked)
            item.setIcon(self.FILE_COLUMN, self._icon(None))
        self._loading = False
        self._update_summary()

    # -- state ---------------------------------------------------------------------------------
    def file(self, i: int):
        file = self.preview.file(i)
        if i not in self._choices:
            self._choices[i] = file.default_choice()
            self._refresh_item(i)
            self._update_summary()
        return file

    def choice(self, i: int) -> FileChoice:
        self.file(i)
        return self._choices[i]

    def _set_choice(self, i: int, **changes) -> None:
        self._choices[i] = dataclasses.replace(self.choice(i), **changes)
        self._refresh_item(i)
        self._update_summary()

    def choices(self) -> dict[str, FileChoice]:
        """The choices made so far, keyed by file path (files never read get the default)."""
        return {str(self.preview.paths[i]): c for i, c in self._choices.items()}

    def _result(self, i: int) -> str:
        if not self.preview.is_read(i):
            return "…"
        file, choice = self.preview.file(i), self._choices.get(i)
        if file.error is not None:
            return "cannot be read"
        if choice is not None and not choice.include:
            return "left out"
        if not file.previewed:
            return "records as written"
        if file.articles and (choice is None or choice.split):
            return f"{len(file.articles)} articles"
        return "1 document"

    def _refresh_item(self, i: int) -> None:
        item = self.files.topLevelItem(i)
        if item is None:
            return
        self._loading = True
        try:
            file = self.preview.file(i) if self.preview.is_read(i) else None
            choice = self._choices.get(i)
            item.setText(self.RESULT_COLUMN, self._result(i))
            item.setIcon(self.FILE_COLUMN, self._icon(file))
            if file is not None and file.error is not None:
                item.setCheckState(self.FILE_COLUMN, Qt.CheckState.Unchecked)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                item.setToolTip(self.FILE_COLUMN, file.error)
            elif choice is not None:
                state = Qt.CheckState.Checked if choice.include else Qt.CheckState.Unchecked
                item.setCheckState(self.FILE_COLUMN, state)
        finally:
            self._loading = False

    def _read_next(self) -> None:
        """Read one more file in the background (the list shows what each one becomes)."""
        for i in range(len(self.preview)):
            if i not in self._choices:
                self.file(i)
                return
        self._reader.stop()

    def _update_summary(self) -> None:
        total = len(self.preview)
        read = sum(1 for i in range(total) if self.preview.is_read(i))
        docs = files = records = left_out = 0
        for i, choice in self._choices.items():
            file = self.preview.file(i)
            if not choice.include or file.error is not None:
                continue
            files += 1
            left_out += len(choice.removed(file))
            if not file.previewed:
                records += 1
            elif file.articles and choice.split:
                docs += len(file.articles)
            else:
                docs += 1
        unread = total - read
        parts = [f"{docs:,} document{'s' if docs != 1 else ''}"]
        if records:
            parts.append(f"the records of {records} JSON file{'s' if records != 1 else ''}")
        text = f"Import {' and '.join(parts)} from {files} of {total} file{'s' * (total != 1)}"
        if left_out:
            text += f", {left_out} boilerplate line{'s' if left_out != 1 else ''} left out"
        if unread:
            text += f" (reading… {unread} to go)"
        skipped = len(self.preview.skipped)
        if skipped:
            text += f"; {skipped} skipped (hidden or not importable)"
        self.summary.setText(text)
        self.import_button.setEnabled(files > 0 or unread > 0)

    # -- the selected file ----------------------------------------------------------------------
    def _select(self, item) -> None:
        if item is None:
            return
        i = item.data(self.FILE_COLUMN, Qt.ItemDataRole.UserRole)
        self._current = i
        file = self.file(i)
        choice = self._choices[i]
        self.name.setText(file.name)
        self.where.setText(f"{KIND_NAMES.get(file.kind, file.kind)} · {file.path.parent}")
        doc_fields = {
            "title": file.title,
            "outlet": file.outlet,
            "author": file.author,
            "published": _date(file.published) if file.published else None,
            "language": file.language,
        }
        for key, label in self.fields.items():
            label.setText(doc_fields[key] or NONE)
        previewed = file.previewed
        for widget in (self.strip, self.text, self.line_info):
            widget.setVisible(previewed)
        self.message.setVisible(not previewed)
        if file.error is not None:
            self.message.setText(f"<b>This file cannot be read.</b><br><br>{file.error}")
        elif not previewed:
            self.message.setText(
                f"<b>{KIND_NAMES.get(file.kind, file.kind)}</b> files are imported as written, "
                "with their annotations: their text is never changed, so that the annotation "
                "offsets stay right. There is nothing to choose here."
            )
        self.split_box.setVisible(bool(file.articles))
        with _quiet(self.split, self.strip, self.articles):
            n = len(file.articles)
            self.split.setText(f"Split into {n} articles")
            self.split.setChecked(choice.split)
            self.articles.clear()
            for a in file.articles:
                row = QTreeWidgetItem(
                    self.articles, [str(a.number), a.title, a.author or NONE, _date(a.published)]
                )
                row.setToolTip(1, a.title)
            self.articles.setEnabled(choice.split)
            count = len(file.boilerplate)
            self.strip.setText(
                f"Leave out web boilerplate ({count} line{'s' if count != 1 else ''} found)"
                if count
                else "Leave out web boilerplate (none found)"
            )
            self.strip.setChecked(choice.strip)
            self.strip.setEnabled(bool(count))
        if previewed:
            self.text.show_text(file.text, file.boilerplate)
            self._restyle(i)

    def _restyle(self, i: int) -> None:
        file, choice = self.preview.file(i), self._choices[i]
        dropped: list[tuple[int, int]] = []
        headlines: list[tuple[int, int]] = []
        if choice.split and file.articles:
            pos = 0
            for a in file.articles:
                if a.start > pos:
                    dropped.append((pos, a.start))
                line_end = file.text.find("\n", a.start)
                headlines.append((a.start, line_end if line_end != -1 else a.end))
                pos = a.end
            if pos < len(file.text):
                dropped.append((pos, len(file.text)))
        self.text.set_state(set(choice.keep), choice.strip, dropped, headlines)
        self._show_line_info()

    def _show_line_info(self) -> None:
        index = self.text.current_index()
        if index is None or self._current is None:
            self.line_info.setText(HINT)
            return
        self.line_info.setText(f"Line {self.text.current_line() + 1}: {self.text.describe(index)}")

    # -- user actions ----------------------------------------------------------------------------
    def toggle_kept(self, index: int) -> None:
        """Keep boilerplate ``index`` of the current file, or strike it again."""
        i = self._current
        if i is None:
            return
        choice = self.choice(i)
        if not choice.strip:
            return
        keep = set(choice.keep)
        keep.symmetric_difference_update({index})
        self._set_choice(i, keep=frozenset(keep))
        self._restyle(i)

    def _file_checked(self, item, column: int) -> None:
        if self._loading or column != self.FILE_COLUMN:
            return
        i = item.data(self.FILE_COLUMN, Qt.ItemDataRole.UserRole)
        self._set_choice(i, include=item.checkState(self.FILE_COLUMN) == Qt.CheckState.Checked)

    def _split_toggled(self, on: bool) -> None:
        if self._current is None:
            return
        self._set_choice(self._current, split=on)
        self.articles.setEnabled(on)
        self._restyle(self._current)

    def _strip_toggled(self, on: bool) -> None:
        if self._current is None:
            return
        self._set_choice(self._current, strip=on)
        self._restyle(self._current)

    def _article_chosen(self, item) -> None:
        if item is None or self._current is None:
            return
        file = self.preview.file(self._current)
        number = int(item.text(0))
        article = file.articles[number - 1]
        self.text.go_to_line(self.text.line_at(article.start))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_sized", False):  # the file names fit, up to 40 % at first
            self._sized = True
            width = self.splitter.width()
            wanted = (
                self.files.sizeHintForColumn(self.FILE_COLUMN)
                + self.files.sizeHintForColumn(self.RESULT_COLUMN)
                + 2 * self.files.frameWidth()
                + self.files.verticalScrollBar().sizeHint().width()
                + 16
            )
            left = max(220, min(wanted, width * 40 // 100))
            self.splitter.setSizes([left, width - left])

    def done(self, result: int) -> None:
        self._reader.stop()
        super().done(result)


class _quiet:
    """Block the signals of some widgets while the dialog sets them."""

    def __init__(self, *widgets) -> None:
        self.widgets = widgets

    def __enter__(self) -> None:
        self.old = [w.blockSignals(True) for w in self.widgets]

    def __exit__(self, *exc) -> None:
        for w, old in zip(self.widgets, self.old, strict=True):
            w.blockSignals(old)
