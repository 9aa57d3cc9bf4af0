"""``annotator import --strip-boilerplate`` (with and without ``--split``): the choices the
import preview makes, without asking."""

from __future__ import annotations

import orjson
import pytest

from annotator import open_workspace
from annotator.cli.main import main

BODY = "A paragraph of reporting that is long enough to be an article body here."
PAGE = (
    "Archive | Region\n\n"
    "Truce agreed after weeks of fighting\n\n"
    "Both armies stop where they stand.By South Front -November 10, 20203780\n\n"
    f"{BODY}\n\nShare it:\n\n{BODY} Again.\n\n"
    "Posted in Region, NewsComments Off on Truce agreed after weeks of fighting\n\n"
    "Court turns down the petition\n\nBy: Ann Lee\n\n"
    f"{BODY}\n\nLeave a Reply\n\nThe judges closed the case without hearing witnesses.\n"
)


def _stored(db: str) -> list[dict]:
    with open_workspace(db) as ws:
        return sorted(
            (
                {"title": d.title, "author": d.author, "text": ws.documents.get(d.id).text}
                for d in ws.documents.list()
            ),
            key=lambda d: d["title"],
        )


def test_strip_boilerplate_flag(tmp_path, capsys) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    db = str(tmp_path / "a.sqlite3")
    assert main(["--db", db, "import", "--strip-boilerplate", str(page)]) == 0
    assert "imported 1 document(s)" in capsys.readouterr().err
    (doc,) = _stored(db)
    assert doc["title"] == "Archive | Region"
    for gone in ("Share it:", "Leave a Reply", "Posted in", "20203780"):
        assert gone not in doc["text"]
    assert "Both armies stop where they stand." in doc["text"]


def test_strip_boilerplate_with_split(tmp_path, capsys) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    db = str(tmp_path / "a.sqlite3")
    assert main(["--db", db, "import", "--split", "--strip-boilerplate", str(page)]) == 0
    first, second = _stored(db)  # sorted by title: Court..., Truce...
    assert second["title"] == "Truce agreed after weeks of fighting"
    assert second["author"] == "South Front" and first["author"] == "Ann Lee"
    assert second["text"].endswith(f"{BODY} Again.") and "Share it:" not in second["text"]
    assert "Leave a Reply" not in first["text"]


def test_without_the_flag_the_text_is_kept(tmp_path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    db = str(tmp_path / "a.sqlite3")
    assert main(["--db", db, "import", str(page)]) == 0
    (doc,) = _stored(db)
    assert doc["text"] == PAGE.strip()


def test_help_names_the_flag(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    assert "--strip-boilerplate" in capsys.readouterr().out


def test_jsonl_is_not_stripped(tmp_path) -> None:
    line = {"text": "Share it:\n\nReport.", "label": [[11, 17, "EVENT"]]}
    path = tmp_path / "a.jsonl"
    path.write_bytes(orjson.dumps(line) + b"\n")
    db = str(tmp_path / "a.sqlite3")
    assert main(["--db", db, "import", "--strip-boilerplate", str(path)]) == 0
    (doc,) = _stored(db)
    assert doc["text"] == line["text"]
