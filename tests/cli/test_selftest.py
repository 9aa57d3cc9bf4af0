"""``annotator --self-test`` from the source install (the frozen app's run is in test_frozen)."""

from __future__ import annotations

import os
import subprocess
import sys

from annotator import selftest
from annotator.cli.main import main


def test_self_test_passes_and_leaves_the_data_dir_alone(capsys, tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("annotator ") and "self-test" in out[0]
    assert [line.split(":")[0].strip() for line in out[1:-1]] == [
        f"{n}/{len(selftest.STEPS)} {name}" for n, (name, _) in enumerate(selftest.STEPS, 1)
    ]
    assert out[-1].startswith("self-test passed")
    assert not data.exists()


def test_self_test_names_the_failed_step(capsys, monkeypatch):
    def broken(ctx):
        raise selftest.SelfTestError("the export is empty")

    steps = list(selftest.STEPS)
    steps[5] = ("export JSONL", broken)
    monkeypatch.setattr(selftest, "STEPS", steps)
    assert main(["--self-test"]) == 1
    err = capsys.readouterr().err
    assert f"self-test FAILED at step 6/{len(steps)} (export JSONL): the export is empty" in err


def test_self_test_reports_an_unexpected_error_with_its_traceback(capsys, monkeypatch):
    def crash(ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(selftest, "STEPS", [("crash", crash)])
    assert selftest.run_self_test() == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "FAILED at step 1/1 (crash): boom" in err


def test_self_test_flag_from_the_command_line_loads_no_qt(tmp_path):
    code = (
        "import sys\nfrom annotator.cli.main import main\nrc = main(['--self-test'])\n"
        "sys.exit(rc or any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
