"""Regenerate the app icon files from resources/icons/annotator.svg (run when the SVG changes):

    .venv/bin/pip install -e .[build]        # Pillow: a build-only dependency
    .venv/bin/python packaging/make_icons.py

- annotator-<size>.png for 16...512 px, rendered by Qt's SVG renderer (annotator.gui.shell.icons);
- annotator.ico (Windows: 16, 24, 32, 48, 64, 128, 256 px) and annotator.icns (macOS: 16...1024
  px), assembled by Pillow from the Qt renderings, so every size is drawn, not scaled.

The generated files are committed; building the installers does not run this.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(svg: Path, size: int, dest: Path) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(dest)):
        raise SystemExit(f"make_icons: cannot write {dest}")
    return dest


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    try:
        from PIL import Image
    except ImportError:
        raise SystemExit("make_icons: needs Pillow: pip install -e .[build]") from None
    from PySide6.QtGui import QGuiApplication

    from annotator.gui.shell.icons import render_pngs

    _app = QGuiApplication([])
    for path in render_pngs(ICONS):
        print(path.relative_to(ROOT))
    svg = ICONS / "annotator.svg"
    with tempfile.TemporaryDirectory() as tmp:
        images = {
            size: Image.open(render(svg, size, Path(tmp) / f"{size}.png")).convert("RGBA")
            for size in sorted(set(ICO_SIZES) | set(ICNS_SIZES))
        }
        ico = [images[s] for s in ICO_SIZES]
        ico[-1].save(
            ICONS / "annotator.ico",
            format="ICO",
            sizes=[(s, s) for s in ICO_SIZES],
            append_images=ico[:-1],
        )
        icns = [images[s] for s in ICNS_SIZES]
        icns[-1].save(ICONS / "annotator.icns", format="ICNS", append_images=icns[:-1])
    for name in ("annotator.ico", "annotator.icns"):
        print((ICONS / name).relative_to(ROOT))


if __name__ == "__main__":
    main()
