"""The crash verifier, shared by ``test_crash.py`` and ``benchmarks/bench_crash.py``.

``crash_child.py`` edits a database through the services and writes two lines a command:

* ``{"intent": N, "op": ...}`` before it calls the service (flushed), and
* ``{"ack": N, "op": ..., "versions": {span id: version}}`` after the call returned, i.e.
  after the commit (the versions the service reported for the spans it added or changed).

The verifier replays the acknowledged lines of one run over the state the database had
before that run (``apply``) and compares the result with the reopened database
(``read_state``), record by record: documents (by sha256), actors, events, spans (document,
offsets, label, note, field values, version) and links (ends, kind, note).

The rule for the moment of the kill. The child runs one command at a time, so at most one
command is in flight: the last ``intent`` line without its ``ack``. Killed before that
command's commit, the database holds exactly the acknowledged state; killed after its commit
but before the ``ack`` line was written, it holds the acknowledged state plus that one command
(all of it: a batch is one transaction, so never a part). So the database must equal one of
these two states, nothing else; an ``ack`` without an ``intent`` first, or an ``intent``
after one still unanswered, is a broken log. A line cut short by the kill (no newline) is
dropped: a cut ``intent`` means the call never started, a cut ``ack`` leaves its command in
flight, and both cases are covered by the rule.

``lost`` counts the records that differ from the nearer of the two states: an acknowledged
span, link, document, actor or event missing or not as acknowledged, or one there that the
acknowledged lines deleted or never made. Besides, every reopened database must pass
``PRAGMA integrity_check``, ``PRAGMA foreign_key_check``, FTS5's ``integrity-check`` of the
search index, ``annotator.services.integrity.check_database`` and sha256(text) == sha256.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from annotator import open_workspace
from annotator.services.integrity import check_database
from annotator.storage.models import Actor, Annotation, Document, Event, Label, LinkKind, SpanLink

SECTIONS = ("docs", "actors", "events", "spans", "links")
# a span in the model (the columns read_state reads, in this order)
SPAN_FIELDS = ("doc", "start", "end", "label", "note", "attributes", "version")
CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 60.0
DELAY_S = (0.2, 1.5)  # a kill comes this long after the child said it is ready...
OPENING_EVERY = 5  # ... but every fifth this long after it began to open the database, so it
OPENING_DELAY_S = (0.0, 0.8)  # lands while it creates or opens it, or during its setup
SEARCH_TABLES = ("search_document", "search_span")  # FTS5 tables of migration 0008


class BrokenLog(Exception):
    """The child's lines contradict themselves or the state they start from."""


def empty_state() -> dict[str, dict]:
    return {name: {} for name in SECTIONS}


# -- the model: what each acknowledged command does ---------------------------------------
def apply(state: dict[str, dict], op: dict[str, Any]) -> None:
    """Do ``op`` to ``state`` as the service does it to the database (in place)."""
    kind = op["op"]
    spans, links = state["spans"], state["links"]
    if kind == "batch":
        for sub in op["ops"]:
            apply(state, sub)
    elif kind == "doc":
        state["docs"][op["sha256"]] = op["title"]
    elif kind == "actor":
        state["actors"][op["name"]] = op["kind"]
    elif kind == "event":
        state["events"][op["name"]] = op["place"]
    elif kind in ("add", "restore"):
        if op["id"] in spans:
            raise BrokenLog(f"{kind} of span {op['id']}, which is there already")
        spans[op["id"]] = {**{f: op[f] for f in SPAN_FIELDS[:-1]}, "version": 1}
    elif kind in ("retag", "move", "note", "fields", "delete"):
        span = spans.get(op["id"])
        if span is None:
            raise BrokenLog(f"{kind} of span {op['id']}, which is not there")
        if span["version"] != op["version"]:
            raise BrokenLog(f"{kind} of span {op['id']} at version {op['version']}, not {span}")
        if kind == "delete":
            del spans[op["id"]]
            for link_id in [k for k, v in links.items() if op["id"] in (v["source"], v["target"])]:
                del links[link_id]  # ON DELETE CASCADE
            return
        changes = {
            "retag": ("label",),
            "move": ("start", "end"),
            "note": ("note",),
            "fields": ("attributes",),
        }[kind]
        span.update({name: op[name] for name in changes})
        span["version"] += 1  # the child never sends a command that changes nothing
    elif kind == "link":
        for end in (op["source"], op["target"]):
            if end not in spans:
                raise BrokenLog(f"link {op['id']} to span {end}, which is not there")
        links[op["id"]] = {
            "source": op["source"],
            "target": op["target"],
            "kind": op["kind"],
            "note": op["note"],
        }
    elif kind in ("unlink", "link_note"):
        if op["id"] not in links:
            raise BrokenLog(f"{kind} of link {op['id']}, which is not there")
        if kind == "unlink":
            del links[op["id"]]
        else:
            links[op["id"]]["note"] = op["note"]
    else:
        raise BrokenLog(f"unknown op {kind!r}")


# -- the database -------------------------------------------------------------------------
def read_state(engine) -> dict[str, dict]:
    """The database's records in the model's shape (plain SQLAlchemy, not the services)."""
    state = empty_state()
    with engine.connect() as conn:
        state["docs"] = dict(conn.execute(select(Document.sha256, Document.title)).all())
        state["actors"] = dict(conn.execute(select(Actor.name, Actor.kind)).all())
        state["events"] = dict(conn.execute(select(Event.name, Event.place)).all())
        rows = conn.execute(
            select(
                Annotation.id,
                Annotation.document_id,
                Annotation.start,
                Annotation.end,
                Label.key,
                Annotation.note,
                Annotation.attributes,
                Annotation.version,
            ).join(Label, Label.id == Annotation.label_id)
        )
        for span_id, *values in rows:
            state["spans"][span_id] = dict(zip(SPAN_FIELDS, values, strict=True))
        rows = conn.execute(
            select(
                SpanLink.id, SpanLink.source_id, SpanLink.target_id, LinkKind.key, SpanLink.note
            ).join(LinkKind, LinkKind.id == SpanLink.kind_id)
        )
        for link_id, source, target, kind, note in rows:
            state["links"][link_id] = {
                "source": source,
                "target": target,
                "kind": kind,
                "note": note,
            }
    return state


def integrity_problems(engine) -> list[str]:
    """Everything wrong with the database file itself, whatever the child did."""
    problems = list(check_database(engine))  # schema drift, PRAGMA integrity_check, quotes
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            orphans = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            problems.extend(f"foreign key broken: {tuple(row)}" for row in orphans)
            for table in SEARCH_TABLES:
                try:
                    conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('integrity-check')"))
                except Exception as exc:  # SQLITE_CORRUPT_VTAB: the index differs
                    problems.append(f"search index {table}: {exc}")
            conn.rollback()
        for doc_id, sha, body in conn.execute(select(Document.id, Document.sha256, Document.text)):
            if hashlib.sha256(body.encode("utf-8")).hexdigest() != sha:
                problems.append(f"document {doc_id}: sha256 differs from its text")
    return problems


# -- one run's lines ----------------------------------------------------------------------
def parse_log(raw: str) -> tuple[list[dict], dict | None]:
    """(the acknowledged lines in order, the op in flight or None) from one run's output."""
    lines = raw.split("\n")
    lines.pop()  # after the last newline: empty, or a line the kill cut short
    acked: list[dict] = []
    pending: tuple[int, dict] | None = None
    for number, line in enumerate(lines, 1):
        entry = json.loads(line)
        if "intent" in entry:
            if pending is not None:
                raise BrokenLog(f"line {number}: intent {entry['intent']} before ack {pending[0]}")
            pending = (entry["intent"], entry["op"])
        elif "ack" in entry:
            if pending is None or pending[0] != entry["ack"]:
                raise BrokenLog(f"line {number}: ack {entry['ack']} without its intent")
            if entry["op"] != pending[1]:
                raise BrokenLog(f"line {number}: ack {entry['ack']} differs from its intent")
            acked.append(entry)
            pending = None
    return acked, (pending[1] if pending else None)


def differences(expected: dict[str, dict], actual: dict[str, dict]) -> list[str]:
    """One line per record (document, actor, event, span, link) that is not as expected."""
    out = []
    for section in SECTIONS:
        want, have = expected[section], actual[section]
        for key in sorted(want.keys() | have.keys()):
            if want.get(key) != have.get(key):
                out.append(f"{section} {key}: expected {want.get(key)}, found {have.get(key)}")
    return out


@dataclass
class Verdict:
    state: dict[str, dict]  # the reopened database's state: the next run starts from it
    acknowledged: int  # commits acknowledged in this run (a batch is one)
    lost: list[str] = field(default_factory=list)
    integrity: list[str] = field(default_factory=list)
    in_flight: str = "none"  # none | not committed | committed

    @property
    def ok(self) -> bool:
        return not self.lost and not self.integrity


def verify(db: str | Path, raw: str, before: dict[str, dict] | None = None) -> Verdict:
    """Check the database at ``db`` after a run whose output was ``raw``, which started
    from state ``before`` (an empty database when None)."""
    acked, pending = parse_log(raw)
    expected = copy.deepcopy(before) if before is not None else empty_state()
    for entry in acked:
        apply(expected, entry["op"])
        for span_id, version in entry["versions"].items():
            if expected["spans"].get(span_id, {}).get("version") != version:
                raise BrokenLog(f"ack {entry['ack']}: span {span_id} at version {version}")
    candidates = [("not committed", expected)]
    if pending is not None:
        with_pending = copy.deepcopy(expected)
        apply(with_pending, pending)
        candidates.append(("committed", with_pending))
    with open_workspace(db, author=None) as ws:
        actual = read_state(ws.engine)
        integrity = integrity_problems(ws.engine)
    ranked = sorted(
        ((differences(want, actual), name) for name, want in candidates), key=lambda c: len(c[0])
    )
    lost, name = ranked[0]
    return Verdict(
        state=actual,
        acknowledged=len(acked),
        lost=lost,
        integrity=integrity,
        in_flight=name if pending is not None else "none",
    )


# -- killing the child ------------------------------------------------------------------
class ChildFailed(Exception):
    """The child stopped on its own (an error) or never got ready."""


def kill_once(db: Path, seed: int, delay: float, folder: Path, *, after: str = "ready") -> str:
    """Run the child on ``db`` and SIGKILL it ``delay`` seconds after it printed the line
    ``{after: ...}`` ("opening": before it opens the database; "ready": when it starts its
    edits); returns its output."""
    out_path, err_path = folder / f"child-{seed}.out", folder / f"child-{seed}.err"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), str(seed)], stdout=out, stderr=err, env=env
        )
    try:
        marker, deadline = f'{{"{after}": '.encode(), time.monotonic() + READY_TIMEOUT_S
        while marker not in out_path.read_bytes():
            if proc.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(0.005)
        time.sleep(delay)
        if proc.poll() is not None:
            raise ChildFailed(
                f"child (seed {seed}) ended by itself with status {proc.returncode}: "
                + err_path.read_text(errors="replace")[-2000:]
            )
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return out_path.read_text(encoding="utf-8")


def kill_series(db: Path, kills: int, seed: int, folder: Path) -> Iterator[tuple[Verdict, float]]:
    """``kills`` runs of the child on one database, each killed at a random moment and
    verified; yields each run's verdict and the seconds it took. The next run starts from
    the state the database was found in."""
    rng = random.Random(seed)
    state = None
    for k in range(kills):
        started = time.perf_counter()
        opening = k % OPENING_EVERY == 0
        delay = rng.uniform(*(OPENING_DELAY_S if opening else DELAY_S))
        raw = kill_once(db, seed * 1000 + k, delay, folder, after="opening" if opening else "ready")
        verdict = verify(db, raw, state)
        state = verdict.state
        yield verdict, time.perf_counter() - started
