"""A small corpus of our own for the search tests: three articles, two spans with field
values, actor and event references, outlets with alignments, a collection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SHELLING = (
    "Night shelling of Vardanë\n\n"
    "Residents of Vardanë said the shelling began at night. Officials called it a drill."
)
TALKS = (
    "Ceasefire talks\n\n"
    "Negotiators met for ceasefire talks. Shells fell near Vardane school, witnesses said."
)
HARVEST = "Harvest report\n\nFarmers in the valley finished the harvest early."


@dataclass
class Corpus:
    shelling: str
    talks: str
    harvest: str
    span_a: str  # casualty_report in SHELLING: "the shelling began at night"
    span_b: str  # claim in TALKS: "Shells fell near Vardane school"
    actor: str
    event: str


def span_of(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def build(ws) -> Corpus:
    ws.outlets.add("Wire One", alignment="neutral")
    ws.outlets.add("Daily Two", alignment="state")
    a = ws.add_document(SHELLING, outlet="Wire One", published=dt.date(2020, 10, 4))
    b = ws.add_document(TALKS, outlet="Daily Two", published=dt.date(2023, 9, 19))
    c = ws.add_document(HARVEST)
    ws.collections.add("2020 war")
    ws.collections.assign([a], "2020 war")
    actor = ws.actors.add("Border guard", kind="armed force").actors_added[0].id
    event = ws.events.add("Night shelling", date="2020-10-04").events_added[0].id
    sa = ws.annotations.add(
        a,
        *span_of(SHELLING, "the shelling began at night"),
        "casualty_report",
        note="reported by two residents",
        author="ani",
        attributes={"who": "civilian", "perpetrator": {"actor": actor}, "event": {"event": event}},
    ).added[0]
    sb = ws.annotations.add(
        b,
        *span_of(TALKS, "Shells fell near Vardane school"),
        "claim",
        note="ceasefire violation alleged",
        author="bob",
        attributes={"verification": "disputed"},
    ).added[0]
    return Corpus(a, b, c, sa.id, sb.id, actor, event)


def seen(ws, query: str, filters=None) -> list[tuple[str, str, str]]:
    """(document id, kind, matched text) of every hit, in order."""
    out = []
    for hit in ws.search.search(query, filters).hits:
        text = ws.documents.get(hit.document_id).text if hit.kind != "note" else None
        out.append((hit.document_id, hit.kind, text[hit.start : hit.end] if text else hit.snippet))
    return out
