"""The actors and events dialog: add, edit in place, merge (undoable through the Editor),
delete refused while spans name the record; opened from Annotate > Actors and events…."""

from __future__ import annotations

from annotator.gui.dialogs.registry_manager import RegistryManagerDialog

MOD = "Ministry of Defense of Azerbaijan"


def _names(tab):
    return [tab.model.data(tab.model.index(r, 0)) for r in range(tab.model.rowCount())]


def test_actors_tab_add_edit_merge_undo_redo_delete(window, ws, doc_id, qtbot, no_blocking_boxes):
    keep = ws.actors.add(MOD, kind="state body", side="Azerbaijan").actors_added[0]
    gone = ws.actors.add("Azerbaijani MoD", kind="state body", aliases=["AZ MoD"]).actors_added[0]
    ws.actors.add("Armenian MoD", kind="state body")
    span = ws.annotations.add(doc_id, 0, 5, "claim", attributes={"by": [{"actor": gone.id}]})
    span = span.added[0]
    dialog = RegistryManagerDialog(window.editor, window.bridge, window)
    qtbot.addWidget(dialog)
    dialog.show()
    tab = dialog.actors
    assert _names(tab) == ["Armenian MoD", "Azerbaijani MoD", MOD]

    tab.add("Haqqin.az", kind="outlet")
    assert ws.actors.get("haqqin az").kind == "outlet" and "Haqqin.az" in _names(tab)
    row = tab.model.row_of(keep.id)
    assert tab.model.setData(tab.model.index(row, 3), "Republic of Azerbaijan")  # side
    assert ws.actors.get(keep.id).side == "Republic of Azerbaijan"
    assert not tab.model.setData(tab.model.index(row, 1), "Armenian MoD")  # taken: refused
    assert "Armenian MoD" in no_blocking_boxes[-1][1]

    tab.select([keep.id, gone.id])
    assert tab.merge_button.isEnabled()
    assert tab.merge_selected(keep.id, ask=False)
    assert ws.actors.find("AZ MoD").id == keep.id
    assert ws.annotations.get(span.id).attributes == {"by": [{"actor": keep.id}]}
    assert "Azerbaijani MoD" not in _names(tab)
    row = tab.model.row_of(keep.id)
    assert tab.model.data(tab.model.index(row, 1)) == "AZ MoD, Azerbaijani MoD"
    assert tab.model.data(tab.model.index(row, 4)) == "1"
    dialog.resize(880, 420)
    qtbot.wait(50)
    dialog.grab().save("/tmp/actors-after-merge.png")

    window.editor.undo_stack.undo()
    assert ws.actors.get(gone.id).aliases == ("AZ MoD",)
    assert ws.annotations.get(span.id).attributes == span.attributes
    assert "Azerbaijani MoD" in _names(tab)  # the table followed the change notice
    window.editor.undo_stack.redo()
    assert ws.actors.find(gone.id) is None
    assert ws.annotations.get(span.id).attributes == {"by": [{"actor": keep.id}]}
    window.editor.undo_stack.undo()

    tab.select([gone.id])
    assert not tab.delete_button.isEnabled()  # a span names it
    tab.delete_selected()
    assert ws.actors.find(gone.id) is not None and "named by 1 span" in no_blocking_boxes[-1][1]
    tab.select([ws.actors.get("Haqqin.az").id])
    tab.delete_selected()
    assert ws.actors.find("Haqqin.az") is None
    dialog.close()


def test_events_tab_and_the_menu_action(window, ws, doc_id, qtbot, monkeypatch):
    keep = ws.events.add("Shelling of Ganja", date="2020-10-11").events_added[0]
    gone = ws.events.add("Ganja shelling", place="Ganja").events_added[0]
    span = ws.annotations.add(doc_id, 0, 5, "claim", attributes={"event": {"event": gone.id}})
    span = span.added[0]
    opened = []
    monkeypatch.setattr(RegistryManagerDialog, "exec", lambda self: opened.append(self))
    action = next(
        a for m in window.menuBar().actions() if m.text() == "&Annotate"
        for a in m.menu().actions() if a.text() == "Actors and &events…"
    )  # fmt: skip
    action.trigger()
    (dialog,) = opened
    qtbot.addWidget(dialog)
    tab = dialog.events
    assert _names(tab) == ["Shelling of Ganja", "Ganja shelling"]  # by date, undated last
    assert tab.model.setData(tab.model.index(0, 2), "Ganja city")
    assert ws.events.get(keep.id).place == "Ganja city"
    tab.select([keep.id, gone.id])
    assert tab.merge_selected(keep.id, ask=False)
    assert ws.annotations.get(span.id).attributes == {"event": {"event": keep.id}}
    assert _names(tab) == ["Shelling of Ganja"]
    window.editor.undo_stack.undo()
    assert ws.annotations.get(span.id).attributes == span.attributes
    assert _names(tab) == ["Shelling of Ganja", "Ganja shelling"]
    dialog.close()
