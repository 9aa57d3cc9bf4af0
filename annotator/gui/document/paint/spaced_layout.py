"""Room under every line for the span underlines.

``QPlainTextDocumentLayout`` ignores a block's line height, so this subclass spaces the lines
itself: after the base class lays a block out (lazily, only when Qt asks for its rectangle),
each line moves down by ``gap`` pixels. The block's rectangle, hit testing, the cursor and
scrolling all follow the line positions, so everything stays consistent. The gap sits above
each line, which is right under the line before it: that is where the underline rows go.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QPlainTextDocumentLayout

LINE_GAP = 9.0  # px: three underline rows of 2 px with 1 px between


class SpacedLayout(QPlainTextDocumentLayout):
    def __init__(self, document, gap: float = LINE_GAP) -> None:
        super().__init__(document)
        self.gap = gap

    def blockBoundingRect(self, block):
        layout = block.layout()
        if layout.lineCount() == 0 or layout.lineAt(0).y() < self.gap * 0.5:
            super().blockBoundingRect(block)  # lays the block out when needed
            y = self.gap
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                line.setPosition(QPointF(line.x(), y))
                y += line.height() + self.gap
        return super().blockBoundingRect(block)
