"""The dark theme keeps unchecked check boxes and radio buttons visible."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QStyle, QStyleOptionButton

from annotator.gui.shell import theme


def _indicator_contrast(qtbot, widget_class, element) -> float:
    """The largest lightness difference between the indicator's pixels and the background."""
    widget = widget_class("Only annotated documents")
    qtbot.addWidget(widget)
    widget.resize(260, 30)
    widget.show()
    image = widget.grab().toImage()
    option = QStyleOptionButton()
    option.initFrom(widget)
    rect = widget.style().subElementRect(element, option, widget)
    background = widget.palette().window().color().lightnessF()
    return max(
        abs(QColor(image.pixel(x, y)).lightnessF() - background)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


@pytest.mark.parametrize(
    "widget_class,element",
    [
        (QCheckBox, QStyle.SubElement.SE_CheckBoxIndicator),
        (QRadioButton, QStyle.SubElement.SE_RadioButtonIndicator),
    ],
)
def test_unchecked_indicators_stand_out_in_the_dark_theme(qtbot, widget_class, element):
    app = QApplication.instance()
    theme.apply_theme(app, theme.DARK)
    try:
        assert _indicator_contrast(qtbot, widget_class, element) > 0.35
    finally:
        theme.apply_theme(app, theme.LIGHT)
