"""The core imports no Qt: checked statically (every module's imports) and dynamically
(importing every core module in a fresh interpreter loads no PySide6/shiboken6)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "annotator"
GUI = PACKAGE / "gui"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "qtpy")


def core_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if GUI not in p.parents)


def test_core_has_modules():
    assert len(core_modules()) > 15


def test_core_source_imports_no_qt():
    offenders = []
    for path in core_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path}:{node.lineno} {n}" for n in names if n.split(".")[0] in QT]
    assert offenders == []


def test_importing_the_whole_core_loads_no_qt():
    modules = []
    for path in core_modules():
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts.pop()
        modules.append(".".join(parts))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {QT!r})\n"
        "print('Qt modules loaded by the core:', bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_cli_without_gui_loads_no_qt(tmp_path):
    code = (
        "import sys\nfrom annotator.cli.main import main\n"
        f"rc = main(['--db', {str(tmp_path / 'a.sqlite3')!r}, 'stats'])\n"
        "sys.exit(rc or any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
