"""The import preview: per-file records (plain, HTML, archive page, JSON Lines, unreadable)
and the documents the user's choices make of them."""

from __future__ import annotations

import datetime as dt

import orjson
import pytest

from annotator.errors import AnnotatorError
from annotator.importing.files import iter_documents
from annotator.importing.preview import (
    FileChoice,
    chosen_documents,
    documents,
    preview_file,
    preview_paths,
)

BODY = "A paragraph of reporting that is long enough to be an article body here."

PLAIN = (
    "---\nlanguage: en\n---\n"
    "Shelling resumes near the border\n\n"
    "By Jane Roe - May 4, 2021\n\n"
    f"{BODY}\n\nShare it:\n\n{BODY} More.\n\nLeave a Reply\n"
)

PAGE = (
    "Archive | Region\n\n"
    "Truce agreed after weeks of fighting\n\n"
    "Both armies stop where they stand.By\xa0South Front\xa0-November 10, 20203780\n\n"
    f"{BODY}\n\nShare it:\n\n{BODY} Again.\n\n"
    "Posted in Region, NewsComments Off on Truce agreed after weeks of fighting\n\n"
    "Court turns down the petition\n\n"
    "By: Ann Lee\n\n"
    f"{BODY}\n\nImage for post\n\nThe judges closed the case without hearing witnesses.\n\n"
    "Posted in Law, RegionComments Off on Court turns down the petition\n\n"
    "Site links\n"
)

HTML = (
    "<!doctype html><html lang='hy'><head><meta charset='utf-8'>"
    "<meta property='og:title' content='Ceasefire announced in Երևան'>"
    "<meta property='og:site_name' content='Example Wire'>"
    "<meta name='author' content='Ani Petrosyan'>"
    "<meta property='article:published_time' content='2020-11-10T08:00:00Z'>"
    "</head><body><nav>Home | World</nav><article><h1>Ceasefire announced in Երևան</h1>"
    f"<p>{BODY}</p><p>Subscribe to Google News</p><p>{BODY} 🕊️</p></article></body></html>"
)


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_file_record(tmp_path) -> None:
    path = _write(tmp_path, "plain.txt", PLAIN)
    file = preview_file(path)
    assert file.previewed and file.error is None and file.kind == "text"
    assert file.title == "Shelling resumes near the border"
    assert (file.author, file.published, file.language) == ("Jane Roe", dt.date(2021, 5, 4), "en")
    assert file.outlet is None and file.articles == []
    assert [(b.rule, file.text[b.start : b.end]) for b in file.boilerplate] == [
        ("share", "Share it:"),
        ("comment-form", "Leave a Reply"),
    ]
    lines = file.text.split("\n")
    assert [lines[b.line] for b in file.boilerplate] == ["Share it:", "Leave a Reply"]


def test_html_file_record(tmp_path) -> None:
    file = preview_file(_write(tmp_path, "page.html", HTML))
    assert file.kind == "html"
    assert file.title == "Ceasefire announced in Երևան"
    assert (file.outlet, file.author, file.published, file.language) == (
        "Example Wire",
        "Ani Petrosyan",
        dt.date(2020, 11, 10),
        "hy",
    )
    assert [b.rule for b in file.boilerplate] == ["subscribe"]
    (doc,) = documents(file)
    assert "Subscribe" not in doc.text and doc.text.endswith("🕊️")
    assert "Home | World" not in doc.text


def test_archive_page_record_and_choices(tmp_path) -> None:
    path = _write(tmp_path, "page.txt", PAGE)
    file = preview_file(path)
    assert [(a.number, a.title, a.author) for a in file.articles] == [
        (1, "Truce agreed after weeks of fighting", "South Front"),
        (2, "Court turns down the petition", "Ann Lee"),
    ]
    assert file.articles[0].published == dt.date(2020, 11, 10)
    assert file.author is None  # the page does not take its first article's byline
    rules = [b.rule for b in file.boilerplate]
    assert rules == ["byline-counter", "share", "post-footer", "media", "post-footer"]

    # default: split, boilerplate removed
    first, second = documents(file)
    assert first.title == "Truce agreed after weeks of fighting"
    assert (first.author, first.outlet, first.published) == (
        "South Front",
        "SouthFront",
        dt.date(2020, 11, 10),
    )
    assert first.text == (
        "Truce agreed after weeks of fighting\n\nBoth armies stop where they stand.\n\n"
        f"{BODY}\n\n{BODY} Again."
    )
    assert second.text == (
        "Court turns down the petition\n\nBy: Ann Lee\n\n"
        f"{BODY}\n\nThe judges closed the case without hearing witnesses."
    )
    assert second.source.endswith("page.txt#2") and second.meta["part"] == 2

    # keep the share line and the image line (indices into file.boilerplate)
    keep = frozenset({rules.index("share"), rules.index("media")})
    first, second = documents(file, FileChoice(keep=keep))
    assert "\n\nShare it:\n\n" in first.text and "\n\nImage for post\n\n" in second.text
    assert "20203780" not in first.text

    # split off: one document, the page's own fields, footers removed as boilerplate
    (whole,) = documents(file, FileChoice(split=False))
    assert whole.title == "Archive | Region" and whole.author is None
    assert "Posted in" not in whole.text and "Share it:" not in whole.text
    assert whole.text.endswith("Site links")

    # nothing removed, no split: what a plain import stores
    (raw,) = documents(file, FileChoice(split=False, strip=False))
    (plain,) = iter_documents([path])
    assert raw == plain


def test_choices_without_stripping_equal_the_plain_import(tmp_path) -> None:
    page = _write(tmp_path, "page.txt", PAGE)
    plain = _write(tmp_path, "plain.txt", PLAIN)
    preview = preview_paths([tmp_path])
    assert [p.name for p in preview.paths] == ["page.txt", "plain.txt"]
    split = list(chosen_documents(preview, FileChoice(strip=False)))
    assert split == list(iter_documents([page, plain], split=True))


def test_choices_per_file(tmp_path) -> None:
    page = _write(tmp_path, "page.txt", PAGE)
    _write(tmp_path, "plain.txt", PLAIN)
    preview = preview_paths([tmp_path])
    docs = list(
        chosen_documents(preview, {str(page): FileChoice(split=False, strip=False)})
    )  # plain.txt: its default (boilerplate removed)
    assert [d.title for d in docs] == ["Archive | Region", "Shelling resumes near the border"]
    assert "Share it:" in docs[0].text and "Share it:" not in docs[1].text
    left_out = list(chosen_documents(preview, {str(page): FileChoice(include=False)}))
    assert [d.title for d in left_out] == ["Shelling resumes near the border"]


def test_jsonl_is_imported_as_written(tmp_path) -> None:
    line = {"text": "Share it:\n\nReport with a span.", "label": [[12, 18, "EVENT"]]}
    path = tmp_path / "spans.jsonl"
    path.write_bytes(orjson.dumps(line) + b"\n")
    file = preview_file(path)
    assert not file.previewed and file.kind == "jsonl" and file.boilerplate == []
    (doc,) = documents(file)
    assert doc.text == line["text"]  # never stripped: the spans' offsets stay right
    assert [(s.start, s.end, s.label) for s in doc.spans] == [(12, 18, "EVENT")]


def test_unreadable_file_is_shown_and_left_out(tmp_path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    _write(tmp_path, "good.txt", PLAIN)
    preview = preview_paths([tmp_path])
    bad, good = preview.files
    assert bad.error is not None and "bad.txt" in bad.error and not bad.previewed
    assert not bad.default_choice().include and good.default_choice().include
    assert [d.title for d in chosen_documents(preview)] == ["Shelling resumes near the border"]
    with pytest.raises(AnnotatorError, match=r"bad\.txt"):
        list(chosen_documents(preview, FileChoice()))  # included anyway: the import stops


def test_preview_reads_files_when_asked(tmp_path) -> None:
    _write(tmp_path, "a.txt", PLAIN)
    _write(tmp_path, "b.txt", PLAIN.replace("Jane Roe", "Bo Chan"))
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    preview = preview_paths([tmp_path])
    assert len(preview) == 2 and [p.name for p in preview.skipped] == [".hidden.txt"]
    assert not preview.is_read(0) and not preview.is_read(1)
    assert preview.file(1).author == "Bo Chan"
    assert preview.is_read(1) and not preview.is_read(0)
    assert preview.file(1) is preview.file(1)


def test_missing_path_fails_before_the_preview(tmp_path) -> None:
    with pytest.raises(AnnotatorError, match="no such file"):
        preview_paths([tmp_path / "missing.txt"])
