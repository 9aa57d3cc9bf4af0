"""The app icon: PNGs rendered from ``resources/icons/annotator.svg`` (and the SVG itself for
any other size, when Qt's SVG icon engine is there)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_dir() -> Path:
    from ...storage.paths import bundled_path

    return bundled_path("resources") / "icons"


def app_icon() -> QIcon:
    try:
        folder = icon_dir()
    except FileNotFoundError:
        return QIcon()
    icon = QIcon()
    for size in SIZES:
        png = folder / f"annotator-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    svg = folder / "annotator.svg"
    if icon.isNull() and svg.is_file():
        icon.addFile(str(svg))
    return icon


def render_pngs(folder: Path | None = None) -> list[Path]:
    """Render the SVG to PNGs of every size in ``SIZES`` (run when the SVG changes)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    folder = folder or icon_dir()
    svg = folder / "annotator.svg"
    try:
        from PySide6.QtSvg import QSvgRenderer
    except ImportError:  # pragma: no cover - QtSvg ships with PySide6-Essentials
        QSvgRenderer = None
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if QSvgRenderer is not None:
            QSvgRenderer(str(svg)).render(painter)
        painter.end()
        path = folder / f"annotator-{size}.png"
        image.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":  # .venv/bin/python -m annotator.gui.shell.icons
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication([])
    for p in render_pngs():
        print(p)
