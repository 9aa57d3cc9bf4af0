"""What the hostile-condition tests share: a seeded database, a dump of every table, and the
conditions themselves, each made for real where this machine allows it:

- ``locked``: a second process holds ``BEGIN IMMEDIATE`` (the busy timeout is made short);
- ``ro_file`` / ``ro_folder``: chmod, or (as root, where chmod stops nothing) ``chattr +i``;
- ``ro_fs``: the database on a tmpfs remounted read-only (root only);
- ``full``: the database on a small tmpfs filled to the last block (root only), else SQLite's
  ``max_page_count`` at the current size;
- ``gone``: the database's folder renamed away while the workspace is open.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import pytest

from annotator import open_workspace

TEXT_A = (
    "Depot fire in Korvel\n\n"
    "The regional office said 4 workers were hurt when the depot burned.\n"
    "A spokesman denied that the fire was set on purpose.\n"
)
TEXT_B = (
    "Korvel depot: the day after\n\n"
    "Witnesses told reporters that 4 people were taken to hospital.\n"
)
TEXT_NEW = "River ferry resumes\n\nThe ferry between the two banks runs again from Monday.\n" + (
    "Timetables are posted at both landings and on the town board.\n" * 600
)  # long enough to need new pages: what max_page_count stops

HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


def at(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


@dataclass
class Seeded:
    doc_a: str = ""
    doc_b: str = ""
    span: str = ""  # a casualty report in A, with fields and a note
    other: str = ""  # a claim in A
    link: str = ""
    actor: str = ""
    twin: str = ""  # an actor to merge into ``actor``
    event: str = ""
    event_twin: str = ""
    files: dict[str, Path] = field(default_factory=dict)  # files to import


def seed(path: Path) -> Seeded:
    """A database with something of everything the write paths touch."""
    ids = Seeded()
    with open_workspace(path, author="tester") as ws:
        ids.actor = ws.actors.add("Regional office", kind="state body").actors_added[0].id
        ids.twin = ws.actors.add("Regional press office", kind="state body").actors_added[0].id
        ids.event = ws.events.add("Korvel depot fire", date="2031-05-02").events_added[0].id
        ids.event_twin = ws.events.add("Fire at Korvel").events_added[0].id
        ids.doc_a = ws.add_document(TEXT_A, outlet="Valley Wire", language="en")
        ids.doc_b = ws.add_document(TEXT_B, outlet="Hill Post", language="en")
        start, end = at(TEXT_A, "4 workers were hurt")
        ids.span = (
            ws.annotations.add(
                ids.doc_a,
                start,
                end,
                "casualty_report",
                note="first report",
                attributes={"wounded": {"best": 4}, "side_affected": {"actor": ids.actor}},
            )
            .added[0]
            .id
        )
        start, end = at(TEXT_A, "denied that the fire was set on purpose")
        ids.other = ws.annotations.add(ids.doc_a, start, end, "claim").added[0].id
        start, end = at(TEXT_B, "4 people were taken to hospital")
        in_b = ws.annotations.add(ids.doc_b, start, end, "casualty_report").added[0].id
        ids.link = ws.links.add(ids.span, in_b, "supports", note="same count").links_added[0].id
        ws.collections.add("Depot")
    return ids


def write_import_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / "ferry.txt"
    text.write_text(TEXT_NEW, encoding="utf-8")
    start, end = at(TEXT_NEW, "ferry between the two banks")
    record = {
        "schema": "annotator.v1",
        "id": "jsonl-doc",
        "title": "Ferry (JSONL)",
        "text": TEXT_NEW + "Imported as JSONL.\n",
        "meta": {"outlet": "River News"},
        "spans": [{"start": start, "end": end, "label": "statement", "note": "from a file"}],
    }
    jsonl = folder / "ferry.jsonl"
    jsonl.write_bytes(orjson.dumps(record) + b"\n")
    return {"text": text, "jsonl": jsonl}


def dump(ws) -> dict[str, list]:
    """Every row of every table (the search index's too), through the workspace's own engine:
    what the database holds as this workspace sees it."""
    out: dict[str, list] = {}
    with ws.engine.connect() as conn:
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).scalars()
        for name in list(names):
            rows = conn.exec_driver_sql(f'SELECT * FROM "{name}"').all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def reads(ws, ids: Seeded) -> tuple:
    """What the app shows: the library, the spans of a document, its links, a search."""
    return (
        [(d.id, d.title) for d in ws.documents.list()],
        [(s.id, s.start, s.end, s.label, s.note) for s in ws.annotations.list(ids.doc_a)],
        [link.id for link in ws.links.list()],
        [h.document_id for h in ws.search.search("depot").hits],
    )


def is_root() -> bool:
    return os.geteuid() == 0


def _run(*cmd: str) -> bool:
    return subprocess.run(cmd, capture_output=True).returncode == 0


@contextlib.contextmanager
def tmpfs(size: str):
    """A fresh tmpfs of ``size`` (root only; skips where it cannot be mounted)."""
    if not is_root():
        pytest.skip("mounting a small file system needs root")
    mount = Path(f"/tmp/annotator-hostile-{uuid.uuid4().hex[:8]}")
    mount.mkdir()
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)):
        mount.rmdir()
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        _run("umount", "-l", str(mount))
        mount.rmdir()


def make_read_only(path: Path) -> callable:
    """Make ``path`` (file or folder) read-only for this process; returns the undo. chmod for
    an ordinary user; ``chattr +i`` as root, whom chmod does not stop."""
    if not is_root():
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        return lambda: path.chmod(mode)
    if not _run("chattr", "+i", str(path)):
        pytest.skip("running as root and chattr +i is not supported here")
    return lambda: _run("chattr", "-i", str(path))


class LockHolder:
    """Another program holding the write lock: ``python -c`` with sqlite3, BEGIN IMMEDIATE."""

    def __init__(self, db: Path, seconds: float) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db), str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.proc.stdout.readline().strip()
        assert line == "held", f"the lock holder did not start: {line!r}"

    def release(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()  # the OS drops its locks with the process
        self.proc.wait(10)
        self.proc.stdout.close()


def copy_database(template: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, dest)
    return dest
