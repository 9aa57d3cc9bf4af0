"""Crash safety: a child process editing through the services is SIGKILLed at random moments;
the reopened database holds every acknowledged change and passes every integrity check
(the rule is in ``crash_check``). ``benchmarks/bench_crash.py`` does the same 100 times."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import text

from annotator.storage.engine import make_engine

from .crash_check import CHILD, ROOT, BrokenLog, kill_series, parse_log, verify

KILLS = 5


def test_every_acknowledged_change_survives_sigkill(tmp_path):
    db = tmp_path / "crash.sqlite3"
    acknowledged = 0
    for n, (verdict, _) in enumerate(kill_series(db, KILLS, seed=13, folder=tmp_path), 1):
        assert verdict.lost == [], f"kill {n}: acknowledged changes lost"
        assert verdict.integrity == [], f"kill {n}: the database is damaged"
        acknowledged += verdict.acknowledged
    assert acknowledged > 20, "the child hardly edited anything before its kills"
    assert len(verdict.state["docs"]) == 2 and verdict.state["spans"]


# -- the verifier can fail ----------------------------------------------------------------
@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    """A child run to its end (80 commands, no kill): its database and its output."""
    folder = tmp_path_factory.mktemp("finished")
    db = folder / "run.sqlite3"
    done = subprocess.run(
        [sys.executable, str(CHILD), str(db), "7", "--ops", "80"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return db, done.stdout


@pytest.fixture
def run(finished_run, tmp_path):
    db, raw = finished_run
    copy = tmp_path / "run.sqlite3"
    shutil.copy(db, copy)
    return copy, raw


def _sql(db, statement: str, **params) -> None:
    engine = make_engine(str(db))
    with engine.begin() as conn:
        conn.execute(text(statement), params)
    engine.dispose()


def _lines(raw: str) -> list[str]:
    return raw.splitlines(keepends=True)


def test_a_finished_run_verifies_clean(run):
    db, raw = run
    verdict = verify(db, raw)
    assert verdict.ok and verdict.in_flight == "none"
    assert verdict.acknowledged == 80 + 2 + 4 + 2  # edits, documents, actors, events


def test_a_span_deleted_behind_the_childs_back_is_reported_lost(run):
    db, raw = run
    span_id = sorted(verify(db, raw).state["spans"])[0]
    _sql(db, "DELETE FROM annotation WHERE id = :id", id=span_id)
    verdict = verify(db, raw)
    assert any(line.startswith(f"spans {span_id}: expected {{") for line in verdict.lost)
    assert not verdict.ok


def test_an_edit_undone_behind_the_childs_back_is_reported_lost(run):
    db, raw = run
    span_id = sorted(verify(db, raw).state["spans"])[-1]
    _sql(db, "UPDATE annotation SET note = 'changed elsewhere' WHERE id = :id", id=span_id)
    lost = verify(db, raw).lost
    assert len(lost) == 1 and "changed elsewhere" in lost[0]


def test_a_committed_change_without_its_ack_is_the_one_allowed_extra(run):
    db, raw = run
    lines = _lines(raw)
    assert '"ack"' in lines[-1]
    cut_ack = "".join(lines[:-1])  # killed after the commit, before the ack was written
    verdict = verify(db, cut_ack)
    assert verdict.ok and verdict.in_flight == "committed"
    half_ack = cut_ack + lines[-1][:20]  # ... or while it was being written
    assert verify(db, half_ack).in_flight == "committed"
    # without its intent the same change is one the log never announced: not allowed
    verdict = verify(db, "".join(lines[:-2]))
    assert verdict.lost and verdict.in_flight == "none"


def test_an_intent_whose_commit_never_came_leaves_the_acknowledged_state(run):
    db, raw = run
    span_id, span = sorted(verify(db, raw).state["spans"].items())[0]
    op = {"op": "note", "id": span_id, "version": span["version"], "note": "never saved"}
    verdict = verify(db, raw + json.dumps({"intent": 10**6, "op": op}) + "\n")
    assert verdict.ok and verdict.in_flight == "not committed"


def test_a_log_that_contradicts_itself_is_refused(run):
    _, raw = run
    lines = _lines(raw)
    with pytest.raises(BrokenLog, match="without its intent"):
        parse_log("".join(lines[:-2]) + lines[-1])
    with pytest.raises(BrokenLog, match="before ack"):
        parse_log("".join(lines[:-1]) + lines[-2])


def test_a_damaged_quote_is_an_integrity_failure(run):
    db, raw = run
    span_id = sorted(verify(db, raw).state["spans"])[0]
    _sql(db, "UPDATE annotation SET quote = 'not the text' WHERE id = :id", id=span_id)
    verdict = verify(db, raw)
    assert any("quote differs" in p for p in verdict.integrity)
