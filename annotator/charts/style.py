"""Chart colours and sizes: one style for the light theme, one for the dark."""

from __future__ import annotations

from dataclasses import dataclass

# Okabe & Ito's palette: told apart with the common colour-vision deficiencies
OKABE_ITO = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
)


@dataclass(frozen=True)
class ChartStyle:
    foreground: str = "#1d1d21"
    background: str = "#ffffff"
    grid: str = "#e4e4e8"
    muted: str = "#8a8a93"
    palette: tuple[str, ...] = OKABE_ITO
    font_size: float = 9.0
    dpi: int = 100

    def color(self, index: int, given: str | None = None) -> str:
        """``given`` when a series brings its own colour (a label's), else the palette's."""
        return given or self.palette[index % len(self.palette)]


LIGHT = ChartStyle()
DARK = ChartStyle(foreground="#e6e6ea", background="#1b1c20", grid="#33343a", muted="#7d7e88")
