"""Fuzzing whole imports into a database that holds documents, spans, an actor and links
already: one to three hostile files of any kind, with or without splitting and boilerplate
removal, and exports of the database (every importable format) mutated. Properties:

* the import either works or raises an ``AnnotatorError`` naming one of the files, and a
  failed import stores nothing (every row of the database is as it was);
* after a successful import ``check_database`` finds nothing, and importing the same files
  again stores no new document and no new span.
"""

from __future__ import annotations

import io
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .helpers import Databases, assert_clean_error, assert_consistent, count, digest, fuzz
from .inputs import files

SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".json"]
EXPORTS = {"jsonl": ".jsonl", "doccano": ".jsonl", "prodigy": ".jsonl", "labelstudio": ".json"}
_names = itertools.count()


def seed(ws) -> None:
    """Two documents with spans, field values, an actor and links, as users make them."""
    one = ws.add_document("Shelling near Երևան 🕊️\n\n12 civilians were killed, officials said.")
    two = ws.add_document("Officials denied that 12 civilians were killed in Ağdam.")
    actor = ws.actors.add("Side A", kind="state body").actors_added[0].id
    values = {"killed": {"low": None, "best": 12, "high": None}, "perpetrator": {"actor": actor}}
    a = ws.annotations.add(one, 24, 49, "casualty_report", attributes=values).added[0].id
    b = ws.annotations.add(two, 0, 18, "claim", note="denial").added[0].id
    c = ws.annotations.add(one, 0, 8, "statement").added[0].id
    ws.links.add(b, a, "denies", note="the same figure")
    ws.links.add(c, a, "repeats")


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    return Databases(tmp_path_factory.mktemp("imports"), seed)


@pytest.fixture(scope="module")
def exports(databases):
    """Each importable format's export of the seeded database (mutated by the examples)."""
    ws = databases.fresh()
    out = {}
    for fmt, suffix in EXPORTS.items():
        buf = io.BytesIO()
        ws.export(buf, format=fmt)
        out[fmt] = (suffix, buf.getvalue())
    Databases.drop(ws)
    return out


def mutate(data, raw: bytes) -> bytes:
    how = data.draw(st.sampled_from(["as is", "truncate", "insert", "delete", "swap"]))
    if how == "as is" or not raw:
        return raw
    at = data.draw(st.integers(0, len(raw) - 1))
    if how == "truncate":
        return raw[:at]
    if how == "insert":
        junk = data.draw(st.sampled_from([b"\xff", b"\\u0000", b'"', b"-1", b"[]"]))
        return raw[:at] + junk + raw[at:]
    if how == "delete":
        return raw[:at] + raw[at + data.draw(st.integers(1, 20)) :]
    old = data.draw(st.sampled_from([b'"claim"', b'"start": 0', b'"denies"', b'"best": 12']))
    new = data.draw(st.sampled_from([b'"a b"', b'"start": -1', b'"x"', b'"best": 1e3', b"null"]))
    return raw.replace(old, new)


def check_import(ws, paths, data) -> None:
    options = {"split": data.draw(st.booleans()), "strip_boilerplate": data.draw(st.booleans())}
    before = digest(ws)
    try:
        report = ws.import_paths(paths, **options)
    except Exception as exc:  # the property: only clean errors
        assert_clean_error(exc)
        assert any(str(p) in str(exc) for p in paths), f"names none of the files: {exc}"
        assert digest(ws) == before, f"a failed import stored something: {exc}"
        return
    assert_consistent(ws)
    again = ws.import_paths(paths, **options)
    assert (again.documents, again.spans) == (0, 0), (report, again)


@fuzz(0.8)
@given(data=st.data())
def test_import_hostile_files(databases, tmp_path_factory, data):
    count("import")
    ws = databases.fresh()
    folder = tmp_path_factory.getbasetemp()
    paths = []
    try:
        for suffix in data.draw(st.lists(st.sampled_from(SUFFIXES), min_size=1, max_size=3)):
            path = folder / f"imp{next(_names)}{suffix}"
            path.write_bytes(data.draw(files(suffix)))
            paths.append(path)
        check_import(ws, paths, data)
    finally:
        Databases.drop(ws)
        for path in paths:
            path.unlink()


@fuzz(0.8)
@given(data=st.data())
def test_import_mutated_exports(databases, exports, tmp_path_factory, data):
    count("import_exports")
    ws = databases.fresh()
    fmt = data.draw(st.sampled_from(sorted(exports)))
    suffix, raw = exports[fmt]
    path = tmp_path_factory.getbasetemp() / f"exp{next(_names)}{suffix}"
    path.write_bytes(mutate(data, raw))
    try:
        check_import(ws, [path], data)
    finally:
        Databases.drop(ws)
        path.unlink()
