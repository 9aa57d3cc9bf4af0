"""A small corpus that crosses every offset border: emoji (two UTF-16 units, with variation
selectors, skin tones and ZWJ sequences), combining marks, Armenian, CRLF and lone CR line
ends, overlapping and nested spans, spans across line breaks, notes, authors, attributes.
The texts are written for these tests."""

from __future__ import annotations

import os

import pytest

TEXTS = [
    (
        "Peace talks in Երևան 🕊️ stalled\r\n\r\n"
        "Officials 👍🏽 said 12 civilians died near Գյումրի; the ministry denied it.\r\n"
        "Cafe\u0301 owners 👨\u200d👩\u200d👧 reported damage.\r\n"
    ),
    "Ceasefire holds\n\nBoth sides said the truce held overnight.\rA lone CR ends this line.\n",
    "Untagged brief\n\nNothing here is annotated 🛰️.",
]


def _spans(text: str) -> list[tuple[int, int, str, dict]]:
    def at(quote: str, n: int = 1) -> int:
        pos = -1
        for _ in range(n):
            pos = text.index(quote, pos + 1)
        return pos

    if text.startswith("Peace"):
        erevan = at("Երևան")
        said = at("said")
        crlf = at("stalled")
        cafe = at("Cafe")
        family = at("👨")
        return [
            (erevan, erevan + 5, "claim", {"author": "ana", "note": "capital\nof Armenia"}),
            (erevan - 3, erevan + 8, "opinion", {}),  # overlaps and contains the first
            (crlf, crlf + 12, "statement", {"author": "Bo B"}),  # crosses the CRLF CRLF
            (said - 7, said + 4, "claim", {"attributes": {"figures": [12], "checked": True}}),
            (cafe, cafe + 5, "casualty_report", {"author": "ana"}),  # ends after the mark
            (family, family + 5, "opinion", {}),  # the ZWJ family, whole
        ]
    if text.startswith("Ceasefire"):
        cr = text.index("\r")
        return [
            (0, 9, "claim", {"author": "cy"}),
            (cr - 9, cr + 7, "statement", {"note": "crosses a lone CR"}),
            (0, len(text), "opinion", {}),  # the whole text, trailing newline included
        ]
    return []


@pytest.fixture
def corpus(workspace):
    """The workspace with the three documents and their spans."""
    for text in TEXTS:
        doc = workspace.add_document(text, outlet="Test Wire", language="en")
        for start, end, label, extra in _spans(text):
            workspace.annotations.add(doc, start, end, label, **extra)
    return workspace


@pytest.fixture
def fresh_url(request, tmp_path) -> str:
    """An empty database of the same kind as ``workspace``'s (SQLite or PostgreSQL)."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("db_url") == "postgresql":
        server = request.getfixturevalue("pg_server")
        name = f"fresh{os.getpid()}_{id(request.node) & 0xFFFFFF}"
        server.psql(f"CREATE DATABASE {name};")
        base, _, query = server.get_uri().partition("?")
        return f"{base.rsplit('/', 1)[0]}/{name}?{query}"
    return str(tmp_path / "fresh.sqlite3")
