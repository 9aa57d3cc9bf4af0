"""File ▸ Restore from backup… in the running app: the dialog is answered as a person would, the
window closes, the backup is restored with no connection open, and a new window opens on it;
a damaged database at start is refused with its file untouched."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import open_workspace
from annotator.gui.dialogs.restore_backup import RestoreBackupDialog
from annotator.gui.shell.app import run
from annotator.gui.shell.main_window import MainWindow
from annotator.storage import backups

ROOT = Path(__file__).resolve().parents[3]
TEXT = "Convoy stopped at Kessa\n\nWitnesses said “two trucks” turned back before noon.\n"


def _database(tmp_path: Path) -> tuple[Path, backups.Backup]:
    db = tmp_path / "study.sqlite3"
    with open_workspace(db) as ws:
        doc = ws.add_document(TEXT, outlet="Wire")
        ws.annotations.add(doc, 0, 6, "claim")
    made = backups.take_backup(db, backups.DAILY)
    with open_workspace(db) as ws:  # an edit after the backup: the restore takes it away
        ws.annotations.add(doc, 7, 14, "statement")
    return db, made


def _spans(db: Path) -> int:
    with open_workspace(db) as ws:
        return sum(len(ws.annotations.list(d.id)) for d in ws.documents.list())


def _main_windows() -> list[MainWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_restore_from_backup_reopens_the_app_on_the_backup(qtbot, tmp_path, monkeypatch):
    db, made = _database(tmp_path)
    monkeypatch.setenv("ANNOTATOR_QUIT_AFTER_MS", "1500")  # the second window closes by itself
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    seen: list[MainWindow] = []
    said: list[str] = []

    def step() -> None:
        modal = QApplication.activeModalWidget()
        if len(seen) < 2:  # before acting: a click may open a modal box of its own
            QTimer.singleShot(30, step)
        if isinstance(modal, RestoreBackupDialog):
            assert modal.selected_path() == made.path
            modal.restore_button.click()  # then the confirmation
        elif isinstance(modal, QMessageBox):
            modal.button(QMessageBox.StandardButton.Yes).click()
        else:
            for window in _main_windows():
                if window not in seen:
                    seen.append(window)
                    if len(seen) == 1:
                        QTimer.singleShot(0, window.actions_by_name["restore_backup"].trigger)
                    else:
                        said.append(window.status.currentMessage())

    QTimer.singleShot(30, step)
    assert run(db=str(db)) == 0
    assert len(seen) == 2 and seen[0].restore_requested == made.path
    assert said and said[0].startswith(f"Restored the backup {made.path.name}")
    assert _spans(db) == 1  # the edit made after the backup is gone from the database …
    aside = [b for b in backups.list_backups(db) if b.kind == backups.BEFORE_RESTORE]
    assert len(aside) == 1 and aside[0].path.name in said[0]
    assert backups.inspect_backup(aside[0].path).spans == 2  # … and kept in the copy set aside


def test_a_damaged_database_at_start_is_refused_and_left_untouched(tmp_path):
    db, made = _database(tmp_path)
    with db.open("rb+") as f:
        f.write(b"garbage header!!")
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ANNOTATOR_GUI_QUIT_WHEN_SHOWN="1",
        PYTHONPATH=str(ROOT),
    )
    code = "import sys; from annotator.gui.shell.app import run; sys.exit(run(db=sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "is not an SQLite database" in done.stderr and str(made.path) in done.stderr
    assert "annotator-gui-shown" not in done.stdout
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
