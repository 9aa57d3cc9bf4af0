"""Deleting a document takes the links of its spans with it (to spans of other documents
too); undo of the deletion puts back each link whose other end is there, and names the
others. On SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from annotator.storage.models import SpanLink

DAM = "Officials said the dam was shelled overnight. Residents fled east."
DENIAL = "The ministry denied that the dam was shelled. No one fled, it said."
REPEAT = "A wire repeated it: the dam was shelled overnight, officials said."


def _links(workspace):
    with workspace.store.sessions() as session:
        return sorted(session.scalars(select(SpanLink.id)))


def _three(workspace):
    """Three documents of three outlets, a span in each: (document ids, spans)."""
    a = workspace.add_document(DAM, title="Dam shelled", outlet="Wire A")
    b = workspace.add_document(DENIAL, outlet="Wire B")
    c = workspace.add_document(REPEAT, outlet="Wire C")
    claim = workspace.annotations.add(a, 0, 44, "claim").added[0]
    denial = workspace.annotations.add(b, 0, 45, "statement").added[0]
    repeat = workspace.annotations.add(c, 0, 49, "claim").added[0]
    return (a, b, c), (claim, denial, repeat)


def test_undo_of_a_deletion_restores_the_links_to_other_documents(workspace):
    (a, b, _c), (claim, denial, repeat) = _three(workspace)
    fled = workspace.annotations.add(a, 46, 66, "claim").added[0]
    denies = workspace.links.add(denial.id, claim.id, "denies", note="ministry").links_added[0]
    repeats = workspace.links.add(repeat.id, claim.id, "repeats").links_added[0]
    inside = workspace.links.add(fled.id, claim.id, "supports").links_added[0]
    far = workspace.links.add(denial.id, repeat.id, "contradicts").links_added[0]

    change = workspace.documents.delete(a)

    assert change.description == "delete document 'Dam shelled' (2 spans, 3 links)"
    assert {link.id for link in change.links_removed} == {denies.id, repeats.id, inside.id}
    (snap,) = change.snapshots
    assert set(snap.links) == {denies, repeats, inside}
    assert _links(workspace) == [far.id]  # the database took them with the spans

    undo = workspace.documents.restore(*change.snapshots)

    assert sorted(_links(workspace)) == sorted([denies.id, repeats.id, inside.id, far.id])
    assert set(undo.links_added) == {denies, repeats, inside}  # same ids, kinds, notes, times
    assert undo.description.endswith("(2 spans, 3 links)")
    assert {link.id for link in workspace.links.list([b])} == {denies.id, far.id}


def test_a_link_whose_other_end_went_meanwhile_stays_out_and_is_named(workspace):
    (a, _b, c), (claim, denial, repeat) = _three(workspace)
    denies = workspace.links.add(denial.id, claim.id, "denies").links_added[0]
    workspace.links.add(repeat.id, claim.id, "repeats")
    snapshots = workspace.documents.delete(a).snapshots
    workspace.documents.delete(c)  # the repeat's document goes too, its link with it

    undo = workspace.documents.restore(*snapshots)

    assert undo.links_added == (denies,)
    assert _links(workspace) == [denies.id]
    assert undo.description == (
        "restore document 'Dam shelled' (1 span, 1 link); 1 link not "
        "back, the span at the other end is gone: 'repeats' “A wire repeated it: the dam w…” "
        "-> “Officials said the dam was sh…”"
    )


def test_links_between_documents_deleted_together_come_back_once(workspace):
    a = workspace.add_document(DAM, title="Dam shelled", outlet="Wire A")
    b = workspace.add_document(DENIAL, outlet="Wire B")
    claim = workspace.annotations.add(a, 0, 44, "claim").added[0]
    denial = workspace.annotations.add(b, 0, 45, "statement").added[0]
    denies = workspace.links.add(denial.id, claim.id, "denies").links_added[0]
    change = workspace.documents.delete(a, b)
    assert change.links_removed == (denies,)  # in both snapshots, named once
    assert all(snap.links == (denies,) for snap in change.snapshots)
    undo = workspace.documents.restore(*change.snapshots)
    assert undo.links_added == (denies,) and _links(workspace) == [denies.id]
    # one restored on its own first: its link waits for the other end, then comes with it
    change = workspace.documents.delete(a, b)
    first, second = change.snapshots
    assert workspace.documents.restore(first).links_added == ()
    assert workspace.documents.restore(second).links_added == (denies,)
