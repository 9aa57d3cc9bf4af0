"""The actor and event registries: names and aliases matched by normalised form, references
from span attributes, merge re-pointing them (single and list values) and its undo, delete
refused while referenced. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from annotator.errors import ConflictError, NotFoundError, ValidationError
from annotator.services.references import references

MOD = "Ministry of Defense of Azerbaijan"


def _doc(ws):
    return ws.add_document("Shelling reported\n\nThe ministry said the army fired first.")


def test_add_and_find_by_name_alias_and_normalised_form(workspace):
    change = workspace.actors.add(
        MOD, kind="State Body", side="Azerbaijan", aliases=["Azerbaijani MoD", "MoD AZ"]
    )
    actor = change.actors_added[0]
    assert (actor.kind, actor.side, actor.aliases) == (
        "state body",
        "Azerbaijan",
        ("Azerbaijani MoD", "MoD AZ"),
    )
    assert len(actor.id) == 36 and actor.id[14] == "7"  # a UUIDv7
    for spelling in (
        "Azerbaijani MoD",
        "azerbaijani-mod",
        "  AZERBAIJANI  M.o.D ",
        "ministry of defense of azerbaijan",
        actor.id,
    ):
        assert workspace.actors.find(spelling) == actor, spelling
    assert workspace.actors.find("Armenian MoD") is None
    with pytest.raises(ValidationError, match="names actor 'Ministry of Defense of Azerbaijan'"):
        workspace.actors.add("AzerbaijaniMoD", kind="state body")
    with pytest.raises(ValidationError, match="unknown actor kind"):
        workspace.actors.add("Somebody", kind="ghost")
    assert [a.name for a in workspace.actors.list()] == [MOD]


def test_update_renames_sets_aliases_and_notifies(workspace):
    seen = []
    workspace.subscribe(seen.append)
    actor = workspace.actors.add("Arayik Harutyunyan", kind="official").actors_added[0]
    change = workspace.actors.update(actor.id, aliases=["Harutyunyan"], side="Artsakh")
    before, after = change.actors_updated[0]
    assert before == actor and after.aliases == ("Harutyunyan",) and after.side == "Artsakh"
    assert workspace.actors.find("harutyunyan").id == actor.id
    assert seen[-1] is change and change.registries_changed


def _refs(workspace):
    keep = workspace.actors.add(MOD, kind="state body", aliases=["MoD of Azerbaijan"]).actors_added[
        0
    ]
    gone = workspace.actors.add(
        "Azerbaijani MoD", kind="state body", aliases=["AZ MoD"], side="AZ"
    ).actors_added[0]
    other = workspace.actors.add("Armenian MoD", kind="state body").actors_added[0]
    doc = _doc(workspace)
    single = workspace.annotations.add(
        doc, 0, 8, "claim", attributes={"source": {"actor": gone.id}}
    ).added[0]
    many = workspace.annotations.add(
        doc, 19, 31, "claim",
        attributes={"sources": [{"actor": other.id}, {"actor": gone.id}], "n": 2},
    ).added[0]  # fmt: skip
    untouched = workspace.annotations.add(
        doc, 9, 17, "claim", attributes={"source": {"actor": other.id}}
    ).added[0]
    return keep, gone, other, single, many, untouched


def test_merge_repoints_single_and_list_references_and_unmerge_restores(workspace):
    keep, gone, other, single, many, untouched = _refs(workspace)
    gone = workspace.actors.get(gone.id)
    assert gone.references == 2
    with workspace.store.sessions() as session:
        assert references(session, gone.id) == 2 and references(session, other.id) == 2

    change = workspace.actors.merge(keep.id, "AZ MoD")

    assert change.actors_removed[0].id == gone.id
    kept = workspace.actors.get(keep.id)
    assert set(kept.aliases) == {"MoD of Azerbaijan", "Azerbaijani MoD", "AZ MoD"}
    assert kept.side == "AZ" and kept.references == 2
    assert workspace.actors.find("AZ MoD").id == keep.id
    with pytest.raises(NotFoundError):
        workspace.actors.get(gone.id)
    assert workspace.annotations.get(single.id).attributes == {"source": {"actor": keep.id}}
    assert workspace.annotations.get(many.id).attributes == {
        "sources": [{"actor": other.id}, {"actor": keep.id}], "n": 2,
    }  # fmt: skip
    assert workspace.annotations.get(untouched.id) == untouched  # not rewritten
    assert dict(change.references_repointed) == {
        single.id: single.attributes,
        many.id: many.attributes,
    }
    assert {after.id for _, after in change.updated} == {single.id, many.id}

    undo = workspace.actors.unmerge(
        change.actors_removed[0], change.actors_updated[0][0], change.references_repointed
    )

    assert undo.actors_added[0] == gone
    assert workspace.actors.get(gone.id) == gone
    assert workspace.actors.get(keep.id) == keep
    assert workspace.annotations.get(single.id).attributes == single.attributes
    assert workspace.annotations.get(many.id).attributes == many.attributes
    assert workspace.actors.find("AZ MoD").id == gone.id


def test_unmerge_refuses_a_span_changed_since_and_changes_nothing(workspace):
    keep, gone, _other, single, _many, _ = _refs(workspace)
    change = workspace.actors.merge(keep.id, gone.id)
    now = workspace.annotations.get(single.id)
    workspace.annotations.edit(
        single.id, attributes={"source": "someone else"}, expected_version=now.version
    )
    with pytest.raises(ConflictError, match="changed since the merge"):
        workspace.actors.unmerge(
            change.actors_removed[0], change.actors_updated[0][0], change.references_repointed
        )
    assert workspace.actors.find(gone.id) is None  # the whole unmerge rolled back
    assert set(workspace.actors.get(keep.id).aliases) >= {"AZ MoD"}


def test_delete_refused_while_referenced_then_allowed_and_restored(workspace):
    keep, _gone, other, _single, _many, _untouched = _refs(workspace)
    with pytest.raises(ValidationError, match="named by 2 span"):
        workspace.actors.delete(other.id)
    gone_change = workspace.actors.delete(keep.id)  # no span names it
    assert workspace.actors.find(MOD) is None
    workspace.actors.restore(gone_change.actors_removed[0])
    assert workspace.actors.get(keep.id) == keep
    with pytest.raises(ValidationError):
        workspace.actors.merge(keep.id, MOD)  # the same actor


def test_events_add_find_merge_unmerge_delete(workspace):
    keep = workspace.events.add("Shelling of Ganja", date="2020-10-11", place="Ganja").events_added[
        0
    ]
    gone = workspace.events.add("Ganja shelling", note="second strike").events_added[0]
    assert keep.date == dt.date(2020, 10, 11)
    assert workspace.events.find("ganja-shelling") == gone
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        workspace.events.add("Bad", date="2020-02-30")
    doc = _doc(workspace)
    span = workspace.annotations.add(
        doc, 0, 8, "claim", attributes={"events": [{"event": gone.id}]}
    ).added[0]
    with pytest.raises(ValidationError, match="named by 1 span"):
        workspace.events.delete(gone.id)

    gone = workspace.events.get(gone.id)
    change = workspace.events.merge("Shelling of Ganja", "Ganja shelling")

    assert workspace.annotations.get(span.id).attributes == {"events": [{"event": keep.id}]}
    merged = workspace.events.get(keep.id)
    assert (merged.note, merged.place, merged.references) == ("second strike", "Ganja", 1)
    workspace.events.unmerge(
        change.events_removed[0], change.events_updated[0][0], change.references_repointed
    )
    assert workspace.events.get(keep.id) == keep and workspace.events.get(gone.id) == gone
    assert workspace.annotations.get(span.id).attributes == span.attributes
    workspace.events.update(gone.id, name="Second Ganja strike", date=None, place="Ganja")
    assert workspace.events.get("second ganja strike").place == "Ganja"
    workspace.events.delete(keep.id)
    assert [e.name for e in workspace.events.list()] == ["Second Ganja strike"]


def test_delete_with_references_takes_them_out_and_restore_puts_each_back(workspace):
    _keep, gone, other, single, many, untouched = _refs(workspace)
    other = workspace.actors.get(other.id)

    change = workspace.actors.delete(other.id, unreference=True)

    assert change.actors_removed[0] == other and other.references == 2
    assert workspace.annotations.get(many.id).attributes == {
        "sources": [{"actor": gone.id}], "n": 2,
    }  # fmt: skip
    assert workspace.annotations.get(untouched.id).attributes == {}  # the field went
    assert workspace.annotations.get(single.id) == single  # named someone else: not touched
    assert dict(change.references_repointed) == {
        many.id: many.attributes,
        untouched.id: untouched.attributes,
    }
    versions = {after.id: after.version for _, after in change.updated}
    assert versions == {many.id: many.version + 1, untouched.id: untouched.version + 1}

    undo = workspace.actors.restore(change.actors_removed[0], change.references_repointed)

    assert workspace.actors.get(other.id) == other and undo.actors_added[0] == other
    assert workspace.annotations.get(many.id).attributes == many.attributes
    assert workspace.annotations.get(untouched.id).attributes == untouched.attributes
    # the spans' versions moved on again, and the change says so (views and undo follow)
    assert {a.id: a.version for _, a in undo.updated} == {
        many.id: many.version + 2,
        untouched.id: untouched.version + 2,
    }
    assert workspace.annotations.get(many.id).version == many.version + 2


def test_restore_refuses_a_span_changed_since_the_deletion_and_changes_nothing(workspace):
    _keep, _gone, other, _single, many, _untouched = _refs(workspace)
    change = workspace.actors.delete(other.id, unreference=True)
    now = workspace.annotations.get(many.id)
    workspace.annotations.edit(many.id, attributes={"n": 3}, expected_version=now.version)
    with pytest.raises(ConflictError, match="changed since the deletion"):
        workspace.actors.restore(change.actors_removed[0], change.references_repointed)
    assert workspace.actors.find(other.id) is None  # rolled back: the actor stays deleted
    assert workspace.annotations.get(many.id).attributes == {"n": 3}


def test_update_with_expected_refuses_a_record_changed_since(workspace):
    actor = workspace.actors.add("Arayik Harutyunyan", kind="official").actors_added[0]
    event = workspace.events.add("Ganja shelling").events_added[0]
    workspace.actors.update(actor.id, side="Artsakh")
    workspace.events.update(event.id, place="Ganja")
    with pytest.raises(ConflictError, match="actor 'Arayik Harutyunyan' was changed since"):
        workspace.actors.update(actor.id, name="A. Harutyunyan", expected=actor)
    with pytest.raises(ConflictError, match="event 'Ganja shelling' was changed since"):
        workspace.events.update(event.id, note="x", expected=event)
    assert workspace.actors.get(actor.id).name == "Arayik Harutyunyan"
    now = workspace.events.get(event.id)
    assert workspace.events.update(event.id, note="x", expected=now).events_updated


def test_event_delete_with_references_and_restore(workspace):
    event = workspace.events.add("Shelling of Ganja", date="2020-10-11").events_added[0]
    doc = _doc(workspace)
    span = workspace.annotations.add(
        doc, 0, 8, "claim",
        attributes={"event": {"event": event.id}, "events": [{"event": event.id}], "n": 1},
    ).added[0]  # fmt: skip
    change = workspace.events.delete(event.id, unreference=True)
    assert workspace.annotations.get(span.id).attributes == {"events": [], "n": 1}
    workspace.events.restore(change.events_removed[0], change.references_repointed)
    assert workspace.annotations.get(span.id).attributes == span.attributes
    assert workspace.events.get(event.id).references == 1
