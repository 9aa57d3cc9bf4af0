"""Document metadata edits, deletion and restore: validated, one transaction, one change
notice with before/after records; a deletion carries everything its undo needs."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from annotator.errors import ConflictError, NotFoundError, ValidationError
from annotator.services.documents import check_fields
from annotator.storage.models import Annotation, Document, DocumentCollection
from tests.conftest import SAMPLE_TEXT


def test_update_changes_the_given_fields_and_returns_before_and_after(workspace, doc_id):
    notices = []
    workspace.subscribe(notices.append)
    change = workspace.documents.update(
        doc_id,
        title="  Shelling near   Yerevan ",
        author="A. Reporter",
        published="2020-10-04",
        url="https://wire.example/2020/10/04/shelling",
        language="HY-am",
        meta={"desk": "east", "page": 3},
    )
    assert notices == [change]
    ((before, after),) = change.documents_updated
    assert before.title == "Shelling reported near Երևան" and before.author is None
    assert after.title == "Shelling near Yerevan"  # whitespace runs made one space
    assert after.published == dt.date(2020, 10, 4)
    assert after.language == "hy-AM"  # the tag's conventional case
    assert after.outlet == "Test Wire" == before.outlet  # left out: unchanged
    assert after.meta == {"desk": "east", "page": 3}
    record = workspace.documents.get(doc_id)
    assert (record.title, record.author, record.url) == (
        after.title,
        "A. Reporter",
        "https://wire.example/2020/10/04/shelling",
    )
    assert record.text == SAMPLE_TEXT  # the text is not the analyst's to edit
    assert change.description.startswith("edit document 'Shelling near Yerevan'")
    # None (or "") clears a field; an edit that changes nothing publishes nothing
    change = workspace.documents.update(doc_id, author="", url=None, published="")
    ((_, cleared),) = change.documents_updated
    assert (cleared.author, cleared.url, cleared.published) == (None, None, None)
    assert workspace.documents.update(doc_id, title="Shelling near Yerevan").empty
    assert len(notices) == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"published": "04.10.2020"}, r"'04\.10\.2020' is not in the form YYYY-MM-DD"),
        ({"published": "2020-02-30"}, "'2020-02-30' is not a day of the calendar"),
        ({"published": 2020}, "published must be a date"),
        ({"url": "wire.example/a"}, "must start with http:// or https://"),
        ({"url": "ftp://wire.example/a"}, "must be an http:// or https:// address, not ftp:"),
        ({"url": "https://wire.example/a b"}, "contains spaces"),
        ({"url": "https:///path"}, "has no host name"),
        ({"language": "English"}, "'English' is not a language tag"),
        ({"language": "en_GB_x"}, "is not a language tag"),
        ({"title": "   "}, "a document needs a title"),
        ({"title": "x" * 1001}, "title is longer than 1000 characters"),
        ({"text": "rewritten"}, "unknown document field 'text'"),
        ({"meta": {"url": "x"}}, "meta key 'url' is a document field of its own"),
        ({"meta": {"when": dt.time(1)}}, "meta values must be JSON values"),
        ({"meta": ["a"]}, "meta must be a mapping"),
        ({"collections": "2020 war"}, "collections must be a list"),
    ],
)
def test_update_refuses_bad_values_with_a_clear_message(workspace, doc_id, fields, message):
    before = workspace.documents.metadata(doc_id)
    with pytest.raises(ValidationError, match=message):
        workspace.documents.update(doc_id, **fields)
    assert workspace.documents.metadata(doc_id) == before


def test_check_fields_normalises():
    assert check_fields({"language": "az-latn-az"}) == {"language": "az-Latn-AZ"}
    assert check_fields({"language": "en_gb"}) == {"language": "en-GB"}
    assert check_fields({"published": dt.date(2023, 9, 19)}) == {"published": dt.date(2023, 9, 19)}
    assert check_fields({"url": " http://a.example "}) == {"url": "http://a.example"}
    assert check_fields({"outlet": " "}) == {"outlet": None}


def test_outlet_by_name_matches_the_list_or_adds_to_it(workspace, doc_id):
    change = workspace.documents.update(doc_id, outlet="South Front")
    (created,) = change.outlets_added
    assert created.name == "South Front"
    other = workspace.add_document("Another text\n\nbody", outlet="south-front")
    assert workspace.documents.get(other).outlet == "South Front"  # the same outlet
    change = workspace.documents.update(other, outlet="SOUTHFRONT")
    assert change.empty and change.outlets_added == ()
    change = workspace.documents.update(doc_id, outlet=None)
    assert change.documents_updated[0][1].outlet_id is None
    with pytest.raises(NotFoundError, match="no outlet with id 999"):
        workspace.documents.update(doc_id, outlet=999)


def test_meta_updates_add_change_and_remove_keys(workspace, doc_id):
    workspace.documents.update(doc_id, meta={"desk": "east", "page": 3})
    workspace.documents.update(doc_id, meta_updates={"page": None, "edition": "evening"})
    assert workspace.documents.metadata(doc_id).meta == {"desk": "east", "edition": "evening"}


def test_update_with_expected_refuses_when_someone_changed_it_first(workspace, doc_id):
    seen = workspace.documents.metadata(doc_id)
    workspace.documents.update(doc_id, author="someone else")
    with pytest.raises(ConflictError, match="changed since you loaded it"):
        workspace.documents.update(doc_id, expected=seen, author="me")
    assert workspace.documents.metadata(doc_id).author == "someone else"
    fresh = workspace.documents.metadata(doc_id)
    workspace.documents.update(doc_id, expected=fresh, author="me")


def test_update_sets_the_collections(workspace, doc_id):
    change = workspace.documents.update(doc_id, collections=["2020 war", "Sept 2023 offensive"])
    assert [c.name for c in change.collections_added] == ["2020 war", "Sept 2023 offensive"]
    after = change.documents_updated[0][1]
    assert after.collections == ("2020 war", "Sept 2023 offensive")
    war = after.collection_ids[0]
    change = workspace.documents.update(doc_id, collections=[war, "2020 WAR"])  # one collection
    assert change.documents_updated[0][1].collections == ("2020 war",)
    assert [(c.name, c.documents) for c in workspace.collections.list()] == [
        ("2020 war", 1),
        ("Sept 2023 offensive", 0),
    ]


def _spans(ws, doc):
    """A few spans with every field set, and one edited (version 2), one retagged."""
    a = ws.annotations.add(doc, 0, 8, "claim", note="check", author="ana").added[0]
    start = SAMPLE_TEXT.index("🕊️")
    ws.annotations.add(doc, start, start + 2, "opinion", attributes={"figures": [12]})
    cafe = SAMPLE_TEXT.index("Cafe")
    b = ws.annotations.add(doc, cafe, cafe + 5, "statement", author="bo").added[0]
    ws.annotations.move(a.id, 0, 9)
    ws.annotations.retag(b.id, "casualty_report")
    return ws.annotations.list(doc)


def test_delete_takes_the_spans_and_restore_brings_everything_back(workspace, doc_id):
    workspace.documents.update(
        doc_id,
        author="A. Reporter",
        published="2020-10-04",
        url="https://wire.example/a",
        meta={"desk": "east"},
        collections=["2020 war"],
    )
    spans = _spans(workspace, doc_id)
    record = workspace.documents.get(doc_id)
    other = workspace.add_document("A second article\n\nkept as it is", outlet="Test Wire")
    assert workspace.documents.count_spans([doc_id, other]) == 3

    change = workspace.documents.delete(doc_id)

    assert change.documents_removed == (doc_id,)
    assert change.description == "delete document 'Shelling reported near Երևան' (3 spans)"
    (snap,) = change.snapshots
    assert snap.document == record and list(snap.spans) == spans
    with pytest.raises(NotFoundError):
        workspace.documents.get(doc_id)
    with workspace.store.sessions() as s:
        assert s.scalars(select(Annotation.document_id)).all() == []
        assert s.scalars(select(DocumentCollection.document_id)).all() == []
        assert s.scalars(select(Document.id)).all() == [other]

    change = workspace.documents.restore(*change.snapshots)

    assert change.documents_added == (doc_id,)
    assert workspace.documents.get(doc_id) == record  # id, text, metadata, import time
    assert workspace.annotations.list(doc_id) == spans  # same ids, versions, times, labels
    assert [d.id for d in workspace.documents.list()] == [doc_id, other]  # import order
    # the restored spans edit as any other (their versions came back)
    workspace.annotations.edit(spans[0].id, note="again", expected_version=spans[0].version)


def test_restore_makes_a_deleted_outlet_and_collection_again(workspace, doc_id):
    workspace.documents.update(doc_id, collections=["2020 war"])
    snap = workspace.documents.delete(doc_id).snapshots
    workspace.outlets.delete("Test Wire")  # unused now
    workspace.collections.delete("2020 war")
    change = workspace.documents.restore(*snap)
    assert [o.name for o in change.outlets_added] == ["Test Wire"]
    assert [c.name for c in change.collections_added] == ["2020 war"]
    record = workspace.documents.get(doc_id)
    assert (record.outlet, record.collections) == ("Test Wire", ("2020 war",))


def test_restore_is_refused_clearly_when_it_cannot_be_exact(workspace, doc_id):
    workspace.labels.add("rumour")
    workspace.annotations.add(doc_id, 0, 8, "rumour")
    snap = workspace.documents.delete(doc_id).snapshots
    twin = workspace.add_document(SAMPLE_TEXT)
    with pytest.raises(ValidationError, match="the same text was imported again meanwhile"):
        workspace.documents.restore(*snap)
    workspace.documents.delete(twin)
    workspace.labels.delete("rumour")
    with pytest.raises(ValidationError, match="label 'rumour', which was deleted meanwhile"):
        workspace.documents.restore(*snap)
    assert workspace.documents.count() == 0  # nothing half-restored
    workspace.labels.add("rumour")
    workspace.documents.restore(*snap)  # by key, once the label is back
    assert [s.label for s in workspace.annotations.list(doc_id)] == ["rumour"]
    with pytest.raises(ValidationError, match="exists already"):
        workspace.documents.restore(*snap)


def test_delete_several_at_once(workspace, doc_id):
    other = workspace.add_document("Second\n\ntext")
    workspace.annotations.add(other, 0, 6, "claim")
    change = workspace.documents.delete(doc_id, other)
    assert change.description == "delete 2 documents (1 span)"
    assert workspace.documents.count() == 0
    workspace.documents.restore(*change.snapshots)
    assert workspace.documents.count() == 2
    with pytest.raises(NotFoundError):
        workspace.documents.delete("no-such-id")


def test_stats_count_per_outlet_name(workspace, doc_id):
    workspace.add_document("Other\n\ntext", outlet="test wire")  # the same outlet
    workspace.add_document("Third\n\ntext")
    stats = workspace.documents.stats()
    assert stats.documents_per_outlet == {"(no outlet)": 1, "Test Wire": 2}
