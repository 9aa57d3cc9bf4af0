"""A small corpus whose statistics are computed by hand in the tests."""

from __future__ import annotations

import datetime as dt

import pytest


def words(n: int, tag: str) -> str:
    return " ".join(f"{tag}{i}" for i in range(n))


def span_at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word + " ") if word + " " in text else text.index(word)
    return start, start + len(word)


@pytest.fixture
def small(workspace):
    """Four documents (words: 10, 20, 5, 4), two outlets with alignments, two actors:

    ========  ======  =========  ==========  =====================================
    document  outlet  alignment  published   spans
    ========  ======  =========  ==========  =====================================
    d1        A       state      2031-03-02  claim confirmed (X) x2, casualty (Y)
    d2        A       state      2031-03-10  claim disputed (Y), claim, statement (X)
    d3        B       neutral    2031-04-01  casualty x2 (Y, none), claim confirmed
    d4        -       -          -           opinion
    ========  ======  =========  ==========  =====================================
    """
    ws = workspace
    ws.outlets.add("A", alignment="state")
    ws.outlets.add("B", alignment="neutral")
    x = ws.actors.add("Speaker X", kind="official").actors_added[0].id
    y = ws.actors.add("Ministry Y", kind="state body").actors_added[0].id
    texts = {
        "d1": (words(10, "a"), "A", dt.date(2031, 3, 2)),
        "d2": (words(20, "b"), "A", dt.date(2031, 3, 10)),
        "d3": (words(5, "c"), "B", dt.date(2031, 4, 1)),
        "d4": (words(4, "d"), None, None),
    }
    ids = {
        key: ws.add_document(text, title=key, outlet=outlet, published=published)
        for key, (text, outlet, published) in texts.items()
    }
    spans = {
        "d1": [
            ("a1", "claim", {"verification": "confirmed", "claimant": {"actor": x}}),
            ("a2", "claim", {"verification": "confirmed", "claimant": {"actor": x}}),
            ("a3", "casualty_report", {"killed": {"best": 3}, "source": {"actor": y}}),
        ],
        "d2": [
            ("b1", "claim", {"verification": "disputed", "claimant": {"actor": y}}),
            ("b2", "claim", {}),
            ("b3", "statement", {"speaker": {"actor": x}}),
        ],
        "d3": [
            ("c1", "casualty_report", {"source": {"actor": y}}),
            ("c2", "casualty_report", {}),
            ("c3", "claim", {"verification": "confirmed"}),
        ],
        "d4": [("d1", "opinion", {})],
    }
    for key, items in spans.items():
        text = texts[key][0]
        for word, label, attrs in items:
            start, end = span_at(text, word)
            ws.annotations.add(ids[key], start, end, label, attributes=attrs)
    return ws, ids, {"X": x, "Y": y}
