"""The bulk paths (import, export) on the DB-API cursor, for speed, on SQLite and PostgreSQL.

SQLAlchemy's per-row parameter and result processing costs more than SQLite itself on a
million spans, so bulk import and export run plain SQL through ``exec_driver_sql`` and convert
values here, once per value, the same way on both backends:

- timestamps go in as UTC text ``YYYY-MM-DD HH:MM:SS.ffffff`` (the format SQLAlchemy's SQLite
  DateTime uses; PostgreSQL gets ``+00`` appended) and come out as ISO 8601
  ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00``;
- JSON goes in as text (orjson) and comes out as an ``orjson.Fragment`` (SQLite, no re-parse)
  or the value the driver parsed (PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections.abc import Iterable, Sequence
from typing import Any

import orjson
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError

from .. import timestamps

_CACHE_LIMIT = 50_000
ROWS_PER_STATEMENT = 10


class RawSQL:
    def __init__(self, dialect: Dialect) -> None:
        self.sqlite = dialect.name == "sqlite"
        self.mark = "?" if dialect.paramstyle == "qmark" else "%s"
        self.quote = dialect.identifier_preparer.quote
        self._ts_in: dict[dt.datetime, str] = {}
        self._ts_out: dict[Any, str] = {}

    # -- statements ----------------------------------------------------------------------------
    def marks(self, count: int) -> str:
        return ", ".join([self.mark] * count)

    def insert(
        self,
        conn: Connection,
        table: str,
        columns: Sequence[str],
        rows: list[tuple],
        constants: dict[str, str] | None = None,
    ) -> None:
        """``rows`` into ``columns``; ``constants``: more columns, each one SQL literal for
        every row (cheaper than binding the same value a million times)."""
        flat = list(itertools.chain.from_iterable(rows))
        self.insert_flat(conn, table, columns, flat, constants)

    def insert_flat(
        self,
        conn: Connection,
        table: str,
        columns: Sequence[str],
        values: list[Any],
        constants: dict[str, str] | None = None,
    ) -> None:
        """Rows given as one flat list of values, ``len(columns)`` a row (see ``insert``).

        ROWS_PER_STATEMENT rows go in one statement: on SQLite a third fewer statement steps,
        and the grouping is done by C-level zips, not a Python loop."""
        width = len(columns)
        if not values:
            return
        if len(values) % width:
            raise ValueError(f"{len(values)} values do not make rows of {width}")
        constants = constants or {}
        names = ", ".join(self.quote(c) for c in (*columns, *constants))
        if not self.sqlite:
            self._copy(conn, table, names, values, width, tuple(constants.values()))
            return
        one = "(" + ", ".join([self.mark] * width + list(constants.values())) + ")"
        head = f"INSERT INTO {self.quote(table)} ({names}) VALUES "
        group = width * ROWS_PER_STATEMENT
        whole = len(values) - len(values) % group
        if whole:
            it = iter(values[:whole] if whole < len(values) else values)
            conn.exec_driver_sql(
                head + ", ".join([one] * ROWS_PER_STATEMENT), list(zip(*[it] * group, strict=True))
            )
        if whole < len(values):
            it = iter(values[whole:])
            conn.exec_driver_sql(head + one, list(zip(*[it] * width, strict=True)))

    def _copy(
        self,
        conn: Connection,
        table: str,
        names: str,
        values: list[Any],
        width: int,
        constants: tuple[str, ...],
    ) -> None:
        """PostgreSQL: the rows by ``COPY ... FROM STDIN`` (several times faster than INSERTs
        there). The constants are sent as text, which COPY parses like any value. A database
        error is raised as SQLAlchemy's, like any statement's."""
        sql = f"COPY {self.quote(table)} ({names}) FROM STDIN"
        it = iter(values)
        rows: Iterable[tuple] = zip(*[it] * width, strict=True)
        if constants:
            rows = map(operator.add, rows, itertools.repeat(constants))
        dbapi = conn.connection.dbapi_connection
        cursor = dbapi.cursor()
        try:
            with cursor.copy(sql) as copy:
                write = copy.write_row
                for row in rows:
                    write(row)
        except conn.dialect.dbapi.Error as exc:
            raise DBAPIError.instance(sql, None, exc, conn.dialect.dbapi.Error) from exc
        finally:
            cursor.close()

    @staticmethod
    def fetchall(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Rows as plain tuples from the DB-API cursor (no SQLAlchemy row objects)."""
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute(sql, tuple(params))
            return cursor.fetchall()
        finally:
            cursor.close()

    # -- values in -----------------------------------------------------------------------------
    def ts(self, value: dt.datetime) -> str:
        """The stored text of an aware ``datetime`` (``annotator.timestamps``)."""
        text = self._ts_in.get(value)
        if text is None:
            text = timestamps.stored(value, sqlite=self.sqlite)
            if len(self._ts_in) > _CACHE_LIMIT:
                self._ts_in.clear()
            self._ts_in[value] = text
        return text

    def stored_ts_many(
        self, canonical: Sequence[str | None] | None, default: str | None, count: int
    ) -> Sequence[str | None]:
        """Canonical UTC texts (``annotator.timestamps``) as stored; None takes ``default``."""
        if canonical is None:
            return [default] * count
        if None in canonical:
            present = timestamps.stored_column(
                [c for c in canonical if c is not None], sqlite=self.sqlite
            )
            it = iter(present)
            return [default if c is None else next(it) for c in canonical]
        return timestamps.stored_column(canonical, sqlite=self.sqlite)

    EMPTY_JSON = "{}"

    def json(self, value: Any) -> str:
        if not value:
            return self.EMPTY_JSON
        return orjson.dumps(value).decode()

    @staticmethod
    def date(value: dt.date | None) -> str | None:
        return value.isoformat() if value is not None else None

    # -- values out ----------------------------------------------------------------------------
    def ts_out(self, value: Any) -> str:
        """Canonical ISO 8601 text of a stored UTC timestamp."""
        text = self._ts_out.get(value)
        if text is None:
            text = timestamps.from_stored(value)
            if len(self._ts_out) > _CACHE_LIMIT:
                self._ts_out.clear()
            self._ts_out[value] = text
        return text

    @staticmethod
    def json_out(value: Any) -> Any:
        if isinstance(value, str):
            return orjson.Fragment(value)
        return value if value is not None else {}


def order_ties_by_id(rows: list) -> list:
    """Rows ``(id, start, end, ...)`` that SQL sorted by (start, end) -- the index order, no
    sort step -- put into (start, end, id) order; they are returned as they are when no two
    spans share both offsets (the usual case)."""
    for a, b in itertools.pairwise(rows):
        if a[1] == b[1] and a[2] == b[2]:
            return sorted(rows, key=lambda r: (r[1], r[2], r[0]))
    return rows
