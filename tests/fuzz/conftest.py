"""Hypothesis profiles of the fuzz tests (``tests/fuzz``).

* ``fuzz-ci`` (the default): few examples a test, so that the whole folder runs in well under
  a minute in CI;
* ``stress``: ``HYPOTHESIS_PROFILE=stress`` runs many (``benchmarks/fuzz_stress.py`` runs it
  and prints the figures).

The profiles are applied per test (``helpers.fuzz``), not loaded globally, so the property
tests elsewhere keep their own settings. With ``FUZZ_COUNTS`` naming a file, the cases each
target ran are written to it as JSON when the session ends.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson
from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "derandomize": False,  # stress: new cases every run
    "print_blob": True,
}
# CI runs the same cases every time (a red run is reproducible, never a dice roll); the
# stress profile draws new ones
settings.register_profile("fuzz-ci", max_examples=25, **{**_COMMON, "derandomize": True})
settings.register_profile("stress", max_examples=800, **_COMMON)


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("FUZZ_COUNTS")
    if target:
        from .helpers import CASES

        failed = session.testsfailed
        Path(target).write_bytes(orjson.dumps({"cases": dict(CASES), "failed_tests": failed}))
