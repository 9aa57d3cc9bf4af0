"""``annotator db backup -o FILE`` on PostgreSQL: pg_dump's custom format when pg_dump is on
PATH and works, else a native JSONL export that a fresh SQLite workspace imports with the same
documents and spans; ``db upgrade`` on PostgreSQL says there was no file backup."""

from __future__ import annotations

import io
import os
import subprocess

import orjson
import pytest
from sqlalchemy import text

from annotator import open_workspace
from annotator.cli.main import main
from annotator.storage import migrate
from annotator.storage.engine import make_engine

from .probe import PROBE, WORKS, probe_scripts

TEXT = (
    "Shelling reported near Երևան\r\n\r\n"
    "The ministry said “12 civilians” died 🕊️; officials in Ağdam denied it.\r\n"
)


def _at(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def _fill(url: str) -> str:
    with open_workspace(url) as ws:
        doc = ws.add_document(TEXT, outlet="Wire", language="en", meta={"desk": "east"})
        ws.add_document("Second\n\nNothing annotated here.")
        ws.labels.add("rumour")
        ws.annotations.add(doc, 0, 8, "claim", note="lead", author="ana", attributes={"k": 1})
        ws.annotations.add(doc, *_at("“12 civilians”"), "rumour", author="ben")
        ws.annotations.add(doc, *_at("🕊️"), "statement")  # two code points, one character
    return doc


def _records(ws) -> list[dict]:
    """The native export, without what an import sets anew (``imported_at``)."""
    buf = io.BytesIO()
    ws.export(buf, format="jsonl")
    out = []
    for line in buf.getvalue().splitlines():
        record = orjson.loads(line)
        record["meta"].pop("imported_at", None)
        out.append(record)
    return sorted(out, key=lambda r: r["id"])


@pytest.fixture
def no_pg_dump(tmp_path, monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_postgresql_backup_without_pg_dump_is_a_jsonl_export_sqlite_imports(
    pg_url, tmp_path, capsys, no_pg_dump
):
    _fill(pg_url)
    dest = tmp_path / "team.backup.jsonl"
    assert main(["--db", pg_url, "db", "backup", "-o", str(dest)]) == 0
    err = capsys.readouterr().err
    assert "pg_dump is not on PATH" in err and "native JSONL export" in err
    assert "2 document(s), 3 span(s)" in err

    fresh = tmp_path / "restored.sqlite3"
    with open_workspace(pg_url) as team, open_workspace(fresh) as ws:
        report = ws.import_paths([dest])
        assert (report.documents, report.spans) == (2, 3)
        assert _records(ws) == _records(team)  # ids, texts, metadata, every span field
    assert main(["--db", pg_url, "db", "backup", "-o", str(dest)]) == 1
    assert "exists already" in capsys.readouterr().err


def test_postgresql_backup_with_pg_dump_writes_a_dump_that_restores(
    pg_server, pg_url, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("PATH", f"{pg_server.bin_path}{os.pathsep}{os.environ['PATH']}")
    _fill(pg_url)
    dest = tmp_path / "team.dump"
    assert main(["--db", pg_url, "db", "backup", "-o", str(dest)]) == 0
    assert "pg_dump custom format" in capsys.readouterr().err
    assert dest.read_bytes()[:5] == b"PGDMP"

    pg_server.psql("CREATE DATABASE restored_from_dump;")
    base, _, query = pg_url.partition("?")
    target = f"{base.rsplit('/', 1)[0]}/restored_from_dump?{query}"
    done = subprocess.run(
        [str(pg_server.bin_path / "pg_restore"), "--no-owner", f"--dbname={target}", str(dest)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    with open_workspace(pg_url) as team, open_workspace(target) as restored:
        assert restored.upgrade_result.before == migrate.SCHEMA_HEAD
        assert _records(restored) == _records(team)
        assert restored.labels.get("rumour") == team.labels.get("rumour")
    engine = make_engine(target)
    assert migrate.schema_drift(engine) == []
    engine.dispose()


def test_postgresql_backup_falls_back_to_jsonl_when_pg_dump_fails(
    pg_url, tmp_path, capsys, monkeypatch
):
    """E.g. a pg_dump older than the server ("server version mismatch")."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "pg_dump"
    fake.write_text(
        "#!/bin/sh\necho 'pg_dump: error: aborting because of server version "
        "mismatch' >&2\nexit 1\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    _fill(pg_url)
    dest = tmp_path / "team.backup"
    assert main(["--db", pg_url, "db", "backup", "-o", str(dest)]) == 0
    err = capsys.readouterr().err
    assert "pg_dump failed" in err and "version mismatch" in err and "JSONL export" in err
    lines = dest.read_bytes().splitlines()
    assert len(lines) == 2 and orjson.loads(lines[0])["schema"] == "annotator.v1"


def test_postgresql_backup_needs_an_output_file(pg_url, capsys):
    _fill(pg_url)
    assert main(["--db", pg_url, "db", "backup"]) == 1
    assert "needs an output file" in capsys.readouterr().err


def test_db_upgrade_on_postgresql_says_no_file_backup(pg_url, tmp_path, capsys, monkeypatch):
    engine = make_engine(pg_url)
    migrate.upgrade(engine)
    engine.dispose()
    scripts = probe_scripts(tmp_path, WORKS)
    monkeypatch.setattr(migrate, "bundled_path", lambda name: scripts)
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", PROBE)
    assert main(["--db", pg_url, "db", "upgrade"]) == 0
    err = capsys.readouterr().err
    assert f"to {PROBE}" in err and "no backup file" in err and "one transaction" in err
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == PROBE
    engine.dispose()


def test_postgresql_jsonl_backup_of_an_older_schema_asks_for_an_upgrade(
    pg_url, tmp_path, capsys, no_pg_dump
):
    """The export reads with this app's models: without pg_dump an older schema is upgraded
    first (a backup never upgrades by itself)."""
    engine = make_engine(pg_url)
    migrate.upgrade_to(engine, "0001")
    engine.dispose()
    dest = tmp_path / "b.jsonl"
    assert main(["--db", pg_url, "db", "backup", "-o", str(dest)]) == 1
    err = capsys.readouterr().err
    assert "pg_dump is not on PATH" in err and "annotator db upgrade" in err
    assert not dest.exists()
