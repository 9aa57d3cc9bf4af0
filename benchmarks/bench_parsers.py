"""Parser-only speed (no database), one figure a line (``report.py``):

.venv/bin/python benchmarks/bench_parsers.py [--files 10000] [--docs 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from report import figure

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
    figure(f"parse.plain_{n}_files_per_s", count / elapsed, "files/s", digits=0)


def jsonl_spans(tmp: Path, n_docs: int = 10_000) -> None:
    path = tmp / "big.jsonl"
    text = "Երևան Ağdam Şuşa ceasefire 🙂 " * 60
    words = [(i, text.index(" ", i)) for i in range(len(text)) if i == 0 or text[i - 1] == " "]
    spans = [{"start": a, "end": b, "label": "W"} for a, b in words[:100]]
    path.write_bytes((orjson.dumps({"text": text, "spans": spans}) + b"\n") * n_docs)
    start = time.perf_counter()
    total = sum(len(doc.spans) for doc in iter_jsonl(path))
    elapsed = time.perf_counter() - start
    figure(f"parse.jsonl_{total}_spans_per_s", total / elapsed, "spans/s", digits=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10_000, help="plain-text files")
    parser.add_argument("--docs", type=int, default=10_000, help="JSONL lines, 100 spans each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "txt").mkdir()
        text_files(Path(tmp) / "txt", args.files)
        jsonl_spans(Path(tmp), args.docs)


if __name__ == "__main__":
    main()
