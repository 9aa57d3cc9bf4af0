"""Label commands return the Change they published, with records before and after."""

from __future__ import annotations

import pytest

from annotator.errors import NotFoundError, ValidationError


def test_every_label_command_returns_and_publishes_a_complete_change(workspace):
    seen = []
    workspace.subscribe(seen.append)
    added = workspace.labels.add("rumour", name="Rumour", shortcut="7")
    (record,) = added.labels_added
    assert record.key == "rumour" and added.labels_changed and seen[-1] is added
    edited = workspace.labels.update(record.id, new_key="hearsay", color="#123456")
    ((before, after),) = edited.labels_updated
    assert (before.key, after.key, after.color) == ("rumour", "hearsay", "#123456")
    assert edited.label_keys_changed and seen[-1] is edited
    assert workspace.labels.update("hearsay").empty  # nothing changed: nothing published
    order = [lb.id for lb in workspace.labels.list()]
    moved = workspace.labels.reorder([order[-1], *order[:-1]])
    assert {b.id for b, _ in moved.labels_updated} == set(order)
    assert not moved.label_keys_changed
    deleted = workspace.labels.delete(record.id)
    assert deleted.labels_removed[0].id == record.id and seen[-1] is deleted
    restored = workspace.labels.restore(deleted.labels_removed[0])
    assert restored.labels_added[0] == deleted.labels_removed[0]
    assert workspace.labels.list()[0].id == record.id  # its place again
    assert len(seen) == 5


def test_labels_by_id_and_by_key(workspace):
    claim = workspace.labels.get("claim")
    assert workspace.labels.get(claim.id) == claim
    with pytest.raises(NotFoundError):
        workspace.labels.get(99_999)
    with pytest.raises(ValidationError, match="unknown label"):
        workspace.labels.get("nope")


def test_retag_by_label_id_survives_a_key_rename(workspace, doc_id):
    span = workspace.annotations.add(doc_id, 0, 8, "claim").added[0]
    assert span.label_id == workspace.labels.get("claim").id
    opinion = workspace.labels.get("opinion")
    workspace.labels.update("opinion", new_key="view")
    change = workspace.annotations.retag(span.id, opinion.id)
    assert change.updated[0][1].label == "view"
    assert change.description == "retag as 'Opinion'"


def test_import_that_merges_spans_names_the_documents(workspace, doc_id, tmp_path):
    import orjson

    from tests.conftest import SAMPLE_TEXT

    seen = []
    workspace.subscribe(seen.append)
    line = {"text": SAMPLE_TEXT, "label": [[0, 8, "claim"], [9, 17, "new_label"]]}
    path = tmp_path / "colleague.jsonl"
    path.write_bytes(orjson.dumps(line) + b"\n")
    report = workspace.import_paths([path])
    (change,) = seen
    assert change is report.change
    assert change.spans_reloaded == (doc_id,) and change.document_ids == {doc_id}
    assert [lb.key for lb in change.labels_added] == ["new_label"]
    assert change.documents_added == ()
