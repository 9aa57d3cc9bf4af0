"""Standalone-installer figures, one a line: ``name value unit`` (``report.py``).

    .venv/bin/python benchmarks/bench_frozen.py              # builds into a temporary folder
    .venv/bin/python benchmarks/bench_frozen.py --dist dist  # measures an existing build

Builds with ``pyinstaller build.spec`` (timed), unpacks the .deb into a temporary root and
runs the installed ``/opt/annotator/annotator`` from there, under its own Xvfb (the real xcb
platform plugin, not offscreen). Start-up is measured from just before the process is started
to the app's "window shown" line on standard output (ANNOTATOR_QUIT_AFTER_MS=0), median of 5
warm runs after one discarded run. Goals (the installer issue): .deb <= 70 MB, start to the
shown window <= 1.2 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle  # noqa: E402
import make_packages  # noqa: E402
from report import figure  # noqa: E402

VERSION = bundle.read_version(ROOT)


def emit(name: str, value: float, unit: str) -> None:
    figure(f"frozen.{name}", value, unit)


def build(dist: Path, work: Path) -> float:
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "PyInstaller", "build.spec", "--noconfirm"]
    cmd += ["--distpath", str(dist), "--workpath", str(work)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the build failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}")
    return time.perf_counter() - started


class Xvfb:
    """A private X server; DISPLAY for the runs."""

    def __enter__(self) -> str:
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise SystemExit("Xvfb is missing: apt-get install xvfb")
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            [xvfb, "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as fh:
            number = fh.readline().strip()
        if not number:
            raise SystemExit("Xvfb did not start")
        return f":{number}"

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def time_to_window(exe: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms from start to the shown line, the app's own figure in ms)."""
    env = dict(env, ANNOTATOR_QUIT_AFTER_MS="0")
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe), *args], env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    wall = inner = None
    for line in proc.stdout:
        if line.startswith("annotator-gui-shown"):
            wall = (time.perf_counter() - started) * 1000
            inner = float(line.split()[1])
            break
    proc.stdout.read()
    if proc.wait(60) != 0 or wall is None or inner is None:
        raise SystemExit(f"the app did not show its window (exit status {proc.returncode})")
    return wall, inner


def time_command(exe: Path, args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([str(exe), *args], env=env, check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, help="an existing build (pyinstaller --distpath)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="annotator-bench-frozen-"))
    try:
        dist = args.dist
        if dist is None:
            dist = tmp / "dist"
            emit("build_s", build(dist, tmp / "work"), "s")
        deb = dist / f"annotator_{VERSION}_amd64.deb"
        tarball = dist / f"annotator-{VERSION}-linux-x86_64.tar.gz"
        emit("deb_mb", deb.stat().st_size / 1e6, "MB")
        emit("tarball_mb", tarball.stat().st_size / 1e6, "MB")
        installed = subprocess.run(
            ["dpkg-deb", "-f", str(deb), "Installed-Size"], capture_output=True, text=True
        )
        emit("installed_mb", int(installed.stdout) * 1024 / 1e6, "MB")
        for size, name in make_packages.largest_files(dist / "annotator"):
            emit(f"largest_mb.{Path(name).name}", size / 1e6, "MB")

        root = tmp / "root"
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        exe = root / "opt" / "annotator" / "annotator"
        home = tmp / "home"
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_RUNTIME_DIR": str(home / "run"),
            "LANG": "C.UTF-8",
        }
        (home / "run").mkdir(parents=True)
        (home / "run").chmod(0o700)
        emit(
            "cli_version_ms",
            statistics.median(time_command(exe, ["--version"], env) for _ in range(5)),
            "ms",
        )
        emit("self_test_ms", time_command(exe, ["--self-test"], env), "ms")
        db = str(tmp / "corpus.sqlite3")
        subprocess.run([str(exe), "--db", db, "import", "--samples"], env=env, check=True)
        with Xvfb() as display:
            xenv = dict(env, DISPLAY=display)
            # first launch on the default database: created, migrated, samples imported, 2 open
            first, _ = time_to_window(exe, [], xenv)
            emit("first_run_to_shown_window_ms", first, "ms")
            runs = [time_to_window(exe, ["--db", db, "gui"], xenv) for _ in range(args.runs + 1)]
            warm = runs[1:]
            emit("start_to_shown_window_ms", statistics.median(w for w, _ in warm), "ms")
            emit("start_to_shown_window_max_ms", max(w for w, _ in warm), "ms")
            emit("in_process_to_shown_window_ms", statistics.median(i for _, i in warm), "ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
