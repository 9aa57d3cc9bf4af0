"""Spans that refer to actors and events, from their attributes.

**The convention.** A span's field values live in ``annotation.attributes`` (a JSON object:
field name -> value). A reference to an actor is the value ``{"actor": "<actor id>"}``, to an
event ``{"event": "<event id>"}``; a multi-valued field holds a list of such objects. They
may sit at any depth (a list in an object in a list). Rows are found with a ``LIKE`` on the
attributes' text for the id (ids are UUIDs: nothing to escape), then read in Python, on
SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session

from ..errors import ConflictError
from ..storage.models import Annotation, utcnow
from .annotations import to_record
from .records import AnnotationRecord

KINDS = ("actor", "event")


def _text_like(pattern: str):
    return cast(Annotation.attributes, Text).like(pattern)


def _refs(value: Any, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for kind in KINDS:
            ref = value.get(kind)
            if isinstance(ref, str):
                out.append((kind, ref))
        for item in value.values():
            if isinstance(item, dict | list):
                _refs(item, out)
    elif isinstance(value, list):
        for item in value:
            _refs(item, out)


def referenced_ids(attributes: Any) -> list[tuple[str, str]]:
    """Every (kind, id) a span's attributes refer to, in order, repeats included."""
    out: list[tuple[str, str]] = []
    for value in (attributes or {}).values():
        _refs(value, out)
    return out


def rewrite(value: Any, kind: str, old: str, new: str) -> Any:
    """``value`` with every ``{kind: old}`` reference made ``{kind: new}`` (a new object)."""
    if isinstance(value, dict):
        out = {k: rewrite(v, kind, old, new) for k, v in value.items()}
        if out.get(kind) == old:
            out[kind] = new
        return out
    if isinstance(value, list):
        return [rewrite(v, kind, old, new) for v in value]
    return value


def _candidates(session: Session, target_id: str) -> list[Annotation]:
    stmt = select(Annotation).where(_text_like(f"%{target_id}%")).order_by(Annotation.id)
    return list(session.scalars(stmt))


def references(session: Session, target_id: str, kind: str | None = None) -> int:
    """How many spans refer to the actor or event ``target_id`` (one span counts once)."""
    n = 0
    for row in _candidates(session, target_id):
        if any(i == target_id and kind in (None, k) for k, i in referenced_ids(row.attributes)):
            n += 1
    return n


def reference_counts(session: Session, kind: str) -> Counter[str]:
    """Spans per referred id of ``kind``, for every id at once (one scan)."""
    counts: Counter[str] = Counter()
    stmt = select(Annotation.attributes).where(_text_like(f'%"{kind}"%'))
    for attributes in session.scalars(stmt):
        counts.update({i for k, i in referenced_ids(attributes) if k == kind})
    return counts


def _record(row: Annotation) -> AnnotationRecord:
    return to_record(row)


def repoint(
    session: Session, kind: str, old: str, new: str
) -> tuple[list[tuple[AnnotationRecord, AnnotationRecord]], list[tuple[str, dict]]]:
    """Make every reference to ``old`` one to ``new``: the (before, after) span records and
    the (annotation id, attributes before) of every span changed."""
    pairs, repointed = [], []
    for row in _candidates(session, old):
        if not any(k == kind and i == old for k, i in referenced_ids(row.attributes)):
            continue
        before_attrs = dict(row.attributes or {})
        before = _record(row)
        row.attributes = rewrite(before_attrs, kind, old, new)
        row.updated = utcnow()
        session.flush()
        pairs.append((before, _record(row)))
        repointed.append((row.id, before_attrs))
    return pairs, repointed


def point_back(
    session: Session, kind: str, kept: str, gone: str, repointed
) -> list[tuple[AnnotationRecord, AnnotationRecord]]:
    """Undo :func:`repoint`: each span gets its attributes before back, if it still holds
    what the merge wrote (else someone changed it since: refused)."""
    pairs = []
    for annotation_id, before_attrs in repointed:
        row = session.get(Annotation, annotation_id)
        if row is None:
            raise ConflictError(f"span {annotation_id} was deleted since the merge; cannot undo")
        if dict(row.attributes or {}) != rewrite(before_attrs, kind, gone, kept):
            raise ConflictError(
                f"span {annotation_id} was changed since the merge; reload and try again"
            )
        before = _record(row)
        row.attributes = dict(before_attrs)
        row.updated = utcnow()
        session.flush()
        pairs.append((before, _record(row)))
    return pairs
