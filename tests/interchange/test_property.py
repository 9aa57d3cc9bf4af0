"""Property: for random Unicode texts (emoji, combining marks, Armenian, CRLF, any other
character) and random overlapping spans, every format writes offsets that quote the right
text in its own unit, and every importable format survives export -> import -> export."""

from __future__ import annotations

import io
import itertools

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import open_workspace
from annotator.exporting.writer import MemoryFolder
from annotator.importing.records import ParsedDocument, ParsedSpan
from annotator.text import graphemes

from .helpers import utf16_slice

PIECES = ["\r\n", "\r", "\n", " ", "  ", "Երևան", "e\u0301", "🕊️", "👍🏽", "👨\u200d👩\u200d👧"]
PIECES += ["Ağdam", "“", "—", "\t", "a", "12", ".", "_", "\u2028", "\x85", "🛰"]
ANY_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
IMPORTABLE = ("jsonl", "doccano", "prodigy", "labelstudio")
_unique = itertools.count()
_workspaces: dict[str, object] = {}


@st.composite
def documents(draw):
    parts = draw(st.lists(st.sampled_from(PIECES) | st.text(ANY_CHAR, max_size=3), max_size=30))
    text = "".join(parts) or "x"
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start + 1, min(n, start + 40)))
        start, end = graphemes.snap(text, start, end)  # spans never split a character
        label = draw(st.sampled_from(["claim", "opinion", "statement", "casualty_report"]))
        spans.append((start, end, label))
    return text, spans


def workspace(name, factory):
    if name not in _workspaces:
        _workspaces[name] = open_workspace(str(factory.mktemp("prop") / f"{name}.sqlite3"))
    return _workspaces[name]


def export_bytes(ws, fmt, doc_id) -> bytes:
    buf = io.BytesIO()
    ws.export(buf, format=fmt, documents=[doc_id])
    return buf.getvalue()


def parsed(fmt, data: bytes):
    if fmt == "labelstudio":
        return orjson.loads(data)
    return [orjson.loads(line) for line in data.splitlines()]


def check_units(fmt: str, data: bytes, text: str, quotes: list[tuple[int, int, str, str]]):
    expected = [(label, quote) for _s, _e, label, quote in quotes]
    if fmt == "jsonl":
        (rec,) = parsed(fmt, data)
        got = [(s["label"], text[s["start"] : s["end"]]) for s in rec["spans"]]
        assert [(s["label"], utf16_slice(text, *s["utf16"])) for s in rec["spans"]] == got
    elif fmt == "doccano":
        (rec,) = parsed(fmt, data)
        got = [(label, text[a:b]) for a, b, label in rec["label"]]
    elif fmt == "prodigy":
        (task,) = parsed(fmt, data)
        tokens = task["tokens"]
        assert "".join(t["text"] + " " * t["ws"] for t in tokens) == text
        got = []
        for s in task["spans"]:
            assert tokens[s["token_start"]]["start"] == s["start"]
            assert tokens[s["token_end"]]["end"] == s["end"]
            got.append((s["label"], text[s["start"] : s["end"]]))
    elif fmt == "labelstudio":
        (task,) = parsed(fmt, data)
        got = []
        for annotation in task["annotations"]:
            for r in annotation["result"]:
                v = r["value"]
                assert text[v["start"] : v["end"]] == v["text"]
                got.append((v["labels"][0], v["text"]))
        got.sort(key=lambda x: [q for *_, q in quotes].index(x[1]))
        expected = sorted(expected, key=lambda x: [q for *_, q in quotes].index(x[1]))
    else:  # w3c
        items = orjson.loads(data).get("first", {"items": []})["items"]  # no spans: no page
        got = []
        for a in items:
            quote, position = a["target"]["selector"]
            assert text[position["start"] : position["end"]] == quote["exact"]
            got.append((a["body"][0]["value"], quote["exact"]))
    assert got == expected


def check_brat(ws, doc_id, text, quotes):
    from annotator.exporting.brat import BratWriter
    from annotator.exporting.native import ExportFilter, iter_records
    from annotator.exporting.writer import ExportOptions

    folder = MemoryFolder()
    writer = BratWriter(folder, ExportOptions())
    with ws.engine.connect() as conn:
        for record in iter_records(conn, ExportFilter.build([doc_id])):
            writer.write(record)
    txt_name = next(n for n in folder.files if n.endswith(".txt"))
    # as brat reads it: universal newlines
    brat_text = io.TextIOWrapper(io.BytesIO(folder.files[txt_name]), encoding="utf-8").read()
    ann = folder.files[txt_name[:-4] + ".ann"].decode("utf-8")
    assert len(ann.splitlines()) == ann.count("\n")  # no line break inside a line
    written = [line for line in ann.split("\n") if line.startswith("T")]
    assert len(written) == len(quotes) - writer.skipped_spans
    for line in written:
        _tid, data, shown = line.split("\t", 2)
        fragments = [tuple(map(int, p.split())) for p in data.split(" ", 1)[1].split(";")]
        assert " ".join(brat_text[a:b] for a, b in fragments) == shown


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(documents())
def test_every_format_quotes_right_and_round_trips(tmp_path_factory, sample):
    text, spans = sample
    text += f" #{next(_unique)}"  # a new text every example: no duplicates in the databases
    source = workspace("source", tmp_path_factory)
    doc = ParsedDocument(title="t", text=text, source="prop", spans=[ParsedSpan(*s) for s in spans])
    (doc_id,) = source.importer.import_documents([doc]).document_ids
    (rec,) = parsed("jsonl", export_bytes(source, "jsonl", doc_id))
    assert rec["text"] == text
    quotes = [(s["start"], s["end"], s["label"], s["text"]) for s in rec["spans"]]
    assert sorted(q[:3] for q in quotes) == sorted(spans)
    for fmt in (*IMPORTABLE, "w3c"):
        first = export_bytes(source, fmt, doc_id)
        check_units(fmt, first, text, quotes)
        if fmt in IMPORTABLE:
            target = workspace(fmt, tmp_path_factory)
            path = tmp_path_factory.mktemp(fmt) / (
                "in.json" if fmt == "labelstudio" else "in.jsonl"
            )
            path.write_bytes(first)
            target.import_paths([path])
            assert parsed(fmt, export_bytes(target, fmt, doc_id)) == parsed(fmt, first), fmt
    check_brat(source, doc_id, text, quotes)
