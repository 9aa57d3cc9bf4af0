"""Files and folders to documents: dispatch on the file suffix.

* ``.txt`` → plain text, ``.md``/``.markdown`` → Markdown (kept as written),
  ``.html``/``.htm`` → HTML main text, ``.jsonl`` → one document per line, ``.json`` → an
  array of records (Label Studio tasks, or the JSONL shapes). Suffixes are matched
  case-insensitively.
* A folder is walked recursively in sorted order (names compared as strings, folders
  entered where they sort). Hidden files and folders (name starting with ``.``) and files
  of other types are skipped; ``collect_files`` returns them so they can be counted. A
  hidden folder is reported once, not entered. Symbolic links to folders are not followed.
* A file named explicitly must have a supported suffix (hidden or not); a path that does
  not exist is an error. A file reached twice is imported once.
* ``source`` is the path as given/walked (plus ``:line`` for JSONL); plain and HTML
  documents get ``meta["source_file"]`` = the file name.
* ``split=True`` runs ``split_archive`` on plain-text, Markdown and HTML documents.
* A plain-text, Markdown or HTML document that stays whole gets the fields its parser left
  empty from its byline and known sites (``annotator.importing.byline.fill_details``),
  unless it is an archive page (the byline near its top is its first article's).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.errors import ImportFileError
from annotator.importing.byline import fill_details
from annotator.importing.html import parse_html
from annotator.importing.jsonl import iter_jsonl
from annotator.importing.plain import parse_plain
from annotator.importing.records import ParsedDocument
from annotator.importing.split import article_document, find_articles

__all__ = [
    "SUPPORTED_SUFFIXES",
    "collect_files",
    "iter_documents",
    "iter_file_documents",
    "iter_files",
    "parse_text_file",
]

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "json",
}


def _kind(path: Path) -> str | None:
    return SUPPORTED_SUFFIXES.get(path.suffix.lower())


def _suffix_kind(name: str) -> str | None:
    return SUPPORTED_SUFFIXES.get(os.path.splitext(name)[1].lower())


def _unsupported(path: Path) -> ImportFileError:
    supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
    what = f"'{path.suffix}'" if path.suffix else "without a suffix"
    return ImportFileError(str(path), f"unsupported file type {what}; supported: {supported}")


_Found = list[tuple[str, tuple[int, int]]]


def _walk(folder: str, found: _Found, skipped: list[str]) -> None:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        raise ImportFileError(folder, f"cannot read the folder: {exc.strerror or exc}") from None
    for entry in entries:
        if entry.name.startswith("."):
            skipped.append(entry.path)
        elif entry.is_dir(follow_symlinks=False):
            _walk(entry.path, found, skipped)
        elif entry.is_file() and _suffix_kind(entry.name) is not None:
            try:
                st = entry.stat()
            except OSError:
                skipped.append(entry.path)  # a dangling link, or gone meanwhile
                continue
            found.append((entry.path, (st.st_dev, st.st_ino)))
        else:
            skipped.append(entry.path)


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """(importable files, skipped files) for the given files and folders, in order.

    Raises ImportFileError for a missing path or an explicitly named unsupported file.
    """
    found: _Found = []
    skipped: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            _walk(str(path), found, skipped)
        elif path.is_file():
            if _kind(path) is None:
                raise _unsupported(path)
            st = path.stat()
            found.append((str(path), (st.st_dev, st.st_ino)))
        elif path.exists() or path.is_symlink():
            raise ImportFileError(str(path), "not a regular file or folder")
        else:
            raise ImportFileError(str(path), "no such file or folder")
    seen: set[tuple[int, int]] = set()
    unique: list[Path] = []
    for name, key in found:
        if key not in seen:
            seen.add(key)
            unique.append(Path(name))
    return unique, [Path(name) for name in skipped]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError(str(path), f"cannot read the file: {exc.strerror or exc}") from None


def iter_file_documents(path: str | Path, *, split: bool = False) -> Iterator[ParsedDocument]:
    """The documents of one supported file."""
    if not isinstance(path, Path):
        path = Path(path)
    kind = _kind(path)
    if kind is None:
        raise _unsupported(path)
    if kind == "jsonl":
        yield from iter_jsonl(path)
        return
    if kind == "json":
        from annotator.importing.json_file import iter_json

        yield from iter_json(path)
        return
    doc = parse_text_file(path)
    if split:
        articles = find_articles(doc)
        if articles:
            for article in articles:
                yield article_document(doc, article)
            return
        yield fill_details(doc)
        return
    filled = fill_details(doc)  # looks at the top lines only: cheap
    # a page of articles does not take its first article's byline as its own (the split
    # heuristic reads the whole text: asked only when there is something to fill)
    yield doc if filled is not doc and find_articles(doc) else filled


def parse_text_file(path: Path) -> ParsedDocument:
    """A plain-text, Markdown or HTML file as parsed (not split, no fields filled)."""
    data = _read(path)
    return parse_html(data, path) if _kind(path) == "html" else parse_plain(data, path)


def iter_documents(paths: Iterable[str | Path], *, split: bool = False) -> Iterator[ParsedDocument]:
    """Documents from files and folders (see the module doc). Streams JSONL files.

    All paths are checked before the first document is produced, so a missing path or an
    unsupported file fails before anything is imported.
    """
    files, _ = collect_files(paths)
    yield from iter_files(files, split=split)


def iter_files(files: Iterable[Path], *, split: bool = False) -> Iterator[ParsedDocument]:
    """Documents of files already checked by ``collect_files`` (no second walk)."""
    for path in files:
        yield from iter_file_documents(path, split=split)
