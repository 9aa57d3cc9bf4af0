"""Word counts: what the statistics divide by ("spans per 1,000 words")."""

from __future__ import annotations


def word_count(text: str) -> int:
    """The number of words of ``text``: runs of characters between whitespace (Unicode
    whitespace, as ``str.split`` sees it). Stored per document (``document.word_count``,
    migration 0009), computed on import and restore."""
    return len(text.split())
