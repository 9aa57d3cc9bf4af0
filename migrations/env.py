"""Alembic environment. The app runs migrations in-process and passes its own connection in
``config.attributes["connection"]`` (as JupyterHub does), already inside the transaction
``annotator.storage.migrate._run`` began: that transaction is the only one. Alembic sees it
as external and opens none of its own, and ``transaction_per_migration`` stays off, so on
PostgreSQL (transactional DDL) a failed migration rolls back the whole run and the database
keeps its old schema and revision. The ``alembic`` command line works too, using
``sqlalchemy.url`` from the config or ``$ANNOTATOR_DB``, also in one transaction."""

from __future__ import annotations

from alembic import context

from annotator.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        transaction_per_migration=False,  # one transaction for the whole run, never one each
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        if not connection.in_transaction():
            raise RuntimeError(
                "migrations need the passed-in connection inside a transaction "
                "(annotator.storage.migrate runs them with engine.begin())"
            )
        _configure(connection)
        context.run_migrations()  # in the caller's transaction; it commits or rolls back
        return
    from annotator.storage.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or None)
    with engine.begin() as conn:
        _configure(conn)
        context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run them against a database")
run_migrations_online()
