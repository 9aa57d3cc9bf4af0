"""Linux packages from the PyInstaller folder ``dist/annotator/`` (called by build.spec).

- ``annotator-<version>-linux-x86_64.tar.gz``: the app with ``install.sh`` (per user into
  ~/.local, or system-wide into /usr/local as root: app, ``bin/annotator``, a ``.desktop`` entry,
  hicolor icons; ``install.sh --uninstall`` removes them again);
- ``annotator_<version>_amd64.deb`` (dpkg-deb): the app in /opt/annotator, /usr/bin/annotator,
  /usr/share/applications/annotator.desktop, hicolor icons; ``Depends`` lists the packages of
  the system libraries the app loads (see SYSTEM_PACKAGES).

Also prints the sizes and the ten largest files, and writes them to
``annotator-<version>-build.txt`` beside the packages.

    python packaging/make_packages.py [DIST]     # again, from an existing dist/annotator
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARCH_DEB, ARCH_TAR = "amd64", "linux-x86_64"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# System libraries the bundle needs (ELF NEEDED entries not satisfied inside it) -> Debian/Ubuntu
# package. The build fails on one missing here, so the .deb never misses a dependency.
# Debian 13 / Ubuntu 24.04 renamed some for 64-bit time_t ("t64"); on amd64 they provide the old
# names, and the alternatives below name them too.
SYSTEM_PACKAGES = {
    "ld-linux-x86-64.so.2": "libc6",
    "libc.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libm.so.6": "libc6",
    "libpthread.so.0": "libc6",
    "libresolv.so.2": "libc6",
    "librt.so.1": "libc6",
    "libutil.so.1": "libc6",
    "libgcc_s.so.1": "libgcc-s1",
    "libstdc++.so.6": "libstdc++6",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "libbz2.so.1.0": "libbz2-1.0",
    "liblzma.so.5": "liblzma5",
    "libffi.so.8": "libffi8",
    "libuuid.so.1": "libuuid1",
    "libcrypt.so.1": "libcrypt1",
    "libexpat.so.1": "libexpat1",
    "libmpdec.so.3": "libmpdec3",  # these come in with a Debian-built Python
    "libncursesw.so.6": "libncursesw6",
    "libtinfo.so.6": "libtinfo6",
    "libreadline.so.8": "libreadline8",
    "libgdbm.so.6": "libgdbm6",
    "libgdbm_compat.so.4": "libgdbm-compat4",
    "libsqlite3.so.0": "libsqlite3-0",
    "libssl.so.3": "libssl3",
    "libcrypto.so.3": "libssl3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
T64_ALTERNATIVES = {"libglib2.0-0": "libglib2.0-0t64", "libssl3": "libssl3t64"}

MAINTAINER = "Annotator maintainers <maintainers@annotator.invalid>"
SUMMARY = "annotate how a war is reported, side by side"
DESCRIPTION = """\
Annotator opens news articles from outlets with opposing narratives side by side.
Select spans and tag them as claim, casualty report, statement or opinion, note who
said it and what figures it gives. Every edit is saved at once to a local SQLite
database, or to a shared PostgreSQL server for a team. Annotations export as JSONL.
This package carries its own Python and Qt (in /opt/annotator)."""


# -- looking at the bundle -----------------------------------------------------------------------
def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def _elf_files(app_dir: Path) -> list[Path]:
    return [
        p for p in sorted(app_dir.rglob("*")) if p.is_file() and not p.is_symlink() and _is_elf(p)
    ]


def system_libraries(app_dir: Path) -> dict[str, list[str]]:
    """System libraries (soname -> files needing it) the bundle needs but does not carry."""
    carried = {p.name for p in app_dir.rglob("*")}
    needs: dict[str, list[str]] = {}
    for path in _elf_files(app_dir):
        out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
        for lib in re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out):
            if lib not in carried:
                needs.setdefault(lib, []).append(str(path.relative_to(app_dir)))
    return dict(sorted(needs.items()))


def glibc_floor(app_dir: Path) -> str:
    """The newest GLIBC_x.y symbol version any bundled binary asks for."""
    best = (2, 17)
    for path in _elf_files(app_dir):
        out = subprocess.run(["readelf", "-V", str(path)], capture_output=True, text=True).stdout
        for major, minor in re.findall(r"Name: GLIBC_(\d+)\.(\d+)", out):
            best = max(best, (int(major), int(minor)))
    return f"{best[0]}.{best[1]}"


def debian_depends(app_dir: Path) -> tuple[str, dict[str, list[str]]]:
    """The Depends field, and the system libraries behind it."""
    libs = system_libraries(app_dir)
    unknown = sorted(lib for lib in libs if lib not in SYSTEM_PACKAGES)
    if unknown:
        detail = "; ".join(f"{lib} (needed by {libs[lib][0]})" for lib in unknown)
        raise SystemExit(
            f"make_packages: the app needs system libraries with no known package: {detail}. "
            "Add them to SYSTEM_PACKAGES in packaging/make_packages.py (dpkg -S names it), "
            "or bundle them."
        )
    packages = sorted({SYSTEM_PACKAGES[lib] for lib in libs})
    fields = []
    for package in packages:
        if package == "libc6":
            fields.append(f"libc6 (>= {glibc_floor(app_dir)})")
        elif package in T64_ALTERNATIVES:
            fields.append(f"{T64_ALTERNATIVES[package]} | {package}")
        else:
            fields.append(package)
    return ", ".join(fields), libs


def tree_size(root: Path) -> int:
    """Bytes in regular files (symlinks count as nothing)."""
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def largest_files(root: Path, count: int = 10) -> list[tuple[int, str]]:
    files = [
        (p.stat().st_size, str(p.relative_to(root)))
        for p in root.rglob("*")
        if p.is_file() and not p.is_symlink()
    ]
    return sorted(files, reverse=True)[:count]


# -- shared parts --------------------------------------------------------------------------------
def desktop_entry(exec_path: str) -> str:
    template = (HERE / "annotator.desktop.in").read_text(encoding="utf-8")
    return template.replace("@EXEC@", exec_path)


def _normalise_modes(root: Path) -> None:
    """0755 for folders, programs and scripts, 0644 for everything else, shared libraries
    included (whatever the umask of the build was)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        program = path.stat().st_mode & 0o111 and ".so" not in path.name
        path.chmod(0o755 if path.is_dir() or program else 0o644)


def _copy_app(app_dir: Path, dest: Path) -> None:
    shutil.copytree(app_dir, dest, symlinks=True)
    stray = [p for p in dest.rglob("__pycache__")]
    for p in stray:  # never ship bytecode caches written next to migrations/
        shutil.rmtree(p)


def _copy_icons(root: Path, share: Path) -> None:
    icons = root / "resources" / "icons"
    for size in ICON_SIZES:
        dest = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icons / f"annotator-{size}.png", dest / "annotator.png")
    dest = share / "icons" / "hicolor" / "scalable" / "apps"
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(icons / "annotator.svg", dest / "annotator.svg")


def _mtime() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))


# -- tarball -------------------------------------------------------------------------------------
def make_tarball(app_dir: Path, dist: Path, work: Path, root: Path, version: str, libs) -> Path:
    name = f"annotator-{version}-{ARCH_TAR}"
    stage = work / "tarball" / name
    shutil.rmtree(stage.parent, ignore_errors=True)
    stage.mkdir(parents=True)
    _copy_app(app_dir, stage / "annotator")
    share = stage / "share"
    _copy_icons(root, share)
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(HERE / "annotator.desktop.in", share / "applications" / "annotator.desktop.in")
    libmap = "\n".join(f"{lib} {SYSTEM_PACKAGES[lib]}" for lib in libs)
    install = (HERE / "install.sh").read_text(encoding="utf-8")
    install = install.replace("@VERSION@", version).replace("@LIBRARIES@", libmap)
    (stage / "install.sh").write_text(install, encoding="utf-8")
    (stage / "install.sh").chmod(0o755)
    (stage / "README.txt").write_text(
        f"Annotator {version} for Linux (x86-64)\n\n"
        "Install for yourself (into ~/.local; adds a menu entry):   ./install.sh\n"
        "Install for everyone (into /usr/local):                    sudo ./install.sh\n"
        "Other folder:                                 ./install.sh --prefix DIR\n"
        "Remove again:                   ./install.sh --uninstall [--prefix DIR]\n"
        "Or run it from here without installing:   ./annotator/annotator\n\n"
        "Check an installation: annotator --self-test. Command line: annotator --help.\n",
        encoding="utf-8",
    )
    _normalise_modes(stage)
    out = dist / f"{name}.tar.gz"
    mtime = _mtime()

    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = mtime
        return info

    with (
        open(out, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=mtime) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        tar.add(stage, arcname=name, filter=clean)
    return out


# -- .deb ----------------------------------------------------------------------------------------
def make_deb(app_dir: Path, dist: Path, work: Path, root: Path, version: str, depends: str) -> Path:
    dpkg_deb = shutil.which("dpkg-deb")
    if dpkg_deb is None:
        raise SystemExit("make_packages: dpkg-deb is not installed (apt-get install dpkg)")
    stage = work / "deb" / "root"
    shutil.rmtree(stage.parent, ignore_errors=True)
    stage.mkdir(parents=True)
    _copy_app(app_dir, stage / "opt" / "annotator")
    (stage / "usr" / "bin").mkdir(parents=True)
    os.symlink("/opt/annotator/annotator", stage / "usr" / "bin" / "annotator")
    share = stage / "usr" / "share"
    _copy_icons(root, share)
    (share / "applications").mkdir(parents=True)
    (share / "applications" / "annotator.desktop").write_text(
        desktop_entry("annotator"), encoding="utf-8"
    )
    doc = share / "doc" / "annotator"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: annotator\n\nFiles: *\nLicense: MIT\n"
        "Comment: /opt/annotator/_internal carries Python (PSF license), Qt and PySide6 "
        "(LGPL-3.0), ICU, SQLAlchemy, Alembic, psycopg and libpq, selectolax, orjson, "
        "charset-normalizer, platformdirs under their own licenses.\n",
        encoding="utf-8",
    )
    _normalise_modes(stage)
    installed_kib = (tree_size(stage) + 1023) // 1024
    control_dir = stage / "DEBIAN"
    control_dir.mkdir()
    template = (HERE / "deb-control.in").read_text(encoding="utf-8")
    long_description = "\n".join(" " + (line or ".") for line in DESCRIPTION.splitlines())
    control = (
        template.replace("@VERSION@", version)
        .replace("@ARCH@", ARCH_DEB)
        .replace("@MAINTAINER@", MAINTAINER)
        .replace("@INSTALLED_SIZE@", str(installed_kib))
        .replace("@DEPENDS@", depends)
        .replace("@SUMMARY@", SUMMARY)
        .replace("@DESCRIPTION@", long_description)
    )
    (control_dir / "control").write_text(control, encoding="utf-8")
    sums = []
    for path in sorted(stage.rglob("*")):
        if path.is_file() and not path.is_symlink() and control_dir not in path.parents:
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            sums.append(f"{digest}  {path.relative_to(stage)}")
    (control_dir / "md5sums").write_text("\n".join(sums) + "\n", encoding="utf-8")
    _normalise_modes(control_dir)
    out = dist / f"annotator_{version}_{ARCH_DEB}.deb"
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(_mtime()))
    subprocess.run(
        [dpkg_deb, "--root-owner-group", "-Zxz", "--build", str(stage), str(out)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return out


# -- all of it -----------------------------------------------------------------------------------
def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def build_all(app_dir: Path, dist: Path, work: Path, root: Path, version: str) -> dict:
    """Make the tarball and the .deb from ``app_dir``; returns the figures it printed."""
    started = time.perf_counter()
    work.mkdir(parents=True, exist_ok=True)
    depends, libs = debian_depends(app_dir)
    tarball = make_tarball(app_dir, dist, work, root, version, libs)
    deb = make_deb(app_dir, dist, work, root, version, depends)
    figures = {
        "app_dir": str(app_dir),
        "installed_bytes": tree_size(app_dir),
        "tarball": str(tarball),
        "tarball_bytes": tarball.stat().st_size,
        "deb": str(deb),
        "deb_bytes": deb.stat().st_size,
        "depends": depends,
        "largest": largest_files(app_dir),
        "packaging_seconds": time.perf_counter() - started,
    }
    lines = [
        f"Annotator {version}: standalone packages",
        f"  app folder  {_mb(figures['installed_bytes']):>9}  {app_dir}",
        f"  tarball     {_mb(figures['tarball_bytes']):>9}  {tarball}",
        f"  .deb        {_mb(figures['deb_bytes']):>9}  {deb}",
        f"  Depends: {depends}",
        "  largest files of the app:",
        *(f"    {_mb(size):>9}  {name}" for size, name in figures["largest"]),
        f"  packaging took {figures['packaging_seconds']:.1f} s",
    ]
    report = "\n".join(lines) + "\n"
    (dist / f"annotator-{version}-build.txt").write_text(report, encoding="utf-8")
    print(report, end="", flush=True)
    return figures


def main() -> None:
    sys.path.insert(0, str(HERE))
    import bundle

    root = HERE.parent
    dist = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "dist"
    build_all(
        dist / "annotator", dist, root / "build" / "packages", root, bundle.read_version(root)
    )


if __name__ == "__main__":
    main()
