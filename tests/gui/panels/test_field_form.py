"""Quick entry of a span's fields from the keyboard, with figures proposed from its text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from annotator.gui.panels.field_form import _Estimate

REPORT = (
    "Border report\n\nAt least 12 civilians were killed and 27 wounded when shells hit the "
    "market in Verin Tala, officials said.\n"
)


def test_a_tagged_casualty_report_proposes_figures_and_enter_accepts(window, ws, qtbot):
    doc = ws.add_document(REPORT, title="Border report")
    pane = window.open_beside(doc)
    start = REPORT.index("At least")
    end = REPORT.index(" when")
    span_id = window.editor.tag(doc, start, end, "casualty_report")
    pane.view.set_current(span_id)
    form = window.annotations.fields
    qtbot.waitUntil(form.isVisible)
    killed = form.widgets["killed"]
    assert isinstance(killed, _Estimate)
    assert killed.boxes["low"].placeholderText() == "12"  # greyed: proposed
    assert form.widgets["who"].currentData() is None  # "civilian" proposed, not chosen yet
    assert killed.value() is None  # proposed, not yet accepted
    box = killed.boxes["best"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter accepts the proposals
    values = ws.annotations.get(span_id).attributes
    assert values["killed"] == {"low": 12, "best": 12, "high": None}
    assert values["wounded"]["best"] == 27 and values["who"] == "civilian"
    window.editor.undo_stack.undo()  # one undoable edit
    assert ws.annotations.get(span_id).attributes == {}


def test_fields_typed_and_chosen_are_saved_and_a_bad_estimate_refused(
    window, ws, qtbot, no_blocking_boxes
):
    doc = ws.add_document(REPORT, title="Border report")
    pane = window.open_beside(doc)
    span_id = window.editor.tag(doc, 0, 6, "casualty_report")
    pane.view.set_current(span_id)
    form = window.annotations.fields
    qtbot.waitUntil(form.isVisible)
    who = form.widgets["who"]
    assert isinstance(who, QComboBox)
    who.setFocus()
    qtbot.keyClicks(who, "mil")  # type-ahead
    assert who.currentData() == "military"
    form.commit()
    assert ws.annotations.get(span_id).attributes == {"who": "military"}
    killed = form.widgets["killed"]
    qtbot.keyClicks(killed.boxes["low"], "9")
    qtbot.keyClicks(killed.boxes["high"], "3")
    form.commit()  # low 9 > high 3: refused with a message, nothing saved
    assert "low 9 is more than high 3" in no_blocking_boxes[-1][1]
    assert ws.annotations.get(span_id).attributes == {"who": "military"}
