from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from annotator.importing.plain import parse_plain, parse_plain_text
from annotator.importing.records import ParsedDocument, ParsedSpan
from annotator.importing.split import split_archive

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

# data/archive_listing.txt was written for these tests. It has the layout of a blog's
# category archive page: a headline, a teaser glued to a "By Outlet -Month day,
# year<views>" byline (with no-break spaces, as such pages have), bylines on their own
# line, "Posted in ...Comments Off on <headline>" footers, site links after the last one.
ARCHIVE = (Path(__file__).parent / "data" / "archive_listing.txt").read_text(encoding="utf-8")


def _doc(text: str = ARCHIVE, **kw: object) -> ParsedDocument:
    doc = parse_plain_text(text, "/data/archive.txt", source_file="archive.txt")
    for key, value in kw.items():
        setattr(doc, key, value)
    return doc


def test_archive_is_split_into_articles() -> None:
    doc = _doc(outlet="Hill Post", language="en", url="https://example.org/archive")
    parts = split_archive(doc)
    assert [p.title for p in parts] == [
        "Truce agreed after six weeks of fighting. What next?",
        "Defence lines break near the old fortress town",
        "Court turns down petition on arms exports",
        "A view from the capital on the long conflict",
    ]
    for n, part in enumerate(parts, 1):
        assert part.source == f"/data/archive.txt#{n}"
        assert part.meta["split_from"] == "Archive | Caucasus"
        assert part.meta["part"] == n
        assert part.meta["source_file"] == "archive.txt"
        assert part.outlet == "Hill Post"
        assert part.language == "en"
        assert part.url is None
        assert part.text.startswith(part.title)
        assert "Posted in" not in part.text
        assert "Archive | Caucasus" not in part.text
        assert "Site links" not in part.text
        assert part.text == part.text.strip()
        assert part.text in doc.text  # a slice of the original: nothing rewritten
    first, second, third, fourth = parts
    assert first.published == dt.date(2021, 3, 3)
    assert first.meta["byline"] == "Hill Post"
    assert first.text.endswith("– a corridor five kilometres wide stays open.")
    assert second.meta["byline"] == "Hill Post"
    assert second.published is None
    assert third.meta["byline"] == "A. Writer"
    assert "byline" not in fourth.meta
    assert "Sub-heading inside the article" in fourth.text  # not a split point


def test_bylines_alone_are_enough() -> None:
    body = "A paragraph of reporting that is long enough to be an article body here."
    text = (
        f"Front page\n\nFirst headline here\n\nBy Ann Lee - June 5, 2022\n\n{body}\n\n"
        f"Second headline here\n\nby Bo Chan\n\n{body}\n\n{body}\n"
    )
    parts = split_archive(_doc(text))
    assert [(p.title, p.meta.get("byline"), p.published) for p in parts] == [
        ("First headline here", "Ann Lee", dt.date(2022, 6, 5)),
        ("Second headline here", "Bo Chan", None),
    ]
    assert parts[1].text.endswith(body)


def test_single_article_with_byline_is_not_split() -> None:
    text = (
        "Shelling resumes on the border\n\nBy Jane Roe\n\n"
        + "Villagers reported artillery fire overnight near the border. " * 5
        + "\n\nWhat the ministry said\n\nThe ministry blamed the other side.\n"
    )
    doc = _doc(text)
    assert split_archive(doc) == [doc]


def test_article_with_subheadings_and_related_list_is_not_split() -> None:
    para = "Officials said the situation remains tense, and more talks are planned. "
    text = (
        "Military operation launched\n\n"
        + para * 3
        + "\n\nRestoring order\n\n"
        + para * 2
        + "\n\nUse of precise weapons\n\n"
        + para * 2
        + "\n\nRelated articles\n\nElections in the union: what to expect\n\n"
        "Visa rules tightened after new law\n"
    )
    doc = _doc(text)
    assert split_archive(doc) == [doc]


def test_long_lead_in_means_no_split() -> None:
    lead = "A long article that is not part of any listing. " * 10
    body = "A paragraph of reporting that is long enough to be an article body here."
    text = (
        f"Main story\n\n{lead}\n\nRelated one here\n\nBy Ann Lee\n\n{body}\n\n"
        f"Related two here\n\nBy Bo Chan\n\n{body}\n"
    )
    doc = _doc(text)
    assert split_archive(doc) == [doc]


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    text = (
        "Weekly roundup\n\nBy the end of the week the front had moved\n\n"
        + "Troops advanced along the river. " * 5
        + "\n\nSecond part of the roundup\n\nby noon the shelling stopped\n\n"
        + "Residents came out of the shelters. " * 5
    )
    doc = _doc(text)
    assert split_archive(doc) == [doc]


def test_sentence_starting_with_posted_in_is_not_a_footer() -> None:
    body = "A paragraph of reporting that is long enough to be an article body here."
    text = (
        f"Listing\n\nFirst headline here\n\nBy Ann Lee\n\n{body}\n\n"
        "Posted in haste, the statement blamed the other side.\n\n"
        f"{body}\n\nSecond headline here\n\nBy Bo Chan\n\n{body}\n\n"
        "Posted in News, Region\n\nSite links\n"
    )
    first, second = split_archive(_doc(text))
    assert first.text.endswith(body)
    assert "Posted in haste" in first.text
    assert second.text.endswith(body)  # the bare category footer ends the article
    assert "Site links" not in second.text


def test_document_with_spans_is_not_split() -> None:
    doc = _doc(spans=[ParsedSpan(0, 7, "X")])
    assert split_archive(doc) == [doc]


def test_tiny_document_is_returned_unchanged() -> None:
    doc = _doc("Just a title\n\nAnd a line.")
    assert split_archive(doc) == [doc]


def _corpus(pattern: str) -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not available at {CORPUS}")
    files = sorted(CORPUS.glob(pattern))
    if not files:
        pytest.skip(f"no {pattern} in {CORPUS}")
    return files


def test_corpus_archive_page_is_split() -> None:
    (path,) = _corpus("003_*.txt")
    doc = parse_plain(path.read_bytes(), path)
    parts = split_archive(doc)
    assert len(parts) == 10
    assert all(p.title and len(p.text) > 500 for p in parts)
    assert all("Posted in" not in p.text for p in parts)
    assert parts[0].published == dt.date(2020, 11, 10)


def test_corpus_single_articles_are_not_split() -> None:
    files = [p for p in _corpus("00[0124]_*.txt")]
    for path in files:
        doc = parse_plain(path.read_bytes(), path)
        assert split_archive(doc) == [doc], path.name
