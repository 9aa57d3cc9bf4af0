"""The shape of the package, enforced.

* The core imports no Qt: checked statically (every module's imports) and dynamically
  (importing every core module in a fresh interpreter loads no PySide6/shiboken6).
* The core's layers import only downwards (``LAYERS``), and the GUI reaches the core only
  through the services, the workspace and the Qt-free helpers (``GUI_MAY_IMPORT``).
* ``annotator/gui/`` holds Qt code only, grouped by concern (``GUI_GROUPS``).
"""

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


# Each core package (or top-level module) and what it may import, besides itself. A layer may
# import the layers listed; nothing imports upwards. ``importing`` and ``exporting`` never
# import each other: what both directions of a format share lives in ``interchange``.
BASE = {"errors", "ids", "timestamps", "gc_pause", "_version", "settings", "wording"}
LAYERS: dict[str, set[str]] = {
    **{name: BASE for name in BASE},
    "text": BASE,
    # figures from plain tables (matplotlib, imported inside the functions)
    "charts": BASE | {"evidence"},
    "evidence": BASE | {"text"},
    "interchange": BASE,
    "storage": BASE,
    "importing": BASE | {"text", "evidence", "interchange", "storage"},
    "exporting": BASE | {"text", "evidence", "interchange", "storage"},
    "services": BASE | {"text", "evidence", "interchange", "storage", "importing", "exporting"},
    # read-only analysis of the annotations (event comparison, statistics): over the services
    "analysis": BASE | {"text", "evidence", "storage", "services"},
    "workspace": BASE
    | {"text", "evidence", "interchange", "storage", "importing", "exporting", "services"}
    | {"analysis"},
    "samples": BASE | {"importing", "storage", "workspace", "services"},
    "selftest": BASE | {"interchange", "storage", "workspace", "services", "samples", "charts"},
    "__init__": {"workspace", "_version", "errors"},
    "__main__": {"cli"},
    # the command line may start the GUI (imported inside the `gui` command only)
    "cli": BASE
    | {"storage", "services", "workspace", "samples", "selftest", "exporting", "gui", "analysis"},
}
# the GUI talks to the core through services and the workspace; it also uses the Qt-free
# helpers of ``text``, errors, and ``storage.paths`` for bundled resources (icons)
GUI_MAY_IMPORT = {
    "services",
    "analysis",
    "workspace",
    "text",
    "evidence",
    "charts",
    "errors",
    "wording",
    "gc_pause",
    "samples",
    "settings",
    "_version",
}
GUI_MAY_IMPORT_MODULES = {"annotator.storage.paths"}
GUI_GROUPS = {"shell", "document", "editing", "panels", "dialogs", "jobs", "widgets"}


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every annotator module ``path`` imports (relative imports resolved), with line."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    package = list(rel.parts[:-1])
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names = [module] if node.module else [f"{module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        out += [(node.lineno, n) for n in names if n.split(".")[0] == "annotator"]
    return out


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_core_layers_import_only_downwards():
    offenders = []
    for path in core_modules():
        rel = path.relative_to(PACKAGE)
        own = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        allowed = LAYERS.get(own)
        assert allowed is not None, f"{rel}: a new core package; give it a place in LAYERS"
        for line, module in _imports(path):
            target = _layer(module)
            if target != own and target not in allowed:
                offenders.append(f"{rel}:{line} ({own}) imports {module} ({target})")
    assert offenders == []


def test_gui_reaches_the_core_through_services():
    offenders = []
    for path in sorted(GUI.rglob("*.py")):
        for line, module in _imports(path):
            target = _layer(module)
            if target == "gui" or target in GUI_MAY_IMPORT or module in GUI_MAY_IMPORT_MODULES:
                continue
            offenders.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert offenders == []


def test_gui_is_grouped_by_concern_and_holds_qt_code_only():
    loose = [p.name for p in GUI.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], "GUI modules belong in a group folder"
    assert {p.name for p in GUI.iterdir() if p.is_dir() and p.name != "__pycache__"} <= GUI_GROUPS
    qt_free = []
    for path in sorted(GUI.rglob("*.py")):
        if path.name == "__init__.py":
            continue
        source = path.read_text(encoding="utf-8")
        if "PySide6" not in source:
            qt_free.append(str(path.relative_to(PACKAGE)))
    # the shortcut table is GUI configuration (key sequences), not logic; the link commands
    # are QUndoCommands through their base class (editing/undo_commands.ServiceCommand)
    assert qt_free == ["gui/editing/link_commands.py", "gui/shell/shortcuts.py"], (
        "Qt-free logic belongs in the core"
    )


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
