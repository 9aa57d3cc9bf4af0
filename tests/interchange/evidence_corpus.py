"""A small corpus with evidence, built with the services: two documents, field values
(estimates, choices, dates, actor and event references, one a list), a merged actor, links
within a document and across documents, of a directed and a symmetric kind. The texts are
written for these tests."""

from __future__ import annotations

from dataclasses import dataclass

TEXT_A = (
    "Shelling reported near Gyumri\n\n"
    "The ministry said 12 to 15 civilians were killed overnight in Gyumri 💥.\n"
    "The army denied any strike on the town.\n"
)
TEXT_B = (
    "Truce talks resume\n\n"
    "A monitor confirmed 12 civilians killed in Gyumri, citing local doctors.\n"
    "Officials of both sides repeated that the truce holds.\n"
)


@dataclass
class Built:
    doc_a: str
    doc_b: str
    report: str  # casualty report in A
    denial: str  # claim in A (a denial)
    confirm: str  # casualty report in B
    repeat: str  # statement in B
    ministry: str  # the kept actor of the merge
    army: str
    shelling: str  # the event


def at(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def build(ws) -> Built:
    ministry = ws.actors.add("Ministry of Defence", kind="state body", side="Armenia")
    ministry_id = ministry.actors_added[0].id
    twin = ws.actors.add("MoD press office", kind="state body").actors_added[0].id
    army = ws.actors.add("Army", kind="armed force", side="Azerbaijan").actors_added[0].id
    event = ws.events.add("Shelling of Gyumri", date="2031-03-11", place="Gyumri")
    shelling = event.events_added[0].id
    ws.events.add("Truce talks")  # no date, not referred to: not exported
    doc_a = ws.add_document(TEXT_A, outlet="Test Wire", language="en")
    doc_b = ws.add_document(TEXT_B, outlet="Other Wire", language="en")

    def span(doc, text, quote, label, attributes):
        start, end = at(text, quote)
        change = ws.annotations.add(doc, start, end, label, attributes=attributes)
        return change.added[0].id

    report = span(
        doc_a,
        TEXT_A,
        "12 to 15 civilians were killed",
        "casualty_report",
        {
            "killed": {"low": 12, "best": 12, "high": 15},
            "who": "civilian",
            "source": {"actor": twin},  # merged into the ministry below
            "perpetrator": [{"actor": army}],
            "event": {"event": shelling},
            "date": "2031-03-11",
            "place": "Gyumri",
        },
    )
    denial = span(
        doc_a,
        TEXT_A,
        "The army denied any strike",
        "claim",
        {"claimant": {"actor": army}, "denial": True, "verification": "disputed"},
    )
    confirm = span(
        doc_b,
        TEXT_B,
        "12 civilians killed in Gyumri",
        "casualty_report",
        {"killed": {"low": None, "best": 12, "high": None}, "event": {"event": shelling}},
    )
    repeat = span(doc_b, TEXT_B, "repeated that the truce holds", "statement", {})
    ws.actors.merge(ministry_id, twin)
    ws.links.add(denial, report, "contradicts", note="the army's word against the ministry's")
    ws.links.add(confirm, report, "supports")  # across documents
    ws.links.add(repeat, confirm, "repeats")  # symmetric, within a document
    return Built(doc_a, doc_b, report, denial, confirm, repeat, ministry_id, army, shelling)
