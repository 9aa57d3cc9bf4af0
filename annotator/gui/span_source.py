"""Loading a document's spans for the views, fast: ``AnnotationService.spans`` gives the light
rows (id, offsets, label, note, author, version) without quotes, attributes or timestamps."""

from __future__ import annotations

from .span_index import Span


def load_spans(workspace, document_id: str) -> list[Span]:
    return list(map(Span._make, workspace.annotations.spans(document_id)))
