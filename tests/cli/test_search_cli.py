"""``annotator search``: one hit a line, filters, --json, --limit, clear errors."""

from __future__ import annotations

import orjson
import pytest

from annotator import open_workspace
from annotator.cli.main import main
from tests.services.search_corpus import SHELLING, TALKS, build


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "s.sqlite3")
    with open_workspace(path) as ws:
        corpus = build(ws)
    return path, corpus


def test_one_hit_a_line_with_code_point_offsets(db, capsys):
    path, c = db
    assert main(["--db", path, "search", "vardane", "--outlet", "Wire One"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    for line in lines:
        doc_id, title, start, end, shown = line.split("\t")
        assert (doc_id, title) == (c.shelling, "Night shelling of Vardanë")
        assert SHELLING[int(start) : int(end)] == "Vardanë"
        assert "[Vardanë]" in shown


def test_json_filters_and_limit(db, capsys):
    path, c = db
    argv = ["--db", path, "search", "shell* vardane", "--field", "verification=disputed"]
    assert main([*argv, "--json", "--limit", "1"]) == 0
    out = capsys.readouterr()
    (hit,) = [orjson.loads(line) for line in out.out.splitlines()]
    assert hit["document_id"] == c.talks and hit["label"] == "claim"
    assert TALKS[hit["start"] : hit["end"]] == "Shells"
    assert "more than 1 hits" in out.err
    assert main(["--db", path, "search", "harvest", "--from", "2020-01-01"]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--label", "rumour"], "unknown label 'rumour'"),
        (["--field", "who"], "--field 'who': give NAME=VALUE"),
        (["--from", "04/10/2020"], "--from '04/10/2020': not a date"),
        (["--actor", "Nobody"], "no actor named 'Nobody'"),
    ],
)
def test_user_errors_name_the_option(db, capsys, extra, message):
    path, _c = db
    assert main(["--db", path, "search", "vardane", *extra]) == 1
    assert message in capsys.readouterr().err


def test_a_malformed_query_is_refused(db, capsys):
    path, _c = db
    assert main(["--db", path, "search", '"unclosed']) == 1
    assert "a quote is not closed" in capsys.readouterr().err
