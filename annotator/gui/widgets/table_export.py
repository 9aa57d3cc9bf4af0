"""Saving a shown table as CSV: the file dialog and the message when it fails."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from ...charts.save import save_csv
from ...errors import AnnotatorError
from ..dialogs.errors import show_error


def save_rows(
    parent: QWidget, rows: Iterable[Mapping[str, Any]], columns: Sequence[str], path: str
) -> bool:
    """Write the rows; a failure shows a message naming the file and returns False."""
    try:
        save_csv(rows, columns, path)
    except AnnotatorError as exc:
        show_error(parent, "Cannot save the table", str(exc))
        return False
    return True


def ask_csv_path(parent: QWidget, start: str) -> str | None:
    """The file the user picks (``.csv`` added when left out), or None."""
    path, _ = QFileDialog.getSaveFileName(parent, "Save table", start, "CSV table (*.csv)")
    if not path:
        return None
    return path if path.lower().endswith(".csv") else path + ".csv"
