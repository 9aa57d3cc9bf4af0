"""Migration 0005 (actor, actor_alias, event) on a database at 0004 with rows, on SQLite and
PostgreSQL: every row stays, the schema matches the models, the registries work, and a
downgrade removes the three tables and nothing else."""

from __future__ import annotations

from sqlalchemy import inspect, text

from annotator import open_workspace
from annotator.storage import migrate
from annotator.storage.engine import make_engine

from .test_upgrades import OLD_DOC, _rows, fill_old_database

NEW_TABLES = {"actor", "actor_alias", "event"}


def _at_0004(url: str):
    engine = make_engine(url)
    migrate.upgrade_to(engine, "0003")
    fill_old_database(engine, ("South Front", "Wire"))
    migrate.upgrade_to(engine, "0004")
    return engine


def _outlets(engine):
    with engine.connect() as conn:
        return [
            tuple(r) for r in conn.execute(text("SELECT id, name, norm FROM outlet ORDER BY id"))
        ]


def test_upgrade_from_0004_adds_the_registries_and_keeps_every_row(db_url):
    engine = _at_0004(db_url)
    before, outlets = _rows(engine), _outlets(engine)
    assert before["annotation"] and outlets
    assert not NEW_TABLES & set(inspect(engine).get_table_names())

    result = migrate.upgrade(engine)

    assert (result.before, result.after) == ("0004", migrate.SCHEMA_HEAD)
    assert set(inspect(engine).get_table_names()) >= NEW_TABLES
    assert migrate.schema_drift(engine) == []
    assert _rows(engine) == before and _outlets(engine) == outlets
    engine.dispose()
    with open_workspace(db_url) as ws:
        actor = ws.actors.add("Azerbaijani MoD", kind="state body").actors_added[0]
        span = ws.annotations.list(OLD_DOC)[0]
        ws.annotations.edit(span.id, attributes={"source": {"actor": actor.id}})
        assert ws.actors.get("azerbaijani mod").references == 1


def test_downgrade_to_0004_drops_only_the_registries(db_url):
    engine = _at_0004(db_url)
    migrate.upgrade(engine)
    before = _rows(engine)
    migrate.downgrade(engine, "0004")
    assert migrate.current_revision(engine) == "0004"
    assert not NEW_TABLES & set(inspect(engine).get_table_names())
    assert _rows(engine) == before
    migrate.upgrade(engine, backup=False)
    assert migrate.schema_drift(engine) == []
    engine.dispose()
