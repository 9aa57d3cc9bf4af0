"""A chart in a widget: a matplotlib figure on a Qt canvas, themed, saved as PNG or SVG.

matplotlib (and its Qt backend) is imported when the first chart is shown, not at start-up.
The figure comes from a ``build(style)`` callable so that a theme change redraws it in the new
colours.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QVBoxLayout, QWidget

from ...charts.save import save_figure
from ...charts.style import DARK, LIGHT, ChartStyle
from ...errors import AnnotatorError
from ..dialogs.errors import show_error


def style_for(widget: QWidget) -> ChartStyle:
    """The chart style matching the widget's palette (dark when its window colour is dark)."""
    return DARK if widget.palette().color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


class ChartCanvas(QWidget):
    """Shows one chart; right-click (or ``save_as``) writes it to a PNG or SVG file."""

    saved = Signal(str)  # the path written

    def __init__(self, parent: QWidget | None = None, *, name: str = "chart") -> None:
        super().__init__(parent)
        self.name = name  # the suggested file name
        self._build: Callable[[ChartStyle], object] | None = None
        self.figure = None
        self._canvas = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._empty = QLabel("Nothing to chart yet.", self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setEnabled(False)
        self._layout.addWidget(self._empty)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.last_dir = str(Path.home())

    def set_chart(self, build: Callable[[ChartStyle], object] | None, empty: str = "") -> None:
        """``build(style)`` returns a matplotlib Figure; None shows ``empty`` instead."""
        self._build = build
        if empty:
            self._empty.setText(empty)
        self.redraw()

    def redraw(self) -> None:
        if self._build is None:
            self.figure = None
            if self._canvas is not None:
                self._canvas.hide()
            self._empty.show()
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self.figure = self._build(style_for(self))
        if self._canvas is not None:
            self._layout.removeWidget(self._canvas)
            self._canvas.deleteLater()
        self._canvas = FigureCanvasQTAgg(self.figure)
        self._canvas.setParent(self)
        self._canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._layout.addWidget(self._canvas)
        self._empty.hide()
        self._canvas.draw_idle()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and self._build is not None:
            self.redraw()

    def save_to(self, path: str) -> bool:
        """Write the chart (the format from the suffix); a failure shows a message."""
        if self.figure is None:
            return False
        try:
            save_figure(self.figure, path)
        except AnnotatorError as exc:
            show_error(self, "Cannot save the chart", str(exc))
            return False
        self.last_dir = str(Path(path).parent)
        self.saved.emit(path)
        return True

    def save_as(self, suffix: str = ".png") -> None:
        kinds = {".png": "PNG image (*.png)", ".svg": "SVG drawing (*.svg)"}
        start = str(Path(self.last_dir) / f"{self.name}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, "Save chart", start, kinds[suffix])
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.save_to(path)

    def _menu(self, pos) -> None:
        if self.figure is None:
            return
        menu = QMenu(self)
        menu.addAction("Save chart as PNG…", lambda: self.save_as(".png"))
        menu.addAction("Save chart as SVG…", lambda: self.save_as(".svg"))
        menu.exec(self.mapToGlobal(pos))
