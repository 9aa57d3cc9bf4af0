"""Label Studio tasks (a JSON array, one task a line), for a ``<Text>`` + ``<Labels>`` project.

::

    [
    {"data": {"text": "...", "document_id", "title", "outlet", ...},
     "annotations": [{"result": [{"id", "from_name": "label", "to_name": "text",
                                  "type": "labels", "origin": "manual",
                                  "value": {"start", "end", "text", "labels": ["claim"]},
                                  "meta": {"text": ["the span's note"]}}],
                      "completed_by": {"email": "ana@example.org"}, "was_cancelled": false,
                      "ground_truth": false}]},
    ...
    ]

Offsets are **code points**: current Label Studio stores ``value.start/end`` of the ``<Text>``
tag as code-point offsets (its frontend test ``web/libs/editor/tests/integration/e2e/ner/
emoji.cy.ts`` expects 21 for "test" in "🐱 Warning: This is a test text", where UTF-16 would
give 22; fixed by label-studio-frontend PR #308). Versions of 2021 counted UTF-16 units
(label-studio issue #1347); the importer reads both (see ``importing.labelstudio``).

One annotation per span author; a span's note is the region's meta text, as Label Studio's
region "Meta" field stores it. The names match the labeling config given in the README
(``<Labels name="label" toName="text">``).

The author: Label Studio keeps an annotation's author as ``completed_by``, a user, and on
import reads it in ``label_studio/tasks/serializers.py``, ``BaseTaskSerializerBulk.create`` ->
``_insert_valid_completed_by``: no ``completed_by`` gives the annotation to the importing
user; ``{"email": ...}`` gives it to the member of the project's organization with that email
(the map is ``organization.members.values_list('user__email', 'user__id')``); an ``int`` is a
user id of that server. Its ``created_username`` is only written (a read-only field derived from
``completed_by``) and is ignored on import. So an author that is an email address is written
as ``"completed_by": {"email": author}`` and maps to that account. Any other author has no
account to map to: such an annotation has no ``completed_by`` (Label Studio gives it to the
importer) and keeps the name as ``created_username`` for Annotator's own importer, since a
``completed_by`` email that is no member fails the whole import in Label Studio versions
that check strictly (``Unknown annotator's email``, unless the server sets
``ALLOW_IMPORT_TASKS_WITH_UNKNOWN_EMAILS``; newer ones give it to the importer instead).
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from .writer import StreamWriter, document_fields

FROM_NAME = "label"
TO_NAME = "text"
# an email address, as far as an author name can look like one (one "@", no whitespace)
EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def author_fields(author: str | None) -> dict[str, Any]:
    """Where a span author goes in a Label Studio annotation (see the module's notes)."""
    if author is None:
        return {}
    if EMAIL.fullmatch(author):
        return {"completed_by": {"email": author}}
    return {"created_username": author}


class LabelStudioWriter(StreamWriter):
    def __init__(self, out, options) -> None:
        super().__init__(out, options)
        self._first = True
        out.write(b"[\n")

    def write(self, record: dict[str, Any]) -> int:
        data = {"text": record["text"], **document_fields(record)}
        by_author: dict[str | None, list[dict[str, Any]]] = {}
        for span in record["spans"]:
            result: dict[str, Any] = {
                "id": span["id"],
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "origin": "manual",
                "value": {
                    "start": span["start"],
                    "end": span["end"],
                    "text": span["text"],
                    "labels": [span["label"]],
                },
            }
            if span["note"]:
                result["meta"] = {"text": [span["note"]]}
            by_author.setdefault(span["author"], []).append(result)
        annotations = []
        for author, results in by_author.items():
            annotation: dict[str, Any] = {"result": results, **author_fields(author)}
            annotation["was_cancelled"] = False
            annotation["ground_truth"] = False
            annotations.append(annotation)
        task = {"data": data, "annotations": annotations}
        if not self._first:
            self.out.write(b",\n")
        self._first = False
        self.out.write(orjson.dumps(task))
        return len(record["spans"])

    def close(self) -> None:
        self.out.write(b"\n]\n" if not self._first else b"]\n")
