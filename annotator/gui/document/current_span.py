"""The one current span of a pane, shared by its document view and the annotation list.

Both read it and both set it (a click or Tab in the text, a click or arrow key in the list);
each follows its ``changed`` signal, so the outlined span in the text, the selected row, the
note box and the Delete button always agree.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class CurrentSpan(QObject):
    changed = Signal(object)  # span id or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._id: str | None = None

    @property
    def id(self) -> str | None:
        return self._id

    def set(self, span_id: str | None) -> None:
        if span_id != self._id:
            self._id = span_id
            self.changed.emit(span_id)
