"""The suite's table (``benchmarks/run.py``): a row per figure, as text and as Markdown, and
the machine the figures came from."""

from __future__ import annotations

import os
import platform
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from goals import Goal, ceiling_for, goal_for, verdict
from report import Figure

HEADER = ("figure", "value", "unit", "goal", "result", "vs floor")


@dataclass(frozen=True)
class Row:
    name: str
    value: float | None
    unit: str
    goal: Goal | None
    ratio: str = "–"
    known: bool = True  # in goals.py

    def cells(self) -> tuple[str, ...]:
        value = "–" if self.value is None else number(self.value)
        return (self.name, value, self.unit, str(self.goal or "–"), self.result, self.ratio)

    @property
    def result(self) -> str:
        return verdict(self.goal, self.value)


def number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if value != int(value) else f"{value:.0f}"


def rows_for(figures: list[Figure], ceilings: dict[str, float]) -> list[Row]:
    """A row per figure; ``ceilings`` holds this run's bench_floor figures by name."""
    rows = []
    for fig in figures:
        goal = goal_for(fig.name)
        unit = fig.unit or (goal.unit if goal else None) or "–"
        ratio = "–"
        floor = ceiling_for(fig.name)
        if floor is not None and ceilings.get(floor):
            ratio = f"{fig.value / ceilings[floor]:.2f} × {floor.split('.')[1].split('_')[0]}"
        rows.append(Row(fig.name, fig.value, unit, goal, ratio, known=goal is not None))
    return rows


def missing_rows(pairs: list[tuple[str, Goal]]) -> list[Row]:
    """Rows for goals whose figure the benchmark did not print."""
    return [Row(pattern, None, goal.unit or "–", goal) for pattern, goal in pairs]


def text_table(rows: list[Row]) -> str:
    cells = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(HEADER))]
    right = {1}  # values are right-aligned
    return "\n".join(
        "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in cells
    )


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "| --- | ---: | --- | --- | --- | --- |"]
    for row in rows:
        name, *rest = row.cells()
        result = f"**{row.result}**" if row.result in ("FAIL", "missing") else row.result
        rest[3] = result
        lines.append("| " + " | ".join([f"`{name}`", *rest]) + " |")
    return "\n".join(lines)


def machine() -> dict[str, str]:
    """CPU model, cores, RAM, OS, Python and SQLite of this machine."""
    cpu = platform.processor() or platform.machine()
    ram = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
                break
    except OSError:
        pass
    try:
        system = platform.freedesktop_os_release().get("PRETTY_NAME", platform.system())
    except OSError:
        system = platform.system()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return {
        "CPU": f"{cpu} ({platform.machine()})",
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": f"{system}, kernel {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "SQLite": sqlite3.sqlite_version,
        "load average at the start": load,
    }


def machine_line(info: dict[str, str]) -> str:
    return "; ".join(f"{key} {value}" for key, value in info.items())
