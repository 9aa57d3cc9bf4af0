"""Fuzzing the field validators (``evidence.fields``) and the figure parser (``text.figures``).

* a schema either parses or is refused with a ``ValidationError`` naming the field spec
  (``fields[i]``); a parsed schema reads back the same from its own JSON (idempotent);
* values either pass or are refused with a message naming the field; values that pass are
  JSON that is stored and read back as it is;
* the figure parser never raises on any text; every piece of evidence lies inside the text,
  low <= best <= high, and the values it proposes pass the casualty report's own checks.
"""

from __future__ import annotations

import orjson
from hypothesis import given
from hypothesis import strategies as st

from annotator.errors import ValidationError
from annotator.evidence.fields import (
    DEFAULT_FIELDS,
    KINDS,
    check_attributes,
    check_storable,
    parse_schema,
)
from annotator.evidence.proposals import proposed_values
from annotator.text.figures import CATEGORIES, propose

from .helpers import count, fuzz
from .inputs import ATTRIBUTES, PIECES, json_values, texts

NAMES = st.sampled_from(["killed", "who", "date", "a", "A", "", "x y", "place", 3, None])
SPECS = st.fixed_dictionaries(
    {"name": NAMES, "kind": st.sampled_from([*KINDS, "number", None])},
    optional={
        "choices": st.sampled_from([["a", "b"], ["a", "a"], [], "ab", [""], [1], {"a": 1}]),
        "title": json_values(2),
        "hint": json_values(2),
    },
)
SCHEMAS = st.lists(SPECS, max_size=5) | json_values(3)
VALUES = (
    st.dictionaries(
        st.sampled_from(["killed", "who", "date", "a", "place", "event", "perpetrator"]),
        json_values(4)
        | st.sampled_from([{"low": 3, "high": 2}, {"best": 10**12 + 1}, "2021-02-29"]),
        max_size=4,
    )
    | ATTRIBUTES
)


@fuzz(2.0)
@given(SCHEMAS, VALUES)
def test_field_validators(raw_schema, values):
    count("fields")
    try:
        schema = parse_schema(raw_schema)
    except ValidationError as exc:
        assert str(exc).startswith("fields"), exc
        return
    assert parse_schema(schema.to_json()) == schema  # what it returns, it accepts as it is
    if not isinstance(values, dict):
        return
    try:
        check_attributes(schema, values, "span [0, 3)")
    except ValidationError as exc:
        message = str(exc)
        assert message.startswith("span [0, 3): "), message
        named = [s.label for s in schema] + [str(k) for k in values] + ["attributes"]
        assert any(message.startswith(f"span [0, 3): {n}") for n in named), message
        return
    assert orjson.loads(orjson.dumps(values)) == values  # stored and read back the same
    check_storable(values, "values")


FIGURE_PIECES = [*PIECES, " killed", " wounded", " were killed", " dead", " missing", " captured"]
FIGURE_PIECES += ["at least ", "up to ", "between ", " and ", " to ", "-", "1,250", "1.250.000"]
FIGURE_PIECES += [" million", " thousand", "dozens of", "twenty-one", "no one", " civilians"]
FIGURE_PIECES += [" soldiers", "denied", " including ", "9" * 30, "٣", "²", "the death toll is "]


@fuzz(3.0)
@given(st.lists(st.sampled_from(FIGURE_PIECES) | texts(), max_size=30).map("".join))
def test_figure_parser(text):
    count("figures")
    proposal = propose(text)
    for figure in proposal.figures:
        assert all(0 <= e.start <= e.end <= len(text) for e in figure.evidence), figure
    for category in CATEGORIES:
        estimate = proposal.estimate(category)
        given = [v for v in (estimate.low, estimate.best, estimate.high) if v is not None]
        assert given == sorted(given), (category, estimate)
    values = proposed_values("casualty_report", text)
    check_attributes(parse_schema(DEFAULT_FIELDS["casualty_report"]), values)
