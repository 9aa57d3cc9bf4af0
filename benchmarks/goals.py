"""Every figure the benchmarks print, with its unit and, where an issue set one, its goal.

The one source of the goals ``benchmarks/run.py`` compares with. A name is a pattern:
``{db}`` stands for ``sqlite`` or ``postgresql``, ``{n}`` for a count (the size a benchmark was
run at), ``{fmt}`` for an export format, ``{file}`` for a file name. A goal is ``(direction,
value)`` with direction ``<=`` or ``>=``; ``None`` means no goal was set (the table prints
``–``). Goals hold for the default sizes; ``--quick`` sizes are for a smoke run only.

Where the goals come from: the core issue (#2: imports, export, add latency), the workspace
issue (#3: open, scroll, tag, cold start), the installer issue (#5: .deb, frozen start), the
workspace-as-used issue (#10: refresh after an external import), the evidence issue (#11:
linked documents, tag with proposals), the compare issue (#12: search, stats, event table)
and the reliability issue (#13: crash kills, fuzz cases, backups).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Goal:
    unit: str | None
    direction: str | None = None  # "<=" or ">="
    value: float | None = None

    def __str__(self) -> str:
        if self.direction is None:
            return "–"
        sign = "≤" if self.direction == "<=" else "≥"
        return f"{sign} {self.value:,g}"


def at_most(unit: str, value: float) -> Goal:
    return Goal(unit, "<=", value)


def at_least(unit: str, value: float) -> Goal:
    return Goal(unit, ">=", value)


# figure patterns by the benchmark that prints them
GOALS: dict[str, dict[str, Goal]] = {
    "bench_floor": {  # what sqlite3 allows with no Annotator code (ceilings, not goals)
        "floor.insert_rows_per_s": Goal("rows/s"),
        "floor.fetch_rows_per_s": Goal("rows/s"),
    },
    "bench_core": {  # #2
        "{db}.import_plain_{n}_articles_per_s": at_least("articles/s", 5000),
        "{db}.import_jsonl_{n}_spans_random_v4_ids_per_s": Goal("spans/s"),
        "{db}.import_jsonl_{n}_spans_per_s": at_least("spans/s", 200_000),
        "{db}.export_jsonl_{n}_spans_per_s": at_least("spans/s", 300_000),
        "{db}.add_annotation_committed_median_ms": at_most("ms", 5),
        "{db}.add_annotation_committed_p99_ms": Goal("ms"),
    },
    "bench_formats": {  # #4 asked for figures only; native JSONL has #2's goals
        "{db}.export.jsonl_{n}_spans_per_s": at_least("spans/s", 300_000),
        "{db}.import.jsonl_{n}_spans_per_s": at_least("spans/s", 200_000),
        "{db}.export.{fmt}_{n}_spans_per_s": Goal("spans/s"),
        "{db}.import.{fmt}_{n}_spans_per_s": Goal("spans/s"),
    },
    "bench_parsers": {  # no database
        "parse.plain_{n}_files_per_s": Goal("files/s"),
        "parse.jsonl_{n}_spans_per_s": Goal("spans/s"),
    },
    "bench_figures": {  # proposing casualty figures
        "figures.dense_2000_chars_us": Goal("us"),
        "figures.report_2000_chars_us": Goal("us"),
        "figures.corpus_2000_chars_median_us": Goal("us"),
        "figures.corpus_2000_chars_max_us": Goal("us"),
    },
    "bench_gui": {  # #3, #10, #11
        "gui.open_1mb_10k_spans_first_paint_ms": at_most("ms", 150),
        "gui.open_1mb_10k_spans_first_paint_max_ms": Goal("ms"),
        "gui.scroll_repaint_median_ms": Goal("ms"),
        "gui.scroll_repaint_p99_ms": at_most("ms", 16),
        "gui.tag_visible_and_committed_median_ms": at_most("ms", 30),
        "gui.tag_visible_and_committed_max_ms": Goal("ms"),
        "gui.tag_propose_accept_committed_median_ms": at_most("ms", 30),
        "gui.tag_propose_accept_committed_max_ms": Goal("ms"),
        "gui.external_import_to_library_median_ms": at_most("ms", 1000),
        "gui.external_import_to_library_max_ms": at_most("ms", 1000),
        "gui.links_open_2x1mb_10k_spans_2k_links_first_paint_ms": at_most("ms", 150),
        "gui.links_open_first_paint_max_ms": Goal("ms"),
        "gui.links_open_then_all_links_listed_ms": Goal("ms"),
        "gui.links_open_beside_first_paint_ms": Goal("ms"),
        "gui.links_scroll_repaint_with_connectors_median_ms": Goal("ms"),
        "gui.links_scroll_repaint_with_connectors_p99_ms": at_most("ms", 16),
        "gui.links_connectors_drawn_median": Goal("connectors"),
        "gui.cold_start_sample_corpus_to_shown_window_ms": at_most("ms", 800),
        "gui.cold_start_sample_corpus_in_process_to_shown_ms": Goal("ms"),
        "gui.cold_start_restoring_1mb_pane_to_shown_window_ms": Goal("ms"),
        "gui.cold_start_restoring_1mb_pane_in_process_to_shown_ms": Goal("ms"),
    },
    "bench_frozen": {  # #5
        "frozen.build_s": Goal("s"),
        "frozen.deb_mb": at_most("MB", 70),
        "frozen.tarball_mb": Goal("MB"),
        "frozen.installed_mb": Goal("MB"),
        "frozen.largest_mb.{file}": Goal("MB"),
        "frozen.cli_version_ms": Goal("ms"),
        "frozen.self_test_ms": Goal("ms"),
        "frozen.first_run_to_shown_window_ms": Goal("ms"),
        "frozen.start_to_shown_window_ms": at_most("ms", 1200),
        "frozen.start_to_shown_window_max_ms": Goal("ms"),
        "frozen.in_process_to_shown_window_ms": Goal("ms"),
    },
    "bench_search": {  # #12
        "{db}.corpus_size": Goal("MB"),
        "{db}.import_plain_without_index_per_s": Goal("articles/s"),
        "{db}.import_plain_with_index_per_s": Goal("articles/s"),
        "{db}.import_with_index_vs_without_percent": at_least("%", 80),
        "{db}.search_one_word_first50_median": at_most("ms", 20),
        "{db}.search_one_word_first50_p95": at_most("ms", 50),
        "{db}.search_two_words_first50_median": at_most("ms", 20),
        "{db}.search_two_words_first50_p95": at_most("ms", 50),
        "{db}.like_one_word_first50_median": Goal("ms"),
        "{db}.like_one_word_first50_p95": Goal("ms"),
        "{db}.like_two_words_first50_median": Goal("ms"),
        "{db}.like_two_words_first50_p95": Goal("ms"),
        "{db}.search_one_word_hits_median": Goal("hits"),
        "{db}.search_two_words_hits_median": Goal("hits"),
    },
    "bench_analysis": {  # #12
        "{db}.analysis_build_{n}_spans_s": Goal("s"),
        "{db}.stats_outlet_label_{n}_spans_ms": at_most("ms", 500),
        "{db}.stats_alignment_label_{n}_spans_ms": at_most("ms", 500),
        "{db}.stats_month_label_{n}_spans_ms": at_most("ms", 500),
        "{db}.stats_week_label_{n}_spans_ms": at_most("ms", 500),
        "{db}.stats_outlet_verification_{n}_spans_ms": at_most("ms", 500),
        "{db}.stats_actor_{n}_spans_ms": at_most("ms", 500),
        "{db}.stats_overview_{n}_spans_ms": Goal("ms"),
        "{db}.event_table_{n}_reports_ms": at_most("ms", 200),
        "{db}.event_tables_all_{n}_reports_ms": Goal("ms"),
    },
    "bench_crash": {  # #13: SIGKILLs of a process editing through the services
        "kills": at_least("kills", 100),
        "acknowledged_changes": Goal("changes"),
        "lost_changes": at_most("changes", 0),
        "in_flight_committed": Goal("kills"),
        "integrity_failures": at_most("kills", 0),
        "seconds_per_kill": Goal("s"),
    },
    "bench_backup": {  # #13: a backup never blocks an edit; the check before every open
        "backup_database_mb": Goal("MB"),
        "backup_seconds": Goal("s"),
        "backup_mb_per_s": Goal("MB/s"),
        "add_span_alone_p99_ms": Goal("ms"),
        "add_span_during_backup_p99_ms": at_most("ms", 50),
        "add_span_during_backup_max_ms": Goal("ms"),
        "spans_added_during_backup": Goal("spans"),
        "restore_seconds": Goal("s"),
        "diagnose_database_mb": Goal("MB"),
        "diagnose_ms": at_most("ms", 50),
    },
    "fuzz_stress": {  # #13
        "fuzz_cases": at_least("cases", 10_000),
        "fuzz_failures": at_most("cases", 0),
    },
}

# Span import and export figures, also shown as a share of bench_floor's ceiling of the run.
CEILINGS: dict[str, str] = {
    "sqlite.import_jsonl_{n}_spans_per_s": "floor.insert_rows_per_s",
    "sqlite.import_jsonl_{n}_spans_random_v4_ids_per_s": "floor.insert_rows_per_s",
    "sqlite.import.{fmt}_{n}_spans_per_s": "floor.insert_rows_per_s",
    "sqlite.export_jsonl_{n}_spans_per_s": "floor.fetch_rows_per_s",
    "sqlite.export.{fmt}_{n}_spans_per_s": "floor.fetch_rows_per_s",
}

_PARTS = {"{db}": "(?:sqlite|postgresql)", "{n}": r"\d+", "{fmt}": "[a-z0-9]+", "{file}": r"\S+"}


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    regex = re.escape(pattern)
    for part, sub in _PARTS.items():
        regex = regex.replace(re.escape(part), sub)
    return re.compile(regex)


def matches(pattern: str, name: str) -> bool:
    return _compiled(pattern).fullmatch(name) is not None


def lookup(table: dict, name: str):
    """The entry of ``table`` whose pattern matches ``name`` (the first one), or None."""
    return next((entry for pattern, entry in table.items() if matches(pattern, name)), None)


def goal_for(name: str) -> Goal | None:
    """The figure's entry, or None for a figure this table does not know."""
    return next(filter(None, (lookup(table, name) for table in GOALS.values())), None)


def missing_goals(bench: str, names: list[str]) -> list[tuple[str, Goal]]:
    """The goals of ``bench`` that none of the figures it printed (``names``) matches."""
    return [
        (pattern, goal)
        for pattern, goal in GOALS.get(bench, {}).items()
        if goal.direction is not None and not any(matches(pattern, n) for n in names)
    ]


def ceiling_for(name: str) -> str | None:
    """The bench_floor figure a span import or export figure is compared with, or None."""
    return lookup(CEILINGS, name)


def verdict(goal: Goal | None, value: float | None) -> str:
    """``pass`` or ``FAIL`` against the goal; ``–`` with no goal; ``missing`` with no value."""
    if goal is None or goal.direction is None:
        return "–"
    if value is None:
        return "missing"
    met = value <= goal.value if goal.direction == "<=" else value >= goal.value
    return "pass" if met else "FAIL"
