"""Run every benchmark and print one table: a line per figure with its value, unit, goal
(``goals.py``) and result, and for the span import and export figures their share of the
ceilings ``bench_floor.py`` measured in the same run.

    .venv/bin/python benchmarks/run.py                  # every benchmark, default sizes
    .venv/bin/python benchmarks/run.py --quick          # small sizes: a smoke run
    .venv/bin/python benchmarks/run.py --only core --only floor
    .venv/bin/python benchmarks/run.py --postgres       # core, formats, analysis, search again
    .venv/bin/python benchmarks/run.py --dist dist      # bench_frozen on that build
    .venv/bin/python benchmarks/run.py --markdown out.md   # also as Markdown with the machine
    .venv/bin/python benchmarks/run.py --readme         # ... into README.md's Benchmarks part

Each benchmark runs as its own process (this Python, this source tree first on the path); what
it prints in ``report.py``'s format are its figures, shown on standard error as they come. A
benchmark that is absent, or bench_frozen without a build, is reported and skipped. The exit
status is 1 only when a benchmark crashed (non-zero exit or ``--timeout``); a missed goal is a
figure like any other.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from goals import ceiling_for, missing_goals
from report import Figure, parse_figure
from table import machine, machine_line, markdown_table, missing_rows, rows_for, text_table

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
README_BEGIN, README_END = "<!-- benchmarks:begin -->", "<!-- benchmarks:end -->"

# name: the options a --quick run passes (sizes). bench_floor runs first: the ceilings.
QUICK: dict[str, list[str] | None] = {
    "bench_floor": ["--rows", "20000"],
    "bench_core": ["--files", "200", "--docs", "100", "--spans-per-doc", "20", "--adds", "50"],
    "bench_formats": ["--docs", "100", "--spans-per-doc", "20"],
    "bench_parsers": ["--files", "200", "--docs", "200"],
    "bench_figures": [],
    "bench_analysis": ["--docs", "100", "--spans-per-doc", "20", "--reports", "500"],
    "bench_search": ["--articles", "300"],
    "bench_gui": [],  # no size options: the GUI figures are for a 1 MB article
    "bench_frozen": ["--runs", "1"],
    "bench_backup": ["--articles", "300"],
    "bench_crash": ["--kills", "3"],
    "fuzz_stress": None,  # None: the benchmark's own --quick, if it has one
}
POSTGRES = ("bench_core", "bench_formats", "bench_analysis", "bench_search")


@dataclass
class Result:
    name: str  # "bench_core", or "bench_core --postgres"
    bench: str
    status: str  # ok, crashed, skipped, missing
    reason: str = ""
    figures: list[Figure] = field(default_factory=list)
    seconds: float = 0.0


def discover() -> list[str]:
    """The benchmarks to run, in order: the known ones first, then any other bench_*.py."""
    found = {p.stem for p in HERE.glob("bench_*.py")} | {
        p.stem for p in HERE.glob("fuzz_stress.py")
    }
    return list(QUICK) + sorted(found - set(QUICK))


def options_of(script: Path) -> set[str]:
    """The long options a benchmark's --help lists."""
    done = subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, env=env()
    )
    return set(re.findall(r"--[a-z][\w-]*", done.stdout)) if done.returncode == 0 else set()


def quick_args(bench: str, script: Path) -> list[str]:
    """--quick's sizes: the table's, else the benchmark's own --quick when it has one."""
    args = QUICK.get(bench)
    if args is not None:
        return args
    if "--quick" in options_of(script):
        return ["--quick"]
    print(f"== {bench}: no --quick option, default sizes", file=sys.stderr)
    return []


def env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return dict(os.environ, PYTHONPATH=path, PYTHONUNBUFFERED="1")


def run_one(name: str, bench: str, args: list[str], timeout: float) -> Result:
    script = HERE / f"{bench}.py"
    print(f"== {name} {' '.join(args)}".rstrip(), file=sys.stderr, flush=True)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(script), *args],
        cwd=ROOT,
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own children (the GUI's launches) go with it
    )
    result = Result(name, bench, "ok")
    deadline = started + timeout
    lines: list[str] = []
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(proc.stderr), daemon=True)
    reader.start()
    killer = threading.Timer(timeout, stop, (proc,))
    killer.start()
    try:
        for line in proc.stdout:
            lines.append(line)
            fig = parse_figure(line)
            if fig is not None:
                result.figures.append(fig)
                print(f"   {line.rstrip()}", file=sys.stderr, flush=True)
        proc.wait()
    finally:
        killer.cancel()
    reader.join(5)
    result.seconds = time.perf_counter() - started
    if proc.returncode != 0:
        result.status = "crashed"
        late = time.perf_counter() >= deadline
        said = [line.strip() for line in errors or lines if line.strip()][-3:]
        why = f"killed after {timeout:.0f} s" if late else f"exit status {proc.returncode}"
        result.reason = f"{why}: {' ⏎ '.join(said)[-600:]}"
        print(f"   CRASHED ({result.reason})", file=sys.stderr, flush=True)
    return result


def stop(proc: subprocess.Popen) -> None:
    """The benchmark and the processes it started (its own session), at --timeout."""
    with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
        os.killpg(proc.pid, signal.SIGKILL)


def frozen_dist(given: Path | None) -> tuple[Path | None, str]:
    """The build bench_frozen measures, or why there is none."""
    if given is not None:
        if given.is_dir() and any(given.glob("*.deb")):
            return given, ""
        return None, f"--dist {given}: no .deb in that folder"
    default = ROOT / "dist"
    if default.is_dir() and any(default.glob("*.deb")):
        return default, ""
    return None, "no built app: pass --dist DIST (a `pyinstaller build.spec --distpath` folder)"


def run_all(args: argparse.Namespace) -> list[Result]:
    results = []
    for bench in plan(args.only):
        script = HERE / f"{bench}.py"
        if not script.exists():
            results.append(Result(bench, bench, "missing", f"benchmarks/{bench}.py is absent"))
            continue
        extra = quick_args(bench, script) if args.quick else []
        if bench == "bench_frozen":
            dist, why = frozen_dist(args.dist)
            if dist is None:
                results.append(Result(bench, bench, "skipped", why))
                continue
            extra = [*extra, "--dist", str(dist)]
        results.append(run_one(bench, bench, extra, args.timeout))
        if args.postgres and bench in POSTGRES:
            results.append(
                run_one(f"{bench} --postgres", bench, [*extra, "--postgres"], args.timeout)
            )
    return results


def plan(only: list[str] | None) -> list[str]:
    names = discover()
    if not only:
        return names
    wanted = []
    for name in only:
        match = [n for n in names if n in (name, f"bench_{name}")]
        if not match:
            raise SystemExit(f"--only {name}: no such benchmark (known: {', '.join(names)})")
        wanted += match
    return wanted


def report(results: list[Result], quick: bool) -> tuple[str, str]:
    """(the text table with its notes, the same as Markdown)."""
    figures = [fig for r in results for fig in r.figures]
    ceilings = {f.name: f.value for f in figures if f.name.startswith("floor.")}
    rows, notes = [], []
    for result in results:
        rows += rows_for(result.figures, ceilings)
        if result.status == "ok" and not quick:
            rows += missing_rows(missing_goals(result.bench, [f.name for f in result.figures]))
        if result.status != "ok":
            notes.append(f"{result.name}: {result.status}: {result.reason}")
    if not ceilings and any(ceiling_for(f.name) for f in figures):
        notes.append("vs floor: bench_floor was not part of this run")
    unknown = [row.name for row in rows if not row.known and row.value is not None]
    if unknown:
        notes.append("not in benchmarks/goals.py (add them): " + ", ".join(unknown))
    if quick:
        notes.insert(0, "--quick sizes: a smoke run; the goals hold for the default sizes")
    timing = ", ".join(f"{r.name} {r.seconds:.0f} s" for r in results if r.seconds)
    notes.append(f"run times: {timing}")
    text = text_table(rows) + "".join(f"\n- {n}" for n in notes)
    info = machine()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    md = [
        f"Measured {stamp} by `python benchmarks/run.py{' --quick' if quick else ''}` on: "
        + machine_line(info)
        + ".",
        "",
        markdown_table(rows),
        "",
        *(f"- {n}" for n in notes),
    ]
    return text, "\n".join(md).rstrip() + "\n"


def write_readme(markdown: str, readme: Path = ROOT / "README.md") -> None:
    text = readme.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        raise SystemExit(f"{readme}: no {README_BEGIN} … {README_END} block to replace")
    head, rest = text.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    readme.write_text(f"{head}{README_BEGIN}\n{markdown}{README_END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument("--only", action="append", metavar="NAME", help="bench_core or core")
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL")
    parser.add_argument("--dist", type=Path, help="a built app for bench_frozen")
    parser.add_argument("--timeout", type=float, default=3 * 3600, help="seconds a benchmark")
    parser.add_argument("--markdown", metavar="FILE", help="write the Markdown table (- stdout)")
    parser.add_argument("--readme", action="store_true", help="put it in README.md")
    args = parser.parse_args(argv)
    results = run_all(args)
    text, markdown = report(results, args.quick)
    print(text, flush=True)
    if args.markdown == "-":
        print("\n" + markdown, end="")
    elif args.markdown:
        Path(args.markdown).write_text(markdown, encoding="utf-8")
    if args.readme:
        write_readme(markdown)
    return 1 if any(r.status == "crashed" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
