"""The one timestamp codec: canonical UTC text, and the form the database stores.

The canonical form is what Annotator exports: ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00`` (always UTC,
always microseconds, 32 characters). Importers turn every timestamp they read into it, so the
storage layer converts plain text, never ``datetime`` objects, a million spans at a time.

The stored form is what SQLAlchemy's ``DateTime`` keeps (``storage.models.UTCDateTime``):
on SQLite naive UTC text ``YYYY-MM-DD HH:MM:SS.ffffff`` (26 characters), on PostgreSQL a
``timestamptz`` literal ``YYYY-MM-DD HH:MM:SS.ffffff+00``. The bulk paths (``storage.rawsql``,
the export's queries) write and read it only through the functions here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from operator import attrgetter

CANONICAL_LENGTH = 32
_fromiso = dt.datetime.fromisoformat
_tzinfo = attrgetter("tzinfo")
# the fixed characters of YYYY-MM-DDTHH:MM:SS.ffffff+00:00, by position
_MARKS = tuple((i, c) for i, c in enumerate("0000-00-00T00:00:00.000000+00:00") if c != "0")
_MARKS += ((27, "0"), (28, "0"), (30, "0"), (31, "0"))
_NONE = type(None)


class BadTimestamp(ValueError):
    """``index``: the first value that is not an ISO 8601 date-time with a UTC offset."""

    def __init__(self, index: int, value: object, reason: str) -> None:
        super().__init__(f"{value!r} {reason}")
        self.index = index
        self.value = value
        self.reason = reason


def canonical(value: dt.datetime) -> str:
    """The canonical UTC text of an aware ``datetime``."""
    if value.tzinfo is None:
        raise ValueError(f"timestamp without time zone: {value!r}")
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def parse_canonical(value: str) -> dt.datetime:
    return _fromiso(value)


# -- the stored form -----------------------------------------------------------------------------
SQLITE_STORED_LENGTH = 26


def stored(value: dt.datetime, *, sqlite: bool) -> str:
    """The stored text of an aware ``datetime``."""
    if value.tzinfo is None:
        raise ValueError(f"timestamp without time zone: {value!r}")
    text = value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    return text if sqlite else text + "+00"


def stored_column(canonical_texts: Sequence[str], *, sqlite: bool) -> list[str]:
    """Canonical texts (no None) to their stored texts, a whole column in C."""
    if not canonical_texts:
        return []
    # canonical texts hold one "T" and one "+00:00"
    joined = "\n".join(canonical_texts).replace("T", " ")
    return joined.replace("+00:00", "" if sqlite else "+00").split("\n")


def from_stored(value: object) -> str:
    """Canonical text of a stored timestamp (SQLite text, or a ``datetime`` from PostgreSQL)."""
    if isinstance(value, str):
        if len(value) == SQLITE_STORED_LENGTH and value[10] == " ":
            return f"{value[:10]}T{value[11:]}+00:00"
        parsed = _fromiso(value)
        if parsed.tzinfo is None:  # SQLite keeps UTC without an offset
            parsed = parsed.replace(tzinfo=dt.UTC)
        return canonical(parsed)
    if isinstance(value, dt.datetime):
        return canonical(value)
    raise TypeError(f"not a stored timestamp: {value!r}")


def sqlite_canonical_sql(column: str) -> str:
    """An SQLite expression giving the canonical text of a stored timestamp column (in C)."""
    return (
        f"CASE WHEN length({column}) = {SQLITE_STORED_LENGTH} THEN substr({column}, 1, 10) "
        f"|| 'T' || substr({column}, 12) || '+00:00' ELSE {column} END"
    )


def canonical_column(values: Sequence[object]) -> list[str | None]:
    """ISO 8601 strings with a UTC offset (or None) to canonical UTC text (or None).

    Values already canonical (Annotator's own exports) are checked by C-level passes over the
    whole column and kept as they are; others are converted one by one. Raises
    ``BadTimestamp`` naming the first bad value.
    """
    kinds = set(map(type, values))
    if kinds == {str}:
        strings: Sequence[str] = values  # type: ignore[assignment]
    elif kinds <= {str, _NONE}:
        present = [i for i, v in enumerate(values) if v is not None]
        converted = canonical_column([values[i] for i in present]) if present else []
        out: list[str | None] = [None] * len(values)
        for i, text in zip(present, converted, strict=True):
            out[i] = text
        return out
    else:
        for i, v in enumerate(values):
            if v is not None and type(v) is not str:
                raise BadTimestamp(i, v, "is not an ISO 8601 date-time string")
        raise AssertionError("unreachable")
    try:
        parsed = list(map(_fromiso, strings))
    except ValueError:
        for i, v in enumerate(strings):
            try:
                _fromiso(v)
            except ValueError:
                raise BadTimestamp(i, v, "is not an ISO 8601 date-time") from None
        raise
    if None in map(_tzinfo, parsed):
        i = list(map(_tzinfo, parsed)).index(None)
        raise BadTimestamp(i, strings[i], "has no UTC offset (add Z or +HH:MM)")
    if set(map(len, strings)) == {CANONICAL_LENGTH}:
        # fromisoformat accepted every value; the fixed characters in place make it canonical
        # (not a week date, another separator or offset): checked by strided slices of the
        # joined column, a few nanoseconds a value
        joined, n = "".join(strings), len(strings)
        step = CANONICAL_LENGTH
        if all(joined[i::step] == c * n for i, c in _MARKS):
            return list(strings)
    converted = dict(zip(strings, parsed, strict=True))  # each distinct text once
    for text, value in converted.items():
        converted[text] = canonical(value)
    return list(map(converted.__getitem__, strings))
