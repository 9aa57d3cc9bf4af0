"""The label scheme: list, add, rename, recolour, reorder, assign keys, delete unused."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import ValidationError
from ..storage.models import Annotation, Label
from .changes import Change
from .records import LabelRecord
from .store import Store

# Okabe-Ito, a colour-blind-safe palette; new labels take the next unused colour.
PALETTE = ("#56B4E9", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#0072B2", "#F0E442", "#999999")
_KEY_RE = re.compile(r"^[^\s]{1,100}$")
_COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$")


def to_record(label: Label) -> LabelRecord:
    return LabelRecord(label.id, label.key, label.name, label.color, label.shortcut, label.position)


def label_by_key(session: Session, key: str) -> Label:
    label = session.scalar(select(Label).where(Label.key == key))
    if label is None:
        known = ", ".join(session.scalars(select(Label.key).order_by(Label.position)))
        raise ValidationError(f"unknown label {key!r} (labels: {known})")
    return label


def ensure_labels(session: Session, keys: set[str]) -> tuple[dict[str, int], list[str]]:
    """Ids of ``keys``, creating the missing labels (used by imports). Returns (ids, created)."""
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
            created.append(key)
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
    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self) -> list[LabelRecord]:
        with self._store.sessions() as session:
            labels = session.scalars(select(Label).order_by(Label.position, Label.id))
            return [to_record(label) for label in labels]

    def get(self, key: str) -> LabelRecord:
        with self._store.sessions() as session:
            return to_record(label_by_key(session, key))

    def add(
        self,
        key: str,
        name: str | None = None,
        color: str | None = None,
        shortcut: str | None = None,
    ) -> LabelRecord:
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
                name=name or key,
                color=color or _next_color(used),
                shortcut=shortcut,
                position=position,
            )
            session.add(label)
            session.flush()
            record = to_record(label)
        self._store.publish(Change(f"add label '{key}'", labels_changed=True))
        return record

    def update(
        self,
        key: str,
        *,
        new_key: str | None = None,
        name: str | None = None,
        color: str | None = None,
        shortcut: str | type[...] | None = ...,
    ) -> LabelRecord:
        """Rename (key and/or display name), recolour or re-key a label."""
        with self._store.transaction() as session:
            label = label_by_key(session, key)
            if new_key is not None and new_key != key:
                _check_key(new_key)
                if session.scalar(select(Label.id).where(Label.key == new_key)) is not None:
                    raise ValidationError(f"label {new_key!r} exists already")
                label.key = new_key
            if name is not None:
                if not name.strip():
                    raise ValidationError("a label needs a name")
                label.name = name.strip()
            if color is not None:
                _check_color(color)
                label.color = color
            if shortcut is not ...:
                self._free_shortcut(session, shortcut, label.id)
                label.shortcut = shortcut
            session.flush()
            record = to_record(label)
        self._store.publish(Change(f"edit label '{record.key}'", labels_changed=True))
        return record

    def reorder(self, keys: list[str]) -> list[LabelRecord]:
        with self._store.transaction() as session:
            labels = {lb.key: lb for lb in session.scalars(select(Label))}
            if sorted(keys) != sorted(labels):
                raise ValidationError("reorder needs every label key exactly once")
            for position, key in enumerate(keys):
                labels[key].position = position
        self._store.publish(Change("reorder labels", labels_changed=True))
        return self.list()

    def delete(self, key: str) -> None:
        with self._store.transaction() as session:
            label = label_by_key(session, key)
            used = session.scalar(
                select(func.count()).select_from(Annotation).where(Annotation.label_id == label.id)
            )
            if used:
                raise ValidationError(
                    f"label {key!r} is used by {used} annotation(s); retag or delete them first"
                )
            session.delete(label)
        self._store.publish(Change(f"delete label '{key}'", labels_changed=True))

    @staticmethod
    def _free_shortcut(session: Session, shortcut: str | None, own_id: int | None) -> None:
        if shortcut is None:
            return
        if len(shortcut) == 0 or len(shortcut) > 20:
            raise ValidationError(f"shortcut {shortcut!r} is not a key")
        holder = session.scalar(select(Label).where(Label.shortcut == shortcut))
        if holder is not None and holder.id != own_id:
            raise ValidationError(f"key {shortcut!r} is taken by label {holder.key!r}")
