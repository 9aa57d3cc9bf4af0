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
``{"split_from": <original title>, "part": n}``; a byline's name is the article's ``author``
(and ``meta["byline"]``), its date, when it has one, its ``published``, and a byline that
names a known site (``annotator.importing.byline.KNOWN_SITES``, e.g. "By South Front") sets
its ``outlet`` (otherwise the page's). Bylines are read by ``annotator.importing.byline``.

``find_articles`` gives the articles as ranges of the page's text (what the import preview
shows); ``article_document`` makes one of them a document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from annotator.importing.byline import Byline, parse_byline, site_from_name
from annotator.importing.plain import clean_title
from annotator.importing.records import ParsedDocument

__all__ = ["Article", "article_document", "find_articles", "is_footer", "split_archive"]

MAX_HEADLINE_CHARS = 200
MAX_PREAMBLE_CHARS = 300
MIN_BODY_CHARS = 80
MIN_UNBACKED_BODY_CHARS = 500
MAX_BARE_FOOTER_CHARS = 150

_FOOTER = re.compile(
    r"^(?:Posted|Filed)\s+(?:in|under)\s+.{1,300}?"
    r"(?:(?:Comments?\s+Off|Leave\s+a\s+[Cc]omment|\d+\s+[Cc]omments?)\s+on\s*(?P<title>\S.{0,300}))?$"
)
_BAD_HEADLINE_START = tuple("-–—•*·[(<>|#=_/\\")


@dataclass(slots=True)
class _Start:
    line: int
    backed: bool
    byline: Byline | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One article found on a page: ``doc.text[start:end]`` (stripped), from its headline."""

    number: int  # 1, 2, ...
    start: int
    end: int
    title: str
    byline: Byline | None = None

    @property
    def author(self) -> str | None:
        return self.byline.name if self.byline is not None else None

    @property
    def published(self) -> dt.date | None:
        return self.byline.published if self.byline is not None else None


def _byline(line: str) -> Byline | None:
    return parse_byline(line)


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


def is_footer(line: str) -> bool:
    """Whether ``line`` (stripped) is a blog footer ("Posted in ... Comments Off on ...")."""
    m = _FOOTER.match(line)
    return m is not None and bool(m["title"] or _bare_footer(line))


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def split_archive(doc: ParsedDocument) -> list[ParsedDocument]:
    """Split ``doc`` into its articles, or return ``[doc]`` (see the module doc)."""
    articles = find_articles(doc)
    if not articles:
        return [doc]
    return [article_document(doc, article) for article in articles]


def article_document(
    doc: ParsedDocument, article: Article, text: str | None = None
) -> ParsedDocument:
    """The document of one ``article`` of ``doc``; ``text`` replaces its text (the article
    with some lines removed, see ``annotator.importing.boilerplate``)."""
    meta = dict(doc.meta)
    meta["split_from"] = doc.title
    meta["part"] = article.number
    byline = article.byline
    if byline is not None:
        meta["byline"] = byline.name
    site = site_from_name(byline.name) if byline is not None else None
    return ParsedDocument(
        title=article.title,
        text=doc.text[article.start : article.end] if text is None else text,
        source=f"{doc.source}#{article.number}",
        outlet=site.outlet if site is not None else doc.outlet,
        author=article.author,
        language=doc.language,
        published=article.published,
        meta=meta,
    )


def find_articles(doc: ParsedDocument) -> list[Article]:
    """The articles of ``doc`` when it is an archive page (at least two), else ``[]``."""
    if doc.spans:
        return []
    raw_lines = doc.text.split("\n")
    lines = [line.strip() for line in raw_lines]
    offsets: list[int] = []
    pos = 0
    for raw in raw_lines:
        offsets.append(pos)
        pos += len(raw) + 1
    nonblank = [i for i, line in enumerate(lines) if line]
    if len(nonblank) < 4:
        return []
    order = {line_no: k for k, line_no in enumerate(nonblank)}
    footers: dict[int, str | None] = {}
    for i in nonblank:
        if lines[i][:1] in "PF":
            m = _FOOTER.match(lines[i])
            if m is not None and (m["title"] or _bare_footer(lines[i])):
                footers[i] = m["title"]

    starts: dict[int, _Start] = {}

    def add(line_no: int, backed: bool, byline: Byline | None = None) -> None:
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
        return []
    if sum(len(lines[i]) for i in range(chosen[0])) > MAX_PREAMBLE_CHARS:
        return []

    articles: list[Article] = []
    text = doc.text
    for n, (s, end, _) in enumerate(ranges(chosen), 1):
        a = offsets[s]
        b = offsets[end] if end < len(lines) else len(text)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        articles.append(Article(n, a, b, clean_title(lines[s]), starts[s].byline))
    return articles
