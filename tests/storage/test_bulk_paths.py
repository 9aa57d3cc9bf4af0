"""The column-at-a-time pieces of the bulk import: timestamps, span columns, grouped inserts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from annotator.importing.records import ParsedSpan, SpanColumns
from annotator.storage.rawsql import ROWS_PER_STATEMENT, RawSQL
from annotator.timestamps import BadTimestamp, canonical, canonical_column


def test_canonical_texts_are_kept_as_they_are():
    values = ["2031-03-12T11:00:00.000001+00:00", "2031-12-31T23:59:59.999999+00:00"]
    assert canonical_column(values) == values


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2031-03-12T11:00:00+00:00", "2031-03-12T11:00:00.000000+00:00"),
        ("2031-03-12T15:00:00.5+04:00", "2031-03-12T11:00:00.500000+00:00"),
        ("2031-03-12 11:00:00.000001Z", "2031-03-12T11:00:00.000001+00:00"),
        # 32 characters, UTC, but a week date: not mistaken for canonical text
        ("2031-W11-3T11:00:00.000001+00:00", "2031-03-12T11:00:00.000001+00:00"),
        ("2031-03-12T11:00:00.000001-00:00", "2031-03-12T11:00:00.000001+00:00"),
    ],
)
def test_other_forms_become_canonical_utc(given, expected):
    assert canonical_column([given]) == [expected]
    assert canonical_column([None, given, None]) == [None, expected, None]


@pytest.mark.parametrize(
    ("values", "index", "reason"),
    [
        (["2031-03-12T11:00:00Z", "2031-03-12T11:00:00"], 1, "no UTC offset"),
        (["2031-03-12T11:00:00Z", "yesterday"], 1, "not an ISO 8601"),
        (["2031-02-30T11:00:00.000000+00:00"], 0, "not an ISO 8601"),
        ([None, 5], 1, "not an ISO 8601 date-time string"),
    ],
)
def test_bad_timestamps_are_named_by_index(values, index, reason):
    with pytest.raises(BadTimestamp) as info:
        canonical_column(values)
    assert info.value.index == index
    assert reason in str(info.value)


def test_span_columns_read_as_spans():
    when = dt.datetime(2031, 3, 12, 15, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    spans = [
        ParsedSpan(0, 4, "claim", id="a", note="n", created=when, quote="Some"),
        ParsedSpan(5, 9, "opinion", author="ann", attributes={"k": 1}),
    ]
    cols = SpanColumns.of(spans)
    assert SpanColumns.of(cols) is cols
    assert cols.created == ["2031-03-12T11:00:00.000000+00:00", None]
    assert len(cols) == 2 and cols == spans and cols[-1] == spans[1]
    assert cols[0].created == when and cols[:1] == spans[:1]
    bare = SpanColumns([1], [3], ["claim"])
    assert bare[0] == ParsedSpan(1, 3, "claim")
    with pytest.raises(IndexError):
        bare[1]


@pytest.mark.parametrize("count", [0, 1, ROWS_PER_STATEMENT, 2 * ROWS_PER_STATEMENT + 3])
def test_grouped_insert_writes_every_row_once(workspace, count):
    """Ten-row INSERTs on SQLite, COPY on PostgreSQL: every row once, constants included."""
    engine = workspace.store.engine
    rows = [(i, f"v{i}\t“q”\n", None if i % 2 else '{"k": [1]}') for i in range(count)]
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (a INTEGER, b TEXT, j TEXT, c INTEGER)"))
            RawSQL(conn.dialect).insert(conn, "t", ("a", "b", "j"), rows, {"c": "7"})
            got = conn.execute(text("SELECT a, b, j, c FROM t ORDER BY a")).all()
        assert got == [(*row, 7) for row in rows]
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS t"))


def test_a_failing_copy_is_a_database_error(workspace):
    engine = workspace.store.engine
    try:
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (a INTEGER PRIMARY KEY)"))
            RawSQL(conn.dialect).insert(conn, "t", ("a",), [(1,), (1,)])
        with engine.connect() as conn:  # rolled back: the table is not there
            assert "t" not in inspect(conn).get_table_names()
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS t"))


def test_grouped_insert_refuses_ragged_values(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'g.sqlite3'}")
    with engine.begin() as conn, pytest.raises(ValueError, match="rows of 2"):
        RawSQL(conn.dialect).insert_flat(conn, "t", ("a", "b"), [1, 2, 3])


def test_canonical_of_naive_time_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        canonical(dt.datetime(2031, 3, 12))
