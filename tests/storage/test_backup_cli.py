"""``annotator db backups`` and ``annotator db restore``; a damaged database's CLI message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from annotator import open_workspace
from annotator.cli.main import main
from annotator.storage import backups

from .test_backups_rotation import _database, _spans
from .test_damaged_and_restore import _garbage_header


def test_db_backup_goes_to_the_backup_folder_and_db_backups_lists_it(tmp_path, capsys):
    db = _database(tmp_path)
    assert main(["--db", str(db), "db", "backups"]) == 0
    assert "no backups of" in capsys.readouterr().err
    assert main(["--db", str(db), "db", "backup"]) == 0
    made = backups.list_backups(db)
    assert len(made) == 1 and str(made[0].path) in capsys.readouterr().err
    assert main(["--db", str(db), "db", "backups", "--check"]) == 0
    out = capsys.readouterr().out
    assert "manual" in out and "1 docs" in out and "1 spans" in out and "good" in out
    assert str(made[0].path) in out


def test_db_backups_check_flags_a_damaged_backup(tmp_path, capsys):
    db = _database(tmp_path)
    bad = backups.take_backup(db)
    _garbage_header(bad.path)
    assert main(["--db", str(db), "db", "backups", "--check"]) == 1
    assert "DAMAGED: it is not an SQLite database" in capsys.readouterr().out


def test_db_restore_latest_after_a_damaged_open(tmp_path, capsys):
    db = _database(tmp_path)
    backups.take_backup(db, backups.DAILY)
    _garbage_header(db)
    assert main(["--db", str(db), "stats"]) == 1
    err = capsys.readouterr().err
    assert "is not an SQLite database" in err and "db restore" in err
    assert main(["--db", str(db), "db", "restore", "latest"]) == 0
    err = capsys.readouterr().err
    assert "saved the database as it was to" in err and ".damaged." in err
    assert "1 document(s), 1 span(s)" in err
    assert _spans(db) == 1
    assert main(["--db", str(db), "stats"]) == 0


def test_db_restore_a_file_replaces_the_database(tmp_path, capsys):
    db = _database(tmp_path)
    copy = backups.take_backup(db)
    with open_workspace(db) as ws:
        ws.annotations.add(ws.documents.list()[0].id, 10, 14, "statement")
    assert main(["--db", str(db), "db", "restore", str(copy.path)]) == 0
    assert _spans(db) == 1
    aside = [b for b in backups.list_backups(db) if b.kind == backups.BEFORE_RESTORE]
    assert len(aside) == 1 and _spans(aside[0].path) == 2


def test_db_restore_refuses_while_the_app_has_the_database_open(tmp_path, capsys):
    db = _database(tmp_path)
    copy = backups.take_backup(db)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from annotator.storage.engine import resolve_url\n"
            "from annotator.storage.instance_lock import InstanceLock\n"
            "InstanceLock(resolve_url(sys.argv[1])).acquire()\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert main(["--db", str(db), "db", "restore", str(copy.path)]) == 1
        err = capsys.readouterr().err
        assert "is open in Annotator" in err and "Nothing changed" in err
    finally:
        holder.kill()
        holder.wait()
    assert [b.kind for b in backups.list_backups(db)] == [backups.MANUAL]


def test_db_restore_latest_without_backups_is_a_clear_error(tmp_path, capsys):
    db = _database(tmp_path)
    assert main(["--db", str(db), "db", "restore", "latest"]) == 1
    assert "no good backup of" in capsys.readouterr().err


@pytest.mark.postgres
def test_postgresql_has_no_backup_files_and_says_what_applies(pg_url, capsys):
    with open_workspace(pg_url):
        pass
    assert main(["--db", pg_url, "db", "backups"]) == 0
    assert "server's own backups apply" in capsys.readouterr().err
    assert main(["--db", pg_url, "db", "restore", "latest"]) == 1
    assert "pg_restore" in capsys.readouterr().err
