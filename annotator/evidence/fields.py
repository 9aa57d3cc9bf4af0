"""Field schemas per label, and the values a span gives them (``annotation.attributes``).

A label's schema is a list of field specs, stored with the label (``label.fields``, JSON)::

    {"name": "killed", "kind": "estimate", "title": "Killed"}
    {"name": "who", "kind": "choice", "title": "Who", "choices": ["civilian", "military"]}

Kinds and the value each takes in a span's attributes:

==========  ======================================================================
text        a string
choice      one of ``choices`` (a string)
yesno       true or false
date        "YYYY-MM-DD"
estimate    {"low": int | null, "best": int | null, "high": int | null}, any part empty,
            0 <= low <= best <= high <= MAX_COUNT (UCDP GED's low / best / high estimates)
actor       {"actor": "<actor id>"} (a reference into the actors registry)
event       {"event": "<event id>"} (a reference into the events registry)
==========  ======================================================================

A field left out has no value. Attributes may hold other keys too (free attributes from
imports); only the label's fields are checked, but every value must be JSON that is stored and
read back as it is (``check_storable``: no integer past 64 bits, no NaN, no lone surrogate,
no nesting deeper than 254 levels, text keys). Checking is compiled with fastjsonschema (one
validator per schema, cached) plus the rules JSON Schema cannot say (the order of an
estimate, a real calendar date), and every refusal names the field and what to write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

import orjson

from ..errors import ValidationError
from ..text.figure_words import MAX_COUNT

KINDS = ("text", "choice", "yesno", "date", "estimate", "actor", "event")
ESTIMATE_PARTS = ("low", "best", "high")
NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str
    title: str = ""
    choices: tuple[str, ...] = ()
    hint: str = ""  # shown in an empty field, e.g. "the outlet itself"

    @property
    def label(self) -> str:
        return self.title or self.name.replace("_", " ").capitalize()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "kind": self.kind}
        if self.title:
            out["title"] = self.title
        if self.choices:
            out["choices"] = list(self.choices)
        if self.hint:
            out["hint"] = self.hint
        return out


@dataclass(frozen=True)
class Schema:
    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)

    def __iter__(self):
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def get(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    def to_json(self) -> list[dict[str, Any]]:
        return [f.to_json() for f in self.fields]


def parse_schema(value: Any, where: str = "fields") -> Schema:
    """A schema from its stored JSON (a list of field specs); refuses a malformed one."""
    if value is None:
        return Schema()
    if not isinstance(value, list):
        raise ValidationError(f"{where}: a list of fields, not {type(value).__name__}")
    specs, seen = [], set()
    for i, item in enumerate(value):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            raise ValidationError(f"{at}: a field is an object with a name and a kind")
        name, kind = item.get("name"), item.get("kind")
        if not isinstance(name, str) or not name or not set(name) <= NAME_CHARS:
            raise ValidationError(
                f"{at}: field name {name!r} must be lower-case letters, digits and _"
            )
        if name in seen:
            raise ValidationError(f"{at}: field {name!r} is there twice")
        seen.add(name)
        if kind not in KINDS:
            raise ValidationError(
                f"{at}: kind {kind!r} of field {name!r} is not one of {', '.join(KINDS)}"
            )
        choices = item.get("choices") or ()
        if kind == "choice":
            if (
                not choices
                or not isinstance(choices, (list, tuple))
                or not all(isinstance(c, str) and c for c in choices)
            ):
                raise ValidationError(f"{at}: choice field {name!r} needs a list of values")
            if len(set(choices)) != len(choices):
                raise ValidationError(f"{at}: choice field {name!r} lists a value twice")
        specs.append(
            FieldSpec(
                name=name,
                kind=kind,
                title=str(item.get("title") or ""),
                choices=tuple(choices) if kind == "choice" else (),
                hint=str(item.get("hint") or ""),
            )
        )
    return Schema(tuple(specs))


# -- checking values -----------------------------------------------------------------------
_NULLABLE_INT = {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_COUNT}
_REF = {"type": "string", "minLength": 1}


def _json_schema(schema: Schema) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for spec in schema:
        if spec.kind == "text":
            rule: dict[str, Any] = {"type": "string"}
        elif spec.kind == "choice":
            rule = {"enum": list(spec.choices)}
        elif spec.kind == "yesno":
            rule = {"type": "boolean"}
        elif spec.kind == "date":
            rule = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        elif spec.kind == "estimate":
            rule = {
                "type": "object",
                "properties": {part: _NULLABLE_INT for part in ESTIMATE_PARTS},
                "additionalProperties": False,
            }
        else:  # actor, event: one reference or a list of them
            one = {
                "type": "object",
                "properties": {spec.kind: _REF},
                "required": [spec.kind],
            }
            rule = {"anyOf": [one, {"type": "array", "items": one}]}
        properties[spec.name] = rule
    return {"type": "object", "properties": properties}


@lru_cache(maxsize=64)
def _validator(schema_json: bytes):
    import fastjsonschema

    return fastjsonschema.compile(_json_schema(parse_schema(orjson.loads(schema_json))))


def _why(spec: FieldSpec, value: Any) -> str:
    """What is wrong with ``value`` for ``spec``, in words."""
    if spec.kind == "text":
        return "must be text"
    if spec.kind == "choice":
        return f"{value!r} is not one of {', '.join(spec.choices)}"
    if spec.kind == "yesno":
        return "must be yes or no (true or false)"
    if spec.kind == "date":
        return f"{value!r} is not a date in the form YYYY-MM-DD"
    if spec.kind == "estimate":
        if not isinstance(value, dict):
            return "an estimate is an object with low, best and high (whole numbers, any empty)"
        for part in ESTIMATE_PARTS:
            v = value.get(part)
            if v is not None and (type(v) is not int or not 0 <= v <= MAX_COUNT):
                return f"{part} {v!r} must be a whole number from 0 to {MAX_COUNT:,}"
        extra = sorted(set(value) - set(ESTIMATE_PARTS))
        return f"unknown part {extra[0]!r} (an estimate has low, best and high)"
    return f"must refer to an {spec.kind}: {{'{spec.kind}': '<id>'}}"


def _unstorable(value: Any) -> str:
    """Why JSON cannot store ``value`` and give it back as it is, or "" when it can."""
    try:
        data = orjson.dumps(value)
    except TypeError as exc:
        why = str(exc)
        if "64-bit" in why:
            return "a whole number past 64 bits"
        if "surrogates" in why:
            return "a lone surrogate (half a character)"
        if "Recursion" in why:
            return "nesting deeper than 254 levels"
        return why[:1].lower() + why[1:]
    if b"null" in data and _non_finite(value):  # orjson writes NaN and infinity as null
        return "a number that is not finite (NaN or infinity)"
    return ""


def _non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return value != value or value in (float("inf"), float("-inf"))
    if isinstance(value, dict):
        return any(map(_non_finite, value.values()))
    if isinstance(value, (list, tuple)):
        return any(map(_non_finite, value))
    return False


def check_storable(value: Any, what: str) -> None:
    """Refuse a value (an attribute, a note) that JSON or the database cannot store and give
    back as it is; the message names ``what``."""
    why = _unstorable(value)
    if why:
        raise ValidationError(f"{what} cannot be stored: it holds {why}")


def check_attributes(schema: Schema, attributes: dict[str, Any], where: str = "") -> None:
    """Refuse attributes whose values do not fit ``schema``, naming the field and the fix."""
    prefix = f"{where}: " if where else ""
    if attributes and _unstorable(attributes):
        for name, value in attributes.items():
            if not isinstance(name, str):
                raise ValidationError(f"{prefix}attributes: the key {name!r} is not text")
            spec = schema.get(name)
            check_storable(value, f"{prefix}{spec.label if spec else name}")
    if not schema.fields or not attributes:
        return
    import fastjsonschema

    try:
        _validator(orjson.dumps(schema.to_json()))(attributes)
    except fastjsonschema.JsonSchemaValueException as exc:
        name = (exc.path[1] if len(exc.path) > 1 else None) if exc.path else None
        spec = schema.get(name) if isinstance(name, str) else None
        if spec is None:
            raise ValidationError(f"{prefix}attributes: {exc.message}") from None
        raise ValidationError(f"{prefix}{spec.label}: {_why(spec, attributes[name])}") from None
    for spec in schema:
        value = attributes.get(spec.name)
        if value is None:
            continue
        if spec.kind == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValidationError(
                    f"{prefix}{spec.label}: {value!r} is not a real date"
                ) from None
        elif spec.kind == "estimate":
            parts = [value.get(p) for p in ESTIMATE_PARTS]
            given = [(p, v) for p, v in zip(ESTIMATE_PARTS, parts, strict=True) if v is not None]
            for (p1, v1), (p2, v2) in pairwise(given):
                if v1 > v2:
                    raise ValidationError(
                        f"{prefix}{spec.label}: {p1} {v1} is more than {p2} {v2} "
                        "(low <= best <= high)"
                    )


# -- the default schemas of the four labels ------------------------------------------------
def _f(name: str, kind: str, title: str = "", choices=(), hint: str = "") -> dict[str, Any]:
    return FieldSpec(name, kind, title, tuple(choices), hint).to_json()


WHO = ("civilian", "military", "mixed", "unknown")
VERIFICATION = ("unverified", "confirmed", "disputed", "false")
DEFAULT_FIELDS: dict[str, list[dict[str, Any]]] = {
    "casualty_report": [
        _f("killed", "estimate", "Killed"),
        _f("wounded", "estimate", "Wounded"),
        _f("missing", "estimate", "Missing"),
        _f("captured", "estimate", "Captured"),
        _f("who", "choice", "Who was hit", WHO),
        _f("side_affected", "actor", "Side affected"),
        _f("perpetrator", "actor", "Alleged perpetrator"),
        _f("source", "actor", "Source of the figure", hint="the outlet itself"),
        _f("place", "text", "Place"),
        _f("date", "date", "Date"),
        _f("event", "event", "Event"),
    ],
    "statement": [
        _f("speaker", "actor", "Speaker"),
        _f("speaker_role", "text", "Speaker's role"),
        _f("event", "event", "Event"),
    ],
    "claim": [
        _f("claimant", "actor", "Claimant", hint="the outlet itself"),
        _f("verification", "choice", "Verification", VERIFICATION),
        _f("denial", "yesno", "Is a denial"),
        _f("event", "event", "Event"),
    ],
    "opinion": [_f("holder", "actor", "Holder", hint="the outlet itself")],
}
