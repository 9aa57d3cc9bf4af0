"""The one line format every benchmark prints, and its reader (``benchmarks/run.py``).

A figure is one line: ``name value unit``, optionally followed by `` (note)``::

    sqlite.add_annotation_committed_median_ms 2.0 ms
    figures.dense_2000_chars_us 3172.0 us (56 figures)

The name has no spaces, the value is a plain number, the unit has no spaces and does not start
with ``(``. Any other line a benchmark prints (progress, warnings) is not a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE = re.compile(
    r"^(?P<name>[A-Za-z][^\s]*) (?P<value>[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"
    r"(?: (?P<unit>[^\s(]\S*))?(?: \((?P<note>.*)\))?\s*$"
)


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str | None = None
    note: str | None = None


def figure(name: str, value: float, unit: str, note: str = "", digits: int = 1) -> None:
    """Print one figure in the common format (flushed: the runner reads it as it comes)."""
    assert " " not in name and " " not in unit and not unit.startswith("("), (name, unit)
    print(f"{name} {value:.{digits}f} {unit}" + (f" ({note})" if note else ""), flush=True)


def parse_figure(line: str) -> Figure | None:
    """The figure a line holds, or None when it is not a figure line."""
    match = LINE.match(line.strip())
    if match is None:
        return None
    return Figure(match["name"], float(match["value"]), match["unit"], match["note"])
