"""Light and dark themes: Fusion with a palette, following the system's colour scheme."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory

SYSTEM, LIGHT, DARK = "system", "light", "dark"

_LIGHT = {
    "Window": "#f3f3f5",
    "WindowText": "#1d1d21",
    "Base": "#ffffff",
    "AlternateBase": "#f5f6f8",
    "ToolTipBase": "#ffffff",
    "ToolTipText": "#1d1d21",
    "PlaceholderText": "#8a8a93",
    "Text": "#1d1d21",
    "Button": "#f0f0f3",
    "ButtonText": "#1d1d21",
    "BrightText": "#d70022",
    "Light": "#ffffff",
    "Midlight": "#e4e4e8",
    "Mid": "#c4c4cc",
    "Dark": "#9c9ca6",
    "Shadow": "#5a5a63",
    "Highlight": "#2f6fdb",
    "HighlightedText": "#ffffff",
    "Link": "#1f5fcf",
    "LinkVisited": "#7a3fbf",
}
_DARK = {
    "Window": "#25262b",
    "WindowText": "#e6e6ea",
    "Base": "#1b1c20",
    "AlternateBase": "#222328",
    "ToolTipBase": "#2e2f35",
    "ToolTipText": "#e6e6ea",
    "PlaceholderText": "#7d7e88",
    "Text": "#e6e6ea",
    "Button": "#2e2f35",
    "ButtonText": "#e6e6ea",
    "BrightText": "#ff6b6b",
    "Light": "#3a3b42",
    "Midlight": "#33343a",
    "Mid": "#45464e",
    "Dark": "#141518",
    "Shadow": "#000000",
    "Highlight": "#3d7be0",
    "HighlightedText": "#ffffff",
    "Link": "#7fb0ff",
    "LinkVisited": "#c39bff",
}


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    # unknown: guess from the platform palette's window colour
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def is_dark(choice: str) -> bool:
    return choice == DARK or (choice == SYSTEM and system_is_dark())


def make_palette(dark: bool) -> QPalette:
    palette = QPalette()
    for role_name, value in (_DARK if dark else _LIGHT).items():
        role = getattr(QPalette.ColorRole, role_name)
        palette.setColor(QPalette.ColorGroup.All, role, QColor(value))
    disabled = QColor("#6d6e76" if dark else "#9a9aa3")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


class VisibleIndicators(QProxyStyle):
    """Fusion, with check box and radio button outlines that show on a dark palette: Fusion
    draws them in the window colour darkened, which is almost black on a dark theme, so an
    unchecked box was nearly invisible."""

    _KINDS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in self._KINDS or option.palette.window().color().lightness() >= 128:
            return
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(OUTLINE_DARK if enabled else OUTLINE_DARK_DISABLED), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = QRectF(option.rect).adjusted(1.0, 1.0, -1.0, -1.0)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 2.0, 2.0)
        painter.restore()


OUTLINE_DARK = "#9a9ba6"  # about 5:1 against the dark Base colour
OUTLINE_DARK_DISABLED = "#5a5b63"


def apply_theme(app, choice: str) -> bool:
    """Fusion style (with visible indicators) and the palette for ``choice``; returns True
    when dark."""
    if not isinstance(app.style(), VisibleIndicators):
        app.setStyle(VisibleIndicators(QStyleFactory.create("Fusion")))
    dark = is_dark(choice)
    app.setPalette(make_palette(dark))
    return dark
