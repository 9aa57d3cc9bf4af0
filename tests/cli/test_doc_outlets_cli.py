"""``annotator doc`` and ``annotator outlets``: metadata edits, deletion, the outlet list."""

from __future__ import annotations

import io

import orjson
import pytest

from annotator import open_workspace
from annotator.cli.main import main


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "a.sqlite3")
    with open_workspace(path) as ws:
        first = ws.add_document("Shelling near the border\n\nThe ministry said 12 died.")
        ws.annotations.add(first, 0, 8, "claim")
        ws.annotations.add(first, 10, 14, "opinion")
        second = ws.add_document("Ceasefire holds\n\nQuiet night.", outlet="Wire")
    return path, first, second


def test_doc_set_edits_only_what_is_given(db, capsys):
    path, first, _ = db
    rc = main([
        "--db", path, "doc", "set", first, "--title", "Shelling at the border",
        "--outlet", "south front", "--author", "A. Reporter", "--published", "2020-10-04",
        "--url", "https://sf.example/a", "--language", "EN", "--meta", "desk=east",
        "--meta", "page=3", "--collection", "2020 war",
    ])  # fmt: skip
    assert rc == 0
    err = capsys.readouterr().err
    assert "title: Shelling near the border -> Shelling at the border" in err
    assert "language: (none) -> en" in err
    assert "notice: new outlet added to the list: south front" in err
    assert "notice: new collection: 2020 war" in err
    assert (
        main(["--db", path, "doc", "set", first, "--meta", "page=", "--outlet", "SouthFront"]) == 0
    )
    capsys.readouterr()
    assert main(["--db", path, "doc", "show", first, "--json"]) == 0
    shown = orjson.loads(capsys.readouterr().out)
    assert shown == {
        "id": first,
        "title": "Shelling at the border",
        "outlet": "south front",  # "SouthFront" is the same outlet
        "author": "A. Reporter",
        "published": "2020-10-04",
        "url": "https://sf.example/a",
        "language": "en",
        "collections": ["2020 war"],
        "meta": {"desk": "east"},
    }
    assert main(["--db", path, "doc", "set", first, "--author", ""]) == 0
    assert "author: A. Reporter -> (none)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "4 Oct 2020"], "is not in the form YYYY-MM-DD"),
        (["--url", "sf.example/a"], "must start with http:// or https://"),
        (["--language", "Armenian"], "is not a language tag"),
        (["--meta", "desk"], "give KEY=VALUE"),
        (["--meta", "url=x"], "meta key 'url' is a document field of its own"),
        ([], "nothing to change"),
    ],
)
def test_doc_set_refuses_bad_values(db, capsys, args, message):
    path, first, _ = db
    assert main(["--db", path, "doc", "set", first, *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("annotator: error: ") and message in err


def test_doc_set_unknown_id(db, capsys):
    path, _, _ = db
    assert main(["--db", path, "doc", "set", "nope", "--title", "x"]) == 1
    assert "no document with id 'nope'" in capsys.readouterr().err


def test_doc_delete_asks_or_needs_yes(db, capsys, monkeypatch):
    path, first, second = db
    assert main(["--db", path, "doc", "delete", first]) == 1  # stdin is no terminal here
    err = capsys.readouterr().err
    assert "refusing to delete document 'Shelling near the border' (2 span(s)) without --yes" in err

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(["--db", path, "doc", "delete", first]) == 1
    err = capsys.readouterr().err
    assert "and its 2 span(s)? This cannot be undone. [y/N]" in err and "nothing deleted" in err
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(["--db", path, "doc", "delete", first]) == 0
    assert (
        "deleted document 'Shelling near the border' and its 2 span(s)" in capsys.readouterr().err
    )
    assert main(["--db", path, "doc", "delete", second, "--yes"]) == 0
    with open_workspace(path) as ws:
        assert ws.documents.count() == 0 and ws.annotations.list() == []


def test_doc_list(db, capsys):
    path, first, second = db
    assert main(["--db", path, "doc", "list", "--json"]) == 0
    lines = [orjson.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(x["id"], x["outlet"], x["spans"]) for x in lines] == [
        (first, None, 2),
        (second, "Wire", 0),
    ]


def test_outlets_list_add_rename_merge(db, capsys):
    path, first, _ = db
    assert main(["--db", path, "outlets", "add", "South Front", "--country", "Russia"]) == 0
    assert main(["--db", path, "outlets", "add", "southfront"]) == 1
    assert "exists already as 'South Front'" in capsys.readouterr().err
    assert main(["--db", path, "doc", "set", first, "--outlet", "SouthFront.org"]) == 0
    assert main(["--db", path, "outlets", "merge", "southfront.org", "--into", "South Front"]) == 0
    err = capsys.readouterr().err
    assert "merge 'SouthFront.org' into 'South Front': 1 document(s) now refer to it" in err
    assert main(["--db", path, "outlets", "rename", "Wire", "Wire Service"]) == 0
    assert main(["--db", path, "outlets", "add", "APA", "--alignment", "pro-Russian"]) == 1
    assert "unknown alignment 'pro-Russian'" in capsys.readouterr().err
    assert main(["--db", path, "outlets", "list", "--json"]) == 0
    data = orjson.loads(capsys.readouterr().out)
    assert [(o["name"], o["documents"], o["country"]) for o in data["outlets"]] == [
        ("South Front", 1, "Russia"),
        ("Wire Service", 1, None),
    ]
    assert "state" in data["alignments"]
    ids = {o["name"]: o["id"] for o in data["outlets"]}
    assert main(["--db", path, "outlets", "rename", str(ids["Wire Service"]), "Wire"]) == 0
    assert main(["--db", path, "outlets", "list"]) == 0
    out = capsys.readouterr().out
    assert "South Front" in out and "Russia" in out and "Wire " in out


def test_doc_show_as_text(db, capsys):
    path, first, _ = db
    main(["--db", path, "doc", "set", first, "--meta", "desk=east", "--collection", "2020 war"])
    capsys.readouterr()
    assert main(["--db", path, "doc", "show", first]) == 0
    out = capsys.readouterr().out
    assert "title:       Shelling near the border" in out
    assert "collections: 2020 war" in out and "meta:\n  desk: east" in out
