"""Words for people, shared by the CLI, the services' messages and the GUI."""

from __future__ import annotations


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``counted(1, "span")`` → "1 span"; ``counted(1200, "span")`` → "1,200 spans"."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"
