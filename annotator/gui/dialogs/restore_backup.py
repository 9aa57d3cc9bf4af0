"""File ▸ Restore from backup…: the database's backups, newest first; Restore picks one.

The dialog only chooses. The window then closes its workspace, and ``gui/shell/app.py`` sets the
current database aside and puts the backup in its place with no connection open
(``services.backups.BackupService.restore``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.backups import DAMAGED, BackupService
from ...wording import counted

COLUMNS = ("Taken", "Kind", "Documents", "Spans", "Size", "Schema", "Note")
PATH_ROLE = Qt.ItemDataRole.UserRole


class RestoreBackupDialog(QDialog):
    def __init__(self, backups: BackupService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        self.database = backups.database
        self.folder = backups.folder
        self.chosen: Path | None = None
        self.setWindowTitle("Restore from backup")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Backups of <b>{self.database.name}</b>: one a day while you work (7 daily and 4 "
            "weekly are kept), and one before each upgrade or restore. Restoring one first "
            "saves the database as it is now beside them, so a restore can itself be undone."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = QPushButton("Other &file…", self)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton("Show &folder", self)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button.clicked.connect(self._restore_other)
        self.folder_button.clicked.connect(self._show_folder)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._restore_selected)
        self._fill()

    def _fill(self) -> None:
        found = self.backups.list()
        self.table.setRowCount(len(found))
        for row, backup in enumerate(found):
            info = self.backups.inspect(backup.path, check=False)
            cells = (
                f"{backup.taken:%Y-%m-%d %H:%M}",
                self.backups.kind_name(backup.kind),
                "" if info.documents is None else f"{info.documents:,}",
                "" if info.spans is None else f"{info.spans:,}",
                f"{backup.size / 1e6:,.1f} MB",
                info.revision or "",
                "" if info.good else f"cannot be restored: it {info.problem}",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(backup.path))
                item.setToolTip(str(backup.path) if info.good else f"It {info.problem}")
                if column in (2, 3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if not info.good or backup.kind == DAMAGED:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)
        selectable = Qt.ItemFlag.ItemIsSelectable
        restorable = [r for r in range(len(found)) if self.table.item(r, 0).flags() & selectable]
        if restorable:
            self.table.selectRow(restorable[0])
        else:
            self.message.setText(
                "No backup of this database yet. Annotator makes one a day while you work; "
                f"they are kept in {self.folder}."
            )
        self._selection_changed()

    def selected_path(self) -> Path | None:
        items = self.table.selectedItems()
        return Path(items[0].data(PATH_ROLE)) if items else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_path() is not None)

    def _restore_selected(self) -> None:
        path = self.selected_path()
        if path is not None:
            self._confirm(path)

    def _restore_other(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Restore a backup file",
            str(self.folder),
            "SQLite databases (*.sqlite3 *.db);;All files (*)",
        )
        if name:
            self._confirm(Path(name))

    def _show_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def _confirm(self, path: Path) -> None:
        info = self.backups.inspect(path)
        if not info.good:
            self.message.setText(f"<b>{path.name}</b> cannot be restored: it {info.problem}.")
            return
        answer = QMessageBox.question(
            self,
            "Restore from backup",
            f"Replace the database by this backup ({counted(info.documents, 'document')}, "
            f"{counted(info.spans, 'span')})?\n\nThe database as it is now is saved in the backup "
            "folder first. The window reopens on the restored database, and the undo "
            "history is cleared.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = path
            self.accept()
