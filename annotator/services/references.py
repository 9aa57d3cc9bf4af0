"""Spans that refer to actors and events, from their attributes.

**The convention.** A span's field values live in ``annotation.attributes`` (a JSON object:
field name -> value). A reference to an actor is the value ``{"actor": "<actor id>"}``, to an
event ``{"event": "<event id>"}``; a multi-valued field holds a list of such objects. They
may sit at any depth (a list in an object in a list). Rows are found with a ``LIKE`` on the
attributes' text for the id (ids are UUIDs: nothing to escape), then read in Python, on
SQLite and PostgreSQL alike.

A merge re-points references (:func:`repoint`, undone by :func:`point_back`); deleting a
record that spans name takes the references out (:func:`unreference`, undone by
:func:`refer_again`). Both keep each span's attributes before, as (annotation id, attributes)
pairs, and the undo refuses a span changed since.
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


def _rewrite_all(session: Session, kind: str, target: str, make):
    pairs, saved = [], []
    for row in _candidates(session, target):
        if not any(k == kind and i == target for k, i in referenced_ids(row.attributes)):
            continue
        before_attrs = dict(row.attributes or {})
        before = _record(row)
        row.attributes = make(before_attrs)
        row.updated = utcnow()
        session.flush()
        pairs.append((before, _record(row)))
        saved.append((row.id, before_attrs))
    return pairs, saved


def repoint(
    session: Session, kind: str, old: str, new: str
) -> tuple[list[tuple[AnnotationRecord, AnnotationRecord]], list[tuple[str, dict]]]:
    """Make every reference to ``old`` one to ``new``: the (before, after) span records and
    the (annotation id, attributes before) of every span changed."""
    return _rewrite_all(session, kind, old, lambda attrs: rewrite(attrs, kind, old, new))


_GONE = object()


def _drop(value: Any, kind: str, target: str) -> Any:
    """``value`` without the references to ``target`` (``_GONE`` when it is one itself)."""
    if isinstance(value, dict):
        if value.get(kind) == target:
            return _GONE
        out = {k: _drop(v, kind, target) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not _GONE}
    if isinstance(value, list):
        return [v for v in (_drop(item, kind, target) for item in value) if v is not _GONE]
    return value


def without(attributes: dict, kind: str, target: str) -> dict:
    """A span's attributes with every ``{kind: target}`` reference taken out: a field whose
    value is the reference goes, a list loses the item (a new object)."""
    return _drop(dict(attributes or {}), kind, target)


def unreference(
    session: Session, kind: str, target: str
) -> tuple[list[tuple[AnnotationRecord, AnnotationRecord]], list[tuple[str, dict]]]:
    """Take every reference to ``target`` out of the spans' attributes (see :func:`without`):
    the (before, after) span records and the (annotation id, attributes before) of each."""
    return _rewrite_all(session, kind, target, lambda attrs: without(attrs, kind, target))


def put_back(
    session: Session, saved, expected, what: str
) -> list[tuple[AnnotationRecord, AnnotationRecord]]:
    """Give each span of ``saved`` ((annotation id, attributes before) pairs) its attributes
    before back, if it still holds ``expected(attributes before)`` (what the command wrote;
    else someone changed it since: refused, naming ``what`` the command was)."""
    pairs = []
    for annotation_id, before_attrs in saved:
        row = session.get(Annotation, annotation_id)
        if row is None:
            raise ConflictError(f"span {annotation_id} was deleted since the {what}; cannot undo")
        if dict(row.attributes or {}) != expected(before_attrs):
            raise ConflictError(
                f"span {annotation_id} was changed since the {what}; reload and try again"
            )
        before = _record(row)
        row.attributes = dict(before_attrs)
        row.updated = utcnow()
        session.flush()
        pairs.append((before, _record(row)))
    return pairs


def point_back(
    session: Session, kind: str, kept: str, gone: str, repointed
) -> list[tuple[AnnotationRecord, AnnotationRecord]]:
    """Undo :func:`repoint`: each span gets its attributes before back, if it still holds
    what the merge wrote (else someone changed it since: refused)."""
    return put_back(session, repointed, lambda attrs: rewrite(attrs, kind, gone, kept), "merge")


def refer_again(
    session: Session, kind: str, target: str, taken
) -> list[tuple[AnnotationRecord, AnnotationRecord]]:
    """Undo :func:`unreference`: each span gets its attributes before back, if it still holds
    what the deletion left (else refused)."""
    return put_back(session, taken, lambda attrs: without(attrs, kind, target), "deletion")
