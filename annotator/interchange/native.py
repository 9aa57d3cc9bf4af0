"""The native format's name (the ``schema`` key of every line) and its JSON Schema file."""

from __future__ import annotations

SCHEMA = "annotator.v1"
SCHEMA_FILE = f"{SCHEMA}.schema.json"  # in resources/schema/
