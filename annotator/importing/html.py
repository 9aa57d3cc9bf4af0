"""HTML files (``.html``/``.htm``) to ``ParsedDocument``: the main text and page metadata.

Parsing uses selectolax's Lexbor parser, which never loads anything: images, style sheets,
scripts and frames are not fetched, and nothing here opens a URL.

Main text:

* Dropped with their content: script, style, noscript, template, svg, math, iframe,
  object, embed, canvas, nav, header, footer, aside, form, button, select, dialog, and
  elements marked ``hidden`` or ``aria-hidden="true"``. A ``<header>`` *inside* an
  ``<article>`` is kept: it usually holds the headline and the byline.
* The container: the only ``<article>``, or the clearly longest of several (at least twice
  the next); else ``<main>``; else ``<body>``. A container holding under a fifth of the
  body's text (and under 500 characters) is ignored in favour of the body.
* Block elements (p, div, h1-h6, blockquote, section, table, lists, pre...) separate
  paragraphs with a blank line; br, li, tr, dt and dd start a new line; table cells are
  separated by a space. Whitespace inside a line is collapsed to single spaces (``<pre>``
  keeps its line breaks), empty lines are dropped, entities are decoded.

Metadata (first found wins):

* title: ``og:title``, ``<title>``, the first ``<h1>``, else the first line of the text;
* author: ``meta name=author``, ``article:author`` (unless it is a URL), JSON-LD author;
* outlet: ``og:site_name``, JSON-LD publisher;
* published: ``article:published_time``, ``date``, ``datePublished`` (meta name, property
  or itemprop, ``<time itemprop=datePublished>``), JSON-LD ``datePublished``: the
  ``YYYY-MM-DD`` at its start; unreadable dates are ignored;
* language: ``<html lang>``, else ``meta http-equiv=content-language``;
* url: ``<link rel=canonical>``, else ``og:url``.

A page that nests elements more than ``MAX_DEPTH`` deep is refused before it is parsed: no
article does, and the parser's time grows with the square of the depth (100,000 nested
``<div>`` take minutes).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import orjson
from selectolax.lexbor import LexborHTMLParser, LexborNode

from annotator.errors import ImportFileError
from annotator.importing.decode import decode_bytes
from annotator.importing.plain import clean_title, parse_date
from annotator.importing.records import ParsedDocument

__all__ = ["extract_main_text", "parse_html", "parse_html_text", "sniff_html_charset"]

DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "canvas",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "dialog",
        "head",
        "title",
        "meta",
        "link",
        "-comment",
    }
)
PARAGRAPH_TAGS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "figure",
        "figcaption",
        "pre",
        "table",
        "ul",
        "ol",
        "dl",
        "hr",
        "address",
        "details",
        "summary",
        "center",
        "fieldset",
        "legend",
        "body",
        "html",
        "hgroup",
        "menu",
        "caption",
    }
)
LINE_TAGS = frozenset({"br", "li", "tr", "dt", "dd", "option"})
CELL_TAGS = frozenset({"td", "th"})

_PARA = 2
_LINE = 1
MAX_DEPTH = 5000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_FOREIGN = frozenset({"svg", "math"})
# elements that hold nothing, or whose end tag a page may leave out (the parser closes them)
_NO_DEPTH = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li dt dd option "
    "optgroup tr td th thead tbody tfoot rb rt rp colgroup caption".split()
)
_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE
)
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
)


def sniff_html_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KiB, if any."""
    m = _CHARSET.search(data, 0, 4096)
    return m[1].decode("ascii") if m else None


def _collapse(s: str) -> str:
    return " ".join(s.split())


def _skip(node: LexborNode, tag: str, in_article: int) -> bool:
    if tag in DROP_TAGS:
        return not (tag == "header" and in_article)
    attrs = node.attributes
    if attrs:
        if "hidden" in attrs:
            return True
        if (attrs.get("aria-hidden") or "").strip().lower() == "true":
            return True
    return False


def extract_main_text(container: LexborNode) -> str:
    """Text of ``container`` as paragraphs separated by blank lines (see the module doc)."""
    paragraphs: list[str] = []
    lines: list[str] = []
    line: list[str] = []

    def end_line() -> None:
        if line:
            text = _collapse("".join(line))
            line.clear()
            if text:
                lines.append(text)

    def end_paragraph() -> None:
        end_line()
        if lines:
            paragraphs.append("\n".join(lines))
            lines.clear()

    in_article = 0
    in_pre = 0
    # (node, leaving) pairs; children pushed in reverse so they pop in document order.
    stack: list[tuple[LexborNode, bool]] = [(container, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            if tag == "article":
                in_article -= 1
            elif tag == "pre":
                in_pre -= 1
            if tag in PARAGRAPH_TAGS:
                end_paragraph()
            elif tag in LINE_TAGS:
                end_line()
            elif tag in CELL_TAGS:
                line.append(" ")
            continue
        if tag == "-text":
            text = node.text_content or ""
            if in_pre and "\n" in text:
                first, *rest = text.split("\n")
                line.append(first)
                for part in rest:
                    end_line()
                    line.append(part)
            else:
                line.append(text)
            continue
        if node is not container and _skip(node, tag, in_article):
            continue
        if tag in PARAGRAPH_TAGS:
            end_paragraph()
        elif tag in LINE_TAGS:
            end_line()
        if tag == "article":
            in_article += 1
        elif tag == "pre":
            in_pre += 1
        stack.append((node, True))
        children = []
        child = node.first_child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    end_paragraph()
    return "\n\n".join(paragraphs)


def _text_len(node: LexborNode) -> int:
    return len(_collapse(node.text(deep=True) or ""))


def _container(tree: LexborHTMLParser) -> LexborNode:
    body = tree.body or tree.root
    if body is None:
        raise ValueError("empty document")
    articles = [a for a in tree.css("article") if not _inside(a, "article")]
    chosen: LexborNode | None = None
    if len(articles) == 1:
        chosen = articles[0]
    elif articles:
        ranked = sorted(articles, key=_text_len, reverse=True)
        if _text_len(ranked[0]) >= 2 * _text_len(ranked[1]):
            chosen = ranked[0]
    if chosen is None:
        chosen = tree.css_first("main")
    if chosen is None:
        return body
    size = _text_len(chosen)
    if size < 500 and size * 5 < _text_len(body):
        return body
    return chosen


def _inside(node: LexborNode, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def _meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = attrs.get(attr)
            if key:
                found.setdefault(key.strip().lower(), content.strip())
    for node in tree.css("[itemprop=datePublished]"):
        value = node.attributes.get("datetime") or node.attributes.get("content")
        if value:
            found.setdefault("datepublished", value.strip())
    return found


def _json_ld(tree: LexborHTMLParser) -> dict[str, Any]:
    """datePublished, author and publisher names from JSON-LD blocks (best effort)."""
    out: dict[str, Any] = {}

    def name_of(value: Any) -> str | None:
        if isinstance(value, list) and value:
            value = value[0]
        if isinstance(value, dict):
            value = value.get("name")
        return value.strip() if isinstance(value, str) and value.strip() else None

    def visit(obj: Any, depth: int) -> None:
        if depth > 4:
            return
        if isinstance(obj, list):
            for item in obj:
                visit(item, depth + 1)
        elif isinstance(obj, dict):
            if isinstance(obj.get("datePublished"), str):
                out.setdefault("published", obj["datePublished"])
            if "author" in obj and name_of(obj["author"]):
                out.setdefault("author", name_of(obj["author"]))
            if "publisher" in obj and name_of(obj["publisher"]):
                out.setdefault("outlet", name_of(obj["publisher"]))
            if "@graph" in obj:
                visit(obj["@graph"], depth + 1)

    for node in tree.css('script[type="application/ld+json"]'):
        try:
            visit(orjson.loads(node.text(deep=True) or ""), 0)
        except orjson.JSONDecodeError:
            continue
    return out


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


def _nesting(html: str) -> int:
    """How deep the page nests elements, at most (end tags left out count as still open; in
    SVG and MathML, ``<x/>`` closes itself)."""
    if html.count("<") <= MAX_DEPTH:
        return 0  # cannot be deeper: no need to look
    depth = deepest = foreign = 0
    for m in _TAG.finditer(html):
        closing, name, closed = m[1], m[2].lower(), m[3]
        if name in _FOREIGN:
            foreign = max(0, foreign - 1) if closing else foreign + (not closed)
        if name in _NO_DEPTH or (closed and foreign and not closing):
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def parse_html_text(html: str, source: str, *, source_file: str | None = None) -> ParsedDocument:
    """Build a document from decoded HTML."""
    if _nesting(html) > MAX_DEPTH:
        raise ImportFileError(
            source, f"the HTML nests elements more than {MAX_DEPTH:,} deep, which no article does"
        )
    tree = LexborHTMLParser(html)
    meta = _meta_tags(tree)
    ld = _json_ld(tree)

    title_node = tree.css_first("title")
    h1 = tree.css_first("h1")
    title = _first(
        meta.get("og:title"),
        _collapse(title_node.text(deep=True)) if title_node is not None else None,
        _collapse(h1.text(deep=True)) if h1 is not None else None,
    )
    try:
        text = extract_main_text(_container(tree))
    except ValueError:
        text = ""
    if not text:
        raise ImportFileError(source, "no text found in the HTML page")
    if not title:
        title = text.split("\n", 1)[0]

    author_meta = meta.get("article:author")
    if author_meta and author_meta.lower().startswith(("http://", "https://", "//")):
        author_meta = None
    published: dt.date | None = None
    for value in [meta.get(k) for k in _PUBLISHED_KEYS] + [ld.get("published")]:
        if value:
            published = parse_date(value)
            if published is not None:
                break
    html_node = tree.css_first("html")
    canonical = None
    for link in tree.css("link[rel]"):
        rels = (link.attributes.get("rel") or "").lower().split()
        if "canonical" in rels:
            canonical = link.attributes.get("href")
            break

    return ParsedDocument(
        title=clean_title(title),
        text=text,
        source=source,
        outlet=_first(meta.get("og:site_name"), ld.get("outlet")),
        author=_first(meta.get("author"), author_meta, ld.get("author")),
        url=_first(canonical, meta.get("og:url")),
        published=published,
        language=_first(
            html_node.attributes.get("lang") if html_node is not None else None,
            meta.get("content-language"),
        ),
        meta={"source_file": source_file} if source_file is not None else {},
    )


def parse_html(data: bytes, path: str | Path) -> ParsedDocument:
    """Decode and parse an ``.html``/``.htm`` file's bytes."""
    text = decode_bytes(data, str(path), declared_encoding=sniff_html_charset(data))
    return parse_html_text(text, str(path), source_file=Path(path).name)
