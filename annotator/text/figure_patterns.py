"""How ``figures`` reads one quantity: the patterns it scans for (built from the word lists in
``figure_words``), and a number's value, bounds and context (docs/figures.md). No Qt."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from . import figure_words as w


class Evidence(NamedTuple):
    """``text[start:end]`` (code points, end-exclusive) and the rule that read it."""

    start: int
    end: int
    rule: str


@dataclass(slots=True)
class Cue:
    """A category word: "killed", "the death toll", "taken prisoner"."""

    start: int
    end: int
    category: str
    kinds: str


# --- patterns ---------------------------------------------------------------------------------

NOCASE = re.IGNORECASE
DASH = "[-\u2010\u2011\u2012\u2013\u2014\u2212]"
HYPHEN = "[-\u2010\u2011]"
S = r"[^\S\n]*\n?[^\S\n]*"  # white space holding at most one line break
S1 = r"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)"  # the same, at least one character
GROUP_SEP = "[ \u00a0\u2007\u2009\u202f]"  # thousands separators that are spaces


def alt(words) -> str:
    """A regex matching any of ``words`` (a space matches white space), as a trie: a position
    that starts none of them fails at its first character, which keeps whole-text scans fast."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie_regex(trie)


def trie_regex(node: dict) -> str:
    alts = [
        (S1 if ch == " " else re.escape(ch)) + trie_regex(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")"
    return body + "?" if "" in node else body


def lower_case(text: str) -> str:
    """``text`` in lower case, code point for code point (the scans run on it, without
    IGNORECASE, which is several times slower); "İ" is the one letter whose lower case is
    two code points."""
    return text.replace("\u0130", "i").lower()


PERSON = alt(w.PERSON)
SINGULAR = alt(w.SINGULAR)
CAP = r"(?-i:[A-Z][\w’'\u2010\u2011-]*)"
AGE = rf"\d+{HYPHEN}years?{HYPHEN}olds?"
MOD = rf"(?:{alt(w.MODIFIERS)}|{AGE}|{CAP})"  # strict: on the text, with IGNORECASE
ANY_MOD = rf"(?:{AGE}|[^\W\d_][\w’'\u2010\u2011-]*)"  # loose: the scan, on lower case
NW = rf"(?:{alt(w.NUMBER_UNITS.keys() | w.TENS.keys() | w.SCALES.keys() | {'dozen'})})\b"


def zero_pattern(mod: str) -> str:
    return (
        rf"(?:no{S}(?:{DASH}{S})?one|nobody|none(?:{S1}of{S1}(?:them|us|those"
        rf"|the(?:{S1}{mod}){{0,2}}?{S1}(?:{PERSON})))?"
        rf"|not{S1}(?:a{S1}single|one|any)(?:(?:{S1}{mod}){{0,2}}?{S1}(?:{PERSON}))?"
        rf"|no(?:{S1}{mod}){{0,2}}?{S1}(?:{PERSON}))\b"
    )


def one_pattern(mod: str) -> str:
    return rf"(?:an?|another|his|her|their){S1}(?:{mod}{S1}){{0,2}}?(?:{SINGULAR})\b"


VAGUE = (
    rf"(?:(?:several|a{S1}few|a{S1}handful|a{S1}couple)(?:{S1}(?:dozen|hundred|thousand)s?)?"
    rf"|(?:tens|dozens|scores|hundreds|thousands|millions)(?:{S1}of{S1}(?:thousands|millions))?)"
    rf"(?:{S1}of\b)?"
)
WORDS = (
    rf"(?:(?:half{S1})?an?{S1}(?=(?:dozen|hundred|thousand|million)\b))?{NW}"
    rf"(?:(?:{DASH}|{S1}){NW}|(?:(?<=hundred)|(?<=thousand)|(?<=million)){S1}and{S1}{NW})*"
)
DIGITS = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:\.\d{{3}})+|\d{{1,3}}(?:{GROUP_SEP}\d{{3}})+"
    rf"|\d+(?:[.,:/]\d+)*)(?!\d)(?:{S1}(?:million|thousand|hundred)\b)?"
)
RNUM = rf"(?:{WORDS}|{DIGITS})"
# scanned on the lower-cased text; each number is then read (and checked) on the text itself,
# by the reader its group names
NUM = (
    rf"(?:(?P<no_one>{zero_pattern(ANY_MOD)})|(?P<vague>{VAGUE})|(?P<number_words>{WORDS})"
    rf"|(?P<singular>{one_pattern(ANY_MOD)})|(?P<digits>{DIGITS}))"
)


def quantity_pattern(ranges: bool) -> re.Pattern[str]:
    never = "" if ranges else "(?!)"  # the same groups, the ranges never matching
    return re.compile(
        rf"(?<![\w.,])(?:(?P<bound>{alt(w.BOUNDS)}){S1})?(?:{never}"
        rf"(?P<between>between|from){S1}(?P<r1>{RNUM}){S1}(?:and|to|{DASH}){S1}"
        rf"(?P<r2>{RNUM})|{never}(?P<a1>{RNUM})(?:{S}{DASH}{S}|{S1}(?:to|or){S1})"
        rf"(?P<a2>{RNUM})|(?P<n>{NUM}))(?P<suffix>{S1}or{S1}(?:more|so)\b|\+)?"
    )


# a range first; "twenty-one" or "3-2", which read as no range, as one number
QUANTITIES = (quantity_pattern(ranges=True), quantity_pattern(ranges=False))
READERS = ("no_one", "vague", "number_words", "singular", "digits")
# the scan's modifiers are any words; these are the modifiers a person noun may have
STRICT = {
    "no_one": re.compile(zero_pattern(MOD), NOCASE),
    "singular": re.compile(one_pattern(MOD), NOCASE),
}


def trigger_flags() -> dict[str, tuple[bool, bool, tuple[str, str] | None, str]]:
    """The words a rule is built around, and what they start: (a denial, a "no casualties"
    phrase, a category word's (category, kinds), and the quantities: n a number ("12",
    "twelve", "dozens", "no one"), r a number word after "a" ("a dozen", "a few"), s a person
    noun after "a" ("a soldier"))."""
    quantities: dict[str, str] = {}
    for words, kind in (
        (w.NUMBER_UNITS.keys() | w.TENS.keys() | w.CORE_WORDS, "n"),
        (w.ARTICLE_WORDS, "r"),
        (w.SINGULAR, "s"),
    ):
        for word in words:
            quantities[word] = quantities.get(word, "") + kind
    zero = {"no", "without", "deny", "denies", "denied", "denying"}
    words = quantities.keys() | zero | w.CUES.keys() | w.DENIALS
    return {x: (x in w.DENIALS, x in zero, w.CUES.get(x), quantities.get(x, "")) for x in words}


FLAGS = trigger_flags()
# a trigger is found with the character before it (scanned on " " + the text), which lets the
# regex engine skip from one non-word character to the next: twice as fast as \b
TRIGGER = re.compile(rf"\W(?:\d+|(?:{alt(FLAGS)})\b)")
# where a quantity built around such a word starts, matched leftwards on the reversed text:
# a bound or "between" before a number, "a" before "dozen", "a" and modifiers before a noun
BOUND_BACK = rf"(?:{S1}(?:{alt(b[::-1] for b in w.BOUNDS)})\b)?"
STARTS = {
    "n": re.compile(rf"(?:{S1}(?:neewteb|morf)\b)?{BOUND_BACK}"),
    "r": re.compile(rf"{S1}n?a\b(?:{S1}flah\b)?{BOUND_BACK}"),
    "s": re.compile(rf"(?:{S1}[\w’'\u2010\u2011-]+){{0,2}}?{S1}(?:n?a|rehtona|sih|reh|rieht)\b"),
}


ZERO_PHRASE = re.compile(
    rf"\b(?P<neg>den(?:y|ies|ied|ying){S1}(?:any|all)|without(?:{S1}any)?"
    rf"|no{S1}reports?{S1}of(?:{S1}any)?|no)"
    rf"(?:{S1}(?:further|more|other|reported|confirmed|immediate|serious))?"
    rf"(?:{S1}(?P<who>civilian|military|army))?{S1}"
    rf"(?P<cue>(?:{alt(w.ZERO_NOUNS)})(?:{S1}(?:or|and){S1}(?:{alt(w.ZERO_NOUNS)}))?)\b"
)
WHO = re.compile(rf"\b(?:(?P<civilian>{alt(w.CIVILIAN)})|(?P<military>{alt(w.MILITARY)}))\b")
CLAUSE_BREAK = re.compile(rf"[.!?;:,()]|\n{S}\n|\b(?:{alt(w.CLAUSE_BREAKS)})\b")
PHONE_CHARS = frozenset("0123456789+()")  # near a number in a telephone number
PHONE = re.compile(r"\+\d[\d\s().-]{5,}\d|\(\d+\)[\s.-]*\d[\d\s.-]*\d|\d+(?:-\d+){2,}")

# the rest look at a few words around a quantity
# what after a number makes it no count, matched on the lower-case text ("May" is checked)
NOT_AFTER = re.compile(
    rf"[^\W\d_]|[%‰°]|{HYPHEN}[^\W\d_]|[/:.,]\d|{DASH}\d|{S}(?:{alt(w.MEASURES)})(?!\w)"
    rf"|{S}(?P<month>{alt(x.lower() for x in w.MONTHS)})\.?(?!\w)"
)


def not_a_count_after(text: str, lower: str, end: int) -> bool:
    m = NOT_AFTER.match(lower, end)
    if m is None or m["month"] is None:
        return m is not None
    return text[m.start("month") : m.end("month")] in w.MONTHS  # "12 May", not "12 may"


ONE_OF = re.compile(rf"{S1}of\b", NOCASE)
CHANGE = re.compile(rf"\b(?:{alt(w.CHANGE_VERBS)}){S1}\Z", NOCASE)

# what may stand between a quantity and its category word
POSSESSIVE = re.compile(r"[’'](?:s\b)?\Z", NOCASE)
TOKEN = re.compile(r"[\w’'\u2010\u2011-]+|\S")
PAREN = re.compile(
    rf",{S}(?:including|among{S1}them|mostly|most{S1}of{S1}them)\b[^,;.!?]{{0,60}},"
    rf"|\([^()]{{0,60}}\)|{S1}[—–]{S}[^—–.;]{{0,60}}{S}[—–]",
    NOCASE,
)
PERSON_WORD = re.compile(rf"(?:{PERSON}|{MOD})", NOCASE)
NOUN_AFTER = re.compile(
    rf"(?:{S1}of)?(?:{S1}(?:the|these|those|them|whom|its|our|their|his|her))?(?:{S1}{MOD}){{0,3}}?"
    rf"{S1}(?:{PERSON}|(?-i:[A-Z][a-z]+(?:ians|ans|anis|is|ese)|Turks|Kurds))\b",
    NOCASE,
)
FOLLOW_OK = re.compile(rf"{S}(?:\Z|[^\w\s])|{S1}(?:{alt(w.FOLLOWERS)})\b", NOCASE)
COORDINATION = re.compile(
    rf"(?:{S1}(?:{PERSON}|{MOD}|others))*{S}(?:,{S}(?:and{S1})?|{S1}(?:and|as{S1}well"
    rf"{S1}as|plus){S1})(?:(?:his|her|their|its){S1})?",
    NOCASE,
)
SUBSET_BEFORE = re.compile(
    rf"\b(?:including|among{S1}(?:them|whom|those|the{S1}dead|the{S1}victims)|of{S1}whom"
    rf"|mostly){S}:?{S}\Z",
    NOCASE,
)
SUBSET_AFTER = re.compile(rf"{S1}(?:of{S1}(?:them|whom)|among{S1}(?:them|the{S1}dead))\b", NOCASE)
AMONG = re.compile(rf"{S1}among{S1}(?:the{S1})?(?:{MOD}{S1}){{0,2}}?(?:{PERSON})\b", NOCASE)
TOLL_END = re.compile(rf"\b(?:{alt(w.TOLL_VERBS)})(?:{S1}(?:to|at|by))?{S}:?{S}\Z", NOCASE)
COLON = re.compile(rf"{S}:{S}")
SENTENCE_END = re.compile(rf"[.;!?]|\n{S}\n")
MORE_THAN_VERB = re.compile(r"\b(?:exceeded|passed|topped|surpassed)\b", NOCASE)


def words_ok(gap: str, allowed: frozenset[str], people: bool) -> bool:
    """Every word of ``gap`` is an allowed small word, or (``people``) a person noun or
    modifier, possessive or not ("two soldiers' bodies")."""
    tokens = TOKEN.findall(gap)
    if len(tokens) > 9:
        return False
    for token in tokens:
        lower = token.lower()
        if lower in allowed or lower in w.QUOTES:
            continue
        if people and PERSON_WORD.fullmatch(POSSESSIVE.sub("", token)):
            continue
        return False
    return True


# --- reading quantities -----------------------------------------------------------------------


WORD_SPLIT = re.compile(rf"(?:{DASH}|\s)+")


def words_value(s: str) -> int | None:
    """The value of English number words ("one hundred and five", "half a dozen")."""
    total, current, last, half = 0, 0, None, False
    for word in WORD_SPLIT.split(s.lower()):
        if word == "and":
            continue
        if word == "half":
            half = True
        elif word in ("a", "an"):
            current, last = 1, "unit"
        elif word in w.NUMBER_UNITS:
            if last in ("unit", "teen") or (last == "tens" and w.NUMBER_UNITS[word] >= 10):
                return None
            current += w.NUMBER_UNITS[word]
            last = "teen" if w.NUMBER_UNITS[word] >= 10 else "unit"
        elif word in w.TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += w.TENS[word]
            last = "tens"
        elif word == "dozen":
            if last is None:
                return None
            current, last = current * 12, "dozen"
        elif word == "hundred":
            if last not in ("unit", "teen", "tens"):
                return None
            current, last = current * 100, "hundred"
        else:  # thousand, million
            if last is None or last == "scale":
                return None
            total, current, last = total + current * w.SCALES[word], 0, "scale"
    value = total + current
    return value // 2 if half else value


GROUPED = re.compile(rf"\d{{1,3}}(?:(?:,\d{{3}})+|(?:\.\d{{3}})+|(?:{GROUP_SEP}\d{{3}})+)")
DECIMAL = re.compile(r"\d+[.,]\d+")
_MAX_DIGITS = len(str(w.MAX_COUNT))


def digits_value(s: str) -> int | None:
    head, _, last = s.rpartition(" ") if " " in s else ("", "", s)
    scale = w.SCALES.get(last.lower(), 1) if head else 1
    core = head.rstrip() if scale > 1 else s
    if len(core) > _MAX_DIGITS and sum(map(str.isdigit, core)) > _MAX_DIGITS:
        return None  # past any count (and too long for int() to read)
    if GROUPED.fullmatch(core):
        if scale > 1 and "." in core:
            return decimal_value(core, scale)  # "1.250 million"
        return int("".join(c for c in core if c.isdigit())) * scale
    if core.isdigit():
        if len(core) > 1 and core[0] == "0":
            return None  # a code or a time ("010", "0200")
        if scale == 1 and len(core) == 4 and 1800 <= int(core) <= 2099:
            return None  # a year
        return int(core) * scale
    if scale > 1 and DECIMAL.fullmatch(core):
        return decimal_value(core, scale)  # "1.5 million"
    return None  # a decimal, a time, a date, a fraction


def decimal_value(core: str, scale: int) -> int | None:
    if core.count(".") + core.count(",") != 1:
        return None  # "1.250.000 million": no number
    value = Fraction(core.replace(",", ".")) * scale
    return int(value) if value.denominator == 1 else None


VAGUE_VALUES = {
    "several": (3, 3),
    "a few": (2, 3),
    "a handful": (2, 3),
    "a couple": (2, 2),
    "tens": (10, 10),
    "dozens": (12, 12),
    "scores": (20, 20),
    "hundreds": (100, 100),
    "thousands": (1000, 1000),
    "millions": (1_000_000, 1_000_000),
}


def vague_value(s: str) -> tuple[int, int]:
    words = s.lower().split()
    if words[-1] == "of":
        words.pop()
    head = " ".join(words[:2]) if words[0] == "a" else words[0]
    low, best = VAGUE_VALUES[head]
    for word in words[len(head.split(" ")) :]:
        scale = {"dozen": 12, "dozens": 12, "hundred": 100, "hundreds": 100}.get(word)
        scale = scale or {"thousand": 1000, "thousands": 1000, "millions": 1_000_000}.get(word)
        if scale:
            low, best = low * scale, best * scale
    return low, best


def read_number(s: str, reader: str) -> tuple[int | None, int | None, int | None, str] | None:
    """(low, best, high, rule) of one number, or None when it is not a count."""
    if reader == "digits":
        value = digits_value(s)
        return None if value is None or value > w.MAX_COUNT else (value, value, value, "digits")
    if reader == "number_words":
        value = words_value(s)
        if value is None or value > w.MAX_COUNT:
            return None
        return value, value, value, "number-words"
    if reader == "vague":
        low, best = vague_value(s)
        return low, best, None, "vague"
    if not STRICT[reader].fullmatch(s):
        return None  # "a drone hit civilian": the scan's loose words are no modifiers
    return (0, 0, 0, "no-one") if reader == "no_one" else (1, 1, 1, "singular")


@dataclass(slots=True)
class Quantity:
    """A quantity in the text, before it is tied to a category."""

    start: int
    end: int
    low: int | None
    best: int | None
    high: int | None
    evidence: list[Evidence]
    link: Cue | None = None
    link_after: bool = False
    gap: tuple[int, int] | None = None
    group: int = -1
    noun: re.Match[str] | bool | None = False  # the person noun after it, once looked for


BOUND_RULES = {b: rule for rule, words in w.BOUND_KINDS.items() for b in words}


def quantity_at(text: str, lower: str, reverse: str, start: int, core: int) -> Quantity | None:
    """The quantity that starts at ``start`` and holds the word at ``core``."""
    for pattern in QUANTITIES:
        m = pattern.match(lower, start)
        if m is None or m.end() <= core:
            return None
        q = read_quantity(text, lower, reverse, m)
        if q is not None or m["n"] is not None:
            return q
    return None


def read_quantity(text: str, lower: str, reverse: str, m: re.Match[str]) -> Quantity | None:
    start, end = m.span()
    if not_a_count_after(text, lower, end) or not_a_count_before(text, reverse, start):
        return None  # a date, a time, a measure, an age, money, "Resolution 884"
    bound = m["bound"]
    n = m.start("n")
    if n >= 0:
        spans = ((n, m.end("n")),)
        readers = ("digits",) if m.start("digits") >= 0 else [r for r in READERS if m.start(r) >= 0]
    else:
        spans = (m.span("r1"), m.span("r2")) if m.start("r1") >= 0 else (m.span("a1"), m.span("a2"))
        readers = ["digits" if text[a].isdigit() else "number_words" for a, _b in spans]
    readings = []
    for (a, b), reader in zip(spans, readers, strict=True):
        reading = read_number(text[a:b], reader)
        if reading is None:
            return None
        readings.append(reading)
    if readings[0][3] == "digits" and looks_like_a_phone_number(text, start, end):
        return None
    if n >= 0 and m["n"] == "one" and ONE_OF.match(text, end):
        return None  # "one of the soldiers"
    if len(readings) == 2:  # a range, or a change ("rose from 5 to 7")
        (low, best, _h, _r), (low2, best2, high2, _r2) = readings
        if m["between"] == "from" and CHANGE.search(text, max(0, start - 20), start):
            evidence = [Evidence(spans[1][0], end, "updated")]
            return Quantity(start, end, low2, best2, high2, evidence)
        high = high2 if high2 is not None else best2
        if low is None or high is None or low >= high:
            return None  # "3-2" is a score, not a range
        rule, value = "range", (low, best, high)
    else:
        low, best, high, rule = readings[0]
        kind = BOUND_RULES[" ".join(bound.split())] if bound else None
        suffix = (m["suffix"] or "").strip()
        if suffix:
            kind = "or-so" if suffix.endswith("so") else "at-least"
        if kind and rule in ("no-one", "singular"):
            return None
        value = bounded(kind, best) if kind else (low, best, high)
        rule = kind or rule
    evidence = [Evidence(start, end, rule)]
    if rule not in w.READING_RULES:  # how the number itself was read
        for (a, b), reading in zip(spans, readings, strict=True):
            if (a, b) != (start, end):
                evidence.append(Evidence(a, b, reading[3]))
    return Quantity(start, end, *value, evidence)


def looks_like_a_phone_number(text: str, start: int, end: int) -> bool:
    if PHONE_CHARS.isdisjoint(text[max(0, start - 3) : start] + text[end : end + 3]):
        return False
    return any(
        p.start() < end and start < p.end()
        for p in PHONE.finditer(text, max(0, start - 20), end + 20)
    )


def digit_run_may_count(text: str, start: int, end: int) -> bool:
    """A quick look at a run of digits: glued to letters ("11th", "5km"), a percentage, a
    time or a fraction ("02:00", "24/7"), a year, or a code with a leading zero never counts
    (the full rules say the same, more slowly)."""
    after = text[end : end + 1]
    if after.isalpha() or after in ("%", "‰", "°"):
        return False
    if after in (":", "/") and text[end + 1 : end + 2].isdigit():
        return False
    if end - start > 1 and text[start] == "0":
        return False
    return not (
        end - start == 4 and after not in (",", ".") and 1800 <= int(text[start:end]) <= 2099
    )


# money or a sign ("$5", "#3"), a time or decimal ("2:30", "1.5"), a model ("S-300"), a
# designator ("Resolution 884", "No. 5", "aged 12") or a month ("September 12") just before a
# number, matched leftwards on the reversed lower-case text
NOT_BEFORE = re.compile(
    rf"[$€£¥₽#№+/]|[:.]\d|[-\u2010\u2011][^\W_]"
    rf"|{S}(?:\.(?:{alt(x[::-1] for x in w.DOTTED_DESIGNATORS)})"
    rf"|\.?(?:{alt(x[::-1] for x in w.DESIGNATORS)}))\b"
    rf"|{S}\.?(?P<month>{alt(x.lower()[::-1] for x in w.MONTHS)})\b"
)


def not_a_count_before(text: str, reverse: str, start: int) -> bool:
    m = NOT_BEFORE.match(reverse, len(text) - start)
    if m is None or m["month"] is None:
        return m is not None
    return text[len(text) - m.end("month") : len(text) - m.start("month")] in w.MONTHS  # "May"


def bounded(kind: str, v: int) -> tuple[int | None, int | None, int | None]:
    if kind == "at-least":
        return v, v, None
    if kind == "more-than":
        return v + 1, v + 1, None
    if kind == "up-to":
        return None, None, v
    if kind == "fewer-than":
        return None, None, v - 1
    if kind == "nearly":
        return None, v, v
    if kind == "exact":
        return v, v, v
    return None, v, None  # about, or-so
