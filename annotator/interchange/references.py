"""Actor and event references in a span's attributes, as stored and as exported.

Stored (``annotation.attributes``, see ``services.references``), a reference is ``{"actor":
"<id>"}`` or ``{"event": "<id>"}``, at any depth below a field (a list of them, mostly). The
native format writes each one with what the registry knows, so that a line stands alone::

    {"actor": {"id": "<id>", "name": "Ministry of Defence", "kind": "state body",
               "side": "Armenia"}}
    {"event": {"id": "<id>", "name": "Shelling of Stepanakert", "date": "2031-03-12",
               "place": "Stepanakert"}}

``side`` (actors), ``date`` and ``place`` (events) are there when the registry has them. The
importer turns them back into stored references (and registry entries). One walker,
``map_references``, serves both directions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

KINDS = ("actor", "event")
# what a reference object carries besides its id, per kind, in the order written
ENTRY_KEYS = {"actor": ("name", "kind", "side"), "event": ("name", "date", "place")}


def is_reference(value: Any) -> str | None:
    """The kind of the reference ``value`` is (``{"actor": ...}`` alone), or None."""
    if type(value) is dict and len(value) == 1:
        (key,) = value
        if key in KINDS:
            return key
    return None


def map_references(
    attributes: dict[str, Any], convert: Callable[[str, Any, str], Any]
) -> dict[str, Any]:
    """``attributes`` with every reference ``{kind: x}`` below a field replaced by
    ``{kind: convert(kind, x, field)}`` (a new object; the other values as they are)."""

    def walk(value: Any, name: str) -> Any:
        kind = is_reference(value)
        if kind is not None:
            return {kind: convert(kind, value[kind], name)}
        if type(value) is list:
            return [walk(v, name) for v in value]
        if type(value) is dict:
            return {k: walk(v, name) for k, v in value.items()}
        return value

    return {name: walk(value, name) for name, value in attributes.items()}


def may_refer(attributes_json: str) -> bool:
    """Whether stored attributes (JSON text) may hold a reference: a cheap test on the text."""
    return '"actor"' in attributes_json or '"event"' in attributes_json
