"""The export service: atomic files and folders, progress, cancellation, previews, filters."""

from __future__ import annotations

import io

import orjson
import pytest

from annotator.errors import AnnotatorError
from annotator.exporting.formats import FORMATS
from annotator.services.exporter import ExportCancelled


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cancel_leaves_nothing_behind(corpus, tmp_path, fmt):
    folder = tmp_path / "exports"
    folder.mkdir()
    dest = folder / ("out" if fmt == "brat" else f"out{FORMATS[fmt].suffix}")
    seen = []

    def cancel() -> bool:
        seen.append(1)
        return len(seen) >= 2  # after the first document

    with pytest.raises(ExportCancelled):
        corpus.export(dest, format=fmt, cancel=cancel)
    assert list(folder.iterdir()) == []  # no file, no folder, no .part


def test_cancel_from_progress_and_failure_leave_the_old_file(corpus, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    dest = folder / "out.jsonl"
    dest.write_text("previous export\n")

    def progress(report):
        if report.documents:
            raise ExportCancelled("stop")

    with pytest.raises(ExportCancelled):
        corpus.export(dest, progress=progress)
    assert dest.read_text() == "previous export\n"
    assert [p.name for p in folder.iterdir()] == ["out.jsonl"]


def test_devices_and_pipes_are_written_into_not_replaced(corpus, tmp_path):
    import os
    import stat
    import threading

    before = os.stat(os.devnull)
    report = corpus.export(os.devnull, format="w3c")
    assert report.spans > 0
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    assert not os.path.exists(os.path.join(os.path.dirname(os.devnull), ".null.part"))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    corpus.export(fifo, format="doccano")
    reader.join(10)
    assert len(got[0].splitlines()) == 3 and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_progress_reports_totals(corpus, tmp_path):
    reports = []
    corpus.export(
        tmp_path / "o.jsonl",
        only_annotated=True,
        progress=lambda r: reports.append((r.read_documents, r.documents, r.total_documents)),
    )
    assert reports[0] == (0, 0, 3) and reports[-1] == (3, 2, 3)


def test_brat_folder_rules(corpus, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    report = corpus.export(empty, format="brat")
    assert report.documents == 3 and len(list(empty.glob("*.ann"))) == 3
    with pytest.raises(AnnotatorError, match="not empty"):
        corpus.export(empty, format="brat")
    (tmp_path / "file").write_text("x")
    with pytest.raises(AnnotatorError, match="not a folder"):
        corpus.export(tmp_path / "file", format="brat")
    with pytest.raises(AnnotatorError, match="writes a folder"):
        corpus.export(io.BytesIO(), format="brat")
    with pytest.raises(AnnotatorError, match="is a folder"):
        corpus.export(empty, format="jsonl")


def test_streams_and_unknown_names(corpus):
    buf = io.BytesIO()
    report = corpus.export(buf, format="doccano")
    assert report.documents == len(buf.getvalue().splitlines()) == 3
    with pytest.raises(AnnotatorError, match="unknown export format 'csv'"):
        corpus.export(io.BytesIO(), format="csv")
    with pytest.raises(AnnotatorError, match="unknown label"):
        corpus.export(io.BytesIO(), labels=["rumour"])


def test_authors_and_the_no_author_filter(corpus):
    assert corpus.exporter.authors() == ["ana", "Bo B", "cy", None]
    buf = io.BytesIO()
    corpus.export(buf, authors=[None])
    authors = {
        s["author"] for line in buf.getvalue().splitlines() for s in orjson.loads(line)["spans"]
    }
    assert authors == {None}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_preview_shows_the_first_records(corpus, fmt):
    preview = corpus.exporter.preview(format=fmt, records=2)
    assert preview.documents == 2 and preview.spans > 0
    assert preview.kind == FORMATS[fmt].preview
    if fmt == "brat":
        assert preview.text.startswith("==> ") and "\tclaim " in preview.text
    else:
        assert preview.text.lstrip().startswith(("{", "["))
        assert "\n  " in preview.text  # indented for reading


def test_preview_shortens_long_texts_only_in_the_preview(workspace):
    long_text = "Report " + "word " * 400
    doc = workspace.add_document(long_text)
    workspace.annotations.add(doc, 0, 6, "claim")
    text = workspace.exporter.preview(format="jsonl").text
    assert "more characters]" in text and len(text) < 3000
    buf = io.BytesIO()
    workspace.export(buf)
    assert orjson.loads(buf.getvalue())["text"] == long_text
