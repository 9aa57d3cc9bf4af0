"""For every format: each span's text equals the document text at its offsets, counted in the
unit that format's consumers count (checked here with Python's own encoders and readers, not
with the app's converters)."""

from __future__ import annotations

import re

import orjson

from .conftest import TEXTS
from .helpers import export_path, native_records, utf16_slice


def quotes_by_document(ws) -> dict[str, list[tuple[int, int, str, str]]]:
    """Reference: (start, end, label, quote) per document id, from the database's own export."""
    return {
        r["id"]: [(s["start"], s["end"], s["label"], s["text"]) for s in r["spans"]]
        for r in native_records(ws)
    }


def test_native_jsonl_code_points_and_utf16(corpus, tmp_path):
    path = export_path(corpus, "jsonl", tmp_path)
    records = [orjson.loads(line) for line in path.read_bytes().splitlines()]
    assert [r["text"] for r in records] == TEXTS  # texts exactly, CR and all
    astral_seen = False
    for r in records:
        text = r["text"]
        for s in r["spans"]:
            assert text[s["start"] : s["end"]] == s["text"]
            u_start, u_end = s["utf16"]
            assert utf16_slice(text, u_start, u_end) == s["text"]
            astral_seen |= (u_start, u_end) != (s["start"], s["end"])
    assert astral_seen  # the corpus really tests the UTF-16 border


def test_doccano_both_variants(corpus, tmp_path):
    ref = quotes_by_document(corpus)
    for relations in (False, True):
        from annotator.exporting.writer import ExportOptions

        folder = tmp_path / str(relations)
        folder.mkdir()
        path = export_path(
            corpus, "doccano", folder, options=ExportOptions(doccano_relations=relations)
        )
        for line in path.read_bytes().splitlines():
            rec = orjson.loads(line)
            text = rec["text"]
            if relations:
                got = [(e["start_offset"], e["end_offset"], e["label"]) for e in rec["entities"]]
                assert rec["relations"] == []
            else:
                got = [tuple(x) for x in rec["label"]]
            expected = ref[rec["document_id"]]
            assert got == [(a, b, lab) for a, b, lab, _q in expected]
            assert [text[a:b] for a, b, _l in got] == [q for *_x, q in expected]


def test_prodigy_spans_and_tokens(corpus, tmp_path):
    ref = quotes_by_document(corpus)
    path = export_path(corpus, "prodigy", tmp_path)
    for line in path.read_bytes().splitlines():
        task = orjson.loads(line)
        text, tokens = task["text"], task["tokens"]
        # tokens and their trailing spaces give back the text exactly
        assert "".join(t["text"] + (" " if t["ws"] else "") for t in tokens) == text
        for i, t in enumerate(tokens):
            assert t["id"] == i and text[t["start"] : t["end"]] == t["text"]
        expected = ref[task["meta"]["document_id"]]
        assert [(s["start"], s["end"], s["label"]) for s in task["spans"]] == [
            e[:3] for e in expected
        ]
        for s, (_a, _b, _l, quote) in zip(task["spans"], expected, strict=True):
            assert text[s["start"] : s["end"]] == quote
            assert tokens[s["token_start"]]["start"] == s["start"]
            assert tokens[s["token_end"]]["end"] == s["end"]  # token_end is inclusive


def test_labelstudio_code_points(corpus, tmp_path):
    """Label Studio's <Text> counts code points: value.text == text[start:end] in code points,
    and for a span after an emoji the UTF-16 reading would be wrong."""
    path = export_path(corpus, "labelstudio", tmp_path)
    tasks = orjson.loads(path.read_bytes())
    assert path.read_bytes().startswith(b"[\n{") and len(tasks) == len(TEXTS)
    after_emoji = 0
    for task in tasks:
        text = task["data"]["text"]
        for annotation in task["annotations"]:
            for result in annotation["result"]:
                assert (result["type"], result["from_name"], result["to_name"]) == (
                    "labels",
                    "label",
                    "text",
                )
                v = result["value"]
                assert text[v["start"] : v["end"]] == v["text"]
                if utf16_slice(text, v["start"], v["end"]) != v["text"]:
                    after_emoji += 1
    assert after_emoji > 0


def test_brat_offsets_in_the_txt_as_brat_reads_it(corpus, tmp_path):
    ref = quotes_by_document(corpus)
    folder = export_path(corpus, "brat", tmp_path)
    assert (folder / "annotation.conf").read_text(encoding="utf-8").startswith("[entities]\n")
    for doc_id, spans in ref.items():
        # brat opens .txt files with universal newlines: so does Python's text mode
        with open(folder / f"{doc_id}.txt", encoding="utf-8") as f:
            text = f.read()
        raw = (folder / f"{doc_id}.txt").read_bytes().decode("utf-8")
        assert "\r" not in raw and text == raw  # written with \n line ends
        lines = (folder / f"{doc_id}.ann").read_text(encoding="utf-8").splitlines()
        textbound = [line for line in lines if line.startswith("T")]
        assert len(textbound) == len(spans)
        for line, (_a, _b, label, quote) in zip(textbound, spans, strict=True):
            _tid, data, shown = line.split("\t")  # brat: id TAB type offsets TAB text
            kind, offsets = data.split(" ", 1)
            assert kind == label
            fragments = [tuple(map(int, part.split())) for part in offsets.split(";")]
            assert " ".join(text[a:b] for a, b in fragments) == shown
            # the fragments are the quote without its line breaks
            flat = quote.replace("\r\n", "\n").replace("\r", "\n")
            assert "".join(text[a:b] for a, b in fragments) == flat.replace("\n", "")
        notes = [line for line in lines if line.startswith("#")]
        attributes = [line for line in lines if line.startswith("A")]
        for line in notes + attributes:
            assert line.split("\t")[1].split()[1].startswith("T")  # they point at a T id


def test_brat_names_line_breaks_and_attributes(corpus, tmp_path):
    folder = export_path(corpus, "brat", tmp_path)
    ann = "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.ann")))
    # the note's line break became a space; values cannot hold spaces in brat
    assert re.search(r"\n#\d+\tAnnotatorNotes T\d+\tcapital of Armenia\n", ann)
    assert re.search(r"\nA\d+\tauthor T\d+ Bo_B\n", ann)
    assert re.search(r"\nA\d+\tfigures T\d+ \[12\]\n", ann)
    assert re.search(r"\nA\d+\tchecked T\d+\n", ann)  # true: a binary attribute
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    assert "author\tArg:<ENTITY>, Value:" in conf and "checked\tArg:<ENTITY>\n" in conf


def test_w3c_text_position_and_quote(corpus, tmp_path):
    texts = {r["id"]: r["text"] for r in native_records(corpus)}
    path = export_path(corpus, "w3c", tmp_path)
    data = orjson.loads(path.read_bytes())
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == sum(len(_s) for _s in quotes_by_document(corpus).values())
    for a in items:
        source = a["target"]["source"]["id"]
        text = texts[source.removeprefix("urn:uuid:")]
        quote, position = a["target"]["selector"]
        assert (quote["type"], position["type"]) == ("TextQuoteSelector", "TextPositionSelector")
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"])
        assert len(quote["prefix"]) == min(32, start)
        assert a["body"][0] == {
            "type": "TextualBody",
            "purpose": "tagging",
            "value": a["body"][0]["value"],
        }
