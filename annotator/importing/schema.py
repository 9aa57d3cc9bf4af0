"""The JSON Schema of the native format (``resources/schema/annotator.v1.schema.json``).

The importer checks every native line against the schema, compiled to Python by
``fastjsonschema``, in two parts, for speed:

* the **document** (everything but the span items: schema, id, title, text, meta...) with
  the compiled schema, on every line: a few microseconds a line;
* the **spans** with the column-wise checks of ``importing.spans``, which implement the span
  part of the schema (and the rules across fields it cannot express) at about ten times the
  speed of a compiled validator; ``tests/interchange/test_schema.py`` checks that both
  accept and refuse the same spans.

``check_record`` runs the whole schema on one record (tests, tools).
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import fastjsonschema
import orjson

from annotator.interchange.native import SCHEMA_FILE
from annotator.storage.paths import bundled_path


def schema_path():
    return bundled_path("resources") / "schema" / SCHEMA_FILE


@cache
def native_schema() -> dict[str, Any]:
    return orjson.loads(schema_path().read_bytes())


@cache
def _validator(part: str):
    schema = native_schema()
    if part == "document":
        schema = copy.deepcopy(schema)
        schema["properties"]["spans"] = {"type": ["array", "null"]}
    return fastjsonschema.compile(schema)


def _message(exc: fastjsonschema.JsonSchemaValueException) -> str:
    where = exc.name.removeprefix("data").lstrip(".") or "the record"
    rule = exc.message.removeprefix(exc.name).strip()
    return f"{where}: {rule} (schema annotator.v1)"


def _problem(which: str, record: Any) -> str:
    try:
        _validator(which)(record)
    except fastjsonschema.JsonSchemaValueException as exc:
        return _message(exc)
    return ""


def check_document(record: Any) -> str:
    """Why ``record`` breaks the schema outside its span items, or "" when it does not."""
    return _problem("document", record)


def check_record(record: Any) -> str:
    """Why ``record`` breaks the schema (spans included), or "" when it does not."""
    return _problem("full", record)
