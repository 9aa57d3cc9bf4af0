"""Bylines: a date glued to a view counter, the last "by" of a teaser, known sites; the
author, date and outlet they give split articles and single articles."""

from __future__ import annotations

import datetime as dt

import pytest

from annotator.importing.byline import (
    fill_details,
    find_byline,
    parse_byline,
    site_from_name,
    site_from_url,
)
from annotator.importing.files import iter_file_documents
from annotator.importing.plain import parse_plain, parse_plain_text
from annotator.importing.split import split_archive

BODY = "A paragraph of reporting that is long enough to be an article body here."


def test_date_glued_to_a_view_counter() -> None:
    line = "Both sides stop where they stand.By\xa0 Hill Post\xa0 -March 3, 20211542"
    byline = parse_byline(line)
    assert byline is not None
    assert byline.name == "Hill Post"
    assert byline.published == dt.date(2021, 3, 3)
    assert byline.counter == "1542"
    assert byline.start == line.index("By\xa0")


def test_counter_after_a_space_and_with_a_word() -> None:
    for line, counter in [
        ("By Ann Lee - June 5, 2022 3780", "3780"),
        ("By Ann Lee | Jun 5th, 2022 3,780 views", "3,780 views"),
    ]:
        byline = parse_byline(line)
        assert byline is not None, line
        assert (byline.name, byline.published, byline.counter) == (
            "Ann Lee",
            dt.date(2022, 6, 5),
            counter,
        )


def test_dated_byline_without_counter() -> None:
    byline = parse_byline("By Ann Lee on May 4, 2021")
    assert byline is not None and byline.counter is None
    assert byline.published == dt.date(2021, 5, 4)


def test_the_last_by_of_a_teaser_names_the_author() -> None:
    # an earlier "by" in the teaser is not the byline
    line = "Villages were hit by drones overnight.By Kay Dee -May 3, 2021120"
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.name, byline.published, byline.counter) == (
        "Kay Dee",
        dt.date(2021, 5, 3),
        "120",
    )
    capital = parse_byline("Villages Hit By Drones.By Kay Dee -May 3, 2021120")
    assert capital is not None and capital.name == "Kay Dee"


def test_not_bylines() -> None:
    for line in [
        "By the end of the week the front had moved",
        "The report was written by Ann Lee - May 3, 2021 in the capital.",
        "by noon the shelling stopped",
        "Standby - May 3, 2021",
    ]:
        assert parse_byline(line) is None, line
    assert parse_byline("By " + "Word " * 9) is None  # more than 8 words


def test_known_sites_from_name_and_url() -> None:
    assert site_from_name("South Front").outlet == "SouthFront"
    assert site_from_name("southfront").outlet == "SouthFront"
    assert site_from_name("Jane Roe") is None
    assert site_from_url("https://southfront.press/some-article/").outlet == "SouthFront"
    assert site_from_url("https://www.southfront.org/x").outlet == "SouthFront"
    assert site_from_url("https://notsouthfront.org/x") is None
    assert site_from_url(None) is None


def _page() -> str:
    return (
        "Archive | Region\n\n"
        "Truce agreed after weeks of fighting\n\n"
        "Both armies stop where they stand.By\xa0South Front\xa0-November 10, 20203780\n\n"
        f"{BODY}\n\n"
        "Court turns down the petition\n\n"
        "By Jane Roe\n\n"
        f"{BODY}\n"
    )


def test_split_byline_fills_author_outlet_and_date() -> None:
    doc = parse_plain_text(_page(), "/x/page.txt")
    doc.outlet = "Aggregator"
    first, second = split_archive(doc)
    assert first.author == "South Front"
    assert first.outlet == "SouthFront"  # a known site: the article is that site's
    assert first.published == dt.date(2020, 11, 10)
    assert first.meta["byline"] == "South Front"
    assert second.author == "Jane Roe"
    assert second.outlet == "Aggregator"  # not a site: the page's outlet
    assert second.published is None


def test_single_article_gets_author_and_date_from_its_byline() -> None:
    text = f"Shelling resumes\n\n*By Jane Roe - May 4, 2021*\n\n{BODY}\n"
    doc = fill_details(parse_plain_text(text, "/x/a.md", markdown=True))
    assert (doc.author, doc.published, doc.outlet) == ("Jane Roe", dt.date(2021, 5, 4), None)


def test_fill_details_keeps_what_the_parser_found() -> None:
    text = (
        "---\nauthor: Front Matter\npublished: 2020-01-02\noutlet: Wire\n---\n"
        f"Title\n\nBy Jane Roe - May 4, 2021\n\n{BODY}\n"
    )
    doc = parse_plain_text(text, "/x/a.txt")
    assert fill_details(doc) is doc
    assert (doc.author, doc.published, doc.outlet) == ("Front Matter", dt.date(2020, 1, 2), "Wire")


def test_byline_too_far_down_is_not_the_article_byline() -> None:
    text = f"Title\n\n{BODY}\n\n{BODY}\n\n{BODY}\n\nBy Jane Roe\n"
    assert find_byline(text) is None
    assert fill_details(parse_plain_text(text, "/x/a.txt")).author is None


def test_outlet_from_a_known_url() -> None:
    doc = parse_plain_text(f"Title\n\n{BODY}\n", "/x/a.txt")
    doc.url = "https://southfront.press/title/"
    assert fill_details(doc).outlet == "SouthFront"


def test_imported_file_gets_its_byline(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"Shelling resumes\n\nBy South Front\n\n{BODY}\n", encoding="utf-8")
    (doc,) = iter_file_documents(path)
    assert (doc.author, doc.outlet) == ("South Front", "SouthFront")
    page = tmp_path / "page.txt"
    page.write_text(_page(), encoding="utf-8")
    parts = list(iter_file_documents(page, split=True))
    assert [p.author for p in parts] == ["South Front", "Jane Roe"]
    assert parts[1].outlet is None  # the page's outlet (none), not the first article's site


def test_corpus_archive_bylines(shared_corpus) -> None:
    (path,) = sorted(shared_corpus.glob("003_*.txt")) or [None]
    if path is None:
        pytest.skip("no archive page in the shared corpus")
    parts = split_archive(parse_plain(path.read_bytes(), path))
    assert (parts[0].author, parts[0].outlet, parts[0].published) == (
        "South Front",
        "SouthFront",
        dt.date(2020, 11, 10),
    )
    authors = {p.author for p in parts}
    assert {"South Front", "John Phoenix", "Thierry Meyssan"} <= authors


def test_day_first_date_and_separators_end_the_name() -> None:
    byline = parse_byline("By Ann Lee - 5 June 2022")
    assert byline is not None and (byline.name, byline.published) == (
        "Ann Lee",
        dt.date(2022, 6, 5),
    )
    short = parse_byline("By Ann Lee | Politics")
    assert short is not None and short.name == "Ann Lee" and short.published is None


def test_date_lines() -> None:
    from annotator.importing.byline import parse_date_line

    for line, date in [
        ("Tuesday 19 September 2023 - 13:04", dt.date(2023, 9, 19)),
        ("November 10, 2020", dt.date(2020, 11, 10)),
        ("Nov. 10, 2020 at 8:15 pm EST", dt.date(2020, 11, 10)),
        ("2020-11-10 08:00 UTC", dt.date(2020, 11, 10)),
    ]:
        assert parse_date_line(line) == date, line
    for line in [
        "On November 10, 2020 the truce began.",
        "November 10, 2020, a day to remember for the whole region",
        "February 30, 2020",
    ]:
        assert parse_date_line(line) is None, line


def test_single_article_gets_its_date_line() -> None:
    text = f"Offensive launched\n\nTuesday 19 September 2023 - 13:04\n\n{BODY}\n"
    doc = fill_details(parse_plain_text(text, "/x/a.txt"))
    assert doc.published == dt.date(2023, 9, 19) and doc.author is None
