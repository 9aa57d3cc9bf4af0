"""Proposing casualty figures from a span's own text (no Qt, no database).

``propose(text)`` reads the figures a casualty report gives and proposes, for each of killed,
wounded, missing and captured (and the ambiguous "casualties"), an ``Estimate`` with low, best
and high values, who the victims were, and for every value the ``Evidence``: the code-point
range in ``text`` it was read from and the name of the rule that read it. Every rule, and why
it reads what it reads, is in docs/figures.md; the word lists are in ``figure_words``, the
patterns and how one number reads in ``figure_patterns``.

A figure is a quantity tied to a category word in the same clause: "12 killed", "killing 3",
"the death toll rose to 40", "no one was hurt". A number with no such word is not a figure.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from . import figure_patterns as fp
from . import figure_words as w
from .figure_patterns import Evidence

CATEGORIES = ("killed", "wounded", "missing", "captured", "casualties")


class Figure(NamedTuple):
    """One figure the text gives for one category. ``evidence[0]`` is the quantity itself;
    then the words that read it (when a bound or range was involved), the category word
    (``cue:…``), the words naming the victims (``who:…``) and a denial (``denied``). A sum
    ("5 soldiers and 3 civilians were killed") has its ``parts``; a ``subset`` ("including 5
    children") names some of another figure's victims and is never proposed as a value."""

    category: str
    low: int | None
    best: int | None
    high: int | None
    evidence: tuple[Evidence, ...]
    who: str | None = None
    denied: bool = False
    subset: bool = False
    parts: tuple[Figure, ...] = ()

    @property
    def start(self) -> int:
        return min(e.start for e in self.evidence) if self.parts else self.evidence[0].start

    @property
    def point(self) -> int:
        """The figure as one number: best, else its low, else its high bound."""
        for value in (self.best, self.low, self.high):
            if value is not None:
                return value
        raise AssertionError("a figure has a value")  # pragma: no cover

    @property
    def top(self) -> int:
        """The highest number the figure gives (low <= best <= high where they are set)."""
        return self.high if self.high is not None else self.point


@dataclass(frozen=True, slots=True)
class Estimate:
    """Low, best and high for one category (None: the text gives none), with the figures each
    came from; the other figures the span gives for it are ``alternatives``. ``denied``: the
    proposed figure is one the text denies (no undenied figure exists)."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    low_from: Figure | None = None
    best_from: Figure | None = None
    high_from: Figure | None = None
    alternatives: tuple[Figure, ...] = ()
    denied: bool = False

    def evidence(self, value: str) -> tuple[Evidence, ...]:
        """Where ``value`` ("low", "best" or "high") came from."""
        figure = {"low": self.low_from, "best": self.best_from, "high": self.high_from}[value]
        return figure.evidence if figure is not None else ()

    @property
    def empty(self) -> bool:
        return self.low is None and self.best is None and self.high is None


@dataclass(frozen=True, slots=True)
class Proposal:
    """What ``propose`` reads from one span. ``who``: "civilian", "military", "mixed",
    "unknown" (figures, but no word naming the victims) or None (no figure at all)."""

    killed: Estimate
    wounded: Estimate
    missing: Estimate
    captured: Estimate
    casualties: Estimate
    who: str | None
    who_evidence: tuple[Evidence, ...]
    figures: tuple[Figure, ...]

    def estimate(self, category: str) -> Estimate:
        return getattr(self, category)

    @property
    def empty(self) -> bool:
        return not self.figures


# --- reading the text -------------------------------------------------------------------------


def _scan(
    text: str, lower: str
) -> tuple[list[Figure], list[fp.Quantity], list[fp.Cue], list[tuple]]:
    """One pass over the text finds the words rules are built around; each rule is then
    matched there (a quantity from where its bound or article starts)."""
    reverse, n = lower[::-1], len(text)
    flags, starts, quantity_at = fp.FLAGS, fp.STARTS, fp.quantity_at
    zeros, qs, cues, denials = [], [], [], []
    taken = 0  # the end of the last quantity or "no casualties" phrase read
    for hit in fp.TRIGGER.finditer(" " + lower):
        start, end = hit.start(), hit.end() - 1  # offsets in the text, past the character before
        word = hit.group()[1:]
        if word[0].isdigit():
            if start < taken or not fp.digit_run_may_count(text, start, end):
                continue
            denial, zero, cue, kinds = False, False, None, "n"
        else:
            denial, zero, cue, kinds = flags.get(word) or flags[" ".join(word.split())]
        if denial:
            denials.append((start, end))
        if start < taken:
            continue
        if zero:
            m = fp.ZERO_PHRASE.match(lower, start)
            if m is not None:
                zeros += _zero_figures(text, lower, m)
                taken = m.end()
                continue
        if cue is not None:
            if word in w.UPPER_CUES and not text[start : start + 3].isupper():
                continue  # "KIA", "POWs", not "Kia" or "Mia"
            cues.append(fp.Cue(start, end, *cue))
        for kind in kinds:
            before = starts[kind].match(reverse, n - start, n - taken)
            if before is None:
                continue
            q = quantity_at(text, lower, reverse, n - before.end(), start)
            if q is None and before.end() > before.start():  # the bound is no bound here
                q = quantity_at(text, lower, reverse, start, start)
            if q is not None:
                qs.append(q)
                taken = q.end
                break
    return zeros, qs, cues, denials


# --- tying quantities to categories -----------------------------------------------------------


def _before_ok(text: str, q: fp.Quantity, cue: fp.Cue) -> bool:
    """A category word before the quantity: "killing 3", "the death toll rose to 40"."""
    gap = text[cue.end : q.start]
    if len(gap) > 80 or not (
        fp.COLON.fullmatch(gap)
        or ("v" in cue.kinds and fp.words_ok(gap, w.VERB_GAP, people=False))
        or ("t" in cue.kinds and _toll_gap_ok(gap))
    ):
        return False
    q.noun = fp.NOUN_AFTER.match(text, q.end)
    # "captured 13 settlements": the number counts something else
    return bool(q.noun or fp.FOLLOW_OK.match(text, q.end))


def _toll_gap_ok(gap: str) -> bool:
    if fp.words_ok(gap, w.TOLL_GAP, people=True):
        return True
    tokens = fp.TOKEN.findall(gap)
    return len(tokens) <= 10 and bool(fp.TOLL_END.search(gap)) and not fp.SENTENCE_END.search(gap)


def _after_ok(text: str, q: fp.Quantity, cue: fp.Cue) -> bool:
    """A category word after the quantity: "12 killed", "12 soldiers were wounded"."""
    gap = text[q.end : cue.start]
    if "a" not in cue.kinds or len(gap) > 120:
        return False
    if "," in gap or "(" in gap or "—" in gap or "–" in gap:
        gap = fp.PAREN.sub(" ", gap)  # "12 people, including 5 children, were killed"
    return fp.words_ok(gap, w.AFTER_GAP, True)


def _link(text: str, qs: list[fp.Quantity], cues: list[fp.Cue]) -> None:
    """Tie each quantity to the nearest category word that may govern it; a category word
    that governs a number after it ("killed 12") is a verb, so it governs none before it."""
    starts = [c.start for c in cues]
    ends = [c.end for c in cues]
    before: list[fp.Cue | None] = []
    for q in qs:
        i = bisect_right(ends, q.start) - 1
        before.append(cues[i] if i >= 0 and _before_ok(text, q, cues[i]) else None)
    governing = {id(c) for c in before if c is not None}
    for q, prev in zip(qs, before, strict=True):
        i = bisect_left(starts, q.end)
        nxt = cues[i] if i < len(cues) else None
        if nxt is not None and (id(nxt) in governing or not _after_ok(text, q, nxt)):
            nxt = None
        if prev is not None and (nxt is None or q.start - prev.end < nxt.start - q.end):
            q.link, q.gap = prev, (prev.end, q.start)
        elif nxt is not None:
            q.link, q.link_after, q.gap = nxt, True, (q.end, nxt.start)
    # coordination: "5 soldiers and 3 civilians were killed", "killing 5 soldiers and 3 civilians"
    for i, q in enumerate(qs):
        q.group = i
    for i in range(len(qs) - 2, -1, -1):
        q, right = qs[i], qs[i + 1]
        if (
            q.link is None
            and right.link_after
            and fp.COORDINATION.fullmatch(text, q.end, right.start)
            and not _subset_marked(text, q)
        ):
            q.link, q.link_after, q.gap, q.group = (
                right.link,
                True,
                (q.end, right.start),
                right.group,
            )
    for i in range(1, len(qs)):
        q, left = qs[i], qs[i - 1]
        coordinated = q.link is None and left.link and not left.link_after
        if (
            coordinated
            and fp.COORDINATION.fullmatch(text, left.end, q.start)
            and not _subset_marked(text, q)
        ):
            q.link, q.group = left.link, left.group


def _subset_marked(text: str, q: fp.Quantity) -> bool:
    """ "including 5 children", "5 of them children", "a shepherd among them" """
    return bool(
        fp.SUBSET_BEFORE.search(text, max(0, q.start - 30), q.start)
        or fp.SUBSET_AFTER.match(text, q.end)
    )


def _who(lower: str, ranges: list[tuple[int, int]]) -> list[Evidence]:
    out = []
    for a, b in ranges:
        for m in fp.WHO.finditer(lower, a, b):
            out.append(Evidence(m.start(), m.end(), f"who:{m.lastgroup}"))
    return out


def _who_of(evidence) -> str | None:
    kinds = {e.rule[4:] for e in evidence if e.rule.startswith("who:")}
    return None if not kinds else kinds.pop() if len(kinds) == 1 else "mixed"


def _figure(
    text: str, lower: str, q: fp.Quantity, category: str, cue: Evidence | None, subset: bool = False
) -> Figure:
    # the victims are named between the number and its category word, or just after either
    if q.link_after:
        ranges = [(q.start, q.link.start)]
    else:
        noun = q.noun if q.noun is not False else fp.NOUN_AFTER.match(text, q.end)
        ranges = [(q.gap[0] if q.gap else q.start, noun.end() if noun else q.end)]
    if q.link is not None:
        after = q.link.end  # "27 wounded soldiers", "casualties among civilians"
        named = q.link_after and fp.NOUN_AFTER.match(text, after)
        among = "among" in lower[after : after + 9] and fp.AMONG.match(text, after)
        ranges += [m.span() for m in (named, among) if m]
    who = _who(lower, ranges)
    evidence = (*q.evidence, cue, *who) if cue else (*q.evidence, *who)
    return Figure(category, q.low, q.best, q.high, evidence, _who_of(who), subset=subset)


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for e in evidence:
        if (e.start, e.end) not in seen:
            seen.add((e.start, e.end))
            out.append(e)
    return out


def _sum(category: str, parts: list[Figure]) -> Figure:
    def add(values):
        return None if any(v is None for v in values) else sum(values)

    evidence = tuple(_dedupe([e for p in parts for e in p.evidence]))
    nonzero = [e for p in parts if p.point for e in p.evidence] or list(evidence)
    return Figure(
        category,
        add([p.low for p in parts]),
        add([p.best for p in parts]),
        add([p.high for p in parts]),
        evidence,
        _who_of(nonzero),
        denied=any(p.denied for p in parts),
        parts=tuple(parts),
    )


def _zero_figures(text: str, lower: str, m: re.Match[str]) -> list[Figure]:
    """ "no casualties", "no deaths or injuries", "denied any casualties" """
    neg = m["neg"]
    rule = "denied-any" if neg.startswith("den") else "no-casualties"
    rule = "no-reports" if "report" in neg else rule
    categories: list[str] = []
    for noun in re.split(rf"{fp.S1}(?:or|and){fp.S1}", m["cue"]):
        for category in w.ZERO_NOUNS[" ".join(noun.split())]:
            if category not in categories:
                categories.append(category)
    ranges = [m.span("who")] if m["who"] else []
    among = fp.AMONG.match(text, m.end())
    if among:
        ranges.append(among.span())
    who = tuple(_who(lower, ranges))
    quantity = Evidence(*m.span(), rule)
    return [
        Figure(c, 0, 0, 0, (quantity, Evidence(*m.span("cue"), f"cue:{c}"), *who), _who_of(who))
        for c in categories
    ]


def _denied(lower: str, figure: Figure, denials: list[tuple[int, int]]) -> Figure:
    """Flag a figure a denial word reaches: the nearest before it or after it in the same
    clause ("denied that 12 civilians were killed", "claims of 50 dead are false")."""
    a = figure.start
    i = bisect_left(denials, (a, a))
    near = denials[max(0, i - 1) : i + 2]
    if not near or figure.evidence[0].rule == "denied-any":
        return figure
    b = max(e.end for e in figure.evidence if not e.rule.startswith("who:"))
    for ds, de in near:
        between = (de, a) if de <= a else (b, ds) if ds >= b else None
        if between is None or between[1] - between[0] > 150:
            continue
        if not fp.CLAUSE_BREAK.search(lower, *between):
            denial = Evidence(ds, de, "denied")
            return figure._replace(evidence=(*figure.evidence, denial), denied=True)
    return figure


def _read_figures(text: str) -> list[Figure]:
    lower = fp.lower_case(text)
    zeros, qs, cues, denials = _scan(text, lower)
    _link(text, qs, cues)
    groups: dict[int, list[Figure]] = {}
    figures: list[Figure] = list(zeros)
    for q in qs:
        if q.link is not None:
            cue = Evidence(q.link.start, q.link.end, f"cue:{q.link.category}")
            figure = _figure(text, lower, q, q.link.category, cue)
            verb = (
                q.gap
                and q.link.kinds == "t"
                and q.low == q.high
                and fp.MORE_THAN_VERB.search(text, *q.gap)
            )
            if verb:  # "the death toll passed 100"
                more = Evidence(*verb.span(), "more-than")
                figure = figure._replace(
                    low=q.low + 1,
                    best=q.low + 1,
                    high=None,
                    evidence=(figure.evidence[0], more, *figure.evidence[1:]),
                )
            groups.setdefault(q.group, []).append(figure)
    for parts in groups.values():
        figures.append(parts[0] if len(parts) == 1 else _sum(parts[0].category, parts))
    # subsets: "12 people were killed, including 5 children" (the figure before, same sentence)
    parent = None
    for q in qs:
        if q.link is not None:
            parent = q
        elif (
            parent is not None
            and _subset_marked(text, q)
            and not fp.SENTENCE_END.search(text, parent.end, q.start)
        ):
            figures.append(_figure(text, lower, q, parent.link.category, None, subset=True))
    # "no casualties", "no one was killed or injured": none killed and none wounded
    for f in list(figures):
        if f.category == "casualties" and f.top == 0:
            for category in ("killed", "wounded"):
                figures.append(f._replace(category=category))
    figures = [_denied(lower, f, denials) for f in figures]
    figures.sort(key=lambda f: (f.start, CATEGORIES.index(f.category)))
    return figures


# --- proposing --------------------------------------------------------------------------------


def _estimate(figures: list[Figure]) -> Estimate:
    if not figures:
        return Estimate()
    pool = [f for f in figures if not f.denied] or figures
    pool = [f for f in pool if f.top] or pool  # "no casualties in X, but 3 wounded in Y"
    civilian = [f for f in pool if f.who == "civilian"]
    military = [f for f in pool if f.who == "military"]
    if civilian and military:  # disjoint groups add up; each group's own figures compete
        split = _sum(pool[0].category, [_conservative(civilian), _conservative(military)])
        pool = [f for f in pool if f.who not in ("civilian", "military")] + [split]
    chosen = _conservative(pool)
    used = {id(chosen), *map(id, chosen.parts)}
    high_from = chosen if chosen.high is not None else None
    for f in pool:  # the highest number any figure gives
        if f is not chosen and (high_from is None or f.top > high_from.top):
            high_from = f
    return Estimate(
        chosen.low,
        chosen.best,
        high_from.top if high_from is not None else None,
        chosen if chosen.low is not None else None,
        chosen if chosen.best is not None else None,
        high_from,
        tuple(f for f in figures if id(f) not in used),
        chosen.denied,
    )


def _conservative(figures: list[Figure]) -> Figure:
    return min(figures, key=lambda f: (f.point, f.start))


def propose(text: str) -> Proposal:
    """Propose killed / wounded / missing / captured / casualties figures from ``text``."""
    figures = _read_figures(text)
    by_category: dict[str, list[Figure]] = {c: [] for c in CATEGORIES}
    for f in figures:
        if not f.subset:
            by_category[f.category].append(f)
    estimates = {c: _estimate(by_category[c]) for c in CATEGORIES}
    named = [f for f in figures if f.point] or figures
    who_evidence = tuple(
        _dedupe([e for f in named for e in f.evidence if e.rule.startswith("who:")])
    )
    who = _who_of(who_evidence) or ("unknown" if figures else None)
    return Proposal(**estimates, who=who, who_evidence=who_evidence, figures=tuple(figures))
