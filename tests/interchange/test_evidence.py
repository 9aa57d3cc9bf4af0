"""Field values, registry entries and links through the native format: export, import into a
fresh database, export again; and every refusal and drop the import reports."""

from __future__ import annotations

import io

import orjson
import pytest

from annotator import open_workspace
from annotator.errors import AnnotatorError

from .evidence_corpus import TEXT_A, at, build
from .helpers import native_records


def evidence(records: list[dict]) -> list:
    """What the round trip must keep: per span, its id, attributes and links."""
    return [(s["id"], s["attributes"], s["links"]) for r in records for s in r["spans"]]


def write(path, records: list[dict]):
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


def test_export_import_export_keeps_fields_registries_and_links(workspace, fresh_url, tmp_path):
    built = build(workspace)
    first = native_records(workspace)
    spans = {s["id"]: s for r in first for s in r["spans"]}
    source = spans[built.report]["attributes"]["source"]
    # the merged actor's references are to the kept one, written with its name and side
    assert source == {
        "actor": {
            "id": built.ministry,
            "name": "Ministry of Defence",
            "kind": "state body",
            "side": "Armenia",
        }
    }
    assert spans[built.report]["attributes"]["event"]["event"] == {
        "id": built.shelling,
        "name": "Shelling of Gyumri",
        "date": "2031-03-11",
        "place": "Gyumri",
    }
    assert spans[built.report]["links"] == []  # it starts none
    (contradicts,) = spans[built.denial]["links"]
    assert (contradicts["kind"], contradicts["to"], contradicts["directed"]) == (
        "contradicts",
        built.report,
        True,
    )
    assert contradicts["note"] == "the army's word against the ministry's"
    (repeats,) = spans[built.repeat]["links"]  # symmetric: written once, from its source
    assert (repeats["to"], repeats["directed"]) == (built.confirm, False)
    assert spans[built.confirm]["links"][0]["to"] == built.report  # across documents
    path = write(tmp_path / "evidence.jsonl", first)
    with open_workspace(fresh_url) as fresh:
        report = fresh.import_paths([path])
        assert report.links == 3
        assert "added 2 actor(s) and 1 event(s) to the registries" in report.notices()
        assert {a.id for a in report.change.actors_added} == {built.ministry, built.army}
        assert len(report.change.links_added) == 3
        again = native_records(fresh)
        assert evidence(again) == evidence(first)
        ministry = fresh.actors.get(built.ministry)
        assert (ministry.name, ministry.kind, ministry.side) == (
            "Ministry of Defence",
            "state body",
            "Armenia",
        )
        event = fresh.events.get(built.shelling)
        assert (event.name, str(event.date), event.place) == (
            "Shelling of Gyumri",
            "2031-03-11",
            "Gyumri",
        )
        assert {k.key: k.directed for k in fresh.links.kinds()}["repeats"] is False
        # importing the same file again adds no link, no actor, no event
        report = fresh.import_paths([path])
        assert report.links == 0
        assert "skipped 3 link(s) already stored" in report.notices()
        assert len(fresh.links.list()) == 3
        assert len(fresh.actors.list()) == 2
        assert evidence(native_records(fresh)) == evidence(first)


def test_links_to_spans_elsewhere_are_kept_or_dropped_by_name(workspace, fresh_url, tmp_path):
    built = build(workspace)
    records = native_records(workspace)
    doc_b = [r for r in records if r["id"] == built.doc_b]
    path = write(tmp_path / "notes.jsonl", doc_b)
    # into the same database: the link to the span of document A finds it
    report = workspace.import_paths([path])
    assert report.links == 0 and "skipped 2 link(s) already stored" in report.notices()
    with open_workspace(fresh_url) as fresh:
        report = fresh.import_paths([path])
        link = next(s for s in doc_b[0]["spans"] if s["id"] == built.confirm)["links"][0]
        assert report.links == 1  # the symmetric one within document B
        assert (
            f"{path}:1: link {link['id']} (supports) to span {built.report} dropped: that span "
            "is not in this file or the database"
        ) in report.notices()
        assert [(x.source_id, x.target_id) for x in fresh.links.list()] == [
            (built.repeat, built.confirm)
        ]


def test_unknown_link_kinds_are_created_with_the_file_directedness(workspace, tmp_path):
    built = build(workspace)
    records = native_records(workspace)
    for record in records:
        for span in record["spans"]:
            for link in span["links"]:
                if link["kind"] == "repeats":
                    link["kind"] = "echoes"
                elif link["kind"] == "supports":
                    link["kind"] = "backs up"
                    del link["directed"]  # not said: directed
    path = write(tmp_path / "kinds.jsonl", records)
    with open_workspace(str(tmp_path / "fresh.sqlite3")) as fresh:
        report = fresh.import_paths([path])
        assert "new link kind created: echoes" in report.notices()
        assert "new link kind created: backs up" in report.notices()
        kinds = {k.key: k for k in fresh.links.kinds()}
        assert kinds["echoes"].directed is False and kinds["backs up"].directed is True
        assert {k.key for k in report.change.link_kinds_added} == {"echoes", "backs up"}
        assert report.links == 3
    assert built.repeat


def test_an_invalid_field_value_names_file_line_and_field_and_stores_nothing(workspace, tmp_path):
    build(workspace)
    records = native_records(workspace)
    span = next(s for s in records[0]["spans"] if s["label"] == "casualty_report")
    span["attributes"]["killed"] = {"low": 20, "best": 12, "high": 15}
    path = write(tmp_path / "bad.jsonl", records)
    with open_workspace(str(tmp_path / "fresh.sqlite3")) as fresh:
        with pytest.raises(
            AnnotatorError, match=r"bad\.jsonl:1: span \[\d+, \d+\): Killed: low 20"
        ):
            fresh.import_paths([path])
        assert fresh.documents.count() == 0
        assert fresh.actors.list() == [] and fresh.events.list() == []
        assert fresh.links.list() == []


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        (
            {"actor": {"name": "Army"}},
            r"spans\[0\]\.attributes\.claimant: the actor reference has no id",
        ),
        (
            {"actor": {"id": "a1", "name": 5}},
            r"spans\[0\]\.attributes\.claimant: the actor's name must be a string",
        ),
        ({"actor": {"id": "a1", "rank": "x"}}, r".*claimant: an actor reference has no 'rank'"),
        ({"actor": 7}, r".*claimant: an actor reference is"),
        # the service's own check of the kind, named by line and actor
        ({"actor": {"id": "a1", "name": "Army", "kind": "navy"}}, "actor a1: unknown actor kind"),
        ({"actor": {"id": "a" * 40, "name": "Army"}}, "actor id 'a{40}'… is longer than 36"),
    ],
)
def test_malformed_references_are_refused_by_line_and_field(tmp_path, reference, message):
    start, end = at(TEXT_A, "The army denied any strike")
    record = {
        "schema": "annotator.v1",
        "text": TEXT_A,
        "spans": [{"id": "s1", "start": start, "end": end, "label": "claim",
                   "attributes": {"claimant": reference}}],
    }  # fmt: skip
    path = write(tmp_path / "refs.jsonl", [record])
    with open_workspace(str(tmp_path / "db.sqlite3")) as ws:
        with pytest.raises(AnnotatorError, match=rf"refs\.jsonl:1: {message}"):
            ws.import_paths([path])
        assert ws.actors.list() == []


def test_malformed_links_are_refused_by_line_and_span(tmp_path):
    start, end = at(TEXT_A, "The army denied any strike")
    span = {"id": "s1", "start": start, "end": end, "label": "claim"}
    cases = [
        ({"links": [{"kind": "supports"}]}, r"spans\[0\]\.links\[0\]: the link has no to"),
        ({"links": [{"kind": 3, "to": "x"}]}, r"spans\[0\]\.links\[0\]: kind must be a string"),
        ({"links": {"to": "x"}}, r"spans\[0\]\.links must be a list"),
        (
            {"id": None, "links": [{"kind": "cites", "to": "x"}]},
            r"spans\[0\]\.links: a span that starts links needs its id",
        ),
        (
            {"links": [{"kind": "cites", "to": "x", "directed": "no"}]},
            r"spans\[0\]\.links\[0\]: directed must be true or false",
        ),
    ]
    for n, (change, message) in enumerate(cases):
        record = {"schema": "annotator.v1", "text": TEXT_A, "spans": [dict(span, **change)]}
        path = write(tmp_path / f"links{n}.jsonl", [record])
        with (
            open_workspace(str(tmp_path / f"db{n}.sqlite3")) as ws,
            pytest.raises(AnnotatorError, match=rf"links{n}\.jsonl:1: {message}"),
        ):
            ws.import_paths([path])


def test_an_actor_of_the_same_name_takes_the_references(workspace, tmp_path):
    built = build(workspace)
    path = write(tmp_path / "names.jsonl", native_records(workspace))
    with open_workspace(str(tmp_path / "fresh.sqlite3")) as fresh:
        own = fresh.actors.add("ministry of defence", kind="state body").actors_added[0].id
        report = fresh.import_paths([path])
        assert any(
            f"actor {built.ministry} ('Ministry of Defence') refers to the stored actor {own}" in n
            for n in report.notices()
        )
        spans = {s["id"]: s for r in native_records(fresh) for s in r["spans"]}
        assert spans[built.report]["attributes"]["source"]["actor"]["id"] == own
        assert len(fresh.actors.list()) == 2  # that one and the army


def test_formats_say_how_many_links_they_could_not_hold(workspace):
    build(workspace)
    for fmt in ("doccano", "prodigy", "labelstudio"):
        report = workspace.export(io.BytesIO(), format=fmt)
        assert "3 of 3 link(s) not written: the format has no place for links between spans" in (
            report.notices
        ), fmt
    assert workspace.export(io.BytesIO(), format="jsonl").notices == []


def test_stored_entries_are_reused_as_they_are_and_unknown_ids_kept(workspace, tmp_path):
    built = build(workspace)
    records = native_records(workspace)
    span = next(s for r in records for s in r["spans"] if s["id"] == built.denial)
    span["attributes"]["claimant"]["actor"]["name"] = "Renamed in the file"
    span["attributes"]["claimant"]["actor"]["side"] = "nobody"
    report = next(s for r in records for s in r["spans"] if s["id"] == built.report)
    report["attributes"]["event"] = {"event": {"id": "e-elsewhere"}}  # no name: not created
    with open_workspace(str(tmp_path / "fresh.sqlite3")) as fresh:
        fresh.import_paths([write(tmp_path / "first.jsonl", native_records(workspace))])
        for record in records:  # other texts: new documents, same registry ids
            record["text"] += " (again)"
            record["id"] = None
            for s in record["spans"]:
                s["id"] = None
                s["links"] = []
        path = write(tmp_path / "reuse.jsonl", records)
        result = fresh.import_paths([path])
        army = fresh.actors.get(built.army)
        assert (army.name, army.side) == ("Army", "Azerbaijan")  # as stored
        assert f"{path}:1: event e-elsewhere is not in the database" in result.notices()
        assert len(fresh.actors.list()) == 2 and len(fresh.events.list()) == 1


def test_links_read_from_the_links_or_from_the_spans_are_the_same(workspace):
    from annotator.exporting.evidence import batch_links, link_count
    from annotator.storage.rawsql import RawSQL

    built = build(workspace)
    with workspace.store.engine.connect() as conn:
        raw = RawSQL(conn.dialect)
        docs = [built.doc_a, built.doc_b]
        total = link_count(conn)
        assert total == 3
        by_links = batch_links(conn, raw, docs, str, True, links=total, spans=1000)
        by_spans = batch_links(conn, raw, docs, str, True, links=total, spans=1)
        assert by_links == by_spans
        assert sorted(by_links[0]) == sorted([built.denial, built.confirm, built.repeat])
        assert by_links[1][built.report].exact == "12 to 15 civilians were killed"
        assert batch_links(conn, raw, docs, str, links=0, spans=4) == ({}, {})
