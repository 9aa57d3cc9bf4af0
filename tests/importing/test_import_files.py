from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from annotator.errors import ImportFileError
from annotator.importing.files import (
    SUPPORTED_SUFFIXES,
    collect_files,
    iter_documents,
    iter_file_documents,
)

ARCHIVE = """Archive

First headline of the page

By Some Outlet

A first article body that is certainly long enough to count as the body of an article.

Second headline of the page

By Some Outlet

A second article body that is certainly long enough to count as the body of an article.
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "b_dir" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "a.txt").write_text("Alpha\n\nText a.", encoding="utf-8")
    (root / "B.MD").write_text("# Beta\n\nText b.", encoding="utf-8")
    (root / "c.htm").write_text("<title>Gamma</title><p>Text c.</p>", encoding="utf-8")
    (root / "b_dir" / "d.markdown").write_text("Delta\n", encoding="utf-8")
    (root / "b_dir" / "deeper" / "e.HTML").write_text("<h1>Eps</h1><p>e</p>", encoding="utf-8")
    (root / "b_dir" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (root / "f.jsonl").write_bytes(
        orjson.dumps({"text": "Line one doc"}) + b"\n\n" + orjson.dumps({"text": "Two"}) + b"\n"
    )
    (root / ".secret.txt").write_text("hidden", encoding="utf-8")
    (root / ".hidden_dir" / "inside.txt").write_text("hidden too", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "README").write_text("no suffix", encoding="utf-8")
    return root


def test_collect_files_walks_sorted_and_reports_skipped(tree: Path) -> None:
    files, skipped = collect_files([tree])
    assert [p.relative_to(tree).as_posix() for p in files] == [
        "B.MD",
        "a.txt",
        "b_dir/d.markdown",
        "b_dir/deeper/e.HTML",
        "c.htm",
        "f.jsonl",
    ]
    assert sorted(p.relative_to(tree).as_posix() for p in skipped) == [
        ".hidden_dir",
        ".secret.txt",
        "README",
        "b_dir/notes.pdf",
        "image.png",
    ]


def test_iter_documents_dispatches_by_suffix(tree: Path) -> None:
    docs = list(iter_documents([str(tree)]))
    assert [d.title for d in docs] == [
        "Beta",
        "Alpha",
        "Delta",
        "Eps",
        "Gamma",
        "Line one doc",
        "Two",
    ]
    by_title = {d.title: d for d in docs}
    assert by_title["Beta"].text == "# Beta\n\nText b."  # Markdown kept as written
    assert by_title["Beta"].meta == {"source_file": "B.MD"}
    assert by_title["Gamma"].text == "Text c."
    assert by_title["Gamma"].source == str(tree / "c.htm")
    assert by_title["Gamma"].meta == {"source_file": "c.htm"}
    assert by_title["Line one doc"].source == f"{tree / 'f.jsonl'}:1"
    assert by_title["Two"].source == f"{tree / 'f.jsonl'}:3"
    assert by_title["Two"].meta == {}


def test_explicit_unsupported_file_is_an_error(tree: Path) -> None:
    with pytest.raises(ImportFileError) as info:
        collect_files([tree / "image.png"])
    message = str(info.value)
    assert message.startswith(f"{tree / 'image.png'}: unsupported file type '.png'; supported: ")
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in message
    with pytest.raises(ImportFileError, match="without a suffix"):
        collect_files([tree / "README"])


def test_explicit_hidden_file_is_imported(tree: Path) -> None:
    (doc,) = list(iter_documents([tree / ".secret.txt"]))
    assert doc.text == "hidden"


def test_missing_path_fails_before_anything_is_read(tree: Path) -> None:
    docs = iter_documents([tree / "a.txt", tree / "missing.txt"])
    with pytest.raises(ImportFileError, match="no such file or folder") as info:
        next(docs)
    assert info.value.path == str(tree / "missing.txt")


def test_same_file_twice_is_imported_once(tree: Path) -> None:
    files, _ = collect_files([tree / "a.txt", tree, tree / "a.txt"])
    assert files.count(tree / "a.txt") == 1
    assert len(files) == 6


def test_split_applies_to_plain_and_html_only(tmp_path: Path) -> None:
    (tmp_path / "arch.txt").write_text(ARCHIVE, encoding="utf-8")
    html = "<body>" + "".join(f"<p>{line}</p>" for line in ARCHIVE.split("\n\n")) + "</body>"
    (tmp_path / "arch.html").write_text(html, encoding="utf-8")
    (tmp_path / "arch.jsonl").write_bytes(orjson.dumps({"text": ARCHIVE}) + b"\n")
    whole = list(iter_documents([tmp_path]))
    assert len(whole) == 3
    parts = list(iter_documents([tmp_path], split=True))
    assert [(p.source.rsplit("/", 1)[-1], p.title) for p in parts] == [
        ("arch.html#1", "First headline of the page"),
        ("arch.html#2", "Second headline of the page"),
        ("arch.jsonl:1", "Archive"),
        ("arch.txt#1", "First headline of the page"),
        ("arch.txt#2", "Second headline of the page"),
    ]


def test_binary_file_with_text_suffix_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ImportFileError) as info:
        list(iter_file_documents(path))
    assert str(info.value) == f"{path}: binary file, not text (PNG image)"


def test_iter_file_documents_rejects_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="unsupported file type"):
        list(iter_file_documents(tmp_path / "x.doc"))
