"""``annotator --self-test``: check an installation end to end, without a window.

In a temporary folder (never the user's data folder): create a database, migrate it with the
bundled Alembic scripts, import the bundled sample corpus, add a span, export JSONL and read the
export back, draw a chart (SVG and PNG), then run the consistency checks of ``annotator db
check``. One line a step on standard output, ``self-test passed`` at the end; exit status 0,
or 1 with a message naming the step that failed. Used to check the frozen app (the standalone
installer) as well as a source install. Imports no Qt.
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .interchange.native import SCHEMA

SPAN_LABEL = "claim"
SPAN_AUTHOR = "self-test"


class SelfTestError(Exception):
    """A check of the self-test failed."""


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


def _step_bundled(ctx: dict[str, Any]) -> str:
    from .storage.paths import bundled_path

    migrations = bundled_path("migrations")
    resources = bundled_path("resources")
    versions = sorted(p.name for p in (migrations / "versions").glob("*.py"))
    _check((migrations / "env.py").is_file(), f"{migrations}: env.py is missing")
    _check(bool(versions), f"{migrations / 'versions'}: no migration scripts")
    manifest = resources / "sample_corpus" / "manifest.json"
    _check(manifest.is_file(), f"{manifest} is missing")
    return f"migrations ({len(versions)} script(s)) and resources in {migrations.parent}"


def _step_drivers(ctx: dict[str, Any]) -> str:
    import sqlite3

    from sqlalchemy import create_engine

    found = [f"sqlite {sqlite3.sqlite_version}"]
    try:
        import psycopg

        # loads the SQLAlchemy dialect and the DB-API module; connects to nothing
        create_engine("postgresql+psycopg://self-test@localhost/none").dispose()
        libpq = psycopg.pq.version()
        found.append(
            f"postgresql (psycopg {psycopg.__version__}, libpq {libpq // 10000}.{libpq % 10000})"
        )
    except ImportError as exc:
        if _frozen():  # the standalone app must carry the PostgreSQL driver
            raise SelfTestError(f"the PostgreSQL driver is missing: {exc}") from exc
        found.append(
            "postgresql: psycopg not installed (optional: pip install annotator[postgres])"
        )
    return ", ".join(found)


def _step_database(ctx: dict[str, Any]) -> str:
    from .storage import migrate
    from .workspace import open_workspace

    path = Path(ctx["tmp"]) / "self-test.sqlite3"
    ws = open_workspace(str(path))
    ctx["workspace"] = ws
    _check(ws.created, f"{path}: the database was not created by the migrations")
    current = migrate.current_revision(ws.engine)
    head = migrate.head_revision()
    _check(current == head, f"schema revision {current}, expected {head}")
    return f"created {path.name} and migrated it to revision {head} (Alembic, in-process)"


def _step_import(ctx: dict[str, Any]) -> str:
    import orjson

    from .samples import import_samples, sample_corpus_dir

    ws = ctx["workspace"]
    manifest = orjson.loads((sample_corpus_dir() / "manifest.json").read_bytes())
    expected = len(manifest["documents"])
    report = import_samples(ws)
    _check(
        report.documents == expected == ws.documents.count(),
        f"imported {report.documents} sample document(s), expected {expected}",
    )
    ctx["documents"] = report.document_ids
    return f"imported the sample corpus: {report.documents} documents"


def _step_span(ctx: dict[str, Any]) -> str:
    ws = ctx["workspace"]
    document_id = ctx["documents"][0]
    text = ws.documents.get(document_id).text
    first_line = text.split("\n", 1)[0].rstrip()
    _check(bool(first_line), "the first sample document starts with an empty line")
    change = ws.annotations.add(
        document_id, 0, len(first_line), SPAN_LABEL, author=SPAN_AUTHOR, note="added by --self-test"
    )
    span = change.added[0]
    _check(span.quote == first_line, "the stored quote differs from the text")
    ctx["span"] = (document_id, span.id, first_line)
    return f"added a '{SPAN_LABEL}' span of {len(first_line)} characters"


def _step_export(ctx: dict[str, Any]) -> str:
    import orjson

    ws = ctx["workspace"]
    out = Path(ctx["tmp"]) / "export.jsonl"
    report = ws.export_jsonl(out)
    lines = out.read_bytes().splitlines()
    expected = len(ctx["documents"])
    _check(
        len(lines) == report.documents == expected,
        f"{len(lines)} exported line(s), {report.documents} reported, expected {expected}",
    )
    document_id, span_id, quote = ctx["span"]
    found = None
    spans = 0
    for number, line in enumerate(lines, 1):
        record = orjson.loads(line)
        _check(record.get("schema") == SCHEMA, f"export line {number}: wrong schema")
        for span in record["spans"]:
            spans += 1
            got = record["text"][span["start"] : span["end"]]
            _check(got == span["text"], f"export line {number}: span {span['id']} quote differs")
            if span["id"] == span_id:
                found = (record["id"], span["label"], span["author"], span["text"])
    _check(
        found == (document_id, SPAN_LABEL, SPAN_AUTHOR, quote),
        f"the added span is missing or wrong in the export: {found}",
    )
    _check(spans == report.spans, f"{spans} span(s) in the file, {report.spans} reported")
    return f"exported {len(lines)} documents, {spans} span(s) ({out.stat().st_size} bytes)"


def _step_chart(ctx: dict[str, Any]) -> str:
    from .charts.figures import bar_chart
    from .charts.pivot import pivot
    from .charts.save import save_figure

    ws = ctx["workspace"]
    table = ws.analysis.stats(["outlet", "label"])
    rows = [{"outlet": r.keys[0], "label": r.keys[1], "spans": r.spans} for r in table.rows]
    categories, series = pivot(rows, "outlet", "label", "spans")
    _check(bool(categories), "the sample corpus gave no statistics")
    figure = bar_chart(categories, series, title="Spans per label, by outlet")
    sizes = []
    for name in ("chart.svg", "chart.png"):
        path = save_figure(figure, Path(ctx["tmp"]) / name)
        sizes.append(path.stat().st_size)
        _check(sizes[-1] > 1000, f"{path} is only {sizes[-1]} bytes")
    svg, png = sizes
    return f"spans of {len(categories)} outlets drawn as SVG ({svg} bytes) and PNG ({png} bytes)"


def _step_check(ctx: dict[str, Any]) -> str:
    from .services.integrity import check_database

    problems = check_database(ctx["workspace"].engine)
    _check(not problems, "; ".join(problems[:3]))
    return "schema matches the models; every span's quote matches its text"


def _step_backup(ctx: dict[str, Any]) -> str:
    from .storage import backups

    ws = ctx["workspace"]
    database = Path(ctx["tmp"]) / "self-test.sqlite3"
    made = backups.take_backup(database, backups.DAILY, folder=Path(ctx["tmp"]) / "backups")
    info = backups.inspect_backup(made.path)
    _check(info.good, f"{made.path}: the backup {info.problem}")
    spans = sum(len(ws.annotations.list(doc)) for doc in ctx["documents"])
    expected = (ws.documents.count(), spans)
    _check(
        (info.documents, info.spans) == expected,
        f"the backup holds {info.documents} documents and {info.spans} spans, not {expected}",
    )
    return f"backed up with SQLite's online backup API and checked ({made.size:,} bytes)"


STEPS: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
    ("bundled files", _step_bundled),
    ("database drivers", _step_drivers),
    ("create and migrate a database", _step_database),
    ("import the sample corpus", _step_import),
    ("add a span", _step_span),
    ("export JSONL", _step_export),
    ("draw a chart", _step_chart),
    ("check the database", _step_check),
    ("back up the database", _step_backup),
]


def run_self_test() -> int:
    """Run every step; 0 when all pass, 1 (with a message on standard error) otherwise."""
    from ._version import __version__

    started = time.perf_counter()
    kind = "standalone app" if _frozen() else "Python package"
    print(f"annotator {__version__} self-test ({kind}, Python {sys.version.split()[0]})")
    ctx: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="annotator-self-test-") as tmp:
        ctx["tmp"] = tmp
        try:
            for number, (name, step) in enumerate(STEPS, 1):
                try:
                    detail = step(ctx)
                except Exception as exc:
                    if not isinstance(exc, SelfTestError):
                        traceback.print_exc(file=sys.stderr)
                    print(
                        f"annotator: self-test FAILED at step {number}/{len(STEPS)} ({name}): "
                        f"{exc}",
                        file=sys.stderr,
                    )
                    return 1
                print(f"  {number}/{len(STEPS)} {name}: ok - {detail}", flush=True)
        finally:
            workspace = ctx.pop("workspace", None)
            if workspace is not None:
                workspace.close()  # before the folder goes (Windows keeps open files)
    print(f"self-test passed ({time.perf_counter() - started:.1f} s)")
    return 0
