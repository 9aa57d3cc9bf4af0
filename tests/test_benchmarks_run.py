"""benchmarks/run.py: the suite's runner, its line format and its goal comparison."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


sys.path.insert(0, str(BENCHMARKS))  # the suite's modules import each other by name

import goals  # noqa: E402
import report  # noqa: E402
import run  # noqa: E402


def test_quick_run_of_one_benchmark_prints_a_row_per_figure():
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--only", "floor"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=BENCHMARKS.parent,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["figure", "value", "unit", "goal", "result", "vs", "floor"]
    rows = {line.split()[0]: line.split() for line in lines[1:] if not line.startswith("- ")}
    assert set(rows) == {"floor.insert_rows_per_s", "floor.fetch_rows_per_s"}
    for cells in rows.values():
        assert float(cells[1].replace(",", "")) > 0
        assert cells[2:] == ["rows/s", "–", "–", "–"]  # a ceiling: no goal
    assert "- --quick sizes" in done.stdout
    # the figures were shown as they came, in the common format
    assert "   floor.insert_rows_per_s " in done.stderr


def test_verdict_compares_at_most_and_at_least_goals():
    at_most, at_least = goals.at_most("ms", 5), goals.at_least("spans/s", 200_000)
    assert [goals.verdict(at_most, v) for v in (4.9, 5, 5.1)] == ["pass", "pass", "FAIL"]
    assert [goals.verdict(at_least, v) for v in (199_999, 200_000)] == ["FAIL", "pass"]
    assert goals.verdict(at_most, None) == "missing"  # a goal whose figure was not printed
    assert goals.verdict(goals.Goal("ms"), 3) == "–"  # a figure without a goal
    assert goals.verdict(None, 3) == "–"  # a figure goals.py does not know
    assert (str(at_most), str(at_least), str(goals.Goal("ms"))) == ("≤ 5", "≥ 200,000", "–")


def test_goal_patterns_match_whole_names_at_any_size():
    assert goals.goal_for("sqlite.import_jsonl_1000000_spans_per_s") == goals.at_least(
        "spans/s", 200_000
    )
    assert goals.goal_for("postgresql.import_jsonl_2000_spans_per_s").value == 200_000
    assert goals.goal_for("sqlite.import_jsonl_2000_spans_random_v4_ids_per_s").direction is None
    assert goals.goal_for("sqlite.export.jsonl_2000_spans_per_s").value == 300_000
    assert goals.goal_for("sqlite.export.brat_2000_spans_per_s").direction is None
    assert goals.goal_for("sqlite.export_jsonl_2000_spans_per_s_extra") is None
    assert goals.goal_for("lost_changes") == goals.at_most("changes", 0)
    assert goals.ceiling_for("sqlite.import.doccano_5_spans_per_s") == "floor.insert_rows_per_s"
    assert goals.ceiling_for("sqlite.export_jsonl_5_spans_per_s") == "floor.fetch_rows_per_s"
    assert goals.ceiling_for("postgresql.export_jsonl_5_spans_per_s") is None


def test_missing_goals_names_the_goals_a_benchmark_did_not_print():
    printed = ["sqlite.import_plain_10_articles_per_s", "sqlite.add_annotation_committed_p99_ms"]
    missing = [pattern for pattern, _ in goals.missing_goals("bench_core", printed)]
    assert missing == [
        "{db}.import_jsonl_{n}_spans_per_s",
        "{db}.export_jsonl_{n}_spans_per_s",
        "{db}.add_annotation_committed_median_ms",
    ]
    assert goals.missing_goals("bench_floor", []) == []  # ceilings have no goal


def test_figure_lines_are_read_back():
    parse = report.parse_figure
    assert parse("figures.dense_2000_chars_us 3172 us (56 figures)") == report.Figure(
        "figures.dense_2000_chars_us", 3172.0, "us", "56 figures"
    )
    assert parse("kills 120\n") == report.Figure("kills", 120.0)
    assert parse("fuzz_cases 10000 cases").unit == "cases"
    for other in ("This plugin does not support propagateSizeHints()", "", "== x 1", "a b c"):
        assert parse(other) is None


def test_figure_prints_the_format_it_reads(capsys):
    report.figure("sqlite.add_annotation_committed_median_ms", 2.04, "ms")
    report.figure("floor.fetch_rows_per_s", 392967.4, "rows/s", "SQLite 3.40.1", digits=0)
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "sqlite.add_annotation_committed_median_ms 2.0 ms",
        "floor.fetch_rows_per_s 392967 rows/s (SQLite 3.40.1)",
    ]
    assert [report.parse_figure(line).value for line in out] == [2.0, 392967.0]


def test_report_gives_ratios_to_the_floor_of_the_same_run_and_missing_goals():
    def ran(bench: str, *figures: tuple[str, float, str]) -> run.Result:
        return run.Result(bench, bench, "ok", figures=[report.Figure(*f) for f in figures])

    results = [
        ran(
            "bench_floor",
            ("floor.insert_rows_per_s", 100_000, "rows/s"),
            ("floor.fetch_rows_per_s", 400_000, "rows/s"),
        ),
        ran(
            "bench_core",
            ("sqlite.import_jsonl_1000_spans_per_s", 50_000, "spans/s"),
            ("sqlite.export_jsonl_1000_spans_per_s", 300_000, "spans/s"),
            ("sqlite.brand_new_figure_ms", 1, "ms"),
        ),
        run.Result("bench_crash", "bench_crash", "missing", "benchmarks/bench_crash.py is absent"),
    ]
    text, markdown = run.report(results, quick=False)
    rows = {line.split()[0]: line for line in text.splitlines()}
    assert rows["sqlite.import_jsonl_1000_spans_per_s"].split()[1:] == (
        "50,000 spans/s ≥ 200,000 FAIL 0.50 × insert".split()
    )
    assert "0.75 × fetch" in rows["sqlite.export_jsonl_1000_spans_per_s"]
    assert "pass" in rows["sqlite.export_jsonl_1000_spans_per_s"]
    assert "missing" in rows["{db}.add_annotation_committed_median_ms"]
    assert "- bench_crash: missing: benchmarks/bench_crash.py is absent" in text
    assert "not in benchmarks/goals.py (add them): sqlite.brand_new_figure_ms" in text
    assert (
        "| `sqlite.import_jsonl_1000_spans_per_s` | 50,000 | spans/s | ≥ 200,000 | **FAIL** |"
        in markdown
    )
    alone, _ = run.report(results[1:], quick=False)
    assert "- vs floor: bench_floor was not part of this run" in alone
    for key in ("CPU", "cores", "RAM", "OS", "Python", "SQLite"):
        assert f"{key} " in markdown.splitlines()[0]


def test_a_crashing_benchmark_keeps_its_figures_and_is_reported(tmp_path, monkeypatch):
    (tmp_path / "bench_boom.py").write_text(
        "print('boom.before_ms 1.5 ms', flush=True)\nraise SystemExit('it broke')\n"
    )
    monkeypatch.setattr(run, "HERE", tmp_path)
    result = run.run_one("bench_boom", "bench_boom", [], timeout=30)
    assert result.status == "crashed"
    assert result.figures == [report.Figure("boom.before_ms", 1.5, "ms")]
    assert "exit status 1" in result.reason and "it broke" in result.reason


def test_readme_block_is_replaced(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{run.README_BEGIN}\nold table\n{run.README_END}\n\nrest\n")
    run.write_readme("| new |\n", readme)
    assert readme.read_text() == f"# x\n\n{run.README_BEGIN}\n| new |\n{run.README_END}\n\nrest\n"
    readme.write_text("no block\n")
    with pytest.raises(SystemExit, match="no <!-- benchmarks:begin -->"):
        run.write_readme("| new |\n", readme)


def test_quick_passes_a_new_benchmarks_own_quick_option_when_it_lists_one(tmp_path, capsys):
    offers = tmp_path / "fuzz_stress.py"
    offers.write_text(
        "import argparse\np = argparse.ArgumentParser()\n"
        "p.add_argument('--quick', action='store_true')\np.parse_args()\n"
    )
    assert run.quick_args("fuzz_stress", offers) == ["--quick"]
    plain = tmp_path / "bench_new.py"
    plain.write_text("import argparse\nargparse.ArgumentParser().parse_args()\n")
    assert run.quick_args("bench_new", plain) == []
    assert "bench_new: no --quick option, default sizes" in capsys.readouterr().err
    assert run.quick_args("bench_floor", plain) == ["--rows", "20000"]  # the table's sizes
