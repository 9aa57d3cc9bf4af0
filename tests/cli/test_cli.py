"""The ``annotator`` command as a user meets it: exit codes, messages, files, pipes."""

from __future__ import annotations

import os
import subprocess
import sys

import orjson
import pytest

from annotator.cli.main import main


def run(*args: str, db: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The real command in a subprocess (stdout/stderr are pipes, as in a script)."""
    return subprocess.run(
        [sys.executable, "-m", "annotator", "--db", db, *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_help_documents_every_command(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for word in ("gui", "import", "export", "db", "stats", "--db", "ANNOTATOR_DB"):
        assert word in out
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    for word in ("--output", "--format", "--label", "--author", "--document"):
        assert word in out


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("annotator 0.")


def test_import_export_stats_round(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite3")
    (tmp_path / "one.txt").write_text("First headline\n\nBody one.\n", encoding="utf-8")
    (tmp_path / "two.md").write_text("# Second\n\nBody two.\n", encoding="utf-8")
    assert main(["--db", db, "import", str(tmp_path / "one.txt"), str(tmp_path / "two.md")]) == 0
    assert "imported 2 document(s)" in capsys.readouterr().err
    assert main(["--db", db, "import", str(tmp_path / "one.txt")]) == 0
    err = capsys.readouterr().err
    assert "notice: skipped duplicate" in err and "imported 0 document(s)" in err
    out = tmp_path / "out.jsonl"
    assert main(["--db", db, "export", "-o", str(out)]) == 0
    lines = out.read_bytes().splitlines()
    assert [orjson.loads(x)["title"] for x in lines] == ["First headline", "Second"]
    assert not list(tmp_path.glob(".out.jsonl.part"))
    assert main(["--db", db, "stats", "--json"]) == 0
    stats = orjson.loads(capsys.readouterr().out)
    assert stats["documents"] == 2 and stats["spans_per_label"]["claim"] == 0


def test_export_to_stdout_is_pipeable(tmp_path):
    db = str(tmp_path / "a.sqlite3")
    (tmp_path / "a.txt").write_text("Headline\n\nBody.\n")
    assert run("import", str(tmp_path / "a.txt"), db=db).returncode == 0
    done = run("export", "-o", "-", db=db)
    assert done.returncode == 0
    (line,) = done.stdout.splitlines()
    assert orjson.loads(line)["schema"] == "annotator.v1"
    assert "\r" not in done.stderr and "\x1b" not in done.stderr  # no progress when piped


def test_malformed_json_names_file_and_line_and_changes_nothing(tmp_path):
    db = str(tmp_path / "a.sqlite3")
    (tmp_path / "ok.txt").write_text("Kept headline\n\nBody.\n")
    assert run("import", str(tmp_path / "ok.txt"), db=db).returncode == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"text": "fine one", "label": [[0, 4, "claim"]]}\n'
        '{"text": "fine two"}\n'
        '{"text": "broken", "label": [[0, 4, "claim"]\n',
        encoding="utf-8",
    )
    done = run("import", str(bad), db=db)
    assert done.returncode == 1
    assert f"{bad}:3:" in done.stderr
    assert "Traceback" not in done.stderr
    stats = run("stats", "--json", db=db)
    assert orjson.loads(stats.stdout)["documents"] == 1


def test_user_errors_exit_1_without_traceback(tmp_path):
    db = str(tmp_path / "a.sqlite3")
    cases = [
        (("import", str(tmp_path / "missing.txt")), "missing.txt"),
        (("export", "-o", str(tmp_path / "no" / "dir" / "x.jsonl")), "x.jsonl"),
        (("export", "-o", "-", "--label", "rumour"), "unknown label"),
        (("import",), "PATH"),
    ]
    (tmp_path / "pic.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    cases.append((("import", str(tmp_path / "pic.txt")), "pic.txt: binary file"))
    for args, needle in cases:
        done = run(*args, db=db)
        assert done.returncode == 1, (args, done.stderr)
        assert needle in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr


def test_db_commands(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite3")
    assert main(["--db", db, "db", "upgrade"]) == 0
    assert "created" in capsys.readouterr().err
    assert main(["--db", db, "db", "current"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["--db", db, "db", "check"]) == 0
    backup = tmp_path / "copy.sqlite3"
    assert main(["--db", db, "db", "backup", "-o", str(backup)]) == 0
    assert backup.exists()
    assert main(["--db", db, "db", "backup", "-o", str(backup)]) == 1
    assert "exists already" in capsys.readouterr().err


def test_db_check_finds_a_corrupted_quote(tmp_path, capsys):
    import sqlite3

    from annotator import open_workspace

    db = str(tmp_path / "a.sqlite3")
    with open_workspace(db) as ws:
        doc = ws.add_document("Headline\n\nBody text.")
        ws.annotations.add(doc, 0, 8, "claim")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE annotation SET quote = 'tampered'")
    assert main(["--db", db, "db", "check"]) == 1
    assert "quote differs" in capsys.readouterr().out


def test_env_var_selects_the_database(tmp_path, monkeypatch, capsys):
    db = tmp_path / "env.sqlite3"
    monkeypatch.setenv("ANNOTATOR_DB", str(db))
    assert main(["db", "current"]) == 0
    assert str(db) in capsys.readouterr().out


def test_samples_flag(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite3")
    assert main(["--db", db, "import", "--samples"]) == 0
    assert "imported 8 document(s)" in capsys.readouterr().err
