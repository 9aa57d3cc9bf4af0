"""Words of a text as search sees them: case and diacritics folded, with code-point offsets.

One folding for every backend, mirrored in the database: SQLite's FTS5 tokenizer
``unicode61 remove_diacritics 2`` and PostgreSQL's ``annotator_search_fold`` (migration 0008:
``lower``, NFD, combining marks U+0300–U+036F dropped, every run of other non-alphanumerics a
space). A word is a run of letters and digits (``_`` and punctuation separate words), so
"Vardanë's" is the words ``vardane`` and ``s``. The database finds candidate rows; the offsets
(FTS5 gives none in code points) and the final yes/no come from here, so both backends give
the same hits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# letters and digits, with combining marks kept inside a word (decomposed input)
WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_MARKS = re.compile(r"[\u0300-\u036f]+")
SNIPPET_BEFORE, SNIPPET_AFTER = 24, 60  # characters of context before and after a hit


def fold(text: str) -> str:
    """``text`` decomposed (NFD), without its combining diacritics, lower-cased."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).lower()


@lru_cache(maxsize=256)
def phrase_pattern(words: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
    """Folded ``words`` as whole words in a row (anything but letters and digits between
    them), the last a prefix if ``prefix``: matched against a folded text."""
    body = r"[\W_]+".join(re.escape(w) for w in words)
    return re.compile(r"(?<![^\W_])" + body + (r"[^\W_]*" if prefix else "") + r"(?![^\W_])")


def folded_words(text: str) -> list[str]:
    """The folded words of ``text``, in order (a query word or phrase)."""
    return [fold(m.group()) for m in WORD.finditer(text)]


@dataclass(frozen=True)
class Folded:
    """A text folded for matching, and the way back to the original's code points."""

    text: str
    origin: list[int] | None = None  # folded offset -> original offset; None: the same

    @classmethod
    def of(cls, text: str) -> Folded:
        whole = fold(text)
        if len(whole) == len(text) and (text.isascii() or not _MARKS.search(text)):
            # the usual case: each character folds to one (a letter with its accents to
            # the letter), so offsets carry over
            return cls(whole)
        origin: list[int] = []  # combining marks of their own, or a letter folding to two
        for i, ch in enumerate(text):
            origin += [i] * len(fold(ch))
        origin.append(len(text))
        return cls(whole, origin)

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original text's [start, end) of the folded text's [start, end)."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end]  # (a word's own marks included)


def snippet(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Keyword in context: ``text[start:end]`` with a little text before it and more after
    (cut at a space where there is one), on one line, so that a narrow list shows the hit.
    Returns the line and where the hit is in it."""
    left = max(0, start - SNIPPET_BEFORE)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    right = min(len(text), end + SNIPPET_AFTER)
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    head = "…" if left > 0 else ""
    tail = "…" if right < len(text) else ""
    line = head + text[left:right] + tail
    line = line.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    at = len(head) + start - left
    return line, at, at + end - start
