"""The matrix of the hostile-condition tests: each condition (how it is made, what the message
must say, whether the same edit works once it is gone) and each write path of the services."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from annotator import open_workspace

from .hostile_setup import LockHolder, Seeded, make_read_only, tmpfs

SHORT_BUSY_MS = 150  # the edit waits this long for the other program's lock, then gives up


class Condition:
    """``setup(db)`` before the workspace opens, ``arm()`` once it is open and read,
    ``recover()`` takes the condition away (None: it cannot be, within the test)."""

    name = ""
    expect = ""  # what the message must say
    recovers = True

    def __init__(self, stack: contextlib.ExitStack, tmp: Path, monkeypatch) -> None:
        self.stack, self.tmp, self.monkeypatch = stack, tmp, monkeypatch
        self.folder = tmp / "data"
        self.db = self.folder / "annotator.sqlite3"

    def place(self) -> None:
        """Where the database goes (before it is copied there)."""
        self.folder.mkdir(parents=True)

    def before_open(self) -> None:
        pass

    def arm(self) -> None:
        pass

    def recover(self) -> None:
        pass

    def open(self):
        ws = open_workspace(self.db, author="tester")
        self.stack.callback(ws.close)
        return ws


class Locked(Condition):
    name, expect = "locked", "locked by another program"

    def before_open(self) -> None:
        self.monkeypatch.setenv("ANNOTATOR_BUSY_TIMEOUT_MS", str(SHORT_BUSY_MS))

    def arm(self) -> None:
        self.holder = LockHolder(self.db, 60)
        self.stack.callback(self.holder.release)

    def recover(self) -> None:
        self.holder.release()


class ReadOnlyFile(Condition):
    name, expect, recovers = "ro_file", "read-only: the file is read-only", False

    def before_open(self) -> None:
        self.stack.callback(make_read_only(self.db))


class ReadOnlyFolder(Condition):
    name, expect, recovers = "ro_folder", "read-only: its folder", False

    def before_open(self) -> None:
        self.stack.callback(make_read_only(self.folder))


class ReadOnlyFileSystem(Condition):
    name, expect, recovers = "ro_fs", "read-only: it is on a read-only file system", False

    def place(self) -> None:
        self.folder = self.stack.enter_context(tmpfs("8m"))
        self.db = self.folder / "annotator.sqlite3"

    def before_open(self) -> None:
        os.system(f"mount -o remount,ro {self.folder}")


class FullDisk(Condition):
    """A real full disk: a tmpfs filled with a file until the last block is taken."""

    name, expect = "full", "the disk is full"

    def place(self) -> None:
        self.folder = self.stack.enter_context(tmpfs("8m"))
        self.db = self.folder / "annotator.sqlite3"

    def arm(self) -> None:
        self.filler = self.folder / "filler"
        with open(self.filler, "wb", buffering=0) as out, contextlib.suppress(OSError):
            while True:
                out.write(b"\0" * 4096)
                out.flush()

    def recover(self) -> None:
        self.filler.unlink()


class PageLimit(Condition):
    """SQLite's own limit, ``max_page_count`` at the current size: the same SQLITE_FULL as a
    full disk, on any machine, but only for edits that make the file grow."""

    name, expect = "page_limit", "the disk is full"

    def before_open(self) -> None:
        from annotator.storage import engine as engine_module

        real = engine_module._set_sqlite_pragmas
        self.limited = False

        def pragmas(dbapi_connection, record) -> None:
            real(dbapi_connection, record)
            if self.limited:
                pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
                dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        self.monkeypatch.setattr(engine_module, "_set_sqlite_pragmas", pragmas)

    def arm(self) -> None:
        self.limited = True
        self.ws.engine.dispose()  # the next connection gets the limit

    def recover(self) -> None:
        self.limited = False
        self.ws.engine.dispose()

    def open(self):
        self.ws = super().open()
        return self.ws


class FolderGone(Condition):
    """The folder is renamed away while the database is open (a sync tool, a careless mv)."""

    name, expect = "gone", "the database file is gone"

    def arm(self) -> None:
        self.moved = self.folder.with_name("moved-away")
        self.folder.rename(self.moved)

    def recover(self) -> None:
        self.moved.rename(self.folder)


class FolderDeleted(FolderGone):
    """The folder is deleted while the database is open: the edits would be lost with the
    file when the app closes; they are refused instead."""

    name, recovers = "deleted", False

    def arm(self) -> None:
        shutil.rmtree(self.folder)


CONDITIONS: dict[str, type[Condition]] = {
    c.name: c
    for c in (
        Locked,
        ReadOnlyFile,
        ReadOnlyFolder,
        ReadOnlyFileSystem,
        FullDisk,
        PageLimit,
        FolderGone,
        FolderDeleted,
    )
}


def _fields(ws, label: str, extra: dict) -> list[dict]:
    return [*ws.labels.get(label).fields.to_json(), extra]


WritePath = Callable[[object, Seeded], object]

# name -> the edit, through the services, as the GUI and the CLI make it
WRITE_PATHS: dict[str, WritePath] = {
    "span_add": lambda ws, s: ws.annotations.add(s.doc_b, 0, 11, "statement"),
    "span_retag": lambda ws, s: ws.annotations.retag(s.other, "opinion"),
    "span_move": lambda ws, s: ws.annotations.move(s.other, 70, 90),
    "span_delete": lambda ws, s: ws.annotations.delete(s.span),
    "span_note": lambda ws, s: ws.annotations.edit(s.span, note="checked twice"),
    "span_fields": lambda ws, s: ws.annotations.edit(
        s.span, attributes={"wounded": {"low": 4, "best": 5}, "who": "civilian"}
    ),
    "link_add": lambda ws, s: ws.links.add(s.other, s.span, "contradicts"),
    "link_edit": lambda ws, s: ws.links.edit(s.link, note="counts agree"),
    "link_delete": lambda ws, s: ws.links.delete(s.link),
    "link_kind_add": lambda ws, s: ws.links.add_kind("echoes", name="Echoes"),
    "link_kind_edit": lambda ws, s: ws.links.update_kind("cites", name="Quotes"),
    "link_kind_delete": lambda ws, s: ws.links.delete_kind("repeats"),
    "label_add": lambda ws, s: ws.labels.add("rumour", name="Rumour"),
    "label_edit": lambda ws, s: ws.labels.update("opinion", name="View"),
    "label_fields": lambda ws, s: ws.labels.update(
        "opinion", fields=_fields(ws, "opinion", {"name": "tone", "kind": "text"})
    ),
    "actor_add": lambda ws, s: ws.actors.add("Fire brigade", kind="organisation"),
    "actor_merge": lambda ws, s: ws.actors.merge(s.actor, s.twin),
    "actor_delete": lambda ws, s: ws.actors.delete(s.actor, unreference=True),
    "event_add": lambda ws, s: ws.events.add("Depot reopening"),
    "event_merge": lambda ws, s: ws.events.merge(s.event, s.event_twin),
    "event_delete": lambda ws, s: ws.events.delete(s.event_twin),
    "outlet_add": lambda ws, s: ws.outlets.add("Lake Times"),
    "outlet_rename": lambda ws, s: ws.outlets.rename("Hill Post", "Hill Post Daily"),
    "collection_add": lambda ws, s: ws.collections.add("Follow-ups"),
    "collection_assign": lambda ws, s: ws.collections.assign([s.doc_a, s.doc_b], "Depot"),
    "document_edit": lambda ws, s: ws.documents.update(s.doc_a, title="Depot fire (edited)"),
    "document_delete": lambda ws, s: ws.documents.delete(s.doc_b),
    "import_text": lambda ws, s: ws.import_paths([s.files["text"]]),
    "import_jsonl": lambda ws, s: ws.import_paths([s.files["jsonl"]]),
}

# the edits that make the file grow (the only ones ``max_page_count`` stops)
GROWING = {"import_text", "import_jsonl"}
