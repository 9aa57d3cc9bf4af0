"""The import preview: what importing some files would store, before anything is stored.

``preview_paths(paths)`` checks the paths (as an import does: a missing path or an
unsupported file named directly is an error) and gives an ``ImportPreview``, whose files
are read when first asked for (``ImportPreview.file(i)``), so that a folder of thousands of
files previews at once. Reading a file never touches a database.

A ``FilePreview`` holds, for a text, Markdown or HTML file: the document as the import
would store it whole (``document``: title, outlet, author, published, language, with the
fields filled from its byline, see ``annotator.importing.byline``, unless it is an archive
page), the boilerplate lines
found in it (``boilerplate``, see ``annotator.importing.boilerplate``), and the articles of
an archive page (``articles``, see ``annotator.importing.split``; empty when the page is one
article). A file that cannot be read carries its ``error``. JSON Lines and JSON files are
not previewed (they are imported as written, annotations included): their ``document`` is
None.

A ``FileChoice`` is what the user decided for one file: import it or not, split it into its
articles or not, remove the boilerplate or not, and which boilerplate lines to keep anyway
(indices into ``FilePreview.boilerplate``). ``documents(file, choice)`` gives the documents
that choice stores: boilerplate is removed from the page's text (``str`` offsets, the
removal keeps everything else as written) after the page is split at the articles the
preview showed, so that removing a byline never changes the split. ``chosen_documents``
does it for a whole preview (the default choice: import, split, remove all boilerplate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import AnnotatorError
from annotator.importing.boilerplate import (
    Boilerplate,
    find_boilerplate,
    remove_ranges,
    strip_document,
)
from annotator.importing.byline import fill_details
from annotator.importing.files import (
    SUPPORTED_SUFFIXES,
    collect_files,
    iter_file_documents,
    parse_text_file,
)
from annotator.importing.records import ParsedDocument
from annotator.importing.split import Article, article_document, find_articles

__all__ = [
    "FileChoice",
    "FilePreview",
    "ImportPreview",
    "chosen_documents",
    "documents",
    "iter_chosen",
    "preview_file",
    "preview_paths",
]

PREVIEWED_KINDS = frozenset({"text", "markdown", "html"})


@dataclass(frozen=True, slots=True)
class FileChoice:
    include: bool = True
    split: bool = True  # into its articles, when the preview found some
    strip: bool = True  # remove the boilerplate lines (but those in ``keep``)
    keep: frozenset[int] = frozenset()  # indices into FilePreview.boilerplate

    def removed(self, file: FilePreview) -> list[Boilerplate]:
        """The boilerplate of ``file`` this choice removes."""
        if not self.strip:
            return []
        return [b for i, b in enumerate(file.boilerplate) if i not in self.keep]


@dataclass(slots=True)
class FilePreview:
    path: Path
    kind: str  # "text", "markdown", "html", "jsonl", "json"
    page: ParsedDocument | None = None  # as parsed: what splitting starts from
    document: ParsedDocument | None = None  # stored whole: the page with its fields filled
    boilerplate: list[Boilerplate] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    error: str | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def previewed(self) -> bool:
        """Whether the file was read for the preview (text, Markdown, HTML without error)."""
        return self.document is not None

    @property
    def text(self) -> str:
        return self.document.text if self.document is not None else ""

    def _field(self, name: str):
        return getattr(self.document, name) if self.document is not None else None

    @property
    def title(self) -> str | None:
        return self._field("title")

    @property
    def outlet(self) -> str | None:
        return self._field("outlet")

    @property
    def author(self) -> str | None:
        return self._field("author")

    @property
    def published(self) -> dt.date | None:
        return self._field("published")

    @property
    def language(self) -> str | None:
        return self._field("language")

    @property
    def url(self) -> str | None:
        return self._field("url")

    def default_choice(self) -> FileChoice:
        return FileChoice(include=self.error is None)


def preview_file(path: str | Path) -> FilePreview:
    """The preview of one supported file. Raises ``AnnotatorError`` when it cannot be read
    (``preview_paths`` records that as the file's ``error`` instead)."""
    path = Path(path)
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower(), "")
    if kind not in PREVIEWED_KINDS:
        return FilePreview(path, kind)
    page = parse_text_file(path)
    articles = find_articles(page)
    return FilePreview(
        path,
        kind,
        page=page,
        document=page if articles else fill_details(page),  # as iter_file_documents does
        boilerplate=find_boilerplate(page.text),
        articles=articles,
    )


class ImportPreview:
    """The files an import of some paths would read, each previewed when first asked for."""

    def __init__(self, files: Iterable[Path], skipped: Iterable[Path] = ()) -> None:
        self.paths: list[Path] = list(files)
        self.skipped: list[Path] = list(skipped)  # hidden or other types, inside folders
        self._files: dict[int, FilePreview] = {}

    def __len__(self) -> int:
        return len(self.paths)

    def file(self, i: int) -> FilePreview:
        """The preview of the ``i``-th file (read now, or remembered from before)."""
        found = self._files.get(i)
        if found is None:
            path = self.paths[i]
            try:
                found = preview_file(path)
            except AnnotatorError as exc:
                kind = SUPPORTED_SUFFIXES.get(path.suffix.lower(), "")
                found = FilePreview(path, kind, error=str(exc))
            self._files[i] = found
        return found

    def is_read(self, i: int) -> bool:
        return i in self._files

    @property
    def files(self) -> list[FilePreview]:
        """Every file's preview (reads the files not read yet)."""
        return [self.file(i) for i in range(len(self.paths))]


def preview_paths(paths: Iterable[str | Path]) -> ImportPreview:
    """The preview of importing ``paths`` (files and folders, as ``import_paths`` takes)."""
    files, skipped = collect_files(paths)
    return ImportPreview(files, skipped)


def documents(file: FilePreview, choice: FileChoice | None = None) -> Iterator[ParsedDocument]:
    """The documents ``choice`` (default: ``file.default_choice()``) stores for ``file``."""
    choice = choice if choice is not None else file.default_choice()
    if not choice.include:
        return
    if file.error is not None:
        raise AnnotatorError(file.error)
    if file.page is None or file.document is None:  # JSON Lines, JSON: as written
        yield from iter_file_documents(file.path)
        return
    removed = choice.removed(file)
    if choice.split and file.articles:
        page = file.page
        for article in file.articles:
            a, b = article.start, article.end
            cuts = [(max(r.start, a) - a, min(r.end, b) - a) for r in removed]
            text = remove_ranges(page.text[a:b], [(s, e) for s, e in cuts if e > s])
            yield article_document(page, article, text)
        return
    yield strip_document(file.document, removed)


def chosen_documents(
    preview: ImportPreview | Iterable[FilePreview],
    choices: Mapping[str, FileChoice] | FileChoice | None = None,
) -> Iterator[ParsedDocument]:
    """The documents of every file of ``preview``: ``choices`` is one choice for all files,
    or a choice per file (keyed by ``str(file.path)``; a file not in it gets its default)."""
    files: Iterable[FilePreview]
    if isinstance(preview, ImportPreview):
        files = (preview.file(i) for i in range(len(preview)))
    else:
        files = preview
    for file in files:
        if isinstance(choices, FileChoice):
            choice = choices
        elif choices is not None:
            choice = choices.get(str(file.path)) or file.default_choice()
        else:
            choice = file.default_choice()
        yield from documents(file, choice)


def iter_chosen(files: Iterable[Path], choice: FileChoice) -> Iterator[ParsedDocument]:
    """One ``choice`` for files already checked by ``collect_files``, read one at a time (the
    command line's ``--strip-boilerplate``); a file that cannot be read raises."""
    for path in files:
        yield from documents(preview_file(path), choice)
