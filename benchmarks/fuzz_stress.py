"""The fuzz stress run, one figure a line: ``name value unit``.

    .venv/bin/python benchmarks/fuzz_stress.py            # HYPOTHESIS_PROFILE=stress
    .venv/bin/python benchmarks/fuzz_stress.py -k spans   # one target (pytest's -k)

Runs ``tests/fuzz`` under the ``stress`` profile (tests/fuzz/conftest.py: about 11,000 cases
in all, against a few hundred in CI) and prints the cases each target ran, the total, the
failed tests and the time. Goal (issue 13): at least 10,000 cases, no failure. A failure's
falsifying example is in pytest's output (shown when the run fails).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", help="only the tests matching this pytest expression")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        counts = Path(tmp) / "counts.json"
        env = {**os.environ, "HYPOTHESIS_PROFILE": "stress", "FUZZ_COUNTS": str(counts)}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        command = [sys.executable, "-m", "pytest", "tests/fuzz", "-q", "-p", "no:cacheprovider"]
        if args.k:
            command += ["-k", args.k]
        started = time.perf_counter()
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if not counts.exists():
            sys.stdout.write(run.stdout[-5000:] + run.stderr[-2000:])
            return 1
        result = orjson.loads(counts.read_bytes())
    for target, cases in sorted(result["cases"].items()):
        print(f"fuzz_cases_{target} {cases} cases", flush=True)
    total = sum(result["cases"].values())
    print(f"fuzz_cases {total} cases")
    print(f"fuzz_failures {result['failed_tests']} tests")
    print(f"fuzz_time {seconds:.1f} s")
    print(f"fuzz_rate {total / seconds:.1f} cases/s")
    if run.returncode != 0:
        sys.stderr.write(run.stdout[-20000:])
    return run.returncode


if __name__ == "__main__":
    raise SystemExit(main())
