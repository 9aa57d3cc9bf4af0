"""The import preview's details of the selected file: its name and kind, the document fields
it would get (title, outlet, author, date, language) and, for an archive page, "Split into N
articles" with the articles found. The dialog (``import_preview.py``) owns the choices."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

NONE = "—"
KIND_NAMES = {
    "text": "Plain text",
    "markdown": "Markdown",
    "html": "Web page",
    "jsonl": "JSON Lines",
    "json": "JSON",
}


def _date(value) -> str:
    return f"{value.day} {value:%b %Y}" if value is not None else NONE


class FileDetails(QWidget):
    """Name, kind and folder, the fields, the split box (shown for a file with articles)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.name)
        layout.addWidget(self.where)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(self.split_box)

    def show_file(self, file, choice) -> None:
        """Show ``file`` (a previewed file) with ``choice`` (its ``FileChoice``)."""
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
        self.split_box.setVisible(bool(file.articles))
        with QSignalBlocker(self.split), QSignalBlocker(self.articles):  # set, not chosen
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
