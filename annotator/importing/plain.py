"""Plain text (``.txt``) and Markdown (``.md``) files to ``ParsedDocument``.

* Newlines are normalised to ``\\n``; the text is otherwise kept as written (Markdown is
  not rendered). Leading and trailing whitespace of the whole text (blank lines, spaces)
  is removed; nothing inside it changes.
* An optional front-matter block on the very first line, in ``.txt`` and ``.md`` alike::

      ---
      title: Ceasefire announced
      outlet: Example News
      published: 2020-11-10
      ---

  holds ``key: value`` lines (blank lines and ``#`` comments allowed; a value may be
  quoted). Keys title, outlet, author, url, language and published (or date, as
  ``YYYY-MM-DD``) fill the document's fields; any other key goes into ``meta``. The block
  is removed from the text. A block that has a line which is not ``key: value`` is not
  front matter and stays in the text (it may be a Markdown rule).
* Title: the front matter's title, else the first non-empty line (stripped; for Markdown
  without leading ``#`` marks, closing ``#`` marks and simple emphasis/code/link markup),
  cut to at most 200 characters at a word boundary. The title line stays in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from annotator.errors import ImportFileError
from annotator.importing.decode import decode_bytes, normalize_newlines
from annotator.importing.records import ParsedDocument
from annotator.interchange.fields import TEXT_FIELDS

__all__ = [
    "MAX_TITLE_CHARS",
    "clean_title",
    "parse_date",
    "parse_front_matter",
    "parse_plain",
    "parse_plain_text",
]

MAX_TITLE_CHARS = 200
_MARKUP_CHARS = 4000
_FRONT_MATTER_MAX_LINES = 100
_FIELD_KEYS = {"title", *TEXT_FIELDS}
_DATE_KEYS = ("published", "date")
_KEY_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_\-]*)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

_MD_RULE_CHARS = frozenset("-=*_ \t")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_MD_CLOSING = re.compile(r"\s+#+\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(
    r"(\*\*|\*|~~|`)(?=\S)(.+?)(?<=\S)\1"  # may sit inside a word
    r"|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)"  # underscores only at word edges
)


def parse_date(value: str) -> dt.date | None:
    """``YYYY-MM-DD`` (optionally followed by a time, which is ignored) to a date, else None."""
    m = _DATE.match(value.strip())
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_front_matter(text: str) -> tuple[dict[str, tuple[str, int]], str] | None:
    """Split a leading ``---`` block off ``text`` (newlines already normalised).

    Returns ``({key: (value, line_number)}, rest)`` with lower-cased keys and 1-based line
    numbers, or None when the text does not start with a well-formed block.
    """
    if not text.startswith("---"):
        return None
    lines = text.split("\n", _FRONT_MATTER_MAX_LINES + 2)
    if lines[0].rstrip() != "---":
        return None
    values: dict[str, tuple[str, int]] = {}
    for i in range(1, min(len(lines), _FRONT_MATTER_MAX_LINES + 2)):
        line = lines[i]
        stripped = line.strip()
        if stripped in ("---", "..."):
            return values, "\n".join(lines[i + 1 :])
        if not stripped or stripped.startswith("#"):
            continue
        m = _KEY_VALUE.match(stripped)
        if m is None:
            return None
        values[m[1].lower()] = (_unquote(m[2] or ""), i + 1)
    return None


def clean_title(line: str, *, markdown: bool = False) -> str:
    """A title from a text line: stripped, Markdown markup removed, at most 200 characters."""
    title = line.strip()
    if markdown:
        # a title keeps 200 characters: markup is read in the first few thousand only (the
        # emphasis pattern takes time growing with the square of the line's length)
        title = _MD_HEADING.sub("", title[:_MARKUP_CHARS])
        title = _MD_CLOSING.sub("", title)
        title = _MD_LINK.sub(r"\1", title)
        for _ in range(3):  # nested emphasis such as ***x***
            new = _MD_EMPHASIS.sub(lambda m: m[2] if m[1] else m[4], title)
            if new == title:
                break
            title = new
        title = title.strip()
    title = " ".join(title.split())
    if len(title) > MAX_TITLE_CHARS:
        cut = title[: MAX_TITLE_CHARS - 1]
        space = cut.rfind(" ")
        if space > MAX_TITLE_CHARS // 2:
            cut = cut[:space]
        title = cut.rstrip(" ,;:-") + "…"
    return title


def _first_line_title(text: str, markdown: bool) -> str:
    for line in text.split("\n", 50):
        if markdown and set(line) <= _MD_RULE_CHARS:
            continue  # a thematic break such as --- or ***
        title = clean_title(line, markdown=markdown)
        if title:
            return title
    return clean_title(" ".join(text.split()))


def parse_plain_text(
    text: str, source: str, *, markdown: bool = False, source_file: str | None = None
) -> ParsedDocument:
    """Build a document from decoded text (any newline convention)."""
    text = normalize_newlines(text)
    front: dict[str, tuple[str, int]] = {}
    fm = parse_front_matter(text)
    if fm is not None:
        front, text = fm
    text = text.strip()
    if not text:
        raise ImportFileError(
            source, "no text in the file" + (" after the front matter" if fm else "")
        )
    meta: dict[str, object] = {}
    if source_file is not None:
        meta["source_file"] = source_file
    doc = ParsedDocument(title="", text=text, source=source, meta=meta)
    for key, (value, line) in front.items():
        if key in _FIELD_KEYS:
            setattr(doc, key, value or None)
        elif key in _DATE_KEYS:
            if not value:
                continue
            date = parse_date(value)
            if date is None:
                raise ImportFileError(
                    source, f"front matter: {key} {value!r} is not a date (YYYY-MM-DD)", line
                )
            if key == "published" or doc.published is None:
                doc.published = date
        else:
            meta[key] = value
    if doc.title:
        doc.title = clean_title(doc.title)
    if not doc.title:
        doc.title = _first_line_title(text, markdown)
    return doc


def parse_plain(data: bytes, path: str | Path, *, markdown: bool | None = None) -> ParsedDocument:
    """Decode and parse a ``.txt``/``.md`` file's bytes. ``markdown`` defaults by suffix."""
    p = Path(path)
    if markdown is None:
        markdown = p.suffix.lower() in (".md", ".markdown")
    text = decode_bytes(data, str(path))
    return parse_plain_text(text, str(path), markdown=markdown, source_file=p.name)
