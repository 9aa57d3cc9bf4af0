"""``annotator stats --by`` and ``annotator events [--event]``: text, JSON and CSV (read back
with the csv module), on the sample corpus."""

from __future__ import annotations

import csv
import io

import orjson
import pytest

from annotator.cli.main import main


@pytest.fixture
def db(tmp_path, capsys):
    path = str(tmp_path / "a.sqlite3")
    assert main(["--db", path, "import", "--samples"]) == 0
    capsys.readouterr()
    return path


def _out(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_stats_by_outlet_label_json_and_csv_agree(db, capsys):
    data = orjson.loads(_out(capsys, "--db", db, "stats", "--by", "outlet,label", "--json"))
    assert data["by"] == ["outlet", "label"] and data["spans"] == 36
    hrns = {
        r["label"]: (r["spans"], r["documents"])
        for r in data["rows"]
        if r["outlet"] == "Halvarian Royal News Service (HRNS)"
    }
    assert hrns == {"casualty_report": (1, 1), "claim": (2, 1), "statement": (1, 1)}
    rows = list(csv.DictReader(io.StringIO(_out(capsys, "--db", db, "stats", "--by",
                                                "outlet,label", "--csv"))))  # fmt: skip
    assert list(rows[0]) == ["outlet", "label", "spans", "documents", "words", "per_1000_words"]
    assert [(r["outlet"], r["label"], int(r["spans"]), int(r["words"])) for r in rows] == [
        (r["outlet"], r["label"], r["spans"], r["words"]) for r in data["rows"]
    ]
    for r in rows:
        assert float(r["per_1000_words"]) == pytest.approx(
            int(r["spans"]) * 1000 / int(r["words"]), abs=0.001
        )


@pytest.mark.parametrize(
    "by, first",
    [
        ("alignment,label", ["independent", "casualty_report"]),
        ("month,label", ["2031-03", "casualty_report"]),
        ("outlet,verification", ["Halvarian Royal News Service (HRNS)", "disputed"]),
    ],
)
def test_other_groupings(db, capsys, by, first):
    rows = list(csv.reader(io.StringIO(_out(capsys, "--db", db, "stats", "--by", by, "--csv"))))
    assert rows[0][:2] == by.split(",") and rows[1][:2] == first
    text = _out(capsys, "--db", db, "stats", "--by", by)
    assert text.splitlines()[0].split()[:2] == by.split(",")


def test_stats_by_actor(db, capsys):
    rows = orjson.loads(_out(capsys, "--db", db, "stats", "--by", "actor", "--json"))
    top = rows[0]
    assert (top["actor"], top["speaker"], top["claimant"], top["source"], top["total"]) == (
        "Mira Halloni", 2, 4, 0, 6
    )  # fmt: skip
    lines = list(csv.DictReader(io.StringIO(_out(capsys, "--db", db, "stats", "--by", "actor",
                                                 "--csv"))))  # fmt: skip
    assert [r["actor"] for r in lines] == [r["actor"] for r in rows]


def test_stats_without_by_is_the_overview(db, capsys):
    out = _out(capsys, "--db", db, "stats")
    assert out.startswith("documents  8\nspans      36\n") and "spans per label" in out


def test_stats_refuses_unknown_keys(db, capsys):
    assert main(["--db", db, "stats", "--by", "outlet,colour"]) == 1
    assert "cannot group by 'colour'" in capsys.readouterr().err
    assert main(["--db", db, "stats", "--csv"]) == 1
    assert "--csv and --label go with --by" in capsys.readouterr().err


def test_events_table_json_csv_and_text(db, capsys):
    data = orjson.loads(_out(capsys, "--db", db, "events", "--json"))["events"]
    assert [(e["name"], len(e["accounts"])) for e in data] == [
        ("Mortar attack on the Mørkeby outpost", 4),
        ("Shelling of Vardanë", 7),
        ("Drone strike on the Route 9 convoy", 4),
    ]
    vardane = data[1]
    assert vardane["discrepancies"]["killed"]["min_best"] == 9
    assert vardane["discrepancies"]["killed"]["max_best"] == 14
    vpa = next(a for a in vardane["accounts"] if a["outlet"] == "Velmoran Press Agency (VPA)")
    assert vpa["figures"]["killed"]["best"] == 12 and vpa["figures"]["killed"]["span_id"]
    assert {link["kind"] for link in vardane["links"]} == {"denies", "contradicts", "supports",
                                                           "cites"}  # fmt: skip

    rows = list(csv.DictReader(io.StringIO(_out(capsys, "--db", db, "events", "--csv"))))
    assert len(rows) == 15
    ura = next(r for r in rows if r["outlet"] == "Ura Media")
    assert (ura["event"], ura["killed_best"], ura["alignment"]) == ("Shelling of Vardanë", "9",
                                                                     "independent")  # fmt: skip
    assert (
        ura["denials"]
        == "[disputed] There is not and has never been a military position in Vardanë"
    )
    assert (
        ura["killed_span"]
        == next(a for a in vardane["accounts"] if a["outlet"] == "Ura Media")["figures"]["killed"][
            "span_id"
        ]
    )

    one = orjson.loads(_out(capsys, "--db", db, "events", "--event", "Shelling of Vardanë",
                            "--json"))["events"]  # fmt: skip
    assert [e["event_id"] for e in one] == [vardane["event_id"]]
    text = _out(capsys, "--db", db, "events", "--event", vardane["event_id"])
    assert text.startswith("Shelling of Vardanë (2031-03-12, Vardanë, Ostra Valley)")
    assert "killed: best 9 to 14 across 5 account(s)" in text


def test_events_registry_actions_still_work(db, capsys):
    assert "Shelling of Vardanë" in _out(capsys, "--db", db, "events", "list")
    assert main(["--db", db, "events", "add", "Summit"]) == 0
    assert main(["--db", db, "events", "--event", "Nowhere"]) == 1
    assert "no event named 'Nowhere'" in capsys.readouterr().err
