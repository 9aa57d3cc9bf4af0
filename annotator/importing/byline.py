"""Bylines ("By Name", "... By Name -Month day, year") and the sites they name.

* A **byline line** is short (at most 100 characters): "By Name", "By: Name" or "by Name",
  the name starting with a capital (or a character without case), at most 8 words, not
  ending with ``.``, ``,``, ``;`` or ``:``; it ends before a `` - `` or ``|`` separator
  ("By Ann Lee | Politics" names "Ann Lee").
* A **dated byline** ends a line (often a teaser it is glued to: "...of war.By Outlet
  -November 10, 2020"): "By Name", a separator (``-``, ``–``, ``|``, ``,``, ``·`` or
  " on "), then "Month day, year" or "day Month year" (English month names, full or
  short). Web pages glue a
  view counter to the year ("November 10, 20203780"): the four digits after the day are the
  year and the rest is the counter (``Byline.counter``); a counter after a space ("2020
  3780", "2020 3780 views") is read the same way. When a line holds several "by", the last
  one that makes a valid byline wins ("Hit by drones.By Name -May 3, 2021" names "Name").
* A **known site** (``KNOWN_SITES``) is recognised from a byline name ("By South Front") or
  from a URL's host (``southfront.org``): it gives the outlet's usual name.

* A **date line** is a line of its own with only a date and maybe a weekday and a time:
  "Tuesday 19 September 2023 - 13:04", "November 10, 2020", "2020-11-10 08:00 UTC".

``fill_details`` gives a single article its author, date and outlet from the first byline
(or date line) near its top (see its doc); ``annotator.importing.split`` uses the same
parsing per article.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from annotator.importing.records import ParsedDocument

__all__ = [
    "KNOWN_SITES",
    "Byline",
    "Site",
    "fill_details",
    "find_byline",
    "find_date",
    "parse_byline",
    "parse_date_line",
    "site_from_name",
    "site_from_url",
]

MAX_BYLINE_LINE = 100
BYLINE_LINES = 3  # a single article's byline: within this many non-blank lines after the title

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
# anchored at a "by": the name, a separator, the date, an optional view counter, the line end
_DATED_TAIL = re.compile(
    rf"[Bb][Yy]\s*:?\s+(?P<name>\S.{{0,60}}?)(?:\s+on\s+|\s*[-–—|,·•]\s*)"
    rf"(?:(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH_RE})\.?,?\s+)"
    rf"(?P<year>\d{{4}})(?P<count>\d{{1,9}}|\s+\d[\d,.]{{0,12}}(?:\s*(?:views?|reads?))?)?\s*$",
    re.IGNORECASE,
)
# a short byline's name ends before a separator and what follows it ("Ann Lee | Region")
_NAME_END = re.compile(r"\s+[-–—|·•]\s+|\s*[|·•]\s*")
_DATE_LINE = re.compile(
    rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH_RE})\.?,?\s+(?P<year2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
    rf"(?:\s*(?:[-–—|,·•]|at)?\s*\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?"
    rf"(?:\s*\(?[A-Z]{{2,5}}\)?)?)?$",
    re.IGNORECASE,
)
_BY_WORD = re.compile(r"(?<!\w)[Bb][Yy](?=[\s:])")
_BYLINE = re.compile(r"^(?:[Bb]y|BY)\s*:?\s+(?P<name>\S.*)$")


@dataclass(frozen=True, slots=True)
class Byline:
    name: str
    published: dt.date | None = None
    start: int = 0  # where "By" starts in the line (0: the line is the byline)
    counter: str | None = None  # a view counter glued to (or after) the date's year


@dataclass(frozen=True, slots=True)
class Site:
    """A news site Annotator knows: its usual name, other spellings, its web addresses."""

    outlet: str
    names: tuple[str, ...]
    domains: tuple[str, ...]


KNOWN_SITES: tuple[Site, ...] = (
    Site("SouthFront", ("South Front", "SouthFront"), ("southfront.org", "southfront.press")),
    Site("Voltaire Network", ("Voltaire Network", "Réseau Voltaire"), ("voltairenet.org",)),
    Site("DFRLab", ("DFRLab", "Digital Forensic Research Lab"), ("dfrlab.org",)),
    Site("Bulgarian Military", ("BulgarianMilitary",), ("bulgarianmilitary.com",)),
    Site("Armenpress", ("Armenpress",), ("armenpress.am",)),
    Site("Asbarez", ("Asbarez",), ("asbarez.com",)),
    Site("Azatutyun", ("Azatutyun", "RFE/RL Armenian Service"), ("azatutyun.am",)),
    Site("APA", ("APA", "APA News Agency"), ("apa.az", "apa.tv")),
    Site("Trend", ("Trend", "Trend News Agency"), ("trend.az",)),
    Site("Report.az", ("Report.az", "Report News Agency"), ("report.az",)),
    Site("OC Media", ("OC Media",), ("oc-media.org",)),
    Site("Eurasianet", ("Eurasianet",), ("eurasianet.org",)),
    Site("JAMnews", ("JAMnews", "JAM News"), ("jam-news.net",)),
    Site("EVN Report", ("EVN Report",), ("evnreport.com",)),
)  # fmt: skip


def _key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


_SITE_BY_NAME = {_key(n): site for site in KNOWN_SITES for n in (site.outlet, *site.names)}


def site_from_name(name: str | None) -> Site | None:
    """The known site a byline name is (spaces, case and punctuation ignored)."""
    return _SITE_BY_NAME.get(_key(name)) if name else None


def site_from_url(url: str | None) -> Site | None:
    """The known site a URL is on (its host or a subdomain of it)."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    for site in KNOWN_SITES:
        if any(host == d or host.endswith("." + d) for d in site.domains):
            return site
    return None


def _date(month: str, day: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), _MONTHS[month.lower()], int(day))
    except (KeyError, ValueError):
        return None


def _name_ok(name: str) -> bool:
    if not name or len(name.split()) > 8 or name.endswith((".", ",", ";", ":")):
        return False
    first = name[0]
    return not (first.isalpha() and first.lower() != first.upper() and not first.isupper())


def _clean_name(name: str) -> str:
    return " ".join(name.split())


def parse_byline(line: str) -> Byline | None:
    """The byline ``line`` is or ends with (see the module doc), else None. ``line`` is
    taken as it is: strip it first when its indentation should not count."""
    if line[-1:].isdigit() or line[-5:].lower().rstrip("s").endswith(("view", "read")):
        for m in reversed(list(_BY_WORD.finditer(line))):
            d = _DATED_TAIL.match(line, m.start())
            if d is None:
                continue
            name = _clean_name(d["name"])
            if _name_ok(name):
                count = d["count"].strip() if d["count"] else None
                month, day = d["month"] or d["month2"], d["day"] or d["day2"]
                return Byline(name, _date(month, day, d["year"]), m.start(), count)
    if len(line) <= MAX_BYLINE_LINE:
        m = _BYLINE.match(line)
        if m is not None:
            name = _clean_name(_NAME_END.split(m["name"], 1)[0])
            if _name_ok(name):
                return Byline(name)
    return None


def find_byline(text: str, lines: list[str] | None = None) -> Byline | None:
    """The byline of a single article: the first of the ``BYLINE_LINES`` non-blank lines
    after its first (title) line that is a byline (Markdown ``*``/``_`` around it ignored)."""
    for line in _top_lines(text) if lines is None else lines:
        byline = parse_byline(line.strip("*_ ").strip())
        if byline is not None:
            return byline
    return None


def parse_date_line(line: str) -> dt.date | None:
    """The date of a line that is only a date (and a time): "Tuesday 19 September 2023 -
    13:04", "November 10, 2020", "2020-11-10 08:00"; else None."""
    if len(line) > 120 or not any(map(str.isdigit, line[:24])):  # a paragraph, not a date line
        return None
    line = " ".join(line.split())
    if len(line) > 60:
        return None
    m = _DATE_LINE.match(line)
    if m is None:
        return None
    if m["iso"]:
        try:
            return dt.date.fromisoformat(m["iso"])
        except ValueError:
            return None
    if m["month"]:
        return _date(m["month"], m["day"], m["year"])
    return _date(m["month2"], m["day2"], m["year2"])


def _top_lines(text: str) -> list[str]:
    """The ``BYLINE_LINES`` non-blank lines after the first (title) line, stripped."""
    out: list[str] = []
    for raw in text[:6000].split("\n", 60)[:60]:
        line = raw.strip()
        if line:
            out.append(line)
            if len(out) > BYLINE_LINES:
                break
    return out[1:]


def find_date(text: str, lines: list[str] | None = None) -> dt.date | None:
    """The date of a single article given on a line of its own near its top (the same
    lines as ``find_byline``)."""
    for line in _top_lines(text) if lines is None else lines:
        date = parse_date_line(line.strip("*_ ").strip())
        if date is not None:
            return date
    return None


def fill_details(doc: ParsedDocument) -> ParsedDocument:
    """``doc`` with the fields its parser left empty filled, the others kept: ``author``
    and ``published`` from the byline near its top (``find_byline``), else ``published``
    from a date line there (``find_date``), ``outlet`` from a known site named by that
    byline or by ``doc.url``. Returns ``doc`` itself when there is
    nothing to fill, else a copy."""
    if doc.author and doc.published and doc.outlet:
        return doc
    lines = _top_lines(doc.text)  # read once for both
    byline = find_byline(doc.text, lines)
    changes: dict[str, object] = {}
    if byline is not None:
        if not doc.author:
            changes["author"] = byline.name
        if doc.published is None and byline.published is not None:
            changes["published"] = byline.published
    if doc.published is None and "published" not in changes:
        date = find_date(doc.text, lines)
        if date is not None:
            changes["published"] = date
    if not doc.outlet:
        site = site_from_name(byline.name if byline else None) or site_from_url(doc.url)
        if site is not None:
            changes["outlet"] = site.outlet
    return dataclasses.replace(doc, **changes) if changes else doc
