"""The standalone installer: ``pyinstaller build.spec`` builds dist/annotator/, the tarball and
the .deb; the .deb unpacked into a temporary root runs (--version, --self-test, the CLI, the
GUI offscreen and under Xvfb, PostgreSQL); the tarball's install.sh installs and uninstalls.

The build takes a couple of minutes (PyInstaller, then xz for the .deb): these tests are marked
``slow`` and build once per run, into a temporary folder (never the checkout's dist/).
The icon and version checks at the end are quick and not marked.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import orjson
import pytest

from annotator._version import __version__

ROOT = Path(__file__).resolve().parents[1]
DEB_LIMIT = 70_000_000
DROPPED_QT = ("Qt6Quick", "Qt6Qml", "Qt6WebEngine", "Qt6Pdf", "Qt6Designer", "Qt6Network", "Qt63D")
DROPPED_QT += ("Qt6Multimedia", "Qt6VirtualKeyboard")


def _env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment: a fresh home, no database of the user, no Python variables."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LANG": "C.UTF-8",
        "TMPDIR": os.environ.get("TMPDIR", "/tmp"),
    }
    env.update(extra)
    return env


def _run(cmd: list[str], env: dict[str, str], timeout: float = 120, **kw):
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, **kw)


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


# -- the build (once per run) -------------------------------------------------------------------
@pytest.fixture(scope="module")
def build(tmp_path_factory) -> dict:
    pytest.importorskip(
        "PyInstaller", reason="PyInstaller is not installed (pip install -e .[build])"
    )
    if not sys.platform.startswith("linux"):
        pytest.skip("the packages are built on Linux")
    if shutil.which("dpkg-deb") is None:
        pytest.skip(
            "dpkg-deb is missing (Debian/Ubuntu: apt-get install dpkg); cannot build the .deb"
        )
    for tool in ("readelf", "strip"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is missing (apt-get install binutils); PyInstaller needs it")
    base = tmp_path_factory.mktemp("frozen")
    dist, work = base / "dist", base / "work"
    cmd = [sys.executable, "-m", "PyInstaller", "build.spec", "--noconfirm"]
    cmd += ["--distpath", str(dist), "--workpath", str(work)]
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, f"build failed:\n{done.stdout[-4000:]}\n{done.stderr[-8000:]}"
    print(f"\npyinstaller build.spec: {seconds:.0f} s\n{done.stdout}")
    return {
        "dist": dist,
        "app": dist / "annotator",
        "deb": dist / f"annotator_{__version__}_amd64.deb",
        "tarball": dist / f"annotator-{__version__}-linux-x86_64.tar.gz",
        "log": done.stdout + done.stderr,
    }


@pytest.fixture(scope="module")
def deb_root(build) -> Path:
    """The .deb unpacked into a temporary root (readable by every user, for the read-only run)."""
    root = Path(tempfile.mkdtemp(prefix="annotator-deb-root-"))
    root.chmod(0o755)
    subprocess.run(["dpkg-deb", "-x", str(build["deb"]), str(root)], check=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def exe(deb_root) -> Path:
    return deb_root / "opt" / "annotator" / "annotator"


# -- what the build made ------------------------------------------------------------------------
@pytest.mark.slow
def test_build_makes_the_three_outputs(build):
    app = build["app"]
    assert (app / "annotator").is_file() and os.access(app / "annotator", os.X_OK)
    assert build["tarball"].is_file() and build["deb"].is_file()
    assert build["deb"].stat().st_size <= DEB_LIMIT, build["deb"].stat().st_size
    report = (build["dist"] / f"annotator-{__version__}-build.txt").read_text(encoding="utf-8")
    assert "largest files of the app" in report and ".deb" in report


@pytest.mark.slow
def test_bundle_carries_migrations_and_resources_and_leaves_out_unused_qt(build):
    internal = build["app"] / "_internal"
    assert (internal / "migrations" / "env.py").is_file()
    versions = sorted(p.name for p in (internal / "migrations" / "versions").glob("*.py"))
    assert versions == sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
    assert not list((internal / "migrations").rglob("__pycache__"))
    assert (internal / "resources" / "sample_corpus" / "manifest.json").is_file()
    assert (internal / "resources" / "icons" / "annotator-256.png").is_file()
    names = [p.name for p in internal.rglob("*")]
    for part in DROPPED_QT:
        assert not [n for n in names if part in n], part
    qt = internal / "PySide6" / "Qt"
    assert not (qt / "translations").exists() and not (qt / "qml").exists()
    formats = sorted(p.name for p in (qt / "plugins" / "imageformats").iterdir())
    assert formats == ["libqico.so", "libqsvg.so"]
    assert (qt / "plugins" / "platforms" / "libqxcb.so").is_file()
    assert not [n for n in names if n.startswith(("libfontconfig", "libglib-2.0", "libX11."))], (
        "system libraries must come from the system"
    )
    assert not [n for n in names if n.endswith((".pyi", ".pyx", ".c"))]


@pytest.mark.slow
def test_deb_metadata_and_layout(build):
    def field(name: str) -> str:
        out = subprocess.run(["dpkg-deb", "-f", str(build["deb"]), name], capture_output=True)
        return out.stdout.decode().strip()

    assert field("Package") == "annotator"
    assert field("Version") == __version__
    assert field("Architecture") == "amd64"
    assert int(field("Installed-Size")) > 50_000  # KiB
    depends = field("Depends")
    for package in ("libc6 (>= 2.", "libfontconfig1", "libxcb-cursor0", "libxkbcommon0", "libegl1"):
        assert package in depends
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(build["deb"])], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(
        r"^l\S+ root/root .* \./usr/bin/annotator -> /opt/annotator/annotator$", listing, re.M
    )
    assert re.search(r"^-rwxr-xr-x root/root .* \./opt/annotator/annotator$", listing, re.M)
    for path in [
        "./usr/share/applications/annotator.desktop",
        "./usr/share/icons/hicolor/scalable/apps/annotator.svg",
        *(f"./usr/share/icons/hicolor/{s}x{s}/apps/annotator.png" for s in (16, 32, 48, 256, 512)),
        "./opt/annotator/_internal/migrations/versions",
        "./usr/share/doc/annotator/copyright",
    ]:
        assert f" {path}" in listing, path


@pytest.mark.slow
def test_desktop_entry(deb_root):
    desktop = deb_root / "usr" / "share" / "applications" / "annotator.desktop"
    text = desktop.read_text(encoding="utf-8")
    assert "\nExec=annotator\n" in text and "\nIcon=annotator\n" in text
    assert "\nType=Application\n" in text
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr


# -- the installed app runs ---------------------------------------------------------------------
@pytest.mark.slow
def test_version_and_self_test(exe, deb_root, tmp_path):
    env = _env(tmp_path / "home")
    before = _files(deb_root)
    done = _run([str(exe), "--version"], env)
    assert done.returncode == 0 and done.stdout.strip() == f"annotator {__version__}"
    done = _run([str(exe), "--self-test"], env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "standalone app" in done.stdout
    assert "postgresql (psycopg" in done.stdout  # the driver is in the bundle
    assert done.stdout.rstrip().splitlines()[-1].startswith("self-test passed")
    # nothing written into the installed tree (no bytecode beside migrations/) nor the data dir
    assert _files(deb_root) == before
    assert not (tmp_path / "home" / "data").exists()


@pytest.mark.slow
def test_self_test_from_a_read_only_install(exe):
    """As an unprivileged user, /opt/annotator is not writable (nor is its __pycache__)."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to run as another user")
    home = Path(tempfile.mkdtemp(prefix="annotator-nobody-"))
    try:
        home.chmod(0o777)
        cmd = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", str(exe), "--self-test"]
        done = _run(cmd, _env(home, TMPDIR=str(home)))
        assert done.returncode == 0, done.stdout + done.stderr
        assert "self-test passed" in done.stdout
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.slow
def test_cli_subcommands(exe, tmp_path):
    env = _env(tmp_path / "home")
    db = str(tmp_path / "cli.sqlite3")
    done = _run([str(exe), "--db", db, "import", "--samples"], env)
    assert done.returncode == 0, done.stderr
    done = _run([str(exe), "--db", db, "stats", "--json"], env)
    assert done.returncode == 0 and orjson.loads(done.stdout)["documents"] == 8
    done = _run([str(exe), "--db", db, "export", "-o", "-"], env)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 8
    done = _run([str(exe), "--db", db, "db", "check"], env)
    assert done.returncode == 0, done.stdout + done.stderr
    done = _run([str(exe), "--db", db, "db", "current"], env)
    assert done.returncode == 0
    done = _run([str(exe), "--db", db, "import", str(tmp_path / "missing.txt")], env)
    assert done.returncode == 1 and "annotator: error:" in done.stderr


@pytest.mark.slow
@pytest.mark.postgres
def test_postgresql_from_the_frozen_app(exe, pg_url, tmp_path):
    env = _env(tmp_path / "home")
    done = _run([str(exe), "--db", pg_url, "db", "upgrade"], env)
    assert done.returncode == 0, done.stderr
    done = _run([str(exe), "--db", pg_url, "import", "--samples"], env)
    assert done.returncode == 0, done.stderr
    done = _run([str(exe), "--db", pg_url, "stats", "--json"], env)
    assert done.returncode == 0 and orjson.loads(done.stdout)["documents"] == 8


@pytest.mark.slow
def test_gui_opens_offscreen(exe, tmp_path):
    env = _env(tmp_path / "home", QT_QPA_PLATFORM="offscreen", ANNOTATOR_QUIT_AFTER_MS="300")
    started = time.perf_counter()
    done = _run([str(exe), "--db", str(tmp_path / "gui.sqlite3"), "gui"], env, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "annotator-gui-shown" in done.stdout
    assert "Traceback" not in done.stderr and "Could not load" not in done.stderr
    print(f"offscreen: start to exit {time.perf_counter() - started:.2f} s")


@pytest.mark.slow
def test_gui_opens_under_xvfb_with_the_xcb_plugin(exe, tmp_path):
    """The real X11 platform plugin and the system libraries it loads (first run: samples)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is missing (apt-get install xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as fh:
            display = ":" + fh.readline().strip()
        env = _env(tmp_path / "home", DISPLAY=display, ANNOTATOR_QUIT_AFTER_MS="200")
        done = _run([str(exe)], env, timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "annotator-gui-shown" in done.stdout
        assert "Traceback" not in done.stderr and "Could not load" not in done.stderr
        # first launch on the default database: it was created in the (temporary) data dir
        assert (tmp_path / "home" / "data" / "Annotator" / "annotator.sqlite3").is_file()
    finally:
        server.terminate()
        server.wait(10)


# -- the tarball --------------------------------------------------------------------------------
@pytest.mark.slow
def test_tarball_install_and_uninstall(build, tmp_path):
    with tarfile.open(build["tarball"]) as tar:
        names = tar.getnames()
        top = f"annotator-{__version__}-linux-x86_64"
        for name in ("install.sh", "annotator/annotator", "README.txt"):
            assert f"{top}/{name}" in names
        tar.extractall(tmp_path / "unpacked", filter="tar")
    install = tmp_path / "unpacked" / top / "install.sh"
    prefix = tmp_path / "prefix"
    env = _env(tmp_path / "home")
    done = _run(["sh", str(install), "--prefix", str(prefix)], env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "installed in" in done.stdout
    app = prefix / "lib" / "annotator" / "annotator"
    assert (prefix / "bin" / "annotator").resolve() == app.resolve()
    desktop = (prefix / "share" / "applications" / "annotator.desktop").read_text(encoding="utf-8")
    assert f'Exec="{app}"' in desktop
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / "annotator.png").is_file()
    assert (
        prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / "annotator.svg"
    ).is_file()
    done = _run([str(prefix / "bin" / "annotator"), "--version"], env)
    assert done.stdout.strip() == f"annotator {__version__}"
    # installing again (an upgrade) works over the old install
    assert _run(["sh", str(install), "--prefix", str(prefix)], env).returncode == 0
    done = _run(["sh", str(install), "--uninstall", "--prefix", str(prefix)], env)
    assert done.returncode == 0, done.stdout + done.stderr
    left = [p for p in prefix.rglob("*") if not p.is_dir()]
    assert left == []


# -- quick checks (not slow) --------------------------------------------------------------------
def test_spec_reads_the_one_version():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import bundle
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    assert bundle.read_version(ROOT) == __version__
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert "bundle.read_version(ROOT)" in spec and not re.search(r"\b\d+\.\d+\.\d+\b", spec)


def test_icon_files_are_there_in_every_size():
    icons = ROOT / "resources" / "icons"
    assert (icons / "annotator.svg").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        data = (icons / f"annotator-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (size, size)
    ico = (icons / "annotator.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {(ico[6 + 16 * i] or 256) for i in range(count)}
    assert sizes == {16, 24, 32, 48, 64, 128, 256}
    icns = (icons / "annotator.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    types, offset = set(), 8
    while offset < len(icns):
        kind, length = struct.unpack(">4sI", icns[offset : offset + 8])
        types.add(kind.decode())
        offset += length
    assert {"ic07", "ic08", "ic09", "ic10"} <= types  # 128, 256, 512, 1024 (512@2x)
