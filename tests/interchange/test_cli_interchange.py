"""``annotator export --format F`` and ``annotator import`` of every interchange format, as a
user meets them: exit codes, messages naming file and line, files and folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import orjson
import pytest

from annotator.cli.main import main
from annotator.exporting.formats import FORMATS

TEXT = "Shelling near Երևան 🕊️ overnight\r\n\r\nThe ministry denied it.\r\n"


def run(*args: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator", "--db", db, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture
def db(tmp_path) -> str:
    from annotator import open_workspace

    path = str(tmp_path / "a.sqlite3")
    with open_workspace(path) as ws:
        doc = ws.add_document(TEXT, outlet="Wire")
        start = TEXT.index("Երևան")
        ws.annotations.add(doc, start, start + 5, "claim", author="ana", note="a note")
        ws.annotations.add(doc, start, TEXT.index("The") + 3, "statement")
    return path


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_every_format(db, tmp_path, capsys, fmt):
    out = tmp_path / f"out-{fmt}{FORMATS[fmt].suffix}"
    assert main(["--db", db, "export", "--format", fmt, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"exported 1 document(s), 2 span(s) to {out} ({fmt})" in err
    assert out.is_dir() if fmt == "brat" else out.is_file()
    assert not list(tmp_path.glob(".*.part"))


def test_export_to_stdout_and_help(db, capsys):
    done = run("export", "--format", "labelstudio", "-o", "-", db=db)
    assert done.returncode == 0
    (task,) = json.loads(done.stdout)
    assert task["data"]["text"] == TEXT
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    for fmt in FORMATS:
        assert fmt in out
    assert "code points" in out


def test_user_errors_exit_1(db, tmp_path):
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine")
    cases = [
        (("export", "--format", "brat", "-o", "-"), "writes a folder"),
        (("export", "--format", "brat", "-o", str(full)), "not empty"),
        (("export", "--format", "w3c", "-o", str(tmp_path / "no" / "x.jsonld")), "x.jsonld"),
    ]
    bad = tmp_path / "ls.json"
    start = TEXT.index("Երևան")
    value = {"start": start, "end": start + 5, "text": "Yerevan", "labels": ["claim"]}
    tasks = [
        {"data": {"text": TEXT}, "annotations": [{"result": [{"type": "labels", "value": value}]}]}
    ]
    bad.write_bytes(b"[\n" + b",\n".join(orjson.dumps(t) for t in tasks) + b"\n]\n")
    cases.append((("import", str(bad)), f"{bad}:2: annotations[0].result[0]: value.text"))
    for args, needle in cases:
        done = run(*args, db=db)
        assert done.returncode == 1, (args, done.stderr)
        assert needle in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert (full / "keep.txt").read_text() == "mine"


def test_import_detects_each_format(db, tmp_path, capsys):
    for fmt in ("jsonl", "doccano", "prodigy", "labelstudio"):
        out = tmp_path / f"x-{fmt}{FORMATS[fmt].suffix}"
        assert main(["--db", db, "export", "--format", fmt, "-o", str(out)]) == 0
        fresh = str(tmp_path / f"{fmt}.sqlite3")
        assert main(["--db", fresh, "import", str(out)]) == 0
        err = capsys.readouterr().err
        assert "imported 1 document(s), 2 span(s)" in err, (fmt, err)
