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
background one at a time. Import hands the choices to the background import job. The
details pane lives in ``import_preview_details.py``, the text pane in ``import_preview_text.py``.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.importer import FileChoice
from .import_preview_details import KIND_NAMES, FileDetails
from .import_preview_text import BoilerplateView

HINT = (
    "Struck lines are left out. Click one, or move to it and press Space, to keep it; "
    "Alt+↓ / Alt+↑ go to the next / previous one."
)


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
        self.details = FileDetails(self)
        self.fields, self.split, self.articles = (
            self.details.fields,
            self.details.split,
            self.details.articles,
        )
        self.split_box = self.details.split_box

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
        rl.addWidget(self.details)
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
        self.details.show_file(file, choice)
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
        with QSignalBlocker(self.strip):  # the dialog sets it, the user did not
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
