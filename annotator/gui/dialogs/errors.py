"""Errors for people: a clear message box, never a traceback in their face."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

_open_boxes: list[QMessageBox] = []  # keep non-modal boxes alive until closed


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> QMessageBox:
    """A window-modal box that does not block the caller (tests and worker signals). The same
    message while its box is still open raises that box instead of stacking another (edits
    typed into a locked or read-only database fail the same way each time)."""
    log.warning("%s: %s", title, message)
    for box in _open_boxes:
        if box.isVisible() and (box.text(), box.informativeText()) == (title, message):
            box.raise_()
            return box
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Annotator")
    box.setText(title)
    box.setInformativeText(message)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    _open_boxes.append(box)
    box.finished.connect(lambda _r, b=box: _forget(b))
    box.open()
    return box


def _forget(box: QMessageBox) -> None:
    if box in _open_boxes:
        _open_boxes.remove(box)
    box.deleteLater()


def install_excepthook(parent_getter) -> None:
    """Uncaught exceptions in slots: a message box (details folded away), not a crash."""
    from ...errors import AnnotatorError

    def hook(kind, value, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        if isinstance(value, AnnotatorError):
            show_error(parent_getter(), "Annotator could not do that", str(value))
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(details)
        show_error(
            parent_getter(),
            "Something went wrong",
            f"{kind.__name__}: {value}\n\nYour saved work is safe; the last edit may not "
            "have been saved.",
            details,
        )

    sys.excepthook = hook


def confirm(parent: QWidget | None, title: str, text: str, informative: str, ok: str) -> bool:
    """Ask before a destructive command: True when the user chose ``ok`` (Cancel is the
    default button, so Enter does not destroy anything)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(informative)
    button = box.addButton(ok, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is button
