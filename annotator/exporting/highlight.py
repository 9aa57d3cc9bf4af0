"""Syntax highlighting of export previews with Pygments: JSON (also JSONL and JSON-LD) with
``JsonLexer``, brat standoff (``.ann`` and ``annotation.conf``) with ``BratLexer`` below.
Rendered to HTML with inline styles (``noclasses``) for a ``QTextBrowser``, in a light or a
dark style to match the app's theme."""

from __future__ import annotations

import html
from typing import ClassVar

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import RegexLexer, bygroups
from pygments.lexers import JsonLexer
from pygments.styles import get_style_by_name
from pygments.token import Comment, Generic, Keyword, Name, Number, Punctuation, String, Text

LIGHT_STYLE = "default"
DARK_STYLE = "one-dark"
MAX_CHARS = 60_000  # the preview is a glance: longer ones are cut (the file is not)


class BratLexer(RegexLexer):
    """brat standoff annotations (``.ann``), its ``annotation.conf``, and the ``==> name <==``
    lines the preview puts before each file."""

    name = "brat standoff"
    aliases: ClassVar[list[str]] = ["brat"]
    filenames: ClassVar[list[str]] = ["*.ann"]

    tokens: ClassVar[dict] = {
        "root": [
            (r"^==> .* <==$", Generic.Heading),
            (
                r"^(T\d+)(\t)(\S+)( )([0-9 ;]+)(\t)(.*)$",
                bygroups(Name.Label, Text, Keyword.Type, Text, Number, Text, String),
            ),
            (
                r"^(#\d+)(\t)(\S+)( )(T\d+)(\t)(.*)$",
                bygroups(Name.Label, Text, Comment.Special, Text, Name.Label, Text, Comment),
            ),
            (
                r"^(A\d+)(\t)(\S+)( )(T\d+)( ?)(.*)$",
                bygroups(Name.Label, Text, Name.Attribute, Text, Name.Label, Text, String.Other),
            ),
            (r"^\[\w+\]$", Keyword.Namespace),
            (r"^(\S+)(\t)(.*)$", bygroups(Name.Attribute, Text, Punctuation)),
            (r".+", Text),  # never an empty match: Pygments would not advance
            (r"\n", Text),
        ]
    }


def style_name(dark: bool) -> str:
    return DARK_STYLE if dark else LIGHT_STYLE


def background(dark: bool) -> str:
    return get_style_by_name(style_name(dark)).background_color or ("#0d1117" if dark else "#fff")


def preview_html(text: str, kind: str, dark: bool) -> str:
    """``text`` highlighted as ``kind`` ("json", "jsonl" or "brat") in an HTML ``<pre>``."""
    cut = len(text) > MAX_CHARS
    if cut:
        text = text[:MAX_CHARS]
    lexer = BratLexer() if kind == "brat" else JsonLexer()
    style = style_name(dark)
    formatter = HtmlFormatter(noclasses=True, nowrap=True, style=style)
    body = highlight(text, lexer, formatter)
    if kind == "brat":
        # Qt gives a tab no width when the text before it ends on a tab stop: keep a gap
        body = body.replace("\t", " \t")
    color = "#e6edf3" if dark else "#1d1d21"  # plain text (the styles leave it to the page)
    note = ""
    if cut:
        note = f"<p><i>{html.escape(f'(preview cut at {MAX_CHARS:,} characters)')}</i></p>"
    return f'<pre style="white-space: pre-wrap; color: {color}; margin: 0">{body}</pre>{note}'
