"""Fuzzing the span and link commands: random sequences of add, retag, move, edit, delete and
restore of spans, and of add, edit, delete and restore of links and link kinds, with offsets
inside, at and past the ends of texts full of emoji, combining marks and astral characters,
unknown and deleted ids, self links and duplicates. Properties:

* a command either works or raises an ``AnnotatorError``, and a refused command stores
  nothing (the database is the same, row for row);
* after any sequence, ``check_database`` finds nothing: every span quotes
  ``text[start:end]`` of its document, and no link points to a span that is gone.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.errors import AnnotatorError

from .helpers import Databases, assert_clean_error, assert_consistent, count, digest, fuzz
from .inputs import ATTRIBUTES, PIECES, offsets, texts

LABELS = ["claim", "opinion", "statement", "casualty_report", "nope", "", 1, 10**6]
KINDS = ["supports", "contradicts", "denies", "repeats", "cites", "nope", 1, 10**6, True]
NOTES = st.text(max_size=6) | st.sampled_from([*PIECES, "\ud800", "x" * 5000, None])
OPS = ["add", "add", "add", "retag", "move", "edit", "delete", "restore"]
OPS += ["link", "link", "unlink", "relink", "edit_link", "add_kind", "delete_kind"]


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    return Databases(tmp_path_factory.mktemp("spans"))


class Run:
    """The ids and records a sequence has seen, for the next commands to pick from."""

    def __init__(self, ws, docs: dict[str, str]) -> None:
        self.ws, self.docs = ws, docs
        self.spans: list[str] = ["unknown-id"]
        self.removed: list = []  # span and link records taken out (to restore)
        self.links: list[str] = ["unknown-link"]
        self.kinds: list = []

    def note(self, change) -> None:
        for record in change.added:
            self.spans.append(record.id)
        self.removed.extend(change.removed)
        self.removed.extend(change.links_removed)
        self.links.extend(link.id for link in change.links_added)
        self.kinds.extend(change.link_kinds_removed)

    def command(self, data, op: str):
        ws, draw = self.ws, data.draw
        span = draw(st.sampled_from(self.spans))
        if op == "add":
            doc = draw(st.sampled_from(sorted(self.docs)))
            n = len(self.docs[doc])
            start, end = draw(offsets(n)), draw(offsets(n))
            if isinstance(start, int) and 0 <= start < n and draw(st.booleans()):
                end = draw(st.integers(start + 1, n))
            label = draw(st.sampled_from(LABELS))
            attributes = draw(ATTRIBUTES)
            span_id = draw(st.sampled_from([None, None, span]))
            return ws.annotations.add(
                doc, start, end, label, note=draw(NOTES), attributes=attributes, id=span_id
            )
        if op == "retag":
            return ws.annotations.retag(span, draw(st.sampled_from(LABELS)))
        if op == "move":
            n = max(map(len, self.docs.values()))
            return ws.annotations.move(span, draw(offsets(n)), draw(offsets(n)))
        if op == "edit":
            what = draw(st.sampled_from(["note", "attributes", "author"]))
            value = draw(ATTRIBUTES if what == "attributes" else NOTES)
            version = draw(st.sampled_from([None, 1, 2]))
            return ws.annotations.edit(span, **{what: value}, expected_version=version)
        if op == "delete":
            return ws.annotations.delete(span)
        if op == "restore":
            if not self.removed:
                return None
            record = draw(st.sampled_from(self.removed))
            if hasattr(record, "quote"):
                return ws.annotations.restore(record)
            return ws.links.restore(record)
        if op == "link":
            target = draw(st.sampled_from(self.spans))
            return ws.links.add(span, target, draw(st.sampled_from(KINDS)), note=draw(NOTES))
        link = draw(st.sampled_from(self.links))
        if op == "unlink":
            return ws.links.delete(link)
        if op == "relink":
            return ws.links.edit(link, kind=draw(st.sampled_from(KINDS)))
        if op == "edit_link":
            return ws.links.edit(link, note=draw(NOTES))
        if op == "add_kind":
            if self.kinds and draw(st.booleans()):
                return ws.links.restore_kind(draw(st.sampled_from(self.kinds)))
            key = draw(st.sampled_from(["supports", "new", " ", "", "x" * 200]))
            return ws.links.add_kind(key, directed=draw(st.booleans()))
        return ws.links.delete_kind(draw(st.sampled_from(KINDS)))


@fuzz(0.8)
@given(data=st.data())
def test_span_and_link_commands(databases, data):
    count("spans")
    ws = databases.fresh()
    try:
        docs = {}
        for _ in range(data.draw(st.integers(1, 2))):
            text = data.draw(texts(min_size=1)) + "."
            docs[ws.add_document(text)] = text
        run = Run(ws, docs)
        for op in data.draw(st.lists(st.sampled_from(OPS), min_size=1, max_size=25)):
            before = digest(ws)
            try:
                change = run.command(data, op)
            except Exception as exc:  # the property: only clean errors
                assert_clean_error(exc)
                assert digest(ws) == before, f"a refused {op} stored something: {exc}"
                continue
            if change is not None:
                run.note(change)
        assert_consistent(ws)
    finally:
        Databases.drop(ws)


def test_a_refused_command_is_clean():
    """The property's own check fails on an error that is not the user's."""
    with pytest.raises(AssertionError):
        assert_clean_error(UnicodeEncodeError("utf-8", "x", 0, 1, "surrogates"))
    assert_clean_error(AnnotatorError("fine"))
