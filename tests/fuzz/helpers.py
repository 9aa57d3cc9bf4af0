"""Shared by the fuzz tests: the profile, case counting, databases copied from a template,
and the checks every target makes (no exception but a clean one, nothing stored on failure)."""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

from hypothesis import settings

from annotator import open_workspace
from annotator.errors import AnnotatorError, ImportFileError
from annotator.services.integrity import check_database

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fuzz-ci")
CASES: Counter[str] = Counter()  # target -> cases run (written out by conftest)
_serial = itertools.count()


def fuzz(weight: float = 1.0):
    """The settings of one fuzz test: the profile's examples times ``weight``."""
    base = settings.get_profile(PROFILE if PROFILE in ("fuzz-ci", "stress") else "fuzz-ci")
    return settings(base, max_examples=max(5, int(base.max_examples * weight)))


def count(target: str) -> None:
    CASES[target] += 1


class Databases:
    """Fresh SQLite databases for one example each, copied from one migrated template (a copy
    and an open cost a few milliseconds; creating and migrating one costs 0.2 s)."""

    def __init__(self, folder: Path, setup=None) -> None:
        self.folder = folder
        self.template = folder / "template.sqlite3"
        ws = open_workspace(str(self.template), author=None, backup=False)
        if setup is not None:
            setup(ws)
        ws.close()

    def fresh(self):
        path = self.folder / f"db{next(_serial)}.sqlite3"
        shutil.copyfile(self.template, path)
        return open_workspace(str(path), author="fuzz", backup=False)

    @staticmethod
    def drop(ws) -> None:
        path = Path(ws.url.database)
        ws.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def digest(ws) -> str:
    """Every row of every table of an SQLite workspace, as one hash."""
    conn = sqlite3.connect(ws.url.database)
    try:
        h = hashlib.sha256()
        for line in conn.iterdump():
            h.update(line.encode("utf-8", "surrogatepass"))
        return h.hexdigest()
    finally:
        conn.close()


def assert_clean_error(exc: BaseException, path: Path | None = None) -> None:
    """An error the user can act on: an AnnotatorError naming the file it is about."""
    assert isinstance(exc, AnnotatorError), f"not a clean error: {exc!r}"
    if path is not None:
        assert str(path) in str(exc), f"the error does not name {path}: {exc}"
        if isinstance(exc, ImportFileError):
            assert exc.path == str(path), exc


def assert_consistent(ws) -> None:
    """check_database finds nothing: the schema is the app's, SQLite's integrity check passes
    and every span quotes ``text[start:end]`` of its document."""
    assert check_database(ws.engine) == []
