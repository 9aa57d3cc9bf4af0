"""Field values proposed for a new span from its own text (the user accepts them with Enter):
for a casualty report, the figures ``text.figures`` reads (killed, wounded, missing,
captured as low / best / high, and who was hit)."""

from __future__ import annotations

from typing import Any

from ..text.figure_words import MAX_COUNT

CATEGORIES = ("killed", "wounded", "missing", "captured")


def proposed_values(label_key: str, quote: str) -> dict[str, Any]:
    """Values for the fields of a ``label_key`` span quoting ``quote`` (may be empty)."""
    if label_key != "casualty_report" or not quote.strip():
        return {}
    from ..text.figures import propose

    proposal = propose(quote)
    out: dict[str, Any] = {}
    for category in CATEGORIES:
        estimate = getattr(proposal, category)
        parts = {"low": estimate.low, "best": estimate.best, "high": estimate.high}
        given = [v for v in parts.values() if v is not None]
        if given and max(given) <= MAX_COUNT:  # a sum of huge figures is no count
            out[category] = parts
    if proposal.who:
        out["who"] = proposal.who
    return out
