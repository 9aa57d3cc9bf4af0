"""Export service: documents and spans to a file (or folder) in one of the export formats.

The one export path of the CLI, the Python API and the GUI:

* streamed: records are read and written one document at a time (``exporting.native``);
* atomic: a file is written as ``.<name>.part`` beside the destination and renamed when
  complete; a brat folder is built as ``.<name>.part/`` and renamed. A failure or a
  cancellation removes the partial output, so no half-written export is ever left under the
  real name. Devices and pipes (``/dev/null``, a FIFO) are written into, never replaced;
* observable: ``progress(report)`` is called as documents are written (about 20 times a
  second at most), ``cancel()`` is polled before each document; a cancelled export raises
  ``ExportCancelled`` (raising it from ``progress`` works too).
"""

from __future__ import annotations

import io
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import orjson
from sqlalchemy import select

from ..errors import AnnotatorError
from ..exporting.formats import FORMATS, ExportFormat, get_format
from ..exporting.native import (
    ExportFilter,
    ExportReport,
    document_ids,
    iter_records,
    record_links,
)
from ..exporting.writer import DiskFolder, ExportOptions, MemoryFolder, RecordWriter
from ..gc_pause import gc_paused
from ..storage.models import Annotation, Label
from .store import Store

# what the GUI uses (it reaches the core through the services)
__all__ = [
    "FORMATS",
    "ExportCancelled",
    "ExportOptions",
    "ExportService",
    "background",
    "preview_html",
]


def preview_html(*args, **kwargs) -> str:
    """Syntax-highlighted HTML of an export preview (``exporting.highlight``; Pygments is
    imported on first use, not at start-up)."""
    from ..exporting.highlight import preview_html as render

    return render(*args, **kwargs)


def background(*args, **kwargs):
    """The preview's background colour for a theme (``exporting.highlight``)."""
    from ..exporting.highlight import background as colour

    return colour(*args, **kwargs)


ProgressCallback = Callable[[ExportReport], None]
PROGRESS_INTERVAL = 0.05  # seconds
PREVIEW_STRING = 240  # longer strings are shortened in previews


class ExportCancelled(AnnotatorError):
    """The export was cancelled; nothing was written under the destination's name."""


@dataclass(frozen=True)
class Preview:
    text: str  # what the first records look like in the format (long strings shortened)
    kind: str  # "json", "jsonl" or "brat": how to highlight it
    documents: int
    spans: int


class ExportService:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- what there is to choose from ----------------------------------------------------------
    def authors(self) -> list[str | None]:
        """Every span author, sorted; None when some spans have no author."""
        with self._store.engine.connect() as conn:
            found = set(conn.scalars(select(Annotation.author).distinct()))
        named = sorted((a for a in found if a is not None), key=str.casefold)
        return named + ([None] if None in found else [])

    # -- export --------------------------------------------------------------------------------
    def export(
        self,
        dest: str | os.PathLike[str] | BinaryIO,
        *,
        format: str = "jsonl",
        documents: Iterable[str] | None = None,
        labels: Iterable[str] | None = None,
        authors: Iterable[str | None] | None = None,
        only_annotated: bool = False,
        options: ExportOptions | None = None,
        progress: ProgressCallback | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> ExportReport:
        fmt = get_format(format)
        flt = ExportFilter.build(documents, labels, authors, only_annotated)
        self._check_labels(flt)
        options = options or ExportOptions()
        if hasattr(dest, "write"):
            if fmt.folder:
                raise AnnotatorError(f"{fmt.name} writes a folder of files: give a folder path")
            return self._run(fmt.writer(dest, options), flt, progress, cancel)
        path = Path(dest).expanduser()  # messages name it as given
        if fmt.folder:
            return self._to_folder(path, fmt, flt, options, progress, cancel)
        return self._to_file(path, fmt, flt, options, progress, cancel)

    def _check_labels(self, flt: ExportFilter) -> None:
        if flt.labels is None:
            return
        with self._store.engine.connect() as conn:
            known = set(conn.scalars(select(Label.key)))
        unknown = [key for key in flt.labels if key not in known]
        if unknown:
            raise AnnotatorError(
                f"unknown label(s): {', '.join(unknown)} (labels: {', '.join(sorted(known))})"
            )

    def _to_file(self, path, fmt, flt, options, progress, cancel) -> ExportReport:
        if path.is_dir():
            raise AnnotatorError(f"{path}: is a folder; {fmt.name} exports to a file")
        if path.exists() and not path.is_file():
            # a device or a pipe (/dev/null, /dev/stdout, a FIFO): written into, never replaced
            try:
                with open(path, "wb") as out:
                    return self._run(fmt.writer(out, options), flt, progress, cancel)
            except OSError as exc:
                raise AnnotatorError(f"{path}: cannot write the export: {exc.strerror}") from exc
        tmp = _part(path)
        try:
            with open(tmp, "wb") as out:
                report = self._run(fmt.writer(out, options), flt, progress, cancel)
            tmp.replace(path)  # never a half-written export under the real name
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise AnnotatorError(f"{path}: cannot write the export: {exc.strerror or exc}") from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return report

    def _to_folder(self, path, fmt, flt, options, progress, cancel) -> ExportReport:
        if path.exists() and not path.is_dir():
            raise AnnotatorError(f"{path}: exists and is not a folder")
        if path.is_dir() and any(path.iterdir()):
            raise AnnotatorError(
                f"{path}: the folder is not empty; {fmt.name} exports go into a new or empty folder"
            )
        tmp = _part(path)
        try:
            if tmp.exists():
                shutil.rmtree(tmp)  # left over by a crash
            tmp.mkdir(parents=False)
            report = self._run(fmt.writer(DiskFolder(tmp), options), flt, progress, cancel)
            if path.is_dir():
                path.rmdir()
            tmp.rename(path)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise AnnotatorError(f"{path}: cannot write the export: {exc.strerror or exc}") from exc
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return report

    def _run(
        self,
        writer: RecordWriter,
        flt: ExportFilter,
        progress: ProgressCallback | None,
        cancel: Callable[[], bool] | None,
        *,
        max_documents: int | None = None,
    ) -> ExportReport:
        report = ExportReport()
        only_annotated = flt.only_annotated
        scan = ExportFilter(flt.document_ids, flt.labels, flt.authors, False, flt.limit)
        last = time.monotonic()
        links = 0
        with gc_paused(), self._store.engine.connect() as conn:
            ids = document_ids(conn, scan)
            report.total_documents = len(ids)
            if progress is not None:
                progress(report)
            for record in iter_records(conn, scan, ids, link_ends=writer.link_ends):
                if cancel is not None and cancel():
                    raise ExportCancelled("the export was cancelled; nothing was written")
                report.read_documents += 1
                if not (only_annotated and not record["spans"]):
                    links += record_links(record)
                    report.spans += writer.write(record)
                    report.documents += 1
                    if max_documents is not None and report.documents >= max_documents:
                        break
                if progress is not None and time.monotonic() - last >= PROGRESS_INTERVAL:
                    last = time.monotonic()
                    progress(report)
        writer.close()
        report.skipped_spans = writer.skipped_spans
        report.links = writer.links_written
        report.notices.extend(writer.notices)
        if links > writer.links_written:
            report.notices.append(
                f"{links - writer.links_written} of {links} link(s) not written: "
                f"{writer.links_unheld}"
            )
        if progress is not None:
            progress(report)
        return report

    # -- preview -------------------------------------------------------------------------------
    def preview(
        self,
        *,
        format: str = "jsonl",
        documents: Iterable[str] | None = None,
        labels: Iterable[str] | None = None,
        authors: Iterable[str | None] | None = None,
        only_annotated: bool = False,
        options: ExportOptions | None = None,
        records: int = 3,
    ) -> Preview:
        """The first ``records`` documents as the format writes them, for a look before export."""
        fmt = get_format(format)
        # only_annotated may skip many documents: read a few hundred at most to find some
        limit = records if not only_annotated else max(200, records)
        flt = ExportFilter.build(documents, labels, authors, only_annotated, limit)
        self._check_labels(flt)
        options = options or ExportOptions()
        sink: Any = MemoryFolder() if fmt.folder else io.BytesIO()
        report = self._run(fmt.writer(sink, options), flt, None, None, max_documents=records)
        return Preview(_preview_text(fmt, sink), fmt.preview, report.documents, report.spans)


def _part(path: Path) -> Path:
    """Where ``path`` is written until complete: ``.NAME.part`` beside it."""
    path = path.absolute()  # "." has no name
    return path.with_name(f".{path.name}.part")


def _shorten(value: Any) -> Any:
    if isinstance(value, str) and len(value) > PREVIEW_STRING:
        return f"{value[:PREVIEW_STRING]}… [{len(value) - PREVIEW_STRING:,} more characters]"
    if isinstance(value, dict):
        return {k: _shorten(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shorten(v) for v in value]
    return value


def _indented(value: Any, indent: str = "") -> str:
    """JSON indented by two spaces, but arrays of scalars that fit on a line stay on one."""
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [
            f"{inner}{orjson.dumps(k).decode()}: {_indented(v, inner)}" for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if not any(isinstance(v, dict | list) for v in value):
            flat = "[" + ", ".join(orjson.dumps(v).decode() for v in value) + "]"
            if len(flat) + len(indent) <= 96:
                return flat
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in value) + f"\n{indent}]"
    return orjson.dumps(value).decode()


def _pretty(data: bytes) -> str:
    return _indented(_shorten(orjson.loads(data)))


def _preview_text(fmt: ExportFormat, sink: Any) -> str:
    if isinstance(sink, MemoryFolder):
        parts = []
        for name, data in sink.files.items():
            if name.endswith(".txt"):
                continue
            lines = data.decode("utf-8").splitlines()
            shown = [_shorten(line) for line in lines]
            parts.append(f"==> {name} <==\n" + "".join(f"{line}\n" for line in shown))
        return "\n".join(parts)
    data = sink.getvalue()
    if fmt.preview == "jsonl":
        return "\n".join(_pretty(line) for line in data.splitlines() if line.strip())
    return _pretty(data)
