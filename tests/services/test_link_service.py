"""Links between spans across documents: commands, refusals, and a span deleted with links."""

from __future__ import annotations

import pytest

from annotator.errors import NotFoundError, ValidationError

TEXT_A = "Officials said the dam was shelled overnight. Residents fled east."
TEXT_B = "The ministry denied that the dam was shelled. No one fled, it said."


@pytest.fixture
def spans(workspace):
    a = workspace.add_document(TEXT_A, outlet="Wire A")
    b = workspace.add_document(TEXT_B, outlet="Wire B")
    s1 = workspace.annotations.add(a, 0, 44, "claim").added[0]
    s2 = workspace.annotations.add(b, 0, 45, "statement").added[0]
    s3 = workspace.annotations.add(b, 46, 67, "statement").added[0]
    return a, b, s1, s2, s3


def test_seeded_kinds(workspace):
    kinds = {k.key: k for k in workspace.links.kinds()}
    assert list(kinds) == ["supports", "contradicts", "denies", "repeats", "cites"]
    assert not kinds["repeats"].directed and kinds["cites"].directed


def test_add_list_edit_delete_restore(workspace, spans):
    a, b, s1, s2, _s3 = spans
    workspace.author = "ana"
    seen = []
    workspace.subscribe(seen.append)
    change = workspace.links.add(s2.id, s1.id, "denies", note="ministry vs officials")
    (link,) = change.links_added
    assert seen[-1] is change and change.links_changed
    assert (link.kind, link.author, link.source_document_id, link.target_document_id) == (
        "denies",
        "ana",
        b,
        a,
    )
    assert link.source_quote == TEXT_B[0:45] and link.target_quote == TEXT_A[0:44]
    assert workspace.links.list([a]) == [link] == workspace.links.list([b])
    assert workspace.links.list(["elsewhere"]) == []
    ((before, after),) = workspace.links.edit(link.id, note="n2", kind="contradicts").links_updated
    assert (before.note, after.note, after.kind) == ("ministry vs officials", "n2", "contradicts")
    assert workspace.links.edit(link.id, note="n2").empty
    gone = workspace.links.delete(link.id).links_removed
    assert workspace.links.list() == []
    back = workspace.links.restore(gone[0]).links_added[0]
    assert back == after


def test_links_touching_spans(workspace, spans):
    _a, _b, s1, s2, s3 = spans
    l12 = workspace.links.add(s1.id, s2.id, "supports").links_added[0]
    l32 = workspace.links.add(s3.id, s2.id, "cites").links_added[0]
    assert workspace.links.touching([s1.id]) == [l12]
    assert workspace.links.touching([s3.id, s1.id]) == [l12, l32]  # source or target
    assert workspace.links.touching([s2.id]) == [l12, l32]
    assert workspace.links.touching([]) == [] == workspace.links.touching(["no-such-span"])


def test_refusals(workspace, spans):
    _, _, s1, s2, s3 = spans
    with pytest.raises(ValidationError, match="itself"):
        workspace.links.add(s1.id, s1.id, "supports")
    workspace.links.add(s1.id, s2.id, "repeats")
    with pytest.raises(ValidationError, match="already"):
        workspace.links.add(s1.id, s2.id, "repeats")
    with pytest.raises(ValidationError, match="already"):  # symmetric: either way round
        workspace.links.add(s2.id, s1.id, "repeats")
    workspace.links.add(s1.id, s2.id, "cites")
    workspace.links.add(s2.id, s1.id, "cites")  # directed: the other way is another link
    with pytest.raises(ValidationError, match="unknown link kind"):
        workspace.links.add(s1.id, s3.id, "nope")
    with pytest.raises(NotFoundError):
        workspace.links.add(s1.id, "no-such-span", "supports")
    assert len(workspace.links.list()) == 3


def test_deleting_a_span_carries_its_links_and_undo_restores_them(workspace, spans):
    _a, _b, s1, s2, s3 = spans
    l1 = workspace.links.add(s1.id, s2.id, "contradicts").links_added[0]
    l2 = workspace.links.add(s3.id, s1.id, "denies").links_added[0]
    l3 = workspace.links.add(s2.id, s3.id, "supports").links_added[0]
    change = workspace.annotations.delete(s1.id)
    assert {lk.id for lk in change.links_removed} == {l1.id, l2.id}
    assert [lk.id for lk in workspace.links.list()] == [l3.id]  # the database cascaded
    workspace.annotations.restore(change.removed[0])
    for link in change.links_removed:
        workspace.links.restore(link)
    assert {lk.id for lk in workspace.links.list()} == {l1.id, l2.id, l3.id}
    assert workspace.annotations.delete(s3.id).links_removed != ()


def test_kinds_add_update(workspace):
    kind = workspace.links.add_kind("echoes", name="Echoes", directed=False).link_kinds_added[0]
    assert workspace.links.kinds()[-1] == kind
    with pytest.raises(ValidationError, match="exists"):
        workspace.links.add_kind("echoes")
    ((before, after),) = workspace.links.update_kind("echoes", new_key="mirrors").link_kinds_updated
    assert (before.key, after.key, after.id) == ("echoes", "mirrors", kind.id)


def test_link_index_follows_changes(workspace, spans):
    from annotator.services.link_index import LinkIndex

    a, _b, s1, s2, s3 = spans
    index = LinkIndex(workspace.links.list([a]), workspace.links.kinds())
    assert len(index) == 0
    seen = []
    workspace.subscribe(lambda c: index.apply(c, [a]))
    workspace.subscribe(seen.append)
    l1 = workspace.links.add(s1.id, s2.id, "supports").links_added[0]
    workspace.links.add(s2.id, s3.id, "supports")  # neither end in document a
    assert (
        [lk.id for lk in index.of_span(s1.id)] == [l1.id] == [lk.id for lk in index.of_span(s2.id)]
    )
    assert len(index) == 1 and index.kind(l1).key == "supports"
    workspace.links.edit(l1.id, kind="denies")
    assert index.get(l1.id).kind == "denies"
    workspace.annotations.delete(s2.id)
    assert len(index) == 0 and not index.has_links(s1.id)
