"""Throughput guards (marked slow). Targets on a developer machine: 10,000 small text files
at >= 5,000 files/s, and 1,000,000 JSONL spans well under 3 s; the asserted limits are
looser so that a busy CI machine does not fail them by noise."""

from __future__ import annotations

import time
from pathlib import Path

import orjson
import pytest

from annotator.importing.files import iter_documents
from annotator.importing.jsonl import iter_jsonl

pytestmark = pytest.mark.slow


def test_ten_thousand_text_files(tmp_path: Path) -> None:
    body = "Shelling was reported near the border overnight, officials said.\n" * 20
    for i in range(10_000):
        folder = tmp_path / f"d{i // 1000:02d}"
        if i % 1000 == 0:
            folder.mkdir()
        (folder / f"{i:05d}.txt").write_text(f"Article {i}\r\n\r\n{body}", encoding="utf-8")
    start = time.perf_counter()
    count = sum(1 for _ in iter_documents([tmp_path]))
    elapsed = time.perf_counter() - start
    assert count == 10_000
    print(f"\n10,000 .txt files: {elapsed:.2f} s, {count / elapsed:,.0f} files/s")
    assert count / elapsed >= 1_500


def test_a_million_spans(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    text = "Երևան Ağdam Şuşa ceasefire 🙂 " * 60
    words = [(i, text.index(" ", i)) for i in range(len(text)) if i == 0 or text[i - 1] == " "]
    spans = [{"start": a, "end": b, "label": "W"} for a, b in words[:100]]
    line = orjson.dumps({"text": text, "spans": spans}) + b"\n"
    path.write_bytes(line * 10_000)
    start = time.perf_counter()
    total = sum(len(doc.spans) for doc in iter_jsonl(path))
    elapsed = time.perf_counter() - start
    assert total == 1_000_000
    print(f"\n1,000,000 spans (10,000 lines): {elapsed:.2f} s")
    assert elapsed < 8
