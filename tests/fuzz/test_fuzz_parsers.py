"""Fuzzing every file parser the importer and the import preview use (no database): plain
text, Markdown, HTML, JSON Lines and JSON (native, doccano, Prodigy, Label Studio), from
well-formed files to random bytes. Properties:

* nothing raises but an ``AnnotatorError``, and an ``ImportFileError`` names the file; a JSON
  Lines error (and a JSON one in the one-element-a-line layout) names the line;
* every document has text, and every span is inside it and quotes it;
* the preview of a text, Markdown or HTML file reads the same documents the import would,
  whatever the user chooses (split or not, boilerplate removed or not).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.errors import AnnotatorError, ImportFileError
from annotator.importing.files import iter_file_documents
from annotator.importing.preview import FileChoice, documents, preview_file
from annotator.importing.records import SpanColumns

from .helpers import assert_clean_error, count, fuzz
from .inputs import files

SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".json"]
_names = itertools.count()


def _write(folder, suffix: str, data: bytes):
    path = folder / f"in{next(_names)}{suffix}"
    path.write_bytes(data)
    return path


def check_documents(docs) -> None:
    for doc in docs:
        assert doc.text and not doc.text.isspace(), doc.source
        spans = SpanColumns.of(doc.spans)
        for a, b in zip(spans.starts, spans.ends, strict=True):
            assert type(a) is int and type(b) is int and 0 <= a < b <= len(doc.text)
        if spans.quotes is not None:
            for a, b, q in zip(spans.starts, spans.ends, spans.quotes, strict=True):
                assert q is None or q == doc.text[a:b]


def parse(path, *, split: bool) -> list | AnnotatorError:
    """The documents of ``path``, or the clean error reading it gave."""
    try:
        docs = list(iter_file_documents(path, split=split))
    except Exception as exc:  # the property: only clean errors
        assert_clean_error(exc, path)
        return exc
    check_documents(docs)
    return docs


@pytest.mark.parametrize("suffix", SUFFIXES)
@fuzz(1.0)
@given(data=st.data())
def test_parsers_never_crash(tmp_path_factory, suffix, data):
    count(f"parse{suffix}")
    raw = data.draw(files(suffix))
    path = _write(tmp_path_factory.getbasetemp(), suffix, raw)
    result = parse(path, split=data.draw(st.booleans()))
    if isinstance(result, ImportFileError) and suffix == ".jsonl" and raw.strip():
        assert result.line is not None, result
    path.unlink()


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@fuzz(0.6)
@given(data=st.data())
def test_preview_matches_import(tmp_path_factory, suffix, data):
    count(f"preview{suffix}")
    path = _write(tmp_path_factory.getbasetemp(), suffix, data.draw(files(suffix)))
    split = data.draw(st.booleans())
    strip = data.draw(st.booleans())
    try:
        preview = preview_file(path)
    except Exception as exc:
        assert_clean_error(exc, path)
        assert isinstance(parse(path, split=split), AnnotatorError)
        return
    chosen = list(documents(preview, FileChoice(split=split, strip=strip)))
    check_documents(chosen)
    if not strip:
        imported = parse(path, split=split)
        assert [d.text for d in chosen] == [d.text for d in imported]
    path.unlink()
