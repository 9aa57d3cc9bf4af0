"""The import service's preview: nothing is stored by a preview; the user's choices are what
is stored, in one transaction, on a real SQLite file."""

from __future__ import annotations

import hashlib

import pytest

from annotator import open_workspace
from annotator.errors import AnnotatorError
from annotator.services.importer import FileChoice, ImportCancelled

BODY = "A paragraph of reporting that is long enough to be an article body here."
PAGE = (
    "Archive | Region\n\n"
    "Truce agreed after weeks of fighting\n\n"
    "Both armies stop where they stand.By South Front -November 10, 20203780\n\n"
    f"{BODY}\n\nShare it:\n\n{BODY} Again.\n\n"
    "Posted in Region, NewsComments Off on Truce agreed after weeks of fighting\n\n"
    "Court turns down the petition\n\nBy: Ann Lee\n\n"
    f"{BODY}\n\nLeave a Reply\n\nThe judges closed the case without hearing witnesses.\n"
)


@pytest.fixture
def ws(tmp_path):
    workspace = open_workspace(str(tmp_path / "a.sqlite3"))
    yield workspace
    workspace.close()


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_text(PAGE, encoding="utf-8")
    (folder / "single.md").write_text(
        f"# Shelling resumes\n\n*By Jane Roe*\n\n{BODY}\n\nSubscribe to Google News\n",
        encoding="utf-8",
    )
    return folder


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_preview_stores_nothing(ws, folder, tmp_path) -> None:
    db = tmp_path / "a.sqlite3"
    before = _digest(db)
    changes = []
    ws.subscribe(changes.append)
    preview = ws.importer.preview_paths([folder])
    files = preview.files  # every file read
    assert [f.name for f in files] == ["page.txt", "single.md"]
    assert len(files[0].articles) == 2 and files[1].author == "Jane Roe"
    assert ws.documents.count() == 0
    assert _digest(db) == before and changes == []


def test_import_previewed_stores_the_choices(ws, folder) -> None:
    preview = ws.importer.preview_paths([folder])
    page = preview.file(0)
    keep_share = frozenset(i for i, b in enumerate(page.boilerplate) if b.rule == "share")
    report = ws.importer.import_previewed(preview, {str(page.path): FileChoice(keep=keep_share)})
    assert report.documents == 3
    stored = {d.title: ws.documents.get(d.id) for d in ws.documents.list()}
    assert set(stored) == {
        "Truce agreed after weeks of fighting",
        "Court turns down the petition",
        "Shelling resumes",
    }
    truce = stored["Truce agreed after weeks of fighting"]
    assert (truce.author, truce.outlet, str(truce.published)) == (
        "South Front",
        "SouthFront",
        "2020-11-10",
    )
    assert "Share it:" in truce.text and "20203780" not in truce.text
    assert "Leave a Reply" not in stored["Court turns down the petition"].text
    single = stored["Shelling resumes"]
    assert single.author == "Jane Roe" and "Subscribe" not in single.text


def test_import_previewed_without_split_and_stripping(ws, folder) -> None:
    preview = ws.importer.preview_paths([folder])
    report = ws.importer.import_previewed(preview, FileChoice(split=False, strip=False))
    assert report.documents == 2
    texts = sorted(ws.documents.get(d.id).text for d in ws.documents.list())
    assert PAGE.strip() in texts


def test_cancelled_previewed_import_stores_nothing(ws, folder) -> None:
    preview = ws.importer.preview_paths([folder])

    def cancel(_progress) -> None:
        raise ImportCancelled("cancelled")

    with pytest.raises(ImportCancelled):
        ws.importer.import_previewed(preview, progress=cancel)
    assert ws.documents.count() == 0


def test_strip_boilerplate_import_matches_the_preview(ws, folder, tmp_path) -> None:
    report = ws.import_paths([folder], split=True, strip_boilerplate=True)
    direct = sorted((d.title, ws.documents.get(d.id).text) for d in ws.documents.list())
    other = open_workspace(str(tmp_path / "b.sqlite3"))
    try:
        other.importer.import_previewed(other.importer.preview_paths([folder]))
        previewed = sorted(
            (d.title, other.documents.get(d.id).text) for d in other.documents.list()
        )
    finally:
        other.close()
    assert report.documents == 3 and direct == previewed
    assert not any("Share it:" in text for _, text in direct)


def test_unreadable_file_fails_a_strip_boilerplate_import(ws, folder) -> None:
    (folder / "zz.txt").write_bytes(b"\x00\x01\x02binary\x00")
    with pytest.raises(AnnotatorError, match=r"zz\.txt"):
        ws.import_paths([folder], strip_boilerplate=True)
    assert ws.documents.count() == 0
