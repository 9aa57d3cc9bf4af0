"""The one colour swatch of a label: a rounded square in its colour, with a darker edge (the
label bar, the library's column headers, the export dialog's label list)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap


def swatch(color: str, size: int = 14, ratio: float = 1.0) -> QIcon:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(color).darker(130))
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)
