"""The Prodigy export as its real consumer reads it: spaCy (a blank pipeline, no model
download). Skipped where spaCy is not installed (it is in the ``test`` extra)."""

from __future__ import annotations

import orjson
import pytest

from .helpers import export_path, native_records

spacy = pytest.importorskip("spacy")


def test_spacy_builds_docs_and_spans_from_the_prodigy_export(corpus, tmp_path):
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("en")
    path = export_path(corpus, "prodigy", tmp_path)
    reference = {
        r["id"]: [(s["start"], s["end"], s["label"], s["text"]) for s in r["spans"]]
        for r in native_records(corpus)
    }
    bin_ = DocBin(store_user_data=True)
    checked = 0
    for line in path.read_bytes().splitlines():
        task = orjson.loads(line)
        words = [t["text"] for t in task["tokens"]]
        spaces = [t["ws"] for t in task["tokens"]]
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        assert doc.text == task["text"]
        spans = []
        for s in task["spans"]:
            span = doc.char_span(s["start"], s["end"], label=s["label"])  # strict alignment
            assert span is not None, s
            assert (span.start, span.end - 1) == (s["token_start"], s["token_end"])
            spans.append(span)
            checked += 1
        doc.spans["sc"] = spans  # overlapping spans are fine in a SpanGroup
        expected = reference[task["meta"]["document_id"]]
        assert [(sp.start_char, sp.end_char, sp.label_, sp.text) for sp in spans] == expected
        bin_.add(doc)
    assert checked == sum(len(v) for v in reference.values()) > 0
    # and back from spaCy's own binary format
    docs = list(DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab))
    assert [d.text for d in docs] == [
        orjson.loads(x)["text"] for x in path.read_bytes().splitlines()
    ]
    assert sum(len(d.spans["sc"]) for d in docs) == checked


def test_spacy_reads_a_ner_subset_without_overlaps(corpus, tmp_path):
    """Non-overlapping spans can become doc.ents (NER training), BILUO tags included."""
    from spacy.tokens import Doc
    from spacy.training import offsets_to_biluo_tags
    from spacy.util import filter_spans

    nlp = spacy.blank("en")
    path = export_path(corpus, "prodigy", tmp_path)
    for line in path.read_bytes().splitlines():
        task = orjson.loads(line)
        doc = Doc(nlp.vocab, [t["text"] for t in task["tokens"]], [t["ws"] for t in task["tokens"]])
        spans = filter_spans(
            [doc.char_span(s["start"], s["end"], label=s["label"]) for s in task["spans"]]
        )
        doc.ents = spans
        tags = offsets_to_biluo_tags(doc, [(s.start_char, s.end_char, s.label_) for s in spans])
        assert "-" not in tags  # every entity aligned to tokens
