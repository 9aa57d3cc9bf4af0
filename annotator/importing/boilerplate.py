"""Web boilerplate in an article's text: share and subscribe prompts, comment forms, "Read
more" links, related-story lists, teasers for other stories, view counters...

``find_boilerplate(text)`` returns one ``Boilerplate`` per line it finds (in line order):
the line's number, the part of the line that is boilerplate as ``str`` offsets into
``text`` (usually the whole line without its indentation; for a byline glued to a teaser or
a "click to view full size" after a caption, only the end of the line) and the rule that
matched. ``remove_ranges``/``strip_document`` remove the chosen ones; the text that remains
is what is stored. Nothing is rewritten: the kept text is the original's, character for
character, except for the removed parts and the blank lines they leave behind.

Lines are compared after light clean-up: spaces (also no-break spaces) collapsed, Markdown
heading, quote and list marks, emphasis and link syntax removed (``[Read more](url)`` reads
"Read more"), ``>>``/``<<`` around a line dropped. Matching ignores case. A line that
merely *mentions* sharing or comments is never matched: each rule wants the whole line to
be the prompt, the heading or the counter.

The rules (``RULES`` holds them with one-line descriptions, in this order; the first that
matches names the line):

``post-footer``
    A blog footer: "Posted in Armenia, Azerbaijan Comments Off on <Title>", "Filed under
    ...", "... Leave a comment on ...", "... 3 Comments on ..." (the split heuristic's
    footer, ``annotator.importing.split``).
``share``
    A share prompt: "Share", "Share it:", "Share this article", "Share on Facebook",
    "Tweet", "Email this", "Print this article", or a line made only of sharing words and
    network names ("Facebook Twitter WhatsApp Telegram", "Share | Tweet | Email").
``subscribe``
    A subscribe/follow/support prompt: a line starting "Subscribe", "Sign up", "Follow us",
    "Join us/our", "Get our", "Don't miss", "Support us/our work...", "Become a
    patron/member...", "Be a reporter", "Send us your", "Download our app" that is short
    (at most 120 characters), or up to 600 characters when it names a channel (newsletter,
    Google News, Telegram, YouTube, Twitter, Facebook, RSS, an app store...).
``comment-form``
    A comment form's text: "Leave a Reply", "Leave a comment", "Post comment", "Cancel
    reply", "Comments", "3 comments", "No comments yet", "Be the first to comment",
    "Your email address will not be published...", "Required fields are marked *", "You
    must be logged in to post a comment", "Notify me of follow-up comments...", "Save my
    name, email, and website...", and form labels "Name *", "Email *", "Website",
    "Comment" (at most 200 characters).
``read-more``
    A link to another story: "Read more: <title>", "Read also – ...", "See also: ...",
    "Related: ...", "Also read ...", "More on this story »", "Continue reading →", "Read
    the full story" (a separator after the words, or the words alone; at most 250
    characters).
``related``
    A related-stories heading ("Related", "Related articles", "You may also like", "More
    stories", "Recommended for you", "Most read", "Trending now", "Latest news", "Top
    stories", "Editor's picks", "In other news"...) and the list under it: the following
    lines that look like headlines or excerpts (at most 200 characters and not ending like
    a sentence, or ending with "..."), at most 15 of them, up to the first line that does
    not.
``view-count``
    A line that is only a counter: "3,780 views", "Views: 3780", "👁 3780", "1.2k reads".
``copyright``
    "© 2020 Example News", "(c) Example", "Copyright 2020 ...", "Copyright © ...", or a
    line ending "All rights reserved." (at most 300 characters).
``advert``
    "Advertisement", "Advertising", "Sponsored", "Sponsored content", "Ad", "Scroll to
    continue with content", "Story continues below advertisement".
``media``
    What is left of an image or file: "Image", "Photo", "Image for post", "JPEG - 71.3 kb",
    "(PDF – 1.1 Mb)", "Click to enlarge", and at the end of a caption "– click to view full
    size" (only that end is boilerplate; the caption stays).
``byline-counter``
    A dated byline whose year has a view counter glued to it ("…of war.By South Front
    -November 10, 20203780", see ``annotator.importing.byline``): from "By" to the end of
    the line (the whole line when it is only the byline). The author, date and outlet are
    read from it before it is removed.
``teaser``
    Teasers for other stories at the end of the text: pairs of a headline (at most 200
    characters, 2 words or more, not ending with ``.`` ``,`` ``;`` ``:``) and, as its next
    non-blank line, an excerpt cut off with "..." or "…" (at most 600 characters), counted
    from the end (blank lines and lines found by the other rules in between are passed
    over). The first line of the text (the title) is never a teaser.

Rules for Russian, French and Turkish cover the most common prompts ("Поделиться",
"Читайте также", "Partager", "Lire aussi", "Paylaş", "Ayrıca okuyun"...).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.errors import ImportFileError
from annotator.importing.byline import parse_byline
from annotator.importing.plain import clean_title
from annotator.importing.records import ParsedDocument
from annotator.importing.split import is_footer

__all__ = [
    "RULES",
    "Boilerplate",
    "find_boilerplate",
    "remove_ranges",
    "strip_document",
]

RULES: dict[str, str] = {
    "post-footer": "blog footer (Posted in … Comments Off on …)",
    "share": "share prompt or share buttons",
    "subscribe": "subscribe, follow or support prompt",
    "comment-form": "comment form",
    "read-more": "link to another story (Read more: …)",
    "related": "related stories heading or list",
    "view-count": "view counter",
    "copyright": "copyright line",
    "advert": "advertisement marker",
    "media": "image or file placeholder",
    "byline-counter": "byline with a view counter glued to its date",
    "teaser": "teaser for another story at the end",
}

MAX_SUBSCRIBE_SHORT = 120
MAX_SUBSCRIBE_LONG = 600
MAX_COMMENT = 200
MAX_READ_MORE = 250
MAX_RELATED_ITEM = 200
MAX_RELATED_ITEMS = 15
MAX_COPYRIGHT = 300
MAX_FOOTER = 400
MAX_TEASER_HEADLINE = 200
MAX_TEASER_EXCERPT = 600


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """One line's boilerplate: ``text[start:end]`` of line ``line`` (0-based), by ``rule``."""

    line: int
    start: int
    end: int
    rule: str
    whole_line: bool = True  # False: only the end of the line (the rest is kept)

    @property
    def description(self) -> str:
        return RULES[self.rule]


# -- line clean-up ---------------------------------------------------------------------------
_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>+\s*|[-*+•·]\s+)+")
# Each pattern here is linear in the line: a link's text stops at the next bracket and its
# target at the next parenthesis, emphasis closes within EMPHASIS_MAX characters ("[^\]]*" or
# ".+?" alone rescan to the end of the line from every opener with no closer: a line of 8,000
# "[" took 1.5 s, "*a " 32,000 characters long 41 s).
EMPHASIS_MAX = 300
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_MD_EMPHASIS = re.compile(rf"(\*\*|__|\*|_|~~|`)(?=\S)(.{{1,{EMPHASIS_MAX}}}?)(?<=\S)\1")


def _normal(line: str) -> str:
    """``line`` (stripped) as the rules see it (see the module doc)."""
    s = " ".join(line.split())
    s = _MD_PREFIX.sub("", s)
    s = _MD_LINK.sub(r"\1", s)
    for _ in range(2):
        s = _MD_EMPHASIS.sub(r"\2", s)
    s = re.sub(r"\s+#+$", "", s)
    # the quote marks at the edges (str methods: "[<«\s]+$" rescans a run of "<" from each)
    return s.lstrip(">» ").rstrip("<« ").strip()


# -- the rules -------------------------------------------------------------------------------
_SHARE_VERB = r"(?:share|поделиться|paylaş|partager|teilen)"
_SHARE = re.compile(
    rf"^(?:{_SHARE_VERB}(?:\s+(?:it|this|this\s+(?:article|story|post|page|on)|the\s+"
    r"(?:article|story)|on\s+[\w.]+|via\s+[\w.]+|with\s+(?:friends|a\s+friend)))?"
    r"|tweet(?:\s+this)?|pin\s+it|email\s+this(?:\s+(?:article|story|page))?"
    r"|print\s+this(?:\s+(?:article|story|page))?)\s*[:!.…]*$",
    re.IGNORECASE,
)
_SHARE_WORDS = frozenset(
    "share shares tweet facebook twitter x whatsapp telegram linkedin email e-mail mail print "
    "reddit pinterest vk vkontakte viber messenger tumblr pocket flipboard copy link "
    "поделиться paylaş partager teilen".split()
)
_NETWORK_WORDS = _SHARE_WORDS - {"email", "e-mail", "mail", "print", "copy", "link"}
_SUBSCRIBE = re.compile(
    r"^(?:subscribe|sign\s+up|follow\s+us|join\s+(?:us|our)|get\s+our|don'?t\s+miss|do\s+not\s+"
    r"miss|support\s+(?:us|our\s+(?:work|journalism|reporting|newsroom))|become\s+a\s+(?:patron|"
    r"member|supporter|subscriber)|be\s+a\s+reporter|send\s+us\s+your|download\s+our\s+app|"
    r"подписывайтесь|подпишитесь|abone\s+ol|abonnez-vous)\b",
    re.IGNORECASE,
)
_CHANNEL = re.compile(
    r"newsletter|google\s*news|telegram|youtube|twitter|facebook|instagram|tiktok|channel|"
    r"app\s*store|google\s*play|\brss\b|\bfeed|podcast|patreon|donat",
    re.IGNORECASE,
)
_COMMENT = re.compile(
    r"^(?:leave\s+a\s+(?:reply|comment)|post\s+(?:a\s+|your\s+)?comment|add\s+(?:a\s+)?comment|"
    r"submit\s+(?:a\s+)?comment|cancel\s+reply|comments?|\d+\s+comments?|(?:no|show)\s+comments"
    r"(?:\s+yet)?|be\s+the\s+first\s+to\s+comment.*|join\s+the\s+discussion|your\s+email\s+"
    r"address\s+will\s+not\s+be\s+published.*|required\s+fields\s+are\s+marked.*|you\s+must\s+"
    r"be\s+logged\s+in\s+to\s+post\s+a\s+comment.*|log\s*in\s+to\s+(?:comment|reply).*|notify\s+"
    r"me\s+of\s+(?:follow-up\s+comments|new\s+posts).*|save\s+my\s+name,?\s+email,?\s+and\s+"
    r"website.*|(?:name|email|e-mail|website|comment)\s*\*?\s*:?|комментарии|yorumlar)$",
    re.IGNORECASE,
)
_READ_MORE = re.compile(
    r"^(?:read\s+(?:more|also|next|the\s+full\s+(?:story|article))|also\s+read|see\s+also|"
    r"related|more\s+on\s+this(?:\s+story)?|continue\s+reading|full\s+story|читайте\s+(?:также|"
    r"тоже|по\s+теме)|смотрите\s+также|lire\s+aussi|ayrıca\s+okuyun)"
    r"(?P<tail>\s*(?:[:\-–—>»|→]|\.\.\.|…)+\s*.*|\s*)$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(?:related(?:\s+(?:articles?|posts?|stories|news|content|coverage|reading|topics))?|you\s+"
    r"(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)|more\s+(?:stories|news|articles|"
    r"from\s+.{1,40})|recommended(?:\s+(?:for\s+you|stories|articles|reading))?|most\s+(?:read|"
    r"popular|viewed|shared)|popular\s+(?:posts|stories|articles|now)|trending(?:\s+(?:now|"
    r"stories|articles))?|latest\s+(?:news|stories|posts|articles)|top\s+stories|editor'?s\s+"
    r"picks|what\s+to\s+read\s+next|in\s+other\s+news|по\s+теме|также\s+по\s+теме|похожие\s+"
    r"(?:статьи|новости|материалы)|другие\s+новости|à\s+lire\s+aussi|benzer\s+haberler)\s*[:»>]?$",
    re.IGNORECASE,
)
_VIEWS = re.compile(
    r"^(?:(?:👁️?|👀)\s*\d[\d,.]*\s*[kKmM]?|\d[\d,.]*\s*[kKmM]?\s*(?:views?|reads?|просмотр\w*|"
    r"görüntülenme|vues?)|(?:views?|reads?|просмотры|просмотров)\s*:?\s*\d[\d,.]*\s*[kKmM]?)$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|all\s+rights\s+reserved\.?$", re.IGNORECASE
)
_ADVERT = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|ads?|реклама|scroll\s+to\s+"
    r"continue\s+with\s+content|story\s+continues\s+below(?:\s+advertisement)?)$",
    re.IGNORECASE,
)
_MEDIA = re.compile(
    r"^(?:image|photo|picture|video|(?:image|photo)\s+for\s+post|click\s+(?:here\s+)?to\s+"
    r"(?:enlarge|view\s+(?:full\s+size|larger|image)|see\s+full\s+size)|\(?\s*(?:jpe?g|png|gif|"
    r"webp|svg|pdf|mp4|mp3|docx?)\s*[-–—:]\s*[\d.,]+\s*[kmg]i?[bo]\s*\)?)$",
    re.IGNORECASE,
)
# A media caption's tail: "… – (click to view in full size)". Searched only in the line's last
# MEDIA_TAIL_WINDOW characters, and with no two whitespace runs side by side: "\s*[-|]?\s*"
# backtracks cubically on a run of spaces (a line with 4,000 spaces took 6 minutes).
_MEDIA_TAIL = re.compile(
    r"(?:\s*[-–—|])?\s*\(?click\s+(?:here\s+)?to\s+(?:view|see)\s+(?:it\s+)?(?:in\s+)?full"
    r"[\s-]*(?:size|screen|resolution)\)?\s*$|(?:\s*[-–—|])?\s*\(?click\s+to\s+enlarge\)?\s*$",
    re.IGNORECASE,
)
MEDIA_TAIL_WINDOW = 120
_SENTENCE_END = (".", "!", "?", ";", ":", ",", '"', "”", "»", ")")
_ELLIPSIS = ("...", "…")


def _share(norm: str) -> bool:
    if _SHARE.match(norm):
        return True
    words = [w for w in re.split(r"[\s|,·•/]+", norm.casefold()) if w]
    return (
        2 <= len(words) <= 12
        and all(w in _SHARE_WORDS for w in words)
        and any(w in _NETWORK_WORDS for w in words)
    )


def _subscribe(norm: str) -> bool:
    if not _SUBSCRIBE.match(norm):
        return False
    return len(norm) <= MAX_SUBSCRIBE_SHORT or (
        len(norm) <= MAX_SUBSCRIBE_LONG and _CHANNEL.search(norm) is not None
    )


def _read_more(norm: str) -> bool:
    if len(norm) > MAX_READ_MORE:
        return False
    m = _READ_MORE.match(norm)
    if m is None:
        return False
    if m["tail"].strip():
        return True
    # the words alone: "Read more", "Continue reading" (a bare "Related" is a heading)
    return not norm.casefold().startswith("related")


def _line_rule(stripped: str, norm: str) -> str | None:
    """The rule a whole line matches (not ``related``, ``teaser``, tails), else None."""
    if stripped[:1] in "PF" and len(stripped) <= MAX_FOOTER and is_footer(stripped):
        return "post-footer"
    if len(norm) <= 200 and _share(norm):
        return "share"
    if _subscribe(norm):
        return "subscribe"
    if len(norm) <= MAX_COMMENT and _COMMENT.match(norm):
        return "comment-form"
    if _read_more(norm):
        return "read-more"
    if len(norm) <= 40 and _VIEWS.match(norm):
        return "view-count"
    if len(norm) <= MAX_COPYRIGHT and _COPYRIGHT.search(norm):
        return "copyright"
    if len(norm) <= 60 and _ADVERT.match(norm):
        return "advert"
    if len(norm) <= 60 and _MEDIA.match(norm):
        return "media"
    return None


def _related_item(norm: str) -> bool:
    if not norm or len(norm) > MAX_RELATED_ITEM:
        return False
    return norm.endswith(_ELLIPSIS) or not norm.endswith((".", "!", ";", ":", ","))


def _teaser_headline(norm: str) -> bool:
    return (
        0 < len(norm) <= MAX_TEASER_HEADLINE
        and len(norm.split()) >= 2
        and not norm.endswith((".", ",", ";", ":"))
    )


def find_boilerplate(text: str) -> list[Boilerplate]:
    """The boilerplate lines of ``text`` (see the module doc), in line order."""
    raw_lines = text.split("\n")
    offsets: list[int] = []
    pos = 0
    for raw in raw_lines:
        offsets.append(pos)
        pos += len(raw) + 1
    stripped = [raw.strip() for raw in raw_lines]
    found: dict[int, Boilerplate] = {}
    first = next((i for i, s in enumerate(stripped) if s), None)

    def whole(i: int, rule: str) -> Boilerplate:
        raw = raw_lines[i]
        a = offsets[i] + len(raw) - len(raw.lstrip())
        return Boilerplate(i, a, offsets[i] + len(raw.rstrip()), rule)

    def tail(i: int, at: int, rule: str) -> Boilerplate:
        """From column ``at`` of the stripped line (spaces before it included) to its end."""
        raw = raw_lines[i]
        lead = len(raw) - len(raw.lstrip())
        body = stripped[i]
        cut = len(body[:at].rstrip())
        if cut == 0:
            return whole(i, rule)
        return Boilerplate(i, offsets[i] + lead + cut, offsets[i] + lead + len(body), rule, False)

    related_left = 0
    for i, line in enumerate(stripped):
        if not line:
            continue
        norm = _normal(line)
        if related_left:
            if _related_item(norm) and _line_rule(line, norm) is None:
                found[i] = whole(i, "related")
                related_left -= 1
                continue
            related_left = 0
        if len(norm) <= 60 and _RELATED.match(norm):
            found[i] = whole(i, "related")
            related_left = MAX_RELATED_ITEMS
            continue
        rule = _line_rule(line, norm)
        if rule is not None:
            found[i] = whole(i, rule)
            continue
        m = _MEDIA_TAIL.search(line, max(0, len(line) - MEDIA_TAIL_WINDOW))
        if m is not None and m.start() > 0:
            found[i] = tail(i, m.start(), "media")
            continue
        if line[-1:].isdigit() or line[-5:].lower().endswith(("views", "reads")):
            byline = parse_byline(line)
            if byline is not None and byline.counter is not None:
                found[i] = tail(i, byline.start, "byline-counter")

    # trailing teasers, counted from the end
    j = len(stripped) - 1
    while True:
        while j >= 0 and (not stripped[j] or j in found):
            j -= 1
        if j < 0:
            break
        excerpt = _normal(stripped[j])
        if not (excerpt.endswith(_ELLIPSIS) and len(excerpt) <= MAX_TEASER_EXCERPT):
            break
        h = j - 1
        while h >= 0 and not stripped[h]:
            h -= 1
        if h < 0 or h == first or h in found or not _teaser_headline(_normal(stripped[h])):
            break
        found[j] = whole(j, "teaser")
        found[h] = whole(h, "teaser")
        j = h - 1
    return [found[i] for i in sorted(found)]


def remove_ranges(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    """``text`` without the ``[start, end)`` ranges (``str`` offsets). A line left empty by a
    removal is removed with its line end, and the blank lines around it become one; the
    result is stripped. Without ranges, ``text`` is returned as it is."""
    cuts = sorted((max(0, a), min(len(text), b)) for a, b in ranges if b > a)
    if not cuts:
        return text
    out: list[str] = []
    after_removal = False
    pos = k = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        while k < len(cuts) and cuts[k][1] <= a:
            k += 1
        pieces: list[str] = []
        cur, touched, j = a, False, k
        while j < len(cuts) and cuts[j][0] < b:
            s, e = max(cuts[j][0], a), min(cuts[j][1], b)
            if s < e and e > cur:
                pieces.append(text[cur:s] if s > cur else "")
                cur, touched = max(cur, e), True
            j += 1
        if not touched:
            if line.strip():
                after_removal = False
            elif after_removal and (not out or not out[-1].strip()):
                continue  # a blank line left next to another by a removal
            out.append(line)
            continue
        pieces.append(text[cur:b])
        new = "".join(pieces).rstrip()
        if not new.strip():
            after_removal = True  # the line goes, with its line end
            continue
        after_removal = False
        out.append(new)
    return "\n".join(out).strip()


def strip_document(doc: ParsedDocument, remove: Iterable[Boilerplate]) -> ParsedDocument:
    """A copy of ``doc`` without the ``remove`` boilerplate (found in ``doc.text``); ``doc``
    itself when there is nothing to remove. A title taken from a removed first line is
    taken again from the first line that remains."""
    remove = list(remove)
    if not remove:
        return doc
    if doc.spans:
        raise ValueError(f"{doc.source}: boilerplate is not removed from a text with spans")
    text = remove_ranges(doc.text, [(b.start, b.end) for b in remove])
    if not text.strip():
        raise ImportFileError(doc.source, "no text left once the boilerplate is removed")
    title = doc.title
    lines = doc.text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    markdown = doc.source.lower().endswith((".md", ".markdown"))
    removed_lines = {b.line for b in remove if b.whole_line}
    if first in removed_lines and title == clean_title(lines[first], markdown=markdown):
        title = clean_title(
            next(line for line in text.split("\n") if line.strip()), markdown=markdown
        )
    return dataclasses.replace(doc, text=text, title=title)
