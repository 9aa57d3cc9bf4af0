"""The outlet list (normalised names, rename, country and alignment, merge, delete), the
alignment list, collections, and what native JSONL export and import do with both."""

from __future__ import annotations

import io

import orjson
import pytest

from annotator import open_workspace
from annotator.errors import NotFoundError, ValidationError
from annotator.services.outlets import outlet_key


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("South Front", "SouthFront", True),
        ("South Front", "south front", True),
        ("South-Front", "  SOUTH   front ", True),
        ("Ｓｏｕｔｈ Ｆｒｏｎｔ", "South Front", True),  # full-width letters (NFKC)
        ("Haqqin.az", "Haqqin", False),
        ("Azərbaycan", "Azerbaycan", False),  # accents count
        ("Ազատություն", "ազատություն", True),  # Armenian case-folds too
        ("***", " *** ", True),  # no letters: the folded text, spaces collapsed
        ("***", "* * *", False),
    ],
)
def test_outlet_key(a, b, same):
    assert (outlet_key(a) == outlet_key(b)) is same


def test_imports_match_outlets_by_normalised_name(workspace):
    ids = [
        workspace.add_document(f"Article {n}\n\nbody {n}", outlet=name)
        for n, name in enumerate(["South Front", "SouthFront", "south front", " Wire "])
    ]
    outlets = workspace.outlets.list()
    assert [(o.name, o.documents) for o in outlets] == [("South Front", 3), ("Wire", 1)]
    assert {workspace.documents.get(i).outlet for i in ids} == {"South Front", "Wire"}


def test_import_change_names_the_outlets_it_added(workspace, tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [
        {"schema": "annotator.v1", "text": "One\n\nx", "meta": {"outlet": "Azatutyun"}},
        {"schema": "annotator.v1", "text": "Two\n\ny", "meta": {"outlet": "AZATUTYUN"}},
    ]
    path.write_bytes(b"".join(orjson.dumps(x) + b"\n" for x in lines))
    report = workspace.import_paths([path])
    assert [o.name for o in report.change.outlets_added] == ["Azatutyun"]


def test_add_rename_and_refusals(workspace):
    notices = []
    workspace.subscribe(notices.append)
    change = workspace.outlets.add("APA", country="Azerbaijan", alignment="state")
    (apa,) = change.outlets_added
    assert (apa.name, apa.country, apa.alignment) == ("APA", "Azerbaijan", "state")
    with pytest.raises(ValidationError, match="outlet 'a.p.a' exists already as 'APA'"):
        workspace.outlets.add("a.p.a")
    with pytest.raises(ValidationError, match="an outlet needs a name"):
        workspace.outlets.add("   ")
    with pytest.raises(ValidationError, match=r"unknown alignment 'pro-Russian' \(alignments: "):
        workspace.outlets.add("Sputnik", alignment="pro-Russian")
    workspace.outlets.add("Armenpress")
    with pytest.raises(ValidationError, match="merge the two"):
        workspace.outlets.rename("Armenpress", "apa")
    change = workspace.outlets.rename("apa", "APA.az")
    ((before, after),) = change.outlets_updated
    assert (before.name, after.name) == ("APA", "APA.az")
    assert change.description == "rename outlet 'APA' to 'APA.az'"
    change = workspace.outlets.update("APA.az", country=None, alignment="independent")
    assert change.outlets_updated[0][1].country is None
    assert workspace.outlets.get(apa.id).alignment == "independent"
    assert workspace.outlets.find("apa az") is not None and workspace.outlets.find("x") is None
    assert len(notices) == 4


def test_merge_points_every_document_at_the_target(workspace):
    a = workspace.add_document("One\n\nx", outlet="South Front")
    b = workspace.add_document("Two\n\ny", outlet="Southfront.org")
    c = workspace.add_document("Three\n\nz", outlet="Wire")
    workspace.outlets.update("Southfront.org", country="Russia", alignment="pro-Azerbaijani")
    target = workspace.outlets.get("South Front")

    change = workspace.outlets.merge(["Southfront.org"], into="south front")

    assert [o.name for o in change.outlets_removed] == ["Southfront.org"]
    ((before, after),) = change.outlets_updated
    assert (before.documents, after.documents) == (1, 2)
    assert (after.country, after.alignment) == ("Russia", "pro-Azerbaijani")  # it had none
    assert [(x.id, x.outlet, y.outlet) for x, y in change.documents_updated] == [
        (b, "Southfront.org", "South Front")
    ]
    assert {workspace.documents.get(i).outlet_id for i in (a, b)} == {target.id}
    assert workspace.documents.get(c).outlet == "Wire"
    assert [o.name for o in workspace.outlets.list()] == ["South Front", "Wire"]
    with pytest.raises(ValidationError, match="at least one outlet other than the target"):
        workspace.outlets.merge(["South Front"], into="South Front")
    with pytest.raises(NotFoundError, match="no outlet named 'Nope'"):
        workspace.outlets.merge(["Nope"], into="Wire")


def test_delete_refuses_an_outlet_in_use(workspace, doc_id):
    with pytest.raises(ValidationError, match="is the outlet of 1 document"):
        workspace.outlets.delete("Test Wire")
    workspace.outlets.add("Unused")
    assert workspace.outlets.delete("unused").outlets_removed[0].name == "Unused"


def test_the_alignment_list_is_the_users(workspace):
    names = [a.name for a in workspace.outlets.alignments()]
    assert names == ["pro-Armenian", "pro-Azerbaijani", "neutral", "state", "independent"]
    workspace.outlets.add_alignment("pro-Russian")
    with pytest.raises(ValidationError, match="exists already"):
        workspace.outlets.add_alignment("PRO-RUSSIAN")
    workspace.outlets.add("Sputnik", alignment="pro-russian")
    with pytest.raises(ValidationError, match="alignment of 1 outlet"):
        workspace.outlets.delete_alignment("pro-Russian")
    change = workspace.outlets.rename_alignment("pro-Russian", "pro-Kremlin")
    assert change.alignments_updated[0][1].name == "pro-Kremlin"
    assert workspace.outlets.get("Sputnik").alignment == "pro-Kremlin"
    workspace.outlets.delete_alignment("neutral")
    assert len(workspace.outlets.alignments()) == 5


def test_collections(workspace, doc_id):
    other = workspace.add_document("Other\n\ntext")
    change = workspace.collections.add("2020 war")
    (war,) = change.collections_added
    with pytest.raises(ValidationError, match="collection '2020 war' exists already"):
        workspace.collections.add(" 2020  WAR ")
    change = workspace.collections.assign([doc_id, other], war.id)
    assert [x.collections for x, _ in change.documents_updated] == [(), ()]
    assert [y.collections for _, y in change.documents_updated] == [("2020 war",), ("2020 war",)]
    assert workspace.collections.assign([doc_id], "2020 war").documents_updated == ()
    change = workspace.collections.assign([doc_id], "Sept 2023 offensive")  # a new one
    assert [c.name for c in change.collections_added] == ["Sept 2023 offensive"]
    assert workspace.collections.documents("2020 war") == [doc_id, other]
    change = workspace.collections.unassign([other], "2020 war")
    assert [x.id for x, _ in change.documents_updated] == [other]
    workspace.collections.rename("2020 war", "2020 Karabakh war")
    assert workspace.documents.get(doc_id).collections == (
        "2020 Karabakh war",
        "Sept 2023 offensive",
    )
    summary = {d.id: d for d in workspace.documents.list()}[doc_id]
    assert summary.collections == ("2020 Karabakh war", "Sept 2023 offensive")
    change = workspace.collections.delete("2020 karabakh war")
    assert [y.collections for _, y in change.documents_updated] == [("Sept 2023 offensive",)]
    assert [(c.name, c.documents) for c in workspace.collections.list()] == [
        ("Sept 2023 offensive", 1)
    ]
    with pytest.raises(NotFoundError):
        workspace.collections.assign(["no-such-document"], "x")


def _export(ws, **kwargs) -> list[dict]:
    buf = io.BytesIO()
    ws.export(buf, **kwargs)
    return [orjson.loads(line) for line in buf.getvalue().splitlines()]


def test_native_export_and_import_carry_outlet_and_collections(workspace, doc_id, tmp_path):
    workspace.documents.update(doc_id, collections=["Sept 2023 offensive", "2020 war"])
    plain = workspace.add_document("No collections\n\ntext")
    (first, second) = _export(workspace)
    assert first["meta"]["outlet"] == "Test Wire"
    assert first["meta"]["collections"] == ["2020 war", "Sept 2023 offensive"]
    assert "collections" not in second["meta"]  # only when it is in one (old files: none)
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in (first, second)))
    with open_workspace(str(tmp_path / "fresh.sqlite3")) as fresh:
        report = fresh.import_paths([path])
        assert sorted(c.name for c in report.change.collections_added) == [
            "2020 war",
            "Sept 2023 offensive",
        ]
        assert fresh.documents.get(doc_id).collections == ("2020 war", "Sept 2023 offensive")
        assert fresh.documents.get(doc_id).meta == {}  # not free metadata
        assert fresh.documents.get(plain).collections == ()
        assert _export(fresh) == [first, second]


def test_collections_ride_along_in_foreign_formats_and_come_back(workspace, doc_id, tmp_path):
    workspace.documents.update(doc_id, collections=["2020 war"])
    (line,) = _export(workspace, format="doccano")
    assert line["outlet"] == "Test Wire" and line["meta"] == {"collections": ["2020 war"]}
    path = tmp_path / "doccano.jsonl"
    path.write_bytes(orjson.dumps(line) + b"\n")
    with open_workspace(str(tmp_path / "fresh.sqlite3")) as fresh:
        fresh.import_paths([path])
        (doc,) = fresh.documents.list()
        assert (doc.outlet, doc.collections) == ("Test Wire", ("2020 war",))


def test_a_collections_value_that_is_no_list_of_names_stays_free_metadata(workspace, tmp_path):
    path = tmp_path / "old.jsonl"
    record = {"schema": "annotator.v1", "text": "Old\n\nfile", "meta": {"collections": "misc"}}
    path.write_bytes(orjson.dumps(record) + b"\n")
    workspace.import_paths([path])
    (doc,) = workspace.documents.list()
    assert workspace.documents.get(doc.id).meta == {"collections": "misc"}
    assert workspace.collections.list() == []


def test_other_processes_hear_of_metadata_and_collection_edits(db_url, doc_id, workspace):
    from annotator.services.external import ExternalChanges

    with open_workspace(db_url) as other:
        watch = ExternalChanges(other.store)
        workspace.collections.assign([doc_id], "2020 war")
        change = watch.poll()
        assert change is not None and doc_id in change.spans_reloaded
        workspace.documents.update(doc_id, author="A. Reporter")
        assert doc_id in watch.poll().spans_reloaded
        workspace.outlets.rename("Test Wire", "Wire")
        assert watch.poll() is not None
        assert other.documents.get(doc_id).outlet == "Wire"
        watch.close()
