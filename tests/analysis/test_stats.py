"""Statistics tables over the small corpus of conftest.py, every figure computed by hand."""

from __future__ import annotations

import pytest

from annotator.errors import ValidationError


def _rows(table):
    return [(*r.keys, r.spans, r.documents, r.words) for r in table.rows]


def test_word_counts_are_stored(small):
    ws, _, _ = small
    assert ws.analysis.stats(["outlet"]).words == 10 + 20 + 5 + 4


def test_outlet_label(small):
    ws, _, _ = small
    table = ws.analysis.stats(["outlet", "label"])
    assert _rows(table) == [
        ("A", "casualty_report", 1, 1, 30),
        ("A", "claim", 4, 2, 30),
        ("A", "statement", 1, 1, 30),
        ("B", "casualty_report", 2, 1, 5),
        ("B", "claim", 1, 1, 5),
        ("(no outlet)", "opinion", 1, 1, 4),
    ]
    per = [round(r.per_1000_words, 3) for r in table.rows]
    assert per == [33.333, 133.333, 33.333, 400.0, 200.0, 250.0]
    assert (table.spans, table.words) == (10, 39)


def test_alignment_label(small):
    ws, _, _ = small
    assert _rows(ws.analysis.stats(["alignment", "label"])) == [
        ("neutral", "casualty_report", 2, 1, 5),
        ("neutral", "claim", 1, 1, 5),
        ("state", "casualty_report", 1, 1, 30),
        ("state", "claim", 4, 2, 30),
        ("state", "statement", 1, 1, 30),
        ("(no alignment)", "opinion", 1, 1, 4),
    ]


def test_timeline_by_month_week_day(small):
    ws, _, _ = small
    claims_and_reports = ["claim", "casualty_report"]
    assert _rows(ws.analysis.stats(["month", "label"], labels=claims_and_reports)) == [
        ("2031-03", "casualty_report", 1, 1, 30),
        ("2031-03", "claim", 4, 2, 30),
        ("2031-04", "casualty_report", 2, 1, 5),
        ("2031-04", "claim", 1, 1, 5),
    ]
    # weeks by their Monday: 2031-03-02 is a Sunday, 2031-04-01 a Tuesday
    assert _rows(ws.analysis.stats(["week", "label"], labels=["claim"])) == [
        ("2031-02-24", "claim", 2, 1, 10),
        ("2031-03-10", "claim", 2, 1, 20),
        ("2031-03-31", "claim", 1, 1, 5),
    ]
    assert _rows(ws.analysis.stats(["day"])) == [
        ("2031-03-02", 3, 1, 10),
        ("2031-03-10", 3, 1, 20),
        ("2031-04-01", 3, 1, 5),
        ("(no date)", 1, 1, 4),
    ]


def test_verification_by_outlet(small):
    ws, _, _ = small
    assert _rows(ws.analysis.stats(["outlet", "verification"])) == [
        ("A", "confirmed", 2, 1, 30),
        ("A", "disputed", 1, 1, 30),
        ("A", "(not set)", 1, 1, 30),
        ("B", "confirmed", 1, 1, 5),
    ]


def test_label_alone_divides_by_every_word(small):
    ws, _, _ = small
    table = ws.analysis.stats(["label"])
    assert _rows(table) == [
        ("casualty_report", 3, 2, 39),
        ("claim", 5, 3, 39),
        ("opinion", 1, 1, 39),
        ("statement", 1, 1, 39),
    ]


def test_most_quoted(small):
    ws, _, actors = small
    quoted = ws.analysis.most_quoted()
    # equal totals: by name
    assert [(q.name, q.kind, q.roles, q.total) for q in quoted] == [
        ("Ministry Y", "state body", {"claimant": 1, "source": 2}, 3),
        ("Speaker X", "official", {"speaker": 1, "claimant": 2}, 3),
    ]
    assert [q.actor_id for q in ws.analysis.most_quoted(limit=1)] == [actors["Y"]]


@pytest.mark.parametrize(
    "by, message",
    [
        ([], "group by at least one"),
        (["outlet", "colour"], "cannot group by 'colour'"),
        (["label", "label"], "a key is there twice"),
        (["day", "month"], "one of day, week, month"),
    ],
)
def test_bad_grouping_is_refused(small, by, message):
    ws, _, _ = small
    with pytest.raises(ValidationError, match=message):
        ws.analysis.stats(by)


def test_unknown_label_is_refused(small):
    ws, _, _ = small
    with pytest.raises(ValidationError, match="no label 'claims'"):
        ws.analysis.stats(["outlet"], labels=["claims"])
