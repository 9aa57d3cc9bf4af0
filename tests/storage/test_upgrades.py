"""Upgrades of an older database, on SQLite and on a real PostgreSQL server: rows kept, one
transaction (a failed migration leaves the old schema and revision), no file backup on
PostgreSQL, upgrades of one database by two clients one after the other."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import inspect, text

from annotator.errors import DatabaseError
from annotator.storage import migrate
from annotator.storage.engine import make_engine

from .probe import FAILS, PROBE, PROBE_2, WORKS, probe_scripts

OLD = "0001"  # the first released schema


def _old_database(url: str, revision: str = OLD):
    """An engine on a database at ``revision`` with a document, two spans and a new label,
    written with SQL of that schema (the app's code writes the newest schema)."""
    engine = make_engine(url)
    migrate.upgrade_to(engine, revision)
    fill_old_database(engine)
    return engine


OLD_DOC = "0190aa00-0000-7000-8000-000000000001"
OLD_TEXT = "Old article\n\nThe ministry said 12 civilians died."


def fill_old_database(engine, outlets=("Wire",)) -> None:
    """Rows as Annotator 0.x wrote them into the schema of 0001/0002 (``document.outlet`` a
    text column): one document per outlet text (the first with two spans), a label."""
    import hashlib

    now = "2031-03-12 10:00:00.000000"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO label (key, name, color, shortcut, position) "
                "VALUES ('rumour', 'Rumour', '#112233', '9', 4)"
            )
        )
        for n, outlet in enumerate(outlets):
            body = OLD_TEXT if n == 0 else f"{OLD_TEXT} ({n})"
            conn.execute(
                text(
                    "INSERT INTO document (id, title, text, outlet, sha256, imported_at, meta) "
                    "VALUES (:id, 'Old article', :text, :outlet, :sha, :now, '{}')"
                ),
                {
                    "id": OLD_DOC[:-2] + f"{n + 1:02d}",
                    "text": body,
                    "outlet": outlet,
                    "sha": hashlib.sha256(body.encode()).hexdigest(),
                    "now": now,
                },
            )
        labels = dict(conn.execute(text("SELECT key, id FROM label")).all())
        for sid, start, end, key, note, author in (
            ("0190aa00-0000-7000-8000-0000000000a1", 0, 11, "claim", "headline", "ana"),
            ("0190aa00-0000-7000-8000-0000000000a2", 13, 25, "rumour", "", None),
        ):
            conn.execute(
                text(
                    'INSERT INTO annotation (id, document_id, start, "end", label_id, quote, '
                    "note, author, attributes, created, updated, version) VALUES (:id, :doc, "
                    ":start, :end, :label, :quote, :note, :author, '{}', :now, :now, 1)"
                ),
                {
                    "id": sid,
                    "doc": OLD_DOC,
                    "start": start,
                    "end": end,
                    "label": labels[key],
                    "quote": OLD_TEXT[start:end],
                    "note": note,
                    "author": author,
                    "now": now,
                },
            )


def _rows(engine) -> dict[str, list[tuple]]:
    columns = {c["name"] for c in inspect(engine).get_columns("document")}
    outlet = (
        "outlet"
        if "outlet" in columns
        else "(SELECT o.name FROM outlet o WHERE o.id = document.outlet_id)"
    )
    queries = {
        "document": f"SELECT id, title, text, sha256, {outlet} FROM document ORDER BY id",
        "annotation": 'SELECT id, document_id, start, "end", label_id, quote, note, author, '
        "version FROM annotation ORDER BY id",
        "label": "SELECT id, key, name, color, shortcut, position FROM label ORDER BY id",
    }
    with engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(text(sql))] for name, sql in queries.items()}


def test_probe_revision_upgrades_an_old_database_keeping_its_rows(db_url, tmp_path):
    engine = _old_database(db_url)
    before = _rows(engine)
    assert len(before["document"]) == 1 and len(before["annotation"]) == 2
    scripts = probe_scripts(tmp_path, WORKS)

    result = migrate.upgrade(engine, script_location=scripts)

    assert (result.before, result.after, result.created) == (OLD, PROBE, False)
    assert migrate.current_revision(engine) == PROBE
    assert _rows(engine) == before
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id FROM probe")).all() == [(1,)]
    if engine.dialect.name == "sqlite":
        assert result.backup is not None and result.backup.exists()
        assert result.note is None
    else:  # no file backup on PostgreSQL (there is no file); the result says so
        assert result.backup is None
        assert "no backup file" in result.note and "one transaction" in result.note
    # and the probe went the other way too
    migrate.downgrade(engine, migrate.head_revision(), script_location=scripts)
    assert "probe" not in inspect(engine).get_table_names()
    engine.dispose()


def test_postgresql_upgrade_writes_no_file_and_never_calls_the_sqlite_backup(
    pg_url, tmp_path, monkeypatch
):
    engine = _old_database(pg_url)

    def refuse(*args, **kwargs):
        raise AssertionError("backup_database called for a PostgreSQL upgrade")

    monkeypatch.setattr(migrate, "backup_database", refuse)
    result = migrate.upgrade(engine, script_location=probe_scripts(tmp_path, WORKS))
    assert result.after == PROBE and result.backup is None
    engine.dispose()


def test_failed_migration_leaves_postgresql_at_the_old_revision(pg_url, tmp_path):
    """Every step of the run is one transaction: the real migrations after 0001, a probe that
    works and a probe that fails are all undone; no partial table, the old revision."""
    engine = _old_database(pg_url)
    before = _rows(engine)
    tables = set(inspect(engine).get_table_names())
    scripts = probe_scripts(tmp_path, WORKS, FAILS)

    with pytest.raises(DatabaseError) as info:
        migrate.upgrade(engine, script_location=scripts)

    message = str(info.value)
    assert f"from schema revision {OLD} to {PROBE_2} failed" in message
    assert "probe migration failed on purpose" in message
    assert f"still at schema revision {OLD}, unchanged" in message
    assert migrate.current_revision(engine) == OLD
    inspect_now = inspect(engine)
    assert set(inspect_now.get_table_names()) == tables  # no probe, no probe_partial
    with engine.connect() as conn:  # nor anything else the later real migrations make
        functions = conn.execute(
            text("SELECT proname FROM pg_proc WHERE proname LIKE 'annotator%'")
        ).all()
        triggers = conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
        assert functions == [] and triggers.all() == []
    assert _rows(engine) == before
    # the database still opens and upgrades with the real migrations
    assert migrate.upgrade(engine).after == migrate.SCHEMA_HEAD
    assert _rows(engine) == before
    engine.dispose()


def test_failed_migration_on_sqlite_is_rolled_back_and_backed_up(sqlite_url, tmp_path):
    engine = _old_database(sqlite_url)
    before = _rows(engine)
    tables = set(inspect(engine).get_table_names())
    with pytest.raises(DatabaseError, match=f"still at schema revision {OLD}") as info:
        migrate.upgrade(engine, script_location=probe_scripts(tmp_path, WORKS, FAILS))
    assert "the copy made before the upgrade:" in str(info.value)
    assert migrate.current_revision(engine) == OLD
    assert set(inspect(engine).get_table_names()) == tables
    assert _rows(engine) == before
    engine.dispose()


def test_migrations_refuse_a_connection_outside_a_transaction(sqlite_url):
    from alembic import command

    engine = make_engine(sqlite_url)
    cfg = migrate.alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        with pytest.raises(RuntimeError, match="inside a transaction"):
            command.upgrade(cfg, "head")
    engine.dispose()


def test_two_clients_upgrade_postgresql_one_after_the_other(pg_url, tmp_path):
    """An upgrade waits for another client's upgrade (a transaction-level advisory lock)
    and then finds the database upgraded."""
    engine = _old_database(pg_url)
    scripts = probe_scripts(tmp_path, WORKS)
    results: list = []

    def open_it():
        try:
            results.append(migrate.upgrade(engine, script_location=scripts))
        except Exception as exc:  # reported below
            results.append(exc)

    holder = make_engine(pg_url)
    with holder.connect() as other:  # another client, in the middle of its upgrade
        other.execute(text("SELECT pg_advisory_lock(:k)"), {"k": migrate._PG_UPGRADE_LOCK})
        other.commit()
        worker = threading.Thread(target=open_it)
        worker.start()
        worker.join(timeout=1.0)
        assert worker.is_alive(), "the upgrade did not wait for the other client"
        assert migrate.current_revision(engine) == OLD
        other.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": migrate._PG_UPGRADE_LOCK})
        other.commit()
    worker.join(timeout=30)
    holder.dispose()
    (result,) = results
    assert not isinstance(result, Exception), result
    assert result.after == PROBE and migrate.current_revision(engine) == PROBE
    # a second client opening it now has nothing to do
    again = migrate.upgrade(engine, script_location=scripts)
    assert (again.before, again.after) == (PROBE, PROBE)
    engine.dispose()
