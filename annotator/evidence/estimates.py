"""How an estimate (low / best / high, any part missing) reads: the one text for tables,
charts and the command line."""

from __future__ import annotations


def estimate_text(low: int | None, best: int | None, high: int | None) -> str:
    """``"9"``, ``"12 (9–14)"``, ``"9–14"`` (no best), ``"≥ 12"`` / ``"≤ 14"`` (open), and
    ``"12 (≥ 9)"`` / ``"12 (≤ 14)"`` for a best with one bound; ``""`` when all are missing."""
    if low is not None and high is not None:
        if low == high:
            return str(low if best is None else best)
        rng = f"{low}–{high}"
        return rng if best is None else f"{best} ({rng})"
    if best is not None:
        if low is not None:
            return f"{best} (≥ {low})"
        return f"{best} (≤ {high})" if high is not None else str(best)
    if low is not None:
        return f"≥ {low}"
    return f"≤ {high}" if high is not None else ""
