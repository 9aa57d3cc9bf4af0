"""``annotator actors`` and ``annotator events``: list, add, merge."""

from __future__ import annotations

import orjson

from annotator import open_workspace
from annotator.cli.main import main


def test_actors_add_list_merge(tmp_path, capsys):
    path = str(tmp_path / "a.sqlite3")
    assert main(["--db", path, "actors", "add", "Ministry of Defense of Azerbaijan",
                 "--kind", "state body", "--side", "Azerbaijan"]) == 0  # fmt: skip
    assert main(["--db", path, "actors", "add", "Azerbaijani MoD", "--kind", "state body",
                 "--alias", "AZ MoD"]) == 0  # fmt: skip
    assert "added actor 'Azerbaijani MoD'" in capsys.readouterr().err
    with open_workspace(path) as ws:
        gone = ws.actors.get("AZ MoD")
        doc = ws.add_document("Shelling reported\n\nThe ministry said so.")
        span = ws.annotations.add(doc, 0, 8, "claim", attributes={"by": {"actor": gone.id}})
        span = span.added[0]

    assert (
        main(["--db", path, "actors", "merge", "ministry of defense of azerbaijan", "AZ MoD"]) == 0
    )
    assert "1 span(s) re-pointed" in capsys.readouterr().err
    assert main(["--db", path, "actors", "list", "--json"]) == 0
    (actor,) = orjson.loads(capsys.readouterr().out)
    assert actor["name"] == "Ministry of Defense of Azerbaijan"
    assert sorted(actor["aliases"]) == ["AZ MoD", "Azerbaijani MoD"]
    assert actor["references"] == 1
    with open_workspace(path) as ws:
        assert ws.annotations.get(span.id).attributes == {"by": {"actor": actor["id"]}}
    assert main(["--db", path, "actors", "add", "x", "--kind", "ghost"]) == 1
    assert "unknown actor kind" in capsys.readouterr().err
    assert main(["--db", path, "actors", "list"]) == 0
    assert "(also: AZ MoD, Azerbaijani MoD)" in capsys.readouterr().out


def test_events_add_list_merge(tmp_path, capsys):
    path = str(tmp_path / "e.sqlite3")
    assert main(["--db", path, "events", "add", "Shelling of Ganja", "--date", "2020-10-11",
                 "--place", "Ganja"]) == 0  # fmt: skip
    assert main(["--db", path, "events", "add", "Ganja shelling", "--note", "night"]) == 0
    assert main(["--db", path, "events", "add", "Bad", "--date", "11/10/2020"]) == 1
    capsys.readouterr()
    assert main(["--db", path, "events", "merge", "Shelling of Ganja", "ganja shelling"]) == 0
    assert "merge event 'Ganja shelling' into 'Shelling of Ganja'" in capsys.readouterr().err
    assert main(["--db", path, "events", "list", "--json"]) == 0
    (event,) = orjson.loads(capsys.readouterr().out)
    assert (event["date"], event["place"], event["note"]) == ("2020-10-11", "Ganja", "night")
    assert main(["--db", path, "events", "list"]) == 0
    assert "2020-10-11  Shelling of Ganja  [Ganja]  0 span(s)" in capsys.readouterr().out
