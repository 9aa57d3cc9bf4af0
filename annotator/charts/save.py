"""Writing a chart (PNG or SVG) or its table (CSV): atomically, with a message naming the file
on failure."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import AnnotatorError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

FORMATS = {".png": "png", ".svg": "svg"}


def save_figure(figure: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> Path:
    """Write ``figure`` to ``path`` (format from the suffix: ``.png`` or ``.svg``).

    Written beside the destination as ``.NAME.part`` and renamed when complete, so a failure
    (disk full, folder gone) leaves the old file, if any, as it was. SVG keeps its text as text
    (searchable, editable) and carries no date, so the same chart gives the same file.
    """
    from matplotlib import rc_context

    dest = Path(path)
    fmt = FORMATS.get(dest.suffix.lower())
    if fmt is None:
        raise AnnotatorError(
            f"{dest}: charts are saved as .png or .svg, not {dest.suffix or 'no suffix'}"
        )
    part = dest.with_name(f".{dest.name}.part")
    metadata = {"Date": None} if fmt == "svg" else {"Software": "Annotator"}
    try:
        with rc_context({"svg.fonttype": "none", "svg.hashsalt": "annotator"}):
            figure.savefig(
                part,
                format=fmt,
                dpi=dpi,
                facecolor=figure.get_facecolor(),
                metadata=metadata,
            )
        os.replace(part, dest)
    except OSError as exc:
        if part.is_file():
            part.unlink()
        other = exc.filename not in (None, str(part), str(dest))  # e.g. a font file
        reason = f"{exc.filename}: {exc.strerror}" if other else exc.strerror or str(exc)
        raise AnnotatorError(f"{dest}: could not save the chart: {reason}") from exc
    return dest


def save_csv(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], path: str | os.PathLike[str]
) -> Path:
    """Write ``rows`` (their ``columns``, a header line first) as UTF-8 CSV, atomically like
    ``save_figure``; None becomes an empty cell."""
    dest = Path(path)
    part = dest.with_name(f".{dest.name}.part")
    try:
        with open(part, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        os.replace(part, dest)
    except OSError as exc:
        if part.is_file():
            part.unlink()
        raise AnnotatorError(f"{dest}: could not save the table: {exc.strerror or exc}") from exc
    return dest
