"""The current span's fields, as a form in the side panel: one row a field of its label's
schema (``annotator.evidence.fields``), filled from the keyboard.

Tab goes from field to field; a choice takes type-ahead; actors and events complete from
their registries; an estimate has low / best / high boxes. Proposed values (casualty figures
read from the span's own text) show greyed in empty fields; Enter accepts them. A choice or a
tick is saved at once; a value being typed is saved as you type (``edited``: the panel saves
``typed_values`` a moment after the last key, editing/typing.py) and when the field is left
or Enter is pressed (``finished``), each field's typing one undoable edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ...errors import AnnotatorError
from ...evidence.fields import ESTIMATE_PARTS, Schema, check_attributes


class Registries:
    """Actors and events by name, for the form's completers (the workspace's services)."""

    def __init__(self, workspace) -> None:
        self.workspace = workspace
        self._names: dict[str, list[str]] = {}  # read once, again when a registry changes
        workspace.subscribe(self._forget)

    def _forget(self, change) -> None:
        if change.registries_changed or change.spans_reloaded:  # (spans_reloaded: external)
            self._names.clear()

    def _service(self, kind: str):
        return getattr(self.workspace, "actors" if kind == "actor" else "events", None)

    def names(self, kind: str) -> list[str]:
        if kind not in self._names:
            service = self._service(kind)
            self._names[kind] = [r.name for r in service.list()] if service is not None else []
        return self._names[kind]

    def name_of(self, kind: str, ref: str | None) -> str | None:
        service = self._service(kind)
        if service is None or not ref:
            return None
        try:
            return service.get(ref).name
        except AnnotatorError:
            return None

    def find(self, kind: str, text: str) -> str | None:
        service = self._service(kind)
        found = service.find(text) if service is not None else None
        return found.id if found is not None else None


class _Estimate(QWidget):
    """Low / best / high, any empty."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QLineEdit] = {}
        for part in ESTIMATE_PARTS:
            box = QLineEdit(self)
            box.setMinimumWidth(34)
            box.setValidator(QIntValidator(0, 10_000_000, box))
            box.setPlaceholderText(part)
            box.setToolTip(f"{part}: a whole number, or empty")
            layout.addWidget(box)
            self.boxes[part] = box

    def complete(self) -> bool:
        """Every box empty or a whole number in range (not a half-typed one)."""
        return all(b.hasAcceptableInput() or not b.text().strip() for b in self.boxes.values())

    def value(self) -> dict[str, int | None] | None:
        parts = {p: (int(b.text()) if b.text().strip() else None) for p, b in self.boxes.items()}
        return parts if any(v is not None for v in parts.values()) else None

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        for part, box in self.boxes.items():
            box.setText("" if value.get(part) is None else str(value[part]))

    def propose(self, value: dict[str, int | None] | None) -> None:
        for part, box in self.boxes.items():
            shown = value.get(part) if value else None
            box.setPlaceholderText(str(shown) if shown is not None else part)
            box.setToolTip(
                f"{part}: {shown}, read from the span's text (Enter accepts)"
                if shown is not None
                else f"{part}: a whole number, or empty"
            )


class FieldForm(QWidget):
    """Edits one span's field values; ``committed(dict)`` carries the new attributes;
    ``edited``: a key changed a typed value; ``finished``: a typed field was left (or Enter)."""

    committed = Signal(object)
    edited = Signal()
    finished = Signal()

    def __init__(self, registries, parent=None) -> None:
        super().__init__(parent)
        self.registries = registries  # name lookups: actors / events (workspace services)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.schema = Schema()
        self.widgets: dict[str, QWidget] = {}
        self.attributes: dict[str, Any] = {}
        self.proposals: dict[str, Any] = {}
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text)")

    # -- building -------------------------------------------------------------------------------
    def show_span(self, schema: Schema, attributes: dict[str, Any], proposals=None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.widgets = {}
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.schema, self.attributes = schema, dict(attributes)
        self.proposals = {k: v for k, v in (proposals or {}).items() if k not in attributes}
        for spec in schema:
            widget = self._widget(spec)
            self.widgets[spec.name] = widget
            self.form.addRow(spec.label, widget)
        if self.proposals:
            self.hint.setText("Greyed values are read from the span's text: Enter accepts them.")
            self.form.addRow(self.hint)
        self.setVisible(bool(schema.fields))

    def _widget(self, spec) -> QWidget:
        value = self.attributes.get(spec.name)
        proposed = self.proposals.get(spec.name)
        if spec.kind == "estimate":
            widget = _Estimate(self)
            widget.set_value(value)
            widget.propose(proposed)
            for box in widget.boxes.values():
                self._typed(box)
            return widget
        if spec.kind == "choice":
            widget = QComboBox(self)
            widget.addItem("—", None)
            for choice in spec.choices:
                widget.addItem(choice, choice)
            if value is None and proposed is not None:  # greyed until accepted
                widget.setPlaceholderText(str(proposed))
                widget.setCurrentIndex(-1)
            else:
                widget.setCurrentIndex(max(0, widget.findData(value)))
            widget.activated.connect(lambda _i: self.commit())
            return widget
        if spec.kind == "yesno":
            widget = QCheckBox(self)
            widget.setChecked(bool(value))
            widget.toggled.connect(lambda _on: self.commit())
            return widget
        widget = QLineEdit(self)
        if spec.kind in ("actor", "event"):
            widget.setText(self._name_of(spec.kind, value))
            names = self.registries.names(spec.kind) if self.registries else []
            completer = QCompleter(names, widget)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            widget.setCompleter(completer)
            widget.setPlaceholderText(spec.hint or f"an {spec.kind}: type to find it")
        else:
            widget.setText("" if value is None else str(value))
            widget.setPlaceholderText(spec.hint or ("YYYY-MM-DD" if spec.kind == "date" else ""))
        self._typed(widget)
        return widget

    def _typed(self, box: QLineEdit) -> None:
        box.textEdited.connect(self.edited)  # the user's keys only, not setText
        box.editingFinished.connect(self._finish)
        box.returnPressed.connect(self.accept_proposals)

    def _name_of(self, kind: str, value: Any) -> str:
        if isinstance(value, dict) and self.registries:
            return self.registries.name_of(kind, value.get(kind)) or ""
        return ""

    # -- reading -------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The attributes as the form shows them (the span's other keys kept)."""
        out = dict(self.attributes)
        for spec in self.schema:
            widget = self.widgets.get(spec.name)
            value: Any = None
            if isinstance(widget, _Estimate):
                value = widget.value()
            elif isinstance(widget, QComboBox):
                value = widget.currentData()
            elif isinstance(widget, QCheckBox):
                value = True if widget.isChecked() else None
            elif isinstance(widget, QLineEdit):
                text = widget.text().strip()
                if spec.kind in ("actor", "event") and text:
                    ref = self.registries.find(spec.kind, text) if self.registries else None
                    value = {spec.kind: ref} if ref else self.attributes.get(spec.name)
                else:  # a bad date is kept as typed: the service explains it
                    value = text or None
            if value is None:
                out.pop(spec.name, None)
            else:
                out[spec.name] = value
        return out

    def typed_values(self) -> dict[str, Any] | None:
        """The attributes as typed so far, or None while a value is half-typed or does not
        fit the schema (a date not complete, low above high): not saved while typing."""
        if not all(w.complete() for w in self.widgets.values() if isinstance(w, _Estimate)):
            return None
        try:
            values = self.values()
            check_attributes(self.schema, values)
        except (AnnotatorError, ValueError):
            return None
        return values

    def _finish(self) -> None:
        """A typed field was left: what was typed is saved (or, not valid, explained)."""
        self.finished.emit()
        self.commit()

    def commit(self) -> None:
        values = self.values()
        if values != self.attributes:
            self.attributes = values
            self.committed.emit(values)

    def keyPressEvent(self, event) -> None:
        # Enter in any field (a line edit passes it on when its text is not complete, e.g.
        # an empty estimate box) accepts the proposals and saves
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept_proposals()
            return
        super().keyPressEvent(event)

    def accept_proposals(self) -> None:
        """Enter: the proposed values go into their empty fields, then the form is saved
        (what was typed before, first: its own undoable edit)."""
        self.finished.emit()
        for name, proposed in self.proposals.items():
            widget = self.widgets.get(name)
            if isinstance(widget, _Estimate) and widget.value() is None:
                widget.set_value(proposed)
            elif isinstance(widget, QComboBox) and widget.currentData() is None:
                widget.setCurrentIndex(max(0, widget.findData(proposed)))
        self.proposals = {}
        self.hint.hide()
        self.commit()
