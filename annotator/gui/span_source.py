"""Loading a document's spans for the views, fast.

``AnnotationService.list`` builds full records (timestamps, attributes, quote): about 0.4 s for
10,000 spans, too slow for opening a document in 150 ms. The views need only id, offsets,
label, note, author and version. When the core offers ``AnnotationService.spans`` (requested,
see the GUI report) it is used; until then a read-only column query does the same job.
"""

from __future__ import annotations

from .span_index import Span


def load_spans(workspace, document_id: str) -> list[Span]:
    service = workspace.annotations
    fast = getattr(service, "spans", None)
    if fast is not None:
        return [
            Span(r.id, r.start, r.end, r.label, r.note or "", r.author, r.version)
            for r in fast(document_id)
        ]
    return _load_columns(workspace, document_id)


def _load_columns(workspace, document_id: str) -> list[Span]:
    # Stopgap until the core has AnnotationService.spans(): same rows, no ORM objects.
    from sqlalchemy import func, select

    from ..storage.models import Annotation, Label

    stmt = (
        select(
            Annotation.id,
            Annotation.start,
            Annotation.end,
            Label.key,
            func.coalesce(Annotation.note, ""),
            Annotation.author,
            Annotation.version,
        )
        .join(Label, Annotation.label_id == Label.id)
        .where(Annotation.document_id == document_id)
        .order_by(Annotation.start, Annotation.end, Annotation.id)
    )
    make = Span._make
    with workspace.engine.connect() as connection:
        return [make(row) for row in connection.execute(stmt).all()]
