"""Make the upgrade fixture of one released schema revision: ``REV.sqlite3`` and ``REV.json``.

    PYTHONPATH=. .venv/bin/python tests/data/schema/make_fixture.py REV [REV ...]

How each file is made:

1. A rich database is built at the head revision through the services (``build``): four
   documents (Armenian, Azerbaijani and Russian text, emoji with skin tones, ZWJ sequences
   and flags, combining accents, CRLF line ends), outlets with alignments and countries,
   collections, actors with aliases, events, spans of every label and of a label the user
   added, notes, field values with actor and event references, links within and across
   documents (with a link kind the user added).
2. It is downgraded to REV with the migrations' own downgrades (``migrate.downgrade``),
   which keep the rows of every table REV has (0004's downgrade writes the outlet names back
   into ``document.outlet``).
3. A fresh database is brought to REV with the migrations (``migrate.upgrade_to``), so its
   schema is exactly what that release made, and every row of step 2 is copied into it
   (``schema_fixtures.copy_rows``). Before 0005 there were no actor or event registries, so
   a span's references there are plain names (free attributes, as imports wrote them).
4. It is vacuumed with 1 KiB pages in rollback-journal mode, so the file is small and
   stands alone; the manifest lists its row counts, document sha256s and a few spans.

Every text here was written for these fixtures.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from annotator import open_workspace  # noqa: E402
from annotator.storage import migrate  # noqa: E402
from annotator.storage.engine import make_engine  # noqa: E402
from tests.storage.schema_fixtures import (  # noqa: E402
    copy_rows,
    data_tables,
    fixture_path,
    manifest_path,
    snapshot,
)

REGISTRIES = "0005"  # the first revision with actors and events

DOCUMENTS = (
    {
        "title": "Night of shelling in Berd",
        "outlet": "Tavush Herald",
        "author": "Lilit Hakobyan",
        "url": "https://herald.example/berd-night",
        "published": dt.date(2031, 3, 11),
        "language": "hy",
        "text": "Night of shelling in Berd\r\n\r\n"
        "Ի՞նչ պատահեց Բերդում։ Residents said the shelling began after midnight 🌙.\r\n"
        "The regional office counted 7 houses hit and 3 people wounded 👨‍👩‍👧.\r\n"
        "A ministry spokeswoman said: «Our positions did not fire first.»\r\n",
    },
    {
        "title": "Posts near Qazax came under fire",
        "outlet": "Bakı Xəbər",
        "author": "Rəşad Əliyev",
        "url": "https://xeber.example/qazax",
        "published": dt.date(2031, 3, 11),
        "language": "az",
        "text": "Posts near Qazax came under fire\n\n"
        "Müdafiə Nazirliyi bildirdi: one soldier was killed 🇦🇿 and two were wounded.\n"
        "Officials denied any strike on villages and called the reports “a provocation” 👎🏽.\n",
    },
    {
        "title": "Both sides trade accusations",
        "outlet": "Caucasus Wire",
        "author": None,
        "url": None,
        "published": dt.date(2031, 3, 12),
        "language": "en",
        "text": "Both sides trade accusations\r\n\r\n"
        "Observers in Tovuz heard explosions; cafe\u0301 owners reported broken windows.\r\n"
        "«Мы не стреляли первыми», сказал представитель. Neither figure can be verified.\r\n"
        "Between 5 and 9 civilians may have been hurt, a local doctor said 🏥.\r\n",
    },
    {
        "title": "Ceasefire talks announced",
        "outlet": None,
        "author": None,
        "url": None,
        "published": None,
        "language": None,
        "text": "Ceasefire talks announced\n\nNo date was given for the talks.\n",
    },
)

# (document, phrase, label, note, attributes): references are written "@actor" / "#event"
SPANS = (
    (0, "Residents said the shelling began after midnight 🌙", "claim", "", {}),
    (
        0,
        "7 houses hit and 3 people wounded 👨‍👩‍👧",
        "casualty_report",
        "figures",
        {
            "wounded": {"low": 3, "best": 3, "high": 3},
            "who": "civilian",
            "source": "@Tavush regional office",
            "event": "#Shelling of Berd",
            "place": "Berd",
        },
    ),
    (
        0,
        "«Our positions did not fire first.»",
        "statement",
        "denial, quoted",
        {
            "speaker": "@Ministry of Defence",
            "speaker_role": "spokeswoman",
        },
    ),
    (0, "Ի՞նչ պատահեց Բերդում։", "opinion", "rhetorical", {}),
    (
        1,
        "one soldier was killed 🇦🇿",
        "casualty_report",
        "",
        {
            "killed": {"low": 1, "best": 1, "high": None},
            "who": "military",
            "side_affected": "@Border Guard",
            "date": "2031-03-11",
        },
    ),
    (
        1,
        "Officials denied any strike on villages",
        "claim",
        "",
        {
            "claimant": "@Ministry of Defence",
            "verification": "disputed",
            "denial": True,
        },
    ),
    (1, "“a provocation” 👎🏽", "rumour", "loaded word", {"origin": "officials"}),
    (2, "cafe\u0301 owners reported broken windows", "claim", "", {"verification": "unverified"}),
    (2, "«Мы не стреляли первыми»", "statement", "в переводе", {"speaker_role": "представитель"}),
    (
        2,
        "Between 5 and 9 civilians may have been hurt",
        "casualty_report",
        "range",
        {
            "wounded": {"low": 5, "best": None, "high": 9},
            "who": "civilian",
        },
    ),
    (2, "Neither figure can be verified.\r\nBetween", "opinion", "spans a CRLF", {}),
)
LINKS = ((2, 5, "contradicts", "two denials"), (1, 9, "supports", ""), (8, 2, "paraphrases", ""))
ACTORS = (
    ("Ministry of Defence", "state body", "one side", ("MoD", "Müdafiə Nazirliyi")),
    ("Border Guard", "armed force", "the other side", ()),
    ("Tavush regional office", "organisation", None, ("regional office",)),
)
EVENTS = (("Shelling of Berd", "2031-03-11", "Berd"), ("Fire at Qazax posts", None, "Qazax"))


def build(path: Path) -> None:
    """The rich database at head, through the services."""
    with open_workspace(path, author="fixture") as ws:
        ws.labels.add("rumour", "Rumour", "#112233", "9")
        ws.labels.update("rumour", fields=[{"name": "origin", "kind": "text"}])
        ws.links.add_kind("paraphrases", name="Paraphrases", directed=False)
        ws.outlets.add("Tavush Herald", country="Armenia", alignment="pro-Armenian")
        ws.outlets.add("Bakı Xəbər", country="Azerbaijan", alignment="state")
        ws.outlets.add("Caucasus Wire", alignment="neutral")
        refs = {}
        for name, kind, side, aliases in ACTORS:
            refs[f"@{name}"] = {
                "actor": ws.actors.add(name, kind=kind, side=side, aliases=aliases)
                .actors_added[0]
                .id
            }
        for name, date, place in EVENTS:
            refs[f"#{name}"] = {
                "event": ws.events.add(name, date=date, place=place).events_added[0].id
            }
        docs = []
        for d in DOCUMENTS:
            fields = {
                k: d[k] for k in ("title", "outlet", "author", "url", "published", "language")
            }
            docs.append(ws.add_document(d["text"], meta={"desk": "fixtures"}, **fields))
        ws.collections.assign(docs[:3], "Tavush clashes")
        ws.collections.assign(docs[3:], "Unsorted")
        spans = []
        for n, phrase, label, note, values in SPANS:
            body = DOCUMENTS[n]["text"]
            start = body.index(phrase)
            attributes = {k: refs.get(v, v) if isinstance(v, str) else v for k, v in values.items()}
            change = ws.annotations.add(
                docs[n], start, start + len(phrase), label, note=note, attributes=attributes
            )
            spans.append(change.added[0].id)
        ws.annotations.edit(spans[0], note="edited once")  # a version above 1
        for a, b, kind, note in LINKS:
            ws.links.add(spans[a], spans[b], kind, note=note)


def _name(value, names: dict[str, str]):
    """A reference to an actor or event as its name (the attributes of before 0005)."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("actor", "event"):
        return names[next(iter(value.values()))]
    return value


def make(revision: str, folder: Path) -> Path:
    rich = folder / f"rich-{revision}.sqlite3"
    build(rich)
    engine = make_engine(str(rich))
    with engine.connect() as conn:
        sql = "SELECT id, name FROM actor UNION SELECT id, name FROM event"
        names = dict(conn.exec_driver_sql(sql).all())
    migrate.downgrade(engine, revision)
    out = fixture_path(revision)
    out.unlink(missing_ok=True)
    target = make_engine(str(out))
    migrate.upgrade_to(target, revision)
    copy_rows(engine, target)
    if revision < REGISTRIES:
        with target.begin() as conn:
            for span_id, raw in conn.exec_driver_sql("SELECT id, attributes FROM annotation").all():
                plain = {k: _name(v, names) for k, v in json.loads(raw or "{}").items()}
                conn.exec_driver_sql(
                    "UPDATE annotation SET attributes = ? WHERE id = ?",
                    (json.dumps(plain, ensure_ascii=False), span_id),
                )
    state = snapshot(target)
    counts = {}
    with target.connect() as conn:
        for table in data_tables(target):
            counts[table.name] = conn.exec_driver_sql(
                f'SELECT count(*) FROM "{table.name}"'
            ).scalar()
    target.dispose()
    engine.dispose()
    db = sqlite3.connect(out)
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA page_size = 1024")
    db.execute("VACUUM")
    db.close()
    spans = sorted(
        state["spans"].items(), key=lambda item: (item[1]["document_id"], item[1]["start"])
    )
    manifest = {
        "revision": revision,
        "made_by": f"tests/data/schema/make_fixture.py {revision}",
        "rows": counts,
        "documents": {i: d["sha256"] for i, d in sorted(state["documents"].items())},
        "spans": [
            {"id": i, "start": s["start"], "end": s["end"], "quote": s["quote"]}
            for i, s in spans[::3]
        ],
    }
    manifest_path(revision).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return out


def main(argv: list[str]) -> int:
    known = [s.revision for s in migrate.script_directory().walk_revisions()]
    if not argv or any(rev not in known for rev in argv):
        print(f"usage: make_fixture.py REV [REV ...]  (revisions: {', '.join(sorted(known))})")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        for revision in argv:
            out = make(revision, Path(folder))
            print(f"{out}: {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
