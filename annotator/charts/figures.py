"""The chart kinds: grouped or stacked bars, a timeline, and figure ranges per account.

Each function returns a ``matplotlib.figure.Figure`` (no pyplot, no global state) styled with a
``ChartStyle``; the caller embeds it (``FigureCanvasQTAgg(figure)``) or saves it
(``save.save_figure``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ParamSpec

from ..evidence.estimates import estimate_text
from .style import LIGHT, ChartStyle

P = ParamSpec("P")

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Series:
    """One named row of values, one per category (or time bucket)."""

    name: str
    values: Sequence[float]
    color: str | None = None


@dataclass(frozen=True)
class Estimate:
    """A reported figure: any part may be missing (``None``)."""

    low: int | None = None
    best: int | None = None
    high: int | None = None

    @property
    def empty(self) -> bool:
        return self.low is None and self.best is None and self.high is None


@dataclass(frozen=True)
class RangeSeries:
    """One figure (killed, wounded...) as reported by each account, in the accounts' order."""

    name: str
    values: Sequence[Estimate | None]


def _plain_text(build: Callable[P, Figure]) -> Callable[P, Figure]:
    """Build with ``$`` read as a dollar sign: outlet names and quotes are never math."""

    @functools.wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
        from matplotlib import rc_context

        with rc_context({"text.parse_math": False}):
            return build(*args, **kwargs)

    return wrapper


def _figure(style: ChartStyle, width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(
        figsize=(width, height), dpi=style.dpi, facecolor=style.background, layout="constrained"
    )


def _dress(ax: Axes, style: ChartStyle, *, value_axis: str) -> None:
    """Theme colours, a light grid along the value axis, no top/right frame."""
    ax.set_facecolor(style.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(style.muted)
    ax.tick_params(colors=style.foreground, labelsize=style.font_size)
    ax.grid(True, axis=value_axis, color=style.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.xaxis.label.set_color(style.foreground)
    ax.yaxis.label.set_color(style.foreground)
    ax.title.set_color(style.foreground)


def _legend(ax: Axes, style: ChartStyle) -> None:
    legend = ax.legend(fontsize=style.font_size, frameon=False, loc="best")
    for text in legend.get_texts():
        text.set_color(style.foreground)


def _check_lengths(categories: Sequence[str], series: Sequence[Series]) -> None:
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError(
                f"series {s.name!r} has {len(s.values)} values for {len(categories)} categories"
            )


@_plain_text
def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str = "",
    value_label: str = "",
    stacked: bool = False,
    style: ChartStyle = LIGHT,
) -> Figure:
    """Horizontal bars: a row per category (outlet names are long), a bar per series."""
    _check_lengths(categories, series)
    rows = max(len(categories), 1)
    groups = 1 if stacked else max(len(series), 1)
    height = min(2.0 + rows * (0.28 + 0.16 * groups), 14.0)
    fig = _figure(style, 7.0, height)
    ax = fig.subplots()
    _dress(ax, style, value_axis="x")
    positions = range(len(categories))
    thickness = 0.8 if stacked else 0.8 / groups
    left = [0.0] * len(categories)
    for i, s in enumerate(series):
        if stacked:
            ax.barh(
                positions, s.values, 0.8, left=left, label=s.name, color=style.color(i, s.color)
            )
            left = [a + b for a, b in zip(left, s.values, strict=True)]
        else:
            offset = (i - (groups - 1) / 2) * thickness
            ax.barh(
                [p + offset for p in positions],
                s.values,
                thickness,
                label=s.name,
                color=style.color(i, s.color),
            )
    ax.set_yticks(list(positions), list(categories))
    ax.invert_yaxis()  # first category on top, as in the table
    ax.set_xlabel(value_label, fontsize=style.font_size)
    if title:
        ax.set_title(title, fontsize=style.font_size + 2, loc="left", color=style.foreground)
    if len(series) > 1:
        _legend(ax, style)
    return fig


@_plain_text
def timeline_chart(
    buckets: Sequence[str],
    series: Sequence[Series],
    *,
    title: str = "",
    value_label: str = "",
    style: ChartStyle = LIGHT,
) -> Figure:
    """A line with markers per series over time buckets (``2031-03``, ``2031-W11``...)."""
    _check_lengths(buckets, series)
    fig = _figure(style, 8.0, 4.0)
    ax = fig.subplots()
    _dress(ax, style, value_axis="y")
    positions = list(range(len(buckets)))
    for i, s in enumerate(series):
        ax.plot(
            positions,
            s.values,
            marker="o",
            markersize=4,
            label=s.name,
            color=style.color(i, s.color),
        )
    step = max(1, len(buckets) // 12)  # at most about twelve tick labels
    ax.set_xticks(positions[::step], list(buckets)[::step], rotation=30, ha="right")
    ax.set_ylabel(value_label, fontsize=style.font_size)
    top = max((v for s in series for v in s.values), default=0)
    ax.set_ylim(0, top * 1.12 + 1)  # room above the highest point
    if title:
        ax.set_title(title, fontsize=style.font_size + 2, loc="left", color=style.foreground)
    if series:
        _legend(ax, style)
    return fig


@_plain_text
def range_chart(
    accounts: Sequence[str],
    figures: Sequence[RangeSeries],
    *,
    title: str = "",
    style: ChartStyle = LIGHT,
) -> Figure:
    """The discrepancy chart: a panel per figure, a row per account; a bar from low to high
    and a dot at the best estimate. A lone low bound draws an arrow to the right ("at least"),
    a lone high bound one to the left ("up to")."""
    for f in figures:
        if len(f.values) != len(accounts):
            raise ValueError(
                f"figure {f.name!r} has {len(f.values)} values for {len(accounts)} accounts"
            )
    panels = max(len(figures), 1)
    fig = _figure(
        style, min(3.2 * panels + 1.5, 14.0), min(1.4 + 0.42 * max(len(accounts), 1), 12.0)
    )
    axes = fig.subplots(1, panels, sharey=True, squeeze=False)[0]
    rows = list(range(len(accounts)))
    for panel, (ax, f) in enumerate(zip(axes, figures, strict=False)):
        _dress(ax, style, value_axis="x")
        color = style.color(panel)
        top = 0
        for row, value in zip(rows, f.values, strict=True):
            if value is None or value.empty:
                ax.text(
                    0,
                    row,
                    "  not given",
                    va="center",
                    fontsize=style.font_size - 1,
                    color=style.muted,
                )
                continue
            top = max(top, _draw_estimate(ax, row, value, color, style))
        ax.set_xlim(left=0, right=max(top * 1.15, 1))
        ax.set_title(f.name, fontsize=style.font_size + 1, color=style.foreground)
    axes[0].set_yticks(rows, list(accounts))
    axes[0].set_ylim(len(accounts) - 0.5, -0.9)  # first account on top, room for its label
    if title:
        fig.suptitle(title, fontsize=style.font_size + 2, color=style.foreground, x=0.01, ha="left")
    return fig


def _draw_estimate(ax: Axes, row: int, value: Estimate, color: str, style: ChartStyle) -> float:
    """Draw one account's figure on its row; return the rightmost x it used."""
    low, best, high = value.low, value.best, value.high
    right = max(v for v in (low, best, high) if v is not None)
    arrow = {"arrowstyle": "->", "color": color, "linewidth": 1.5}
    if low is not None and high is not None:
        ax.hlines(row, low, high, colors=color, linewidth=6, alpha=0.45)
    elif low is not None and best is None:  # "at least": open to the right
        right = low * 1.3 + 1
        ax.annotate("", xy=(right, row), xytext=(low, row), arrowprops=arrow)
    elif high is not None and best is None:  # "up to": open to the left
        ax.annotate("", xy=(0, row), xytext=(high, row), arrowprops=arrow)
    for bound in (low, high):
        if bound is not None:
            ax.plot([bound], [row], marker="|", markersize=10, color=color)
    if best is not None:
        ax.plot([best], [row], marker="o", markersize=7, color=color, clip_on=False)
    anchor = best if best is not None else low if low is not None else high
    ax.annotate(
        estimate_text(value.low, value.best, value.high),
        (anchor, row),
        textcoords="offset points",
        xytext=(3, 7),
        ha="left",
        fontsize=style.font_size - 1,
        color=style.foreground,
    )
    return right
