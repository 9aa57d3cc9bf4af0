"""Split an archive or listing page that holds several articles into one document each.

The heuristic looks for article *starts* backed by strong evidence, never by a
headline-looking line alone (articles have sub-headings and "related" lists):

1. **Byline**: a headline line followed (as the next or the second-next non-blank line) by
   a byline: a short line "By Name" / "By: Name" / "by Name" (Name starting with a capital,
   at most 8 words), or a line (such as a teaser) that *ends* with
   "By Name -Month day, year", where digits glued to the year (a view counter) are
   ignored.
2. **Footer**: a blog footer line "Posted in Cat1, Cat2 ... Comments Off on <Title>" (also
   "Filed under", "Leave a comment on", "N Comments on"; without the "... on <Title>"
   part only when at most 150 characters long and not ending like a sentence). It closes
   an article: the line whose text equals <Title> above it starts that article, and the
   first non-blank line after the footer starts the next article when it looks like a
   headline and that article is backed too (a byline, a footer of its own, or at least
   500 characters of body).

A headline line is short (at most 200 characters, 2 to 30 words), does not end with
``.``, ``,``, ``;`` or ``:``, does not start with a bullet or bracket, starts with a
capital (or a character without case), and has a blank line (or the document's edge)
before and after it.

An article runs from its headline to the next article's headline, or to its footer (the
footer line is dropped; so is text between a footer and the next article, such as a
site's links after the last article). Text before the first article is dropped when it is
short (at most 300 characters, e.g. "Archive | Region"); a longer lead-in means the page is
probably one article with a list attached, and nothing is split. Articles with less than
80 characters below the headline are not counted. Fewer than two articles: the document
is returned unchanged, as ``[doc]``. A document that already has spans is never split.

Each article becomes a document titled by its headline, with the text from its headline
on, ``source`` "<source>#<n>", the original's outlet, language and meta plus
``{"split_from": <original title>, "part": n}``; a byline's name goes to ``meta["byline"]``
and its date, when it has one, to ``published``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from annotator.importing.plain import clean_title
from annotator.importing.records import ParsedDocument

__all__ = ["split_archive"]

MAX_HEADLINE_CHARS = 200
MAX_PREAMBLE_CHARS = 300
MIN_BODY_CHARS = 80
MIN_UNBACKED_BODY_CHARS = 500
MAX_BARE_FOOTER_CHARS = 150

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATED_BYLINE = re.compile(
    rf"(?:^|[^\w])[Bb][Yy]\s*:?\s+(?P<name>\S.{{0,60}}?)(?:\s+on\s+|\s*[-–—|,·•]\s*)"
    rf"(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\d*\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:[Bb]y|BY)\s*:?\s+(?P<name>\S.*)$")
_FOOTER = re.compile(
    r"^(?:Posted|Filed)\s+(?:in|under)\s+.{1,300}?"
    r"(?:(?:Comments?\s+Off|Leave\s+a\s+[Cc]omment|\d+\s+[Cc]omments?)\s+on\s*(?P<title>\S.{0,300}))?$"
)
_BAD_HEADLINE_START = tuple("-–—•*·[(<>|#=_/\\")


@dataclass(slots=True)
class _Byline:
    name: str
    published: dt.date | None


@dataclass(slots=True)
class _Start:
    line: int
    backed: bool
    byline: _Byline | None = None


def _date(month: str, day: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), _MONTHS[month.lower()], int(day))
    except (KeyError, ValueError):
        return None


def _name_ok(name: str) -> bool:
    name = name.strip()
    if not name or len(name.split()) > 8 or name.endswith((".", ",", ";", ":")):
        return False
    first = name[0]
    return not (first.isalpha() and first.lower() != first.upper() and not first.isupper())


def _byline(line: str) -> _Byline | None:
    """A byline at the end of ``line`` (stripped): "By X", or "... By X - Month d, yyyy"."""
    m = _DATED_BYLINE.search(line)
    if m is not None and _name_ok(m["name"]):
        return _Byline(m["name"].strip(), _date(m["month"], m["day"], m["year"]))
    if len(line) <= 100:
        m = _BYLINE.match(line)
        if m is not None and _name_ok(m["name"]):
            return _Byline(m["name"].strip(), None)
    return None


def _headline(lines: list[str], i: int) -> bool:
    line = lines[i]
    if not line or len(line) > MAX_HEADLINE_CHARS:
        return False
    if i > 0 and lines[i - 1]:
        return False
    if i + 1 < len(lines) and lines[i + 1]:
        return False
    if line.endswith((".", ",", ";", ":")) or line.startswith(_BAD_HEADLINE_START):
        return False
    if not 2 <= len(line.split()) <= 30:
        return False
    first = line[0]
    if first.isalpha() and first.lower() != first.upper() and not first.isupper():
        return False
    return _FOOTER.match(line) is None and _byline(line) is None


def _bare_footer(line: str) -> bool:
    """A footer without "Comments ... on <title>": a short list of categories."""
    return len(line) <= MAX_BARE_FOOTER_CHARS and not line.endswith((".", "!", "?", ":", ";"))


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def split_archive(doc: ParsedDocument) -> list[ParsedDocument]:
    """Split ``doc`` into its articles, or return ``[doc]`` (see the module doc)."""
    if doc.spans:
        return [doc]
    raw_lines = doc.text.split("\n")
    lines = [line.strip() for line in raw_lines]
    offsets: list[int] = []
    pos = 0
    for raw in raw_lines:
        offsets.append(pos)
        pos += len(raw) + 1
    nonblank = [i for i, line in enumerate(lines) if line]
    if len(nonblank) < 4:
        return [doc]
    order = {line_no: k for k, line_no in enumerate(nonblank)}
    footers: dict[int, str | None] = {}
    for i in nonblank:
        if lines[i][:1] in "PF":
            m = _FOOTER.match(lines[i])
            if m is not None and (m["title"] or _bare_footer(lines[i])):
                footers[i] = m["title"]

    starts: dict[int, _Start] = {}

    def add(line_no: int, backed: bool, byline: _Byline | None = None) -> None:
        old = starts.get(line_no)
        if old is None:
            starts[line_no] = _Start(line_no, backed, byline)
        else:
            old.backed = old.backed or backed
            old.byline = old.byline or byline

    # 1. Headline + byline.
    for k, i in enumerate(nonblank):
        if lines[i][-1:].isdigit() or "by" in lines[i].lower():
            byline = _byline(lines[i])
            if byline is None:
                continue
            for back in (1, 2):
                if k - back < 0:
                    break
                h = nonblank[k - back]
                if back == 2 and len(lines[nonblank[k - 1]]) > 300:
                    break  # only a short dek may sit between headline and byline
                if _headline(lines, h):
                    add(h, True, byline)
                    break

    # 2. Footers: the title they repeat, and the headline after them.
    previous = -1
    for f, title in sorted(footers.items()):
        if title:
            want = _norm(title)
            for i in range(f - 1, previous, -1):
                if lines[i] and _norm(lines[i]) == want:
                    add(i, True)
                    break
        k = order[f] + 1
        if k < len(nonblank) and _headline(lines, nonblank[k]):
            add(nonblank[k], False)
        previous = f

    def ranges(chosen: list[int]) -> list[tuple[int, int, bool]]:
        """(first line, end line exclusive, ends at a footer) for each start."""
        out = []
        for n, s in enumerate(chosen):
            stop = chosen[n + 1] if n + 1 < len(chosen) else len(lines)
            end, footed = stop, False
            for f in footers:
                if s < f < stop and f < end:
                    end, footed = f, True
            out.append((s, end, footed))
        return out

    def body_chars(s: int, end: int) -> int:
        return sum(len(lines[i]) for i in range(s + 1, end))

    chosen = sorted(starts)
    for _ in range(3):  # dropping a start changes its neighbour's range: settle
        kept = []
        for s, end, footed in ranges(chosen):
            body = body_chars(s, end)
            backed = starts[s].backed or footed or body >= MIN_UNBACKED_BODY_CHARS
            if backed and body >= MIN_BODY_CHARS:
                kept.append(s)
        if kept == chosen:
            break
        chosen = kept
    if len(chosen) < 2:
        return [doc]
    if sum(len(lines[i]) for i in range(chosen[0])) > MAX_PREAMBLE_CHARS:
        return [doc]

    parts: list[ParsedDocument] = []
    for n, (s, end, _) in enumerate(ranges(chosen), 1):
        stop = offsets[end] if end < len(lines) else len(doc.text)
        text = doc.text[offsets[s] : stop].strip()
        meta = dict(doc.meta)
        meta["split_from"] = doc.title
        meta["part"] = n
        byline = starts[s].byline
        if byline is not None:
            meta["byline"] = byline.name
        parts.append(
            ParsedDocument(
                title=clean_title(lines[s]),
                text=text,
                source=f"{doc.source}#{n}",
                outlet=doc.outlet,
                language=doc.language,
                published=byline.published if byline is not None else None,
                meta=meta,
            )
        )
    return parts
