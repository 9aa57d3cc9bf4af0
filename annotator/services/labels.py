"""The label scheme: list, add, rename, recolour, reorder, assign keys, delete unused."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import NotFoundError, ValidationError
from ..evidence.fields import Schema, parse_schema
from ..storage.models import Annotation, Label
from .changes import Change
from .records import LabelRecord
from .store import Store

# Okabe-Ito, a colour-blind-safe palette; new labels take the next unused colour.
PALETTE = ("#56B4E9", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#0072B2", "#F0E442", "#999999")
_KEY_RE = re.compile(r"^[^\s]{1,100}$")
_COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$")


def to_record(label: Label) -> LabelRecord:
    return LabelRecord(
        label.id,
        label.key,
        label.name,
        label.color,
        label.shortcut,
        label.position,
        parse_schema(label.fields),
    )


def label_by_key(session: Session, key: str) -> Label:
    label = session.scalar(select(Label).where(Label.key == key))
    if label is None:
        known = ", ".join(session.scalars(select(Label.key).order_by(Label.position)))
        raise ValidationError(f"unknown label {key!r} (labels: {known})")
    return label


def find_label(session: Session, label: str | int) -> Label:
    """A label by key (str) or by id (int): undo records hold ids, because keys change."""
    if isinstance(label, int) and not isinstance(label, bool):
        row = session.get(Label, label)
        if row is None:
            raise NotFoundError(f"no label with id {label} (it was deleted)")
        return row
    return label_by_key(session, label)


def ensure_labels(session: Session, keys: set[str]) -> tuple[dict[str, int], list[LabelRecord]]:
    """Ids of ``keys``, creating the missing labels (used by imports). Returns (ids, the
    records of the labels it created)."""
    existing = {k: i for k, i in session.execute(select(Label.key, Label.id))}
    created = []
    missing = sorted(keys - existing.keys())
    if missing:
        position = session.scalar(select(func.coalesce(func.max(Label.position), -1))) + 1
        used = set(session.scalars(select(Label.color)))
        for key in missing:
            _check_key(key)
            label = Label(
                key=key,
                name=key.replace("_", " ").capitalize(),
                color=_next_color(used),
                shortcut=None,
                position=position,
            )
            used.add(label.color)
            position += 1
            session.add(label)
            session.flush()
            existing[key] = label.id
            created.append(to_record(label))
    return existing, created


def _next_color(used: set[str]) -> str:
    for color in PALETTE:
        if color not in used:
            return color
    return PALETTE[len(used) % len(PALETTE)]


def _check_key(key: str) -> None:
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise ValidationError(f"label key {key!r} must be 1-100 characters without spaces")


def _check_color(color: str) -> None:
    if not _COLOR_RE.match(color):
        raise ValidationError(f"colour {color!r} must look like #RRGGBB")


class LabelService:
    """Every command returns the :class:`Change` it published (records before and after), so
    the GUI can undo it; commands take a label by key or by id."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self) -> list[LabelRecord]:
        with self._store.sessions() as session:
            labels = session.scalars(select(Label).order_by(Label.position, Label.id))
            return [to_record(label) for label in labels]

    def get(self, label: str | int) -> LabelRecord:
        with self._store.sessions() as session:
            return to_record(find_label(session, label))

    def add(
        self,
        key: str,
        name: str | None = None,
        color: str | None = None,
        shortcut: str | None = None,
    ) -> Change:
        """A new label at the end of the scheme; ``change.labels_added[0]`` is its record."""
        _check_key(key)
        with self._store.transaction() as session:
            if session.scalar(select(Label.id).where(Label.key == key)) is not None:
                raise ValidationError(f"label {key!r} exists already")
            used = set(session.scalars(select(Label.color)))
            if color is not None:
                _check_color(color)
            self._free_shortcut(session, shortcut, None)
            position = session.scalar(select(func.coalesce(func.max(Label.position), -1))) + 1
            label = Label(
                key=key,
                name=(name or key).strip() or key,
                color=color or _next_color(used),
                shortcut=shortcut,
                position=position,
            )
            session.add(label)
            session.flush()
            record = to_record(label)
        return self._store.publish(Change(f"add label '{record.name}'", labels_added=(record,)))

    def restore(self, record: LabelRecord) -> Change:
        """Put back a deleted label exactly as it was (same id, key, place): undo of delete,
        redo of add. Labels at or after its place move down one."""
        with self._store.transaction() as session:
            if session.get(Label, record.id) is not None:
                raise ValidationError(f"label id {record.id} exists already")
            if session.scalar(select(Label.id).where(Label.key == record.key)) is not None:
                raise ValidationError(f"label {record.key!r} exists already")
            self._free_shortcut(session, record.shortcut, None)
            moved = []
            for other in session.scalars(
                select(Label).where(Label.position >= record.position).order_by(Label.position)
            ):
                before = to_record(other)
                other.position += 1
                moved.append(before)
            session.flush()
            label = Label(
                id=record.id,
                key=record.key,
                name=record.name,
                color=record.color,
                shortcut=record.shortcut,
                position=record.position,
                fields=record.fields.to_json() or None,
            )
            session.add(label)
            session.flush()
            restored = to_record(label)
            updated = tuple((before, to_record(session.get(Label, before.id))) for before in moved)
        return self._store.publish(
            Change(
                f"restore label '{record.name}'", labels_added=(restored,), labels_updated=updated
            )
        )

    def update(
        self,
        label: str | int,
        *,
        new_key: str | None = None,
        name: str | None = None,
        color: str | None = None,
        shortcut: str | type[...] | None = ...,
        fields: list[dict[str, Any]] | Schema | None = None,
    ) -> Change:
        """Rename (key and/or display name), recolour or re-key a label, or set its field
        schema (a list of field specs, see ``annotator.evidence.fields``)."""
        if fields is not None and not isinstance(fields, Schema):
            fields = parse_schema(fields)
        with self._store.transaction() as session:
            row = find_label(session, label)
            before = to_record(row)
            if new_key is not None and new_key != row.key:
                _check_key(new_key)
                if session.scalar(select(Label.id).where(Label.key == new_key)) is not None:
                    raise ValidationError(f"label {new_key!r} exists already")
                row.key = new_key
            if name is not None:
                if not name.strip():
                    raise ValidationError("a label needs a name")
                row.name = name.strip()
            if color is not None:
                _check_color(color)
                row.color = color
            if shortcut is not ...:
                self._free_shortcut(session, shortcut, row.id)
                row.shortcut = shortcut
            if fields is not None:
                row.fields = fields.to_json() or None
            session.flush()
            after = to_record(row)
        if after == before:
            return Change(f"edit label '{after.name}'")
        return self._store.publish(
            Change(f"edit label '{after.name}'", labels_updated=((before, after),))
        )

    def reorder(self, labels: list[str] | list[int]) -> Change:
        """Put the labels in this order (every label once, by key or by id)."""
        with self._store.transaction() as session:
            rows = list(session.scalars(select(Label)))
            by_ref = {(r.id if labels and isinstance(labels[0], int) else r.key): r for r in rows}
            if sorted(map(str, labels)) != sorted(map(str, by_ref)):
                raise ValidationError("reorder needs every label exactly once")
            pairs = []
            for position, ref in enumerate(labels):
                row = by_ref[ref]
                if row.position != position:
                    before = to_record(row)
                    row.position = position
                    pairs.append((before, to_record(row)))
        return self._store.publish(Change("reorder labels", labels_updated=tuple(pairs)))

    def delete(self, label: str | int) -> Change:
        """Delete a label no span uses; ``change.labels_removed[0]`` restores it."""
        with self._store.transaction() as session:
            row = find_label(session, label)
            used = session.scalar(
                select(func.count()).select_from(Annotation).where(Annotation.label_id == row.id)
            )
            if used:
                raise ValidationError(
                    f"label {row.key!r} is used by {used} annotation(s); retag or delete them first"
                )
            record = to_record(row)
            session.delete(row)
        return self._store.publish(
            Change(f"delete label '{record.name}'", labels_removed=(record,))
        )

    @staticmethod
    def _free_shortcut(session: Session, shortcut: str | None, own_id: int | None) -> None:
        if shortcut is None:
            return
        if len(shortcut) == 0 or len(shortcut) > 20:
            raise ValidationError(f"shortcut {shortcut!r} is not a key")
        holder = session.scalar(select(Label).where(Label.shortcut == shortcut))
        if holder is not None and holder.id != own_id:
            raise ValidationError(f"key {shortcut!r} is taken by label {holder.key!r}")
