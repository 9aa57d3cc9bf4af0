"""The event comparison table on hand-made accounts: the combination rule, the cells' spans,
links between accounts (and not within one, nor to another event's spans)."""

from __future__ import annotations

import datetime as dt

import pytest

from annotator.analysis.event_table import combine
from annotator.errors import NotFoundError

MAY_2 = dt.date(2031, 5, 2)


@pytest.mark.parametrize(
    "reports, expected",
    [
        ([("a", {"best": 12})], (12, 12, 12, "a", ("a",))),  # a best alone: its own range
        ([("a", {"best": 12}), ("b", {"best": 9})], (9, 12, 12, "a", ("a", "b"))),
        ([("a", {"best": 9}), ("b", {"best": 12})], (9, 12, 12, "b", ("a", "b"))),
        # the widest range, best the highest best; a report without a best widens it
        (
            [("a", {"low": 8, "best": 10, "high": 11}), ("b", {"low": 5, "high": 20})],
            (5, 10, 20, "a", ("a", "b")),
        ),
        # "at least 12": an open high stays open
        ([("a", {"low": 12}), ("b", {"best": 14})], (12, 14, None, "b", ("a", "b"))),
        ([("a", {}), ("b", None), ("c", {"best": None})], None),
        ([("a", {}), ("b", {"high": 3})], (None, None, 3, "b", ("b",))),
    ],
)
def test_combine(reports, expected):
    fig = combine(reports)
    got = None if fig is None else (fig.low, fig.best, fig.high, fig.span_id, fig.span_ids)
    assert got == expected


@pytest.mark.parametrize(
    "parts, text",
    [((9, 12, 12), "12 (9–12)"), ((None, 12, None), "12"), ((12, 12, 12), "12"),
     ((5, None, 20), "5–20"), ((12, 14, None), "14 (≥ 12)"), ((12, None, None), "≥ 12"),
     ((None, None, 3), "≤ 3")],
)  # fmt: skip
def test_figure_text(parts, text):
    from annotator.analysis.records import Figure

    assert Figure(*parts, "s", ("s",)).text() == text


@pytest.fixture
def accounts(workspace):
    ws = workspace
    ws.outlets.add("North Post", alignment="state")
    ev = ws.events.add("Bridge strike", date="2031-05-01").events_added[0].id
    other = ws.events.add("Other").events_added[0].id
    army = ws.actors.add("North Army", kind="armed force").actors_added[0].id
    text1 = "Ten were killed. Twelve were killed. Five wounded. We deny it. Other thing."
    text2 = "Eight died, the hospital said. Nobody died, the army said."
    d1 = ws.add_document(text1, outlet="North Post", published=None)
    d2 = ws.add_document(text2, outlet="South Star", published=MAY_2)

    def add(doc, text, quote, label, attrs):
        start = text.index(quote)
        return (
            ws.annotations.add(doc, start, start + len(quote), label, attributes=attrs).added[0].id
        )

    e = {"event": ev}
    r1 = add(
        d1,
        text1,
        "Ten were killed",
        "casualty_report",
        {"killed": {"best": 10}, "perpetrator": {"actor": army}, "event": e},
    )
    r2 = add(
        d1,
        text1,
        "Twelve were killed",
        "casualty_report",
        {"killed": {"low": 11, "best": 12}, "who": "civilian", "event": e},
    )
    r3 = add(d1, text1, "Five wounded", "casualty_report", {"wounded": {"best": 5}, "event": [e]})
    c1 = add(
        d1,
        text1,
        "We deny it.",
        "claim",
        {"denial": True, "verification": "false", "claimant": {"actor": army}, "event": e},
    )
    x1 = add(d1, text1, "Other thing.", "claim", {"event": {"event": other}})
    h2 = add(d2, text2, "Eight died", "casualty_report", {"killed": {"best": 8}, "event": e})
    n2 = add(d2, text2, "Nobody died", "claim", {"denial": True, "event": e})
    ws.links.add(h2, r1, "contradicts")
    ws.links.add(n2, h2, "denies")  # within one account: not between accounts
    ws.links.add(c1, h2, "denies")
    ws.links.add(x1, h2, "supports")  # from another event's span: not this table's
    return ws, ev, locals()


def test_accounts_cells_and_links(accounts):
    ws, ev, s = accounts
    table = ws.analysis.event_table("Bridge strike")
    assert table.event_id == ev
    first, second = table.accounts  # dated before undated
    assert (first.outlet, first.alignment, first.published) == ("South Star", None, MAY_2)
    assert second.published is None
    assert (second.outlet, second.alignment) == ("North Post", "state")
    killed = second.figures["killed"]
    assert (killed.low, killed.best, killed.high) == (10, 12, 12)
    assert (killed.span_id, killed.span_ids) == (s["r2"], (s["r1"], s["r2"]))
    assert second.figures["wounded"].span_ids == (s["r3"],)
    assert set(second.figures) == {"killed", "wounded"}
    assert second.reports == (s["r1"], s["r2"], s["r3"])
    assert second.span_ids == (s["r1"], s["r2"], s["r3"], s["c1"])
    assert [(c.actor_id, c.name, c.span_ids) for c in second.sources] == [
        (None, "North Post", (s["r1"], s["r2"], s["r3"]))
    ]
    assert [(c.name, c.span_ids) for c in second.blamed] == [("North Army", (s["r1"],))]
    assert [(c.value, c.span_ids) for c in second.who] == [("civilian", (s["r2"],))]
    assert [(d.span_id, d.verification, d.actor.name) for d in second.denials] == [
        (s["c1"], "false", "North Army")
    ]
    assert [(c.span_id, c.denial, c.actor.name) for c in first.claims] == [
        (s["n2"], True, "South Star")
    ]
    assert sorted((link.kind, link.source_id, link.target_id) for link in table.links) == [
        ("contradicts", s["h2"], s["r1"]),
        ("denies", s["c1"], s["h2"]),
    ]
    link = next(k for k in table.links if k.kind == "contradicts")
    assert (link.source_document_id, link.target_document_id) == (s["d2"], s["d1"])
    assert len(first.links) == len(second.links) == 2
    d = table.discrepancies["killed"]
    assert (d.min_best, d.max_best, d.min_span_id, d.max_span_id) == (8, 12, s["h2"], s["r2"])
    assert (d.min_document_id, d.max_document_id) == (s["d2"], s["d1"])
    assert set(table.discrepancies) == {"killed", "wounded"}


def test_all_events_and_unknown_event(accounts):
    ws, _, s = accounts
    tables = ws.analysis.event_tables()
    assert [(t.name, len(t.accounts)) for t in tables] == [("Bridge strike", 2), ("Other", 1)]
    assert tables[1].accounts[0].claims[0].span_id == s["x1"] and not tables[1].links
    with pytest.raises(NotFoundError, match="no event named 'Nowhere'"):
        ws.analysis.event_table("Nowhere")
