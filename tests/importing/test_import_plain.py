from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from annotator.errors import ImportFileError
from annotator.importing.plain import (
    MAX_TITLE_CHARS,
    clean_title,
    parse_plain,
    parse_plain_text,
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_txt_title_is_first_non_empty_line_and_stays_in_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", b"\n\n  Shelling near the border  \n\nFirst paragraph.\n\n")
    doc = parse_plain(path.read_bytes(), path)
    assert doc.title == "Shelling near the border"
    assert doc.text == "Shelling near the border  \n\nFirst paragraph."
    assert doc.source == str(path)
    assert doc.meta == {"source_file": "a.txt"}
    assert doc.spans == []
    assert doc.outlet is None and doc.published is None


def test_crlf_and_cr_are_normalised(tmp_path: Path) -> None:
    path = _write(tmp_path, "win.txt", b"Title\r\n\r\nLine one\r\nLine two\rLine three\r\n")
    doc = parse_plain(path.read_bytes(), path)
    assert doc.text == "Title\n\nLine one\nLine two\nLine three"
    assert "\r" not in doc.text


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251"]
)
def test_russian_text_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    text = "Обстрел приграничных сёл\r\n\r\nВ ночь на вторник армия сообщила о перемирии.\r\n"
    path = _write(tmp_path, f"ru-{encoding}.txt", text.encode(encoding))
    doc = parse_plain(path.read_bytes(), path)
    assert doc.title == "Обстрел приграничных сёл"
    assert doc.text == "Обстрел приграничных сёл\n\nВ ночь на вторник армия сообщила о перемирии."


def test_latin1_file(tmp_path: Path) -> None:
    text = "Cessez-le-feu à Moscou\n\nLes forces arméniennes se retirent; le ministère a déclaré.\n"
    path = _write(tmp_path, "fr.txt", text.encode("latin-1"))
    doc = parse_plain(path.read_bytes(), path)
    assert doc.title == "Cessez-le-feu à Moscou"
    assert doc.text == text.strip()


def test_markdown_title_markup_is_removed_but_text_is_kept(tmp_path: Path) -> None:
    md = "# **Big** _news_ from [Stepanakert](http://example.org) `now` ##\n\n*Body* text.\n"
    path = _write(tmp_path, "a.md", md.encode())
    doc = parse_plain(path.read_bytes(), path)
    assert doc.title == "Big news from Stepanakert now"
    assert doc.text == md.strip()


def test_markdown_rule_first_is_not_a_title() -> None:
    doc = parse_plain_text("***\n\n## Heading\n\nText", "x.md", markdown=True)
    assert doc.title == "Heading"


FRONT = """---
title: "Ceasefire: the text"
outlet: Example Wire
author: J. Doe
url: https://example.org/a
published: 2020-11-10
language: en
tags: war, truce
# a comment line
---

Ceasefire signed

Body of the article.
"""


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_front_matter(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, FRONT.encode())
    doc = parse_plain(path.read_bytes(), path)
    assert doc.title == "Ceasefire: the text"
    assert doc.outlet == "Example Wire"
    assert doc.author == "J. Doe"
    assert doc.url == "https://example.org/a"
    assert doc.published == dt.date(2020, 11, 10)
    assert doc.language == "en"
    assert doc.meta == {"source_file": name, "tags": "war, truce"}
    assert doc.text == "Ceasefire signed\n\nBody of the article."


def test_front_matter_date_key_and_crlf() -> None:
    doc = parse_plain_text("---\r\ndate: 2021-01-02\r\n---\r\nTitle\r\n", "x.txt")
    assert doc.published == dt.date(2021, 1, 2)
    assert doc.title == "Title"
    assert doc.text == "Title"


def test_front_matter_bad_date_names_the_line() -> None:
    with pytest.raises(ImportFileError) as info:
        parse_plain_text("---\ntitle: T\npublished: 10/11/2020\n---\nText", "x.md", markdown=True)
    assert info.value.line == 3
    assert "published" in info.value.message
    assert str(info.value).startswith("x.md:3: ")


def test_dash_block_that_is_not_front_matter_stays() -> None:
    text = "---\nThis is just a line between rules.\n---\nMore text"
    doc = parse_plain_text(text, "x.txt")
    assert doc.text == text
    assert doc.title == "---"  # plain text: the first line as it is


def test_unclosed_front_matter_stays() -> None:
    doc = parse_plain_text("---\ntitle: x\n\nbody", "x.txt")
    assert doc.text.startswith("---")


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.txt", b"  \n\n")
    with pytest.raises(ImportFileError, match="no text"):
        parse_plain(path.read_bytes(), path)
    with pytest.raises(ImportFileError, match="after the front matter"):
        parse_plain_text("---\ntitle: x\n---\n\n", "x.md")


def test_long_first_line_title_is_cut() -> None:
    line = "word " * 100
    doc = parse_plain_text(line + "\n\nmore", "x.txt")
    assert len(doc.title) <= MAX_TITLE_CHARS
    assert doc.title.endswith("…")
    assert doc.text.startswith("word word")


def test_clean_title() -> None:
    assert clean_title("  ###   Title   with  spaces ") == "### Title with spaces"
    assert clean_title("_Italic_ and __bold__ words", markdown=True) == "Italic and bold words"
    assert clean_title("### ***Bold italic*** ###", markdown=True) == "Bold italic"
    assert clean_title("snake_case_name stays", markdown=True) == "snake_case_name stays"
