"""File ▸ Export…: format, scope, labels and authors, destination, and a live preview.

The preview is the first documents as the chosen format writes them (the export service's
``preview``, the same writer the export uses), highlighted with Pygments. The choices are
remembered (QSettings) for the next export. The export itself runs on a worker thread
(``export_runner``) once the dialog is accepted.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...errors import AnnotatorError
from ...services.exporter import FORMATS, ExportOptions, background, preview_html
from ..shell.session import open_settings
from ..widgets.check_list import CheckList
from ..widgets.swatch import swatch

NO_AUTHOR = "(no author)"
PREVIEW_RECORDS = 3


class ExportDialog(QDialog):
    def __init__(
        self, workspace, *, current_id=None, selected_ids=(), dark=False, parent=None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.current_id = current_id
        self.selected_ids = list(selected_ids)
        self.dark = dark
        self.preview_text = ""
        self.setWindowTitle("Export — Annotator")
        self.setObjectName("exportDialog")
        self.resize(1040, 660)
        self._build()
        self._restore()
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh_preview)
        self._connect()
        self._format_changed(restoring=True)
        self.refresh_preview()

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.format_box = QComboBox(self)
        for fmt in FORMATS.values():
            self.format_box.addItem(fmt.title, fmt.name)
        self.format_note = QLabel(self)
        self.format_note.setWordWrap(True)
        self.format_note.setEnabled(False)  # the secondary text colour of the theme
        self.relations = QCheckBox("Entities and relations (relation extraction projects)", self)

        count = self.workspace.documents.count()
        self.scope_current = QRadioButton("Current document", self)
        self.scope_selected = QRadioButton(f"Selected documents ({len(self.selected_ids)})", self)
        self.scope_all = QRadioButton(f"All documents ({count:,})", self)
        self.scope_current.setEnabled(self.current_id is not None)
        self.scope_selected.setEnabled(bool(self.selected_ids))
        self.scope_all.setChecked(True)
        self.scope = QButtonGroup(self)
        for i, button in enumerate((self.scope_current, self.scope_selected, self.scope_all)):
            self.scope.addButton(button, i)
        self.only_annotated = QCheckBox("Only documents with spans", self)

        self.labels = CheckList(self)
        for label in self.workspace.labels.list():
            self.labels.add(label.name, label.key, swatch(label.color))
        self.authors = CheckList(self)
        for author in self.workspace.exporter.authors():
            self.authors.add(author if author is not None else NO_AUTHOR, author)
        self.labels.fit()
        self.authors.fit()

        self.dest = QLineEdit(self)
        self.dest.setPlaceholderText("file (folder for brat) to export to")
        self.browse = QPushButton("Browse…", self)
        self.browse.setAutoDefault(False)
        dest_row = QHBoxLayout()
        dest_row.addWidget(self.dest, 1)
        dest_row.addWidget(self.browse)

        scope_box = QVBoxLayout()
        for widget in (self.scope_current, self.scope_selected, self.scope_all):
            scope_box.addWidget(widget)
        scope_box.addWidget(self.only_annotated)
        form = QFormLayout()
        form.addRow("Format:", self.format_box)
        form.addRow("", self.format_note)
        form.addRow("", self.relations)
        form.addRow("Documents:", scope_box)
        form.addRow("Labels:", self.labels)
        form.addRow("Authors:", self.authors)
        form.addRow("Export to:", dest_row)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addStretch(1)
        left = QWidget(self)
        left.setLayout(column)
        left.setMinimumWidth(380)
        left.setMaximumWidth(440)

        self.preview_title = QLabel("Preview", self)
        self.copy = QPushButton("Copy", self)
        self.copy.setAutoDefault(False)
        self.copy.setToolTip("Copy the preview, as shown, to the clipboard")
        head = QHBoxLayout()
        head.addWidget(self.preview_title, 1)
        head.addWidget(self.copy)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("exportPreview")
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setStyleSheet(
            f"QTextBrowser#exportPreview {{ background: {background(self.dark)}; }}"
        )
        right = QVBoxLayout()
        right.addLayout(head)
        right.addWidget(self.preview, 1)

        body = QHBoxLayout()
        body.addWidget(left)
        body.addLayout(right, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.format_box.currentIndexChanged.connect(lambda _i: self._format_changed())
        self.scope.idToggled.connect(lambda _i, on: on and self._timer.start())
        for box in (self.only_annotated, self.relations):
            box.toggled.connect(lambda _on: self._timer.start())
        for checklist in (self.labels, self.authors):
            checklist.list.itemChanged.connect(lambda _item: self._timer.start())
        self.browse.clicked.connect(self.choose_destination)
        self.copy.clicked.connect(self.copy_preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # -- choices -------------------------------------------------------------------------------
    def format(self):
        return FORMATS[self.format_box.currentData()]

    def export_kwargs(self) -> dict:
        scope = self.scope.checkedId()
        documents = None
        if scope == 0 and self.current_id is not None:
            documents = [self.current_id]
        elif scope == 1:
            documents = list(self.selected_ids)
        return {
            "format": self.format().name,
            "documents": documents,
            "labels": None if self.labels.all_checked() else self.labels.checked(),
            "authors": None if self.authors.all_checked() else self.authors.checked(),
            "only_annotated": self.only_annotated.isChecked(),
            "options": ExportOptions(doccano_relations=self.relations.isChecked()),
        }

    def destination(self) -> str:
        return self.dest.text().strip()

    def _format_changed(self, restoring: bool = False) -> None:
        fmt = self.format()
        self.relations.setVisible(fmt.name == "doccano")
        layout = "a folder of .txt and .ann files" if fmt.folder else f"a {fmt.suffix} file"
        imports = "Annotator can import it back." if fmt.importable else "Export only."
        self.format_note.setText(f"Offsets: {fmt.offsets}. Writes {layout}. {imports}")
        if not restoring:
            self._fit_destination_to_format()
        self._timer.start()

    def _fit_destination_to_format(self) -> None:
        text = self.destination()
        fmt = self.format()
        if not text:
            return
        path = Path(text)
        known = {f.suffix for f in FORMATS.values() if f.suffix}
        stem = path.with_suffix("") if path.suffix in known else path
        self.dest.setText(str(stem) if fmt.folder else str(stem) + fmt.suffix)

    def choose_destination(self) -> None:
        fmt = self.format()
        current = self.destination() or str(Path.home())
        if fmt.folder:
            chosen = QFileDialog.getExistingDirectory(self, "Export into a folder", current)
            if chosen:
                folder = Path(chosen)
                empty = not any(folder.iterdir())
                self.dest.setText(str(folder if empty else folder / "annotator-brat"))
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export to", current, f"{fmt.title} (*{fmt.suffix});;All files (*)"
        )
        if chosen:
            self.dest.setText(chosen)

    # -- preview -------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        kwargs = self.export_kwargs()
        try:
            preview = self.workspace.exporter.preview(records=PREVIEW_RECORDS, **kwargs)
        except AnnotatorError as exc:
            self.preview_text = ""
            self.preview_title.setText("Preview")
            self.preview.setPlainText(str(exc))
            return
        self.preview_text = preview.text
        if not preview.documents:
            self.preview_title.setText("Preview")
            self.preview.setPlainText("Nothing to export with these choices.")
            return
        what = f"{preview.documents} document(s), {preview.spans} span(s)"
        self.preview_title.setText(f"<b>Preview</b> — the first {what}; long texts shortened")
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(preview_html(preview.text, preview.kind, self.dark))
        self.preview.verticalScrollBar().setValue(scroll)

    def copy_preview(self) -> None:
        QGuiApplication.clipboard().setText(self.preview_text)

    # -- accepting -----------------------------------------------------------------------------
    def accept(self) -> None:
        dest = self.destination()
        fmt = self.format()
        if not dest:
            QMessageBox.warning(self, "Export", "Choose where to export to.")
            return
        path = Path(dest).expanduser()
        if fmt.folder and path.exists() and (not path.is_dir() or any(path.iterdir())):
            QMessageBox.warning(
                self, "Export", f"{path} is not an empty folder. brat exports need a new folder."
            )
            return
        if not fmt.folder and path.is_dir():
            QMessageBox.warning(self, "Export", f"{path} is a folder; choose a file name.")
            return
        if not fmt.folder and path.exists():
            answer = QMessageBox.question(self, "Export", f"{path.name} exists. Replace it?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.dest.setText(str(path))
        self._save()
        super().accept()

    # -- remembering ---------------------------------------------------------------------------
    def _save(self) -> None:
        settings = open_settings()
        settings.setValue("export/format", self.format().name)
        settings.setValue("export/scope", self.scope.checkedId())
        settings.setValue("export/only_annotated", json.dumps(self.only_annotated.isChecked()))
        settings.setValue("export/doccano_relations", json.dumps(self.relations.isChecked()))
        settings.setValue("export/unchecked_labels", json.dumps(self.labels.unchecked()))
        settings.setValue("export/unchecked_authors", json.dumps(self.authors.unchecked()))
        settings.setValue("export/destination", self.destination())
        settings.sync()

    def _restore(self) -> None:
        settings = open_settings()

        def load(key, default):
            try:
                return json.loads(settings.value(key) or "null") or default
            except (TypeError, ValueError):
                return default

        index = self.format_box.findData(settings.value("export/format") or "jsonl")
        self.format_box.setCurrentIndex(max(index, 0))
        scope = settings.value("export/scope")
        button = self.scope.button(int(scope)) if str(scope).isdigit() else None
        if button is not None and button.isEnabled():
            button.setChecked(True)
        self.only_annotated.setChecked(bool(load("export/only_annotated", False)))
        self.relations.setChecked(bool(load("export/doccano_relations", False)))
        self.labels.uncheck(load("export/unchecked_labels", []))
        self.authors.uncheck(load("export/unchecked_authors", []))
        last = settings.value("export/destination")
        fmt = self.format()
        if last:
            self.dest.setText(last)
            self._fit_destination_to_format()
        else:
            name = "annotator-brat" if fmt.folder else f"annotator-export{fmt.suffix}"
            self.dest.setText(str(Path.home() / name))


def ask_and_export(workspace, host, *, current_id=None, selected_ids=(), dark=False):
    """Show the dialog; on Export, start the export on a worker thread (its controller)."""
    from ..jobs.export_runner import start_export

    dialog = ExportDialog(
        workspace,
        current_id=current_id,
        selected_ids=selected_ids,
        dark=dark,
        parent=host.parent,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return start_export(workspace, host, dialog.destination(), dialog.export_kwargs())
