"""A span's field values as short texts for people (W3C ``describing`` bodies)::

    Killed: 12–15 (best 12)          an estimate {"low": 12, "best": 12, "high": 15}
    Killed: at least 3               {"low": 3}
    Who: civilian                    a choice, a text, a date
    Denial: yes                      a yes/no
    Perpetrator: Army (Azerbaijan)   an actor reference, with the actor's side
    Event: Shelling (2031-03-11)     an event reference, with the event's date
    Perpetrator: Army; Navy          a list

The field's name is written as a label shows it without a title (``FieldSpec.label``);
values of other shapes are written as compact JSON.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..evidence.fields import ESTIMATE_PARTS, FieldSpec
from ..interchange.references import is_reference


def estimate_text(value: dict[str, Any]) -> str | None:
    """``12–15 (best 12)``, ``12``, ``at least 3``, ``at most 9``; None when not an estimate
    or empty."""
    if not value or not set(value) <= set(ESTIMATE_PARTS):
        return None
    low, best, high = (value.get(p) for p in ESTIMATE_PARTS)
    if low is not None and high is not None:
        bounds = str(low) if low == high else f"{low}–{high}"
    elif low is not None:
        bounds = f"at least {low}"
    elif high is not None:
        bounds = f"at most {high}"
    else:
        return None if best is None else str(best)
    return bounds if best is None or (low == high == best) else f"{bounds} (best {best})"


def value_text(value: Any) -> str:
    kind = is_reference(value)
    if kind is not None:
        entry = value[kind]
        if not isinstance(entry, dict):
            return str(entry)
        name = entry.get("name") or entry.get("id", "")
        extra = entry.get("side") if kind == "actor" else entry.get("date")
        return f"{name} ({extra})" if extra else name
    if value is True or value is False:
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "; ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        shown = estimate_text(value)
        if shown is not None:
            return shown
    return orjson.dumps(value).decode()


def field_texts(attributes: dict[str, Any]) -> list[str]:
    """One ``Name: value`` a field with a value, in the attributes' order."""
    out = []
    for name, value in attributes.items():
        empty_estimate = isinstance(value, dict) and set(value) <= set(ESTIMATE_PARTS)
        if (
            value is None
            or value in ([], "")
            or (empty_estimate and all(v is None for v in value.values()))
        ):
            continue
        out.append(f"{FieldSpec(name, 'text').label}: {value_text(value)}")
    return out
