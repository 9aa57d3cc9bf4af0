"""The upgrade fixtures of ``tests/data/schema/``: one SQLite database a released schema
revision (``REV.sqlite3``, made by ``make_fixture.py REV``) with its manifest
(``REV.json``). Used by ``tests/storage/test_upgrade_fixtures.py`` and by the generator.

* :func:`copy_rows` copies every row of one database into another at the same revision, in
  foreign-key order, by reflection (so it needs no model of an old schema): from the rich
  database to the fixture, and from a fixture into PostgreSQL.
* :func:`snapshot` reads what must survive an upgrade, whatever the revision: documents
  (title, text, sha256, outlet name) and spans (offsets, quote, label, note, author,
  attributes), and every other table's rows on the columns it has.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, Table, delete, insert, inspect, select, text

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "schema"
# not data: Alembic's stamp (the target has its own), the search index of 0008 (its triggers
# fill the target's as the rows go in; PostgreSQL computes its column), SQLite's own tables
SKIP_TABLES = ("alembic_version",)
SKIP_PREFIXES = ("search_", "sqlite_")
SKIP_COLUMNS = ("search_vector",)


def fixture_path(revision: str) -> Path:
    return FIXTURES / f"{revision}.sqlite3"


def manifest_path(revision: str) -> Path:
    return FIXTURES / f"{revision}.json"


def data_tables(engine: Engine) -> list[Table]:
    """The database's own tables, parents before children."""
    meta = MetaData()
    meta.reflect(engine)
    return [
        table
        for table in meta.sorted_tables
        if table.name not in SKIP_TABLES and not table.name.startswith(SKIP_PREFIXES)
    ]


def copy_rows(source: Engine, target: Engine) -> dict[str, int]:
    """Replace every row of ``target`` (seeded labels, link kinds, alignments...) with the
    rows of ``source``, a database at the same revision; returns rows copied per table."""
    tables = {t.name: t for t in data_tables(target)}
    copied: dict[str, int] = {}
    with source.connect() as src, target.begin() as dst:
        if target.dialect.name == "postgresql":
            dst.execute(text("SET LOCAL TIME ZONE 'UTC'"))  # SQLite holds naive UTC times
        for table in reversed(list(tables.values())):
            dst.execute(delete(table))
        for table in data_tables(source):
            into = tables[table.name]
            columns = [c.name for c in table.columns if c.name not in SKIP_COLUMNS]
            rows = [dict(r._mapping) for r in src.execute(select(*(table.c[c] for c in columns)))]
            if rows:
                dst.execute(insert(into), rows)
            copied[table.name] = len(rows)
        if target.dialect.name == "postgresql":
            _fix_sequences(dst, tables.values())
    return copied


def _fix_sequences(conn, tables) -> None:
    """Serial columns continue after the ids copied in (the next label gets max(id) + 1)."""
    for table in tables:
        for column in table.primary_key.columns:
            seq = conn.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
            ).scalar()
            if seq is not None:
                conn.execute(
                    text(
                        f'SELECT setval(:seq, COALESCE(MAX("{column.name}"), 1), '
                        f'MAX("{column.name}") IS NOT NULL) FROM "{table.name}"'
                    ),
                    {"seq": seq},
                )


def _outlet_expression(engine: Engine) -> str:
    columns = {c["name"] for c in inspect(engine).get_columns("document")}
    if "outlet" in columns:  # before 0004: a text column
        return "d.outlet"
    return "(SELECT o.name FROM outlet o WHERE o.id = d.outlet_id)"


def _plain(value: Any) -> Any:
    """Rows compared across backends: timestamps as UTC ISO text, no tz objects."""
    if hasattr(value, "isoformat"):
        if getattr(value, "tzinfo", None) is not None:
            value = value.replace(tzinfo=None) - value.utcoffset()
        return value.isoformat()
    return value


def snapshot(engine: Engine) -> dict[str, Any]:
    """What an upgrade must keep, read with SQL that fits every revision."""
    outlet = _outlet_expression(engine)
    out: dict[str, Any] = {}
    with engine.connect() as conn:
        out["documents"] = {
            doc_id: {"title": title, "text": body, "sha256": sha, "outlet": name}
            for doc_id, title, body, sha, name in conn.execute(
                text(f"SELECT d.id, d.title, d.text, d.sha256, {outlet} FROM document d")
            )
        }
    annotation = next(t for t in data_tables(engine) if t.name == "annotation")
    label = next(t for t in data_tables(engine) if t.name == "label")
    with engine.connect() as conn:
        rows = conn.execute(
            select(annotation, label.c.key.label("label_key")).join(
                label, label.c.id == annotation.c.label_id
            )
        )
        out["spans"] = {
            r.id: {
                "document_id": r.document_id,
                "start": r.start,
                "end": r.end,
                "label": r.label_key,
                "quote": r.quote,
                "note": r.note,
                "author": r.author,
                "attributes": r.attributes,
                "version": r.version,
            }
            for r in rows
        }
    return out


def table_rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every data table's rows (timestamps as UTC text)."""
    with engine.connect() as conn:
        return {
            table.name: [
                {k: _plain(v) for k, v in row._mapping.items() if k not in SKIP_COLUMNS}
                for row in conn.execute(select(table))
            ]
            for table in data_tables(engine)
        }


def rows_changed(before: dict, after: dict) -> list[str]:
    """The tables of ``before`` whose rows are not all in ``after`` as they were, on the
    columns both have (an upgrade adds columns and tables, and moves ``document.outlet``)."""
    changed = []
    for name, rows in before.items():
        if name not in after:
            changed.append(f"table {name} is gone")
            continue
        columns = sorted(set(rows[0] if rows else ()) & set(after[name][0] if after[name] else ()))

        def project(table_rows, columns=columns):
            return sorted(json.dumps([r[c] for c in columns], default=str) for r in table_rows)

        if len(rows) != len(after[name]) or project(rows) != project(after[name]):
            changed.append(f"table {name}: rows differ on {', '.join(columns)}")
    return changed


def sha256(text_: str) -> str:
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()
