"""Where the app finds its bundled files and keeps its default database."""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "Annotator"


def _bundle_roots() -> list[Path]:
    package = Path(__file__).resolve().parent.parent  # .../annotator
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller
        roots.append(Path(frozen))
    roots.append(package / "_bundled")  # installed wheel (see pyproject force-include)
    roots.append(package.parent)  # source checkout / editable install
    return roots


def bundled_path(name: str) -> Path:
    """Path of a top-level bundled folder: ``migrations`` or ``resources``."""
    for root in _bundle_roots():
        candidate = root / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found (looked in {_bundle_roots()})")


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def default_database_path() -> Path:
    return data_dir() / "annotator.sqlite3"
