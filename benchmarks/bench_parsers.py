"""Parser-only speed (no database), one figure a line:

.venv/bin/python benchmarks/bench_parsers.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.importing.files import iter_documents
from annotator.importing.jsonl import iter_jsonl


def text_files(tmp: Path, n: int = 10_000) -> None:
    body = "Shelling was reported near the border overnight, officials said.\n" * 20
    for i in range(n):
        folder = tmp / f"d{i // 1000:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{i:05d}.txt").write_text(f"Article {i}\r\n\r\n{body}", encoding="utf-8")
    start = time.perf_counter()
    count = sum(1 for _ in iter_documents([tmp]))
    elapsed = time.perf_counter() - start
    assert count == n
    print(f"parse.plain_{n}_files_per_s {count / elapsed:.0f} files/s")


def jsonl_spans(tmp: Path) -> None:
    path = tmp / "big.jsonl"
    text = "Երևան Ağdam Şuşa ceasefire 🙂 " * 60
    words = [(i, text.index(" ", i)) for i in range(len(text)) if i == 0 or text[i - 1] == " "]
    spans = [{"start": a, "end": b, "label": "W"} for a, b in words[:100]]
    path.write_bytes((orjson.dumps({"text": text, "spans": spans}) + b"\n") * 10_000)
    start = time.perf_counter()
    total = sum(len(doc.spans) for doc in iter_jsonl(path))
    elapsed = time.perf_counter() - start
    print(f"parse.jsonl_{total}_spans_per_s {total / elapsed:.0f} spans/s")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "txt").mkdir()
        text_files(Path(tmp) / "txt")
        jsonl_spans(Path(tmp))
