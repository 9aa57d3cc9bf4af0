"""The sample corpus ships annotated: spans with field values, actors with aliases, events,
the outlets' alignments and links, loaded through the services in one transaction."""

from __future__ import annotations

import orjson
import pytest

from annotator import samples
from annotator.errors import AnnotatorError
from annotator.samples import import_samples, sample_corpus_dir


def _notes():
    return orjson.loads((sample_corpus_dir() / "annotations.json").read_bytes())


def test_samples_load_with_their_annotations(workspace):
    changes = []
    workspace.subscribe(changes.append)
    report = import_samples(workspace)
    notes = _notes()
    assert report.documents == 8 and workspace.documents.count() == 8
    n_spans = sum(len(v) for v in notes["documents"].values())
    assert report.spans == n_spans == len(workspace.annotations.list()) == 36
    assert {a.name for a in workspace.actors.list()} == {
        spec["name"] for spec in notes["actors"].values()
    }
    mod = workspace.actors.find("Velmora's defence ministry")  # an alias
    assert mod is not None and mod.name == "Velmoran Ministry of Defence"
    assert {(e.name, e.date.isoformat()) for e in workspace.events.list()} == {
        (spec["name"], spec["date"]) for spec in notes["events"].values()
    }
    links = workspace.links.list()
    assert sorted(link.kind for link in links) == sorted(link["kind"] for link in notes["links"])
    assert all(link.source_document_id != link.target_document_id for link in links)
    outlets = {o.name: o.alignment for o in workspace.outlets.list()}
    assert outlets["Velmoran Press Agency (VPA)"] == "pro-Velmora"
    assert outlets["The Crown Courier"] == "pro-Halvaria"
    assert outlets["Meridian Wire Service"] == "neutral"
    # every span's quote is its text, and its author is the samples'
    for span in workspace.annotations.list():
        text = workspace.documents.get(span.document_id).text
        assert text[span.start : span.end] == span.quote and span.author == notes["author"]
    # published after the commit, in order: the import's notice among them
    assert any(c.documents_added for c in changes) and any(c.links_added for c in changes)


def test_loading_again_adds_nothing(workspace):
    import_samples(workspace)
    again = import_samples(workspace)
    assert again.documents == 0 and len(again.duplicates) == 8
    assert len(workspace.annotations.list()) == 36
    assert len(workspace.links.list()) == 10 and len(workspace.actors.list()) == 12


def test_a_failing_load_stores_nothing(workspace, monkeypatch):
    notes = _notes()
    notes["links"].append({"source": "vpa-toll", "target": "ura-morgue", "kind": "no-such-kind"})
    real = samples._read
    monkeypatch.setattr(
        samples, "_read", lambda name: notes if name == "annotations.json" else real(name)
    )
    with pytest.raises(AnnotatorError):
        import_samples(workspace)
    assert workspace.documents.count() == 0
    assert workspace.actors.list() == [] and workspace.events.list() == []
    assert workspace.links.list() == []
    assert {a.name for a in workspace.outlets.alignments()} & {"pro-Velmora"} == set()
