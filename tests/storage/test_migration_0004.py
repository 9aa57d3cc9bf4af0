"""Migration 0004 (outlets, alignments, collections) on a database at 0003 with rows, on
SQLite and PostgreSQL: the outlet texts become one outlet per normalised name, every document
points at its outlet, spans, labels and the text trigger stay, and a downgrade gives the
outlet texts back."""

from __future__ import annotations

import importlib.util

import pytest
from sqlalchemy import inspect, text

from annotator import open_workspace
from annotator.errors import ValidationError
from annotator.services.outlets import outlet_key
from annotator.storage import migrate
from annotator.storage.engine import make_engine

from .test_upgrades import OLD_DOC, _rows, fill_old_database

SPELLINGS = ("South Front", "SouthFront", "south front", "South Front", "Wire", "  ", None)


def _at_0003(url: str):
    engine = make_engine(url)
    migrate.upgrade_to(engine, "0003")
    fill_old_database(engine, SPELLINGS)
    return engine


def test_upgrade_from_0003_makes_outlets_and_keeps_every_row(db_url):
    engine = _at_0003(db_url)
    before = _rows(engine)
    assert len(before["document"]) == len(SPELLINGS) and len(before["annotation"]) == 2

    result = migrate.upgrade(engine)

    assert (result.before, result.after) == ("0003", migrate.SCHEMA_HEAD)
    assert migrate.schema_drift(engine) == []  # incl. the text trigger of 0002
    after = _rows(engine)
    assert after["annotation"] == before["annotation"]
    assert after["label"] == before["label"]
    docs = {row[0]: row for row in after["document"]}
    old = {row[0]: row for row in before["document"]}
    assert {k: v[:4] for k, v in docs.items()} == {k: v[:4] for k, v in old.items()}
    # three spellings, one outlet, named by the spelling most documents use
    outlet_of = {old[k][4]: docs[k][4] for k in docs}
    assert outlet_of == {
        "South Front": "South Front",
        "SouthFront": "South Front",
        "south front": "South Front",
        "Wire": "Wire",
        "  ": None,
        None: None,
    }
    assert "outlet" not in {c["name"] for c in inspect(engine).get_columns("document")}
    with engine.connect() as conn:
        outlets = conn.execute(text("SELECT name, norm FROM outlet ORDER BY name")).all()
        alignments = conn.execute(text("SELECT name FROM alignment ORDER BY position")).all()
    assert [tuple(o) for o in outlets] == [("South Front", "southfront"), ("Wire", "wire")]
    assert [a[0] for a in alignments] == [
        "pro-Armenian", "pro-Azerbaijani", "neutral", "state", "independent",
    ]  # fmt: skip
    engine.dispose()

    # the app works on it: the text is still immutable, new outlets get new ids
    with open_workspace(db_url) as ws:
        assert ws.documents.get(OLD_DOC).outlet == "South Front"
        change = ws.outlets.add("Haqqin.az", country="Azerbaijan")
        assert change.outlets_added[0].id == 3
        with (
            pytest.raises(ValidationError, match="cannot change once imported"),
            ws.store.transaction() as s,
        ):
            s.execute(text("UPDATE document SET text = 'x'"))
        assert [s.id for s in ws.annotations.list(OLD_DOC)] == [r[0] for r in before["annotation"]]


def test_downgrade_to_0003_gives_the_outlet_texts_back(db_url):
    engine = _at_0003(db_url)
    migrate.upgrade(engine)
    migrate.downgrade(engine, "0003")
    assert migrate.current_revision(engine) == "0003"
    rows = _rows(engine)
    canonical = {"South Front", "SouthFront", "south front"}
    outlets = sorted((r[4] or "") for r in rows["document"])
    assert outlets == sorted(
        ("South Front" if s in canonical else (s if s and s.strip() else "")) for s in SPELLINGS
    )
    names = set(inspect(engine).get_table_names())
    assert not names & {"outlet", "alignment", "collection", "document_collection"}
    assert migrate.missing_triggers(engine) == []
    migrate.upgrade(engine, backup=False)  # and up again
    assert migrate.schema_drift(engine) == []
    engine.dispose()


def test_the_migration_normalises_as_the_app_does():
    """0004 holds a frozen copy of ``outlet_key``: today they agree."""
    path = migrate.bundled_path("migrations") / "versions" / "0004_outlets_and_collections.py"
    spec = importlib.util.spec_from_file_location("m0004", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("South Front", "SOUTH-FRONT", "Haqqin.az", "Ազատություն", "Azərbaycan", "***"):
        assert module.outlet_key(name) == outlet_key(name)
