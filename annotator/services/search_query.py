"""The search query language: one parser, three readings (FTS5 MATCH, PostgreSQL tsquery,
and the Python matcher that gives offsets).

Syntax: words (all must occur: AND by default), ``"a phrase"``, ``prefix*``, ``OR``, ``NOT
word`` or ``-word``, ``AND`` (optional), parentheses. Words are folded as stored text is
(``search_text.fold``): "Vardane" finds "Vardanë". Operators are upper-case; a lower-case
"or" is a word. A NOT needs a word beside it ("-shelling" alone finds nothing, so it is
refused) and cannot stand in an OR.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ValidationError
from .search_text import WORD, Folded, folded_words, phrase_pattern


@dataclass(frozen=True)
class Phrase:
    """Consecutive words (one word: a term); ``prefix``: the last word is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]
    negated: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


Node = Phrase | And | Or | Not


def _lex(query: str) -> list[tuple[str, str, int]]:
    """(kind, value, column): kinds ``(``, ``)``, ``-``, ``op`` (OR/AND/NOT), ``phrase``,
    ``word`` (value may end with ``*``)."""
    out, i, n = [], 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append((ch, ch, i))
            i += 1
        elif ch == '"':
            close = query.find('"', i + 1)
            if close == -1:
                raise ValidationError(f"search query, column {i + 1}: a quote is not closed")
            star = close + 1 < n and query[close + 1] == "*"
            out.append(("phrase", query[i + 1 : close] + ("*" if star else ""), i))
            i = close + 1 + star
        elif ch == "-" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] != "-":
            out.append(("-", ch, i))
            i += 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in '()"':
                j += 1
            word = query[i:j]
            out.append(("op" if word in ("OR", "AND", "NOT") else "word", word, i))
            i = j
    return out


class _Parser:
    def __init__(self, query: str) -> None:
        self.tokens = _lex(query)
        self.at = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def parse(self) -> Node | None:
        node = self.or_expr()
        extra = self.peek()
        if extra is not None:
            raise ValidationError(f"search query, column {extra[2] + 1}: unexpected {extra[1]!r}")
        return node

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        while (tok := self.peek()) is not None and tok[:2] == ("op", "OR"):
            self.at += 1
            parts.append(self.and_expr())
        kept = [p for p in parts if p is not None]
        if len(parts) > 1:
            for p in parts:
                if p is None or isinstance(p, Not):
                    raise ValidationError(
                        f"search query, column {tok_col(self)}: OR needs a word on each side "
                        "(and no NOT)"
                    )
        return kept[0] if len(kept) == 1 else Or(tuple(kept)) if kept else None

    def and_expr(self) -> Node | None:
        parts: list[Node] = []
        while (tok := self.peek()) is not None and tok[0] != ")" and tok[:2] != ("op", "OR"):
            if tok[:2] == ("op", "AND"):
                self.at += 1
                continue
            node = self.unary()
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        pos = tuple(p for p in parts if not isinstance(p, Not))
        neg = tuple(p.part for p in parts if isinstance(p, Not))
        if not pos:
            return parts[0] if len(parts) == 1 else And((), neg)
        if len(pos) == 1 and not neg:
            return pos[0]
        return And(pos, neg)

    def unary(self) -> Node | None:
        tok = self.peek()
        assert tok is not None
        if tok[0] == "-" or tok[:2] == ("op", "NOT"):
            self.at += 1
            if self.peek() is None:
                raise ValidationError(f"search query, column {tok[2] + 1}: NOT of nothing")
            inner = self.unary()
            return Not(inner) if inner is not None else None
        self.at += 1
        if tok[0] == "(":
            node = self.or_expr()
            close = self.peek()
            if close is None or close[0] != ")":
                raise ValidationError(f"search query, column {tok[2] + 1}: '(' is not closed")
            self.at += 1
            return node
        if tok[0] == ")":
            raise ValidationError(f"search query, column {tok[2] + 1}: ')' without '('")
        text = tok[1]
        prefix = text.endswith("*")
        words = tuple(folded_words(text))
        return Phrase(words, prefix and bool(WORD.search(text[-2:-1] or ""))) if words else None


def tok_col(parser: _Parser) -> int:
    tok = parser.peek()
    return (tok[2] if tok else sum(len(t[1]) + 1 for t in parser.tokens)) + 1


def _check(node: Node) -> None:
    if isinstance(node, Not) or (isinstance(node, And) and not node.parts):
        raise ValidationError(
            "search query: NOT needs a word to search for beside it (e.g. shelling -drill)"
        )
    if isinstance(node, And):
        for part in (*node.parts, *node.negated):
            _check(part)
    elif isinstance(node, Or):
        for part in node.parts:
            _check(part)


def parse(query: str) -> Node:
    """The query's tree; a ValidationError naming the column for a malformed query."""
    node = _Parser(query).parse()
    if node is None:
        raise ValidationError("search query: no word to search for")
    _check(node)
    return node


# -- readings -----------------------------------------------------------------------------------
def to_fts5(node: Node) -> str:
    """An FTS5 MATCH expression (every word quoted: no word is read as an operator)."""
    if isinstance(node, Phrase):
        return '"' + " ".join(node.words) + '"' + (" *" if node.prefix else "")
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(p) for p in node.parts) + ")"
    assert isinstance(node, And)
    out = "(" + " AND ".join(to_fts5(p) for p in node.parts) + ")"
    return out + "".join(f" NOT {to_fts5(p)}" for p in node.negated)


def to_tsquery(node: Node) -> str:
    """A PostgreSQL ``to_tsquery('simple', ...)`` text: ``<->`` phrases, ``:*`` prefixes."""
    if isinstance(node, Phrase):
        last = len(node.words) - 1
        terms = [
            f"'{w}'" + (":*" if node.prefix and i == last else "") for i, w in enumerate(node.words)
        ]
        return "(" + " <-> ".join(terms) + ")"
    if isinstance(node, Or):
        return "(" + " | ".join(to_tsquery(p) for p in node.parts) + ")"
    assert isinstance(node, And)
    parts = [to_tsquery(p) for p in node.parts] + [f"!{to_tsquery(p)}" for p in node.negated]
    return "(" + " & ".join(parts) + ")"


def matches(node: Node, text: Folded) -> list[tuple[int, int]] | None:
    """Where ``node`` matches ``text``: the [start, end) code points (of the original text)
    of each occurrence of its positive words and phrases, in order; None when it does not
    match."""
    found = _match(node, text.text)
    return sorted({text.original(a, b) for a, b in found}) if found else None


def _match(node: Node, folded: str) -> list[tuple[int, int]]:
    if isinstance(node, Phrase):
        return [m.span() for m in phrase_pattern(node.words, node.prefix).finditer(folded)]
    if isinstance(node, Or):
        return [hit for p in node.parts for hit in _match(p, folded)]
    assert isinstance(node, And)
    out: list[tuple[int, int]] = []
    for part in node.parts:
        hits = _match(part, folded)
        if not hits:
            return []
        out += hits
    if any(_match(p, folded) for p in node.negated):
        return []
    return out
