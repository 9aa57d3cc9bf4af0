"""The damaged-database dialog and File ▸ Restore from backup…, driven as a person would:
the buttons clicked, the confirmation answered; the daily backup job on its worker thread."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import open_workspace
from annotator.errors import DamagedDatabaseError
from annotator.gui.dialogs.damaged_database import DamagedDatabaseDialog
from annotator.gui.dialogs.restore_backup import RestoreBackupDialog
from annotator.gui.jobs.daily_backup import DailyBackup
from annotator.services.backups import BackupService
from annotator.storage import backups

SHOTS = Path(os.environ.get("ANNOTATOR_SHOTS", "/tmp/work"))
TEXT = "Night raid near Selvin\n\nOfficials said “4 houses” burned; the army denied it.\n"


def _database(tmp_path: Path) -> Path:
    path = tmp_path / "study.sqlite3"
    with open_workspace(path) as ws:
        doc = ws.add_document(TEXT, outlet="Wire")
        ws.annotations.add(doc, 0, 10, "claim")
        ws.annotations.add(doc, 24, 32, "casualty_report")
    return path


def _spoil(path: Path) -> None:
    with path.open("rb+") as f:
        f.truncate(path.stat().st_size // 2)


def _damaged_error(db: Path) -> DamagedDatabaseError:
    with pytest.raises(DamagedDatabaseError) as caught:
        open_workspace(db)
    return caught.value


def _when_modal(qtbot, act) -> None:
    """Run ``act(box)`` on the next modal dialog once it is up (exec() blocks the test)."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, poll)
        else:
            act(box)

    QTimer.singleShot(20, poll)


def _save(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def test_damaged_dialog_offers_the_latest_good_backup(qtbot, tmp_path):
    db = _database(tmp_path)
    good = backups.take_backup(db, backups.DAILY)
    _spoil(db)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    dialog = DamagedDatabaseDialog(_damaged_error(db))
    qtbot.addWidget(dialog)
    text = dialog.informativeText()
    assert "is truncated" in text and "has not changed the file" in text
    assert "1 document and 2 spans" in text and "daily" in text
    assert dialog.defaultButton() is dialog.restore_latest

    def look_then_restore(box) -> None:
        _save(box, "damaged_database.png")
        box.restore_latest.click()

    _when_modal(qtbot, look_then_restore)
    assert dialog.choose_backup() == good.path
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest  # choosing changes nothing


def test_damaged_dialog_without_backups_can_only_choose_a_file_or_quit(qtbot, tmp_path):
    db = _database(tmp_path)
    _spoil(db)
    dialog = DamagedDatabaseDialog(_damaged_error(db))
    qtbot.addWidget(dialog)
    assert dialog.restore_latest is None and "No good backup" in dialog.informativeText()
    _when_modal(qtbot, lambda box: box.quit.click())
    assert dialog.choose_backup() is None


def test_restore_dialog_lists_backups_and_confirms_before_choosing(qtbot, tmp_path):
    db = _database(tmp_path)
    older = backups.take_backup(db, backups.DAILY)
    bad = backups.take_backup(db, backups.MANUAL)
    bad.path.write_bytes(b"not sqlite" * 20)
    dialog = RestoreBackupDialog(BackupService(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 2
    assert dialog.selected_path() == older.path  # the damaged newest one is not selectable
    assert "not an SQLite database" in dialog.table.item(0, 0).toolTip()
    _save(dialog, "restore_backup.png")

    def answer(box) -> None:
        assert "saved in the backup folder first" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    _when_modal(qtbot, answer)
    dialog.restore_button.click()
    assert dialog.chosen == older.path and dialog.result() == dialog.DialogCode.Accepted


def test_restore_dialog_cancelled_confirmation_chooses_nothing(qtbot, tmp_path):
    db = _database(tmp_path)
    backups.take_backup(db, backups.DAILY)
    dialog = RestoreBackupDialog(BackupService(db))
    qtbot.addWidget(dialog)
    dialog.show()
    _when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    dialog.restore_button.click()
    assert dialog.chosen is None and dialog.isVisible()


def test_daily_backup_job_makes_todays_backup_once(qtbot, tmp_path):
    db = _database(tmp_path)
    job = DailyBackup(BackupService(db))
    with qtbot.waitSignal(job.made, timeout=10_000) as made:
        job.start(first_delay_ms=0)
    assert made.args[0].kind == backups.DAILY and made.args[0].path.exists()
    job.run_now()  # the same day: nothing more
    job.stop()
    assert len(backups.list_backups(db)) == 1


def test_daily_backup_job_reports_a_damaged_database_once_a_day(qtbot, tmp_path):
    db = _database(tmp_path)
    with db.open("rb+") as f:  # the header stays; a page in the middle does not
        f.seek(4096 * 3)
        f.write(b"\xff" * 4096)
    job = DailyBackup(BackupService(db))
    with qtbot.waitSignal(job.failed, timeout=10_000) as failed:
        job.run_now()
    job.stop()
    assert str(db) in failed.args[0]
    assert backups.list_backups(db) == []
    with qtbot.assertNotEmitted(job.failed, wait=300):
        job.run_now()
        job.stop()
