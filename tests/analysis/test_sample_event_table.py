"""The event comparison table of the bundled sample corpus, row by row, as derived by hand
from resources/sample_corpus (the articles and annotations.json)."""

from __future__ import annotations

import datetime as dt

import pytest

from annotator.samples import import_samples

VARDANE = "Shelling of Vardanë"


@pytest.fixture
def samples(workspace):
    import_samples(workspace)
    quotes = {a.id: a.quote for a in workspace.annotations.list()}
    return workspace, quotes


def _fig(fig, quotes):
    return (fig.low, fig.best, fig.high, quotes[fig.span_id], [quotes[i] for i in fig.span_ids])


def _row(account, quotes):
    return (
        account.published.isoformat(),
        account.outlet,
        account.alignment,
        {name: _fig(f, quotes) for name, f in account.figures.items()},
        [(c.actor_id is None, c.name) for c in account.sources],
        [c.value for c in account.who],
        [c.name for c in account.blamed],
        [(c.quote[:30], c.verification, c.denial, c.actor.name) for c in account.claims],
        [(c.quote[:30], c.actor.name) for c in account.statements],
    )


NINE = "At least nine people were killed in the Velmoran border village of Vardanë"
MORGUE = (
    "nine bodies had been brought to the hospital morgue and that 21 wounded people were being "
    "treated"
)
VPA = "At least 12 civilians were killed and 27 wounded"
BANNER = "local sources now say at least 14 people were killed, among them four children"
CF12, CF9 = (
    "Velmora says 12 civilians were killed",
    "the regional hospital has registered nine deaths",
)
URA = "The morgue at the regional hospital in Kështa has registered nine"
HRNS, MER, V, BAN = (
    "Halvarian Royal News Service (HRNS)",
    "Meridian Wire Service",
    "Velmoran Press Agency (VPA)",
    "The Highland Banner",
)
EXPECTED_VARDANE = [
    ("2031-03-12", HRNS, "pro-Halvaria", {}, [], [], [],
     [("The ministry denied reports ci", "disputed", True, "Royal Ministry of Defence"),
      ("a fabrication prepared in adva", "disputed", True, "Erland Brask")],
     [("Our units responded proportion", "Erland Brask")]),
    ("2031-03-12", MER, "neutral",
     {"killed": (9, 9, 9, NINE, [NINE, MORGUE]), "wounded": (21, 21, 21, MORGUE, [MORGUE])},
     [(False, "Kështa regional hospital"), (False, "Lena Mustafaj")], ["unknown"], [],
     [("Velmora’s defence ministry put", "disputed", False, "Velmoran Ministry of Defence"),
      ("denied that its shells had hit", "disputed", True, "Royal Ministry of Defence"),
      ("near a ridge where, according ", "unverified", False, MER)],
     []),
    ("2031-03-12", V, "pro-Velmora",
     {"killed": (12, 12, 12, VPA, [VPA]), "wounded": (27, 27, 27, VPA, [VPA])},
     [(False, "Velmoran Ministry of Defence")], ["civilian"], ["Halvarian armed forces"],
     [("The Kingdom of Halvaria bears ", "unverified", False, "Mira Halloni")],
     [("This was a deliberate attack o", "Mira Halloni")]),
    ("2031-03-13", BAN, "pro-Velmora", {"killed": (14, 14, 14, BANNER, [BANNER])},
     [(True, BAN)], ["civilian"], ["Halvarian armed forces"], [], []),
    ("2031-03-14", MER, "neutral", {"killed": (9, 12, 12, CF12, [CF12, CF9])},
     [(False, "Republic of Velmora"), (False, "Kështa regional hospital")], ["civilian"], [],
     [], []),
    ("2031-03-14", "Ura Media", "independent", {"killed": (9, 9, 9, URA, [URA])},
     [(False, "Kështa regional hospital")], ["civilian"], [],
     [("the figure of 12 “includes vic", "disputed", False, "Mira Halloni"),
      ("There is not and has never bee", "disputed", True, "Mira Halloni"),
      ("Halvaria’s claim that its shel", "confirmed", False, "Ura Media")],
     []),
    ("2031-03-15", "The Crown Courier", "pro-Halvaria", {}, [], [], [],
     [("Even Velmora’s own hospital co", "confirmed", False, "Magnus Krøyer")], []),
]  # fmt: skip


def test_vardane_accounts_row_by_row(samples):
    ws, quotes = samples
    table = ws.analysis.event_table(VARDANE)
    assert (table.name, table.date, table.place) == (
        VARDANE,
        dt.date(2031, 3, 12),
        "Vardanë, Ostra Valley",
    )
    assert [_row(a, quotes) for a in table.accounts] == EXPECTED_VARDANE
    # every cell's span is a span of its own document
    for account in table.accounts:
        own = {a.id for a in ws.annotations.list(account.document_id)}
        assert set(account.span_ids) <= own and set(account.reports) <= own


def test_vardane_discrepancies_and_links(samples):
    ws, quotes = samples
    table = ws.analysis.event_table(VARDANE)
    by_doc = {a.document_id: a.outlet for a in table.accounts}
    killed = table.discrepancies["killed"]
    assert (killed.accounts, killed.min_best, killed.max_best, killed.spread) == (5, 9, 14, 5)
    assert quotes[killed.min_span_id] == NINE and quotes[killed.max_span_id] == BANNER
    assert by_doc[killed.max_document_id] == BAN
    wounded = table.discrepancies["wounded"]
    assert (wounded.min_best, wounded.max_best, quotes[wounded.max_span_id]) == (21, 27, VPA)
    assert set(table.discrepancies) == {"killed", "wounded"}
    links = {
        (by_doc[link.source_document_id], link.kind, by_doc[link.target_document_id],
         quotes[link.source_id][:20], quotes[link.target_id][:20])
        for link in table.links
    }  # fmt: skip
    assert links == {
        (HRNS, "denies", V, "The ministry denied ", VPA[:20]),
        (HRNS, "denies", V, "a fabrication prepar", VPA[:20]),
        (MER, "contradicts", V, NINE[:20], VPA[:20]),
        ("Ura Media", "supports", MER, URA[:20], MORGUE[:20]),
        ("Ura Media", "contradicts", BAN, URA[:20], BANNER[:20]),
        ("Ura Media", "denies", MER, "There is not and has", "near a ridge where, "),
        ("The Crown Courier", "cites", MER, "Even Velmora’s own h", MORGUE[:20]),
    }
    vpa = next(a for a in table.accounts if a.outlet == V)
    assert {link.kind for link in vpa.links} == {"denies", "contradicts"} and len(vpa.links) == 3


def test_every_event_of_the_samples(samples):
    ws, _ = samples
    tables = ws.analysis.event_tables()
    assert [(t.name, len(t.accounts), len(t.links)) for t in tables] == [
        ("Mortar attack on the Mørkeby outpost", 4, 1),
        (VARDANE, 7, 7),
        ("Drone strike on the Route 9 convoy", 4, 2),
    ]
    convoy = tables[2]
    independent = next(a for a in convoy.accounts if a.outlet == "The Åsterholm Independent")
    assert (independent.figures["killed"].text(), independent.figures["wounded"].text()) == (
        "7 (5–7)",
        "11",
    )
    assert [c.value for c in independent.who] == ["civilian", "mixed"]
    banner = next(a for a in convoy.accounts if a.outlet == BAN)
    assert [(c.quote, c.denial) for c in banner.denials] == [
        ("There were no civilian casualties.", True),
        ("The ministry denied Halvarian claims that the vehicles were part of a humanitarian "
         "convoy", True),
    ]  # fmt: skip
