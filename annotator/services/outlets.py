"""Outlets as a list the user keeps: add, rename, set country and alignment, merge, delete;
and the user's list of alignments (pro-Armenian, pro-Azerbaijani, neutral, state, ...).

**Normalisation.** Two names are the same outlet when their *normalised names*
(:func:`outlet_key`) are equal: the name in Unicode NFKC form, case-folded, with only its
letters, digits and combining marks kept (spaces, punctuation, hyphens and symbols dropped).
So "South Front", "SouthFront", "south front" and "South-Front" are one outlet; "Haqqin.az"
and "Haqqin" are two; accents count ("Azərbaycan" is not "Azerbaycan"). A name with no letter
or digit at all keeps its case-folded text. Names are stored as given, with runs of whitespace
made one space. Imports and ``documents.update(outlet="...")`` match an outlet by this key
and create one when there is none, so imported spellings never multiply the list.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from ..errors import NotFoundError, ValidationError
from ..storage.models import Alignment, Document, Outlet
from .changes import Change
from .records import AlignmentRecord, OutletRecord
from .store import Store

NAME_SIZE = 300
COUNTRY_SIZE = 100
ALIGNMENT_SIZE = 100
_UNSET: Any = object()


def clean_outlet_name(name: str) -> str:
    """The name as stored: whitespace runs made one space, no leading or trailing space."""
    return " ".join(str(name).split())


def outlet_key(name: str) -> str:
    """The normalised name (see the module's docstring). Migration 0004 holds a frozen copy."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    key = "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LNM")
    return key or " ".join(folded.split())


def _check_name(name: Any, what: str = "an outlet", size: int = NAME_SIZE) -> str:
    if not isinstance(name, str):
        raise ValidationError(f"the name of {what} must be text, not {type(name).__name__}")
    clean = clean_outlet_name(name)
    if not clean:
        raise ValidationError(f"{what} needs a name")
    if len(clean) > size:
        raise ValidationError(f"the name of {what} is longer than {size} characters")
    return clean


def _check_country(country: Any) -> str | None:
    if country is None:
        return None
    if not isinstance(country, str):
        raise ValidationError(f"country must be text, not {type(country).__name__}")
    clean = " ".join(country.split())
    if len(clean) > COUNTRY_SIZE:
        raise ValidationError(f"country is longer than {COUNTRY_SIZE} characters")
    return clean or None


def outlet_records(session: Session, ids: Iterable[int] | None = None) -> list[OutletRecord]:
    """Outlets with their alignment names and document counts, sorted by name (case-folded)."""
    counts = (
        select(Document.outlet_id.label("oid"), func.count().label("n"))
        .where(Document.outlet_id.is_not(None))
        .group_by(Document.outlet_id)
        .subquery()
    )
    stmt = (
        select(Outlet, Alignment.name, func.coalesce(counts.c.n, 0))
        .outerjoin(Alignment, Alignment.id == Outlet.alignment_id)
        .outerjoin(counts, counts.c.oid == Outlet.id)
    )
    if ids is not None:
        stmt = stmt.where(Outlet.id.in_(list(ids)))
    rows = [
        OutletRecord(o.id, o.name, o.country, alignment, o.alignment_id, n)
        for o, alignment, n in session.execute(stmt)
    ]
    return sorted(rows, key=lambda r: (r.name.casefold(), r.name))


def _record(session: Session, outlet_id: int) -> OutletRecord:
    found = outlet_records(session, [outlet_id])
    if not found:
        raise NotFoundError(f"no outlet with id {outlet_id}")
    return found[0]


def find_outlet(session: Session, outlet: str | int) -> Outlet:
    """An outlet by id (int) or by name (str, matched by normalised name)."""
    if isinstance(outlet, int) and not isinstance(outlet, bool):
        row = session.get(Outlet, outlet)
        if row is None:
            raise NotFoundError(f"no outlet with id {outlet}")
        return row
    if not isinstance(outlet, str):
        raise ValidationError(f"an outlet is a name or an id, not {type(outlet).__name__}")
    row = session.scalar(select(Outlet).where(Outlet.norm == outlet_key(clean_outlet_name(outlet))))
    if row is None:
        raise NotFoundError(f"no outlet named {outlet!r} (see `annotator outlets list`)")
    return row


def outlet_for_name(session: Session, name: str) -> tuple[int, OutletRecord | None]:
    """The id of the outlet called ``name`` (by normalised name), created when there is none;
    with the new outlet's record when it was created."""
    clean = _check_name(name)
    key = outlet_key(clean)
    found = session.scalar(select(Outlet.id).where(Outlet.norm == key))
    if found is not None:
        return found, None
    new_id = session.execute(insert(Outlet).values(name=clean, norm=key)).inserted_primary_key[0]
    return new_id, OutletRecord(new_id, clean, None, None, None, 0)


def find_alignment(session: Session, alignment: str | int) -> Alignment:
    if isinstance(alignment, int) and not isinstance(alignment, bool):
        row = session.get(Alignment, alignment)
    else:
        row = session.scalar(
            select(Alignment).where(func.lower(Alignment.name) == str(alignment).strip().lower())
        )
    if row is None:
        known = ", ".join(session.scalars(select(Alignment.name).order_by(Alignment.position)))
        raise ValidationError(f"unknown alignment {alignment!r} (alignments: {known or 'none'})")
    return row


def _alignment_record(row: Alignment) -> AlignmentRecord:
    return AlignmentRecord(row.id, row.name, row.position)


class OutletService:
    """Every command runs in one transaction and returns the :class:`Change` it published;
    commands take an outlet by id or by name (matched by normalised name)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- queries -------------------------------------------------------------------------------
    def list(self) -> list[OutletRecord]:
        """Every outlet, with how many documents refer to it, sorted by name."""
        with self._store.sessions() as session:
            return outlet_records(session)

    def get(self, outlet: str | int) -> OutletRecord:
        with self._store.sessions() as session:
            return _record(session, find_outlet(session, outlet).id)

    def find(self, name: str) -> OutletRecord | None:
        """The outlet a name would be matched to (by normalised name), if there is one."""
        if not isinstance(name, str) or not clean_outlet_name(name):
            return None
        try:
            return self.get(name)
        except NotFoundError:
            return None

    def alignments(self) -> list[AlignmentRecord]:
        with self._store.sessions() as session:
            rows = session.scalars(select(Alignment).order_by(Alignment.position, Alignment.id))
            return [_alignment_record(r) for r in rows]

    # -- outlets -------------------------------------------------------------------------------
    def add(
        self, name: str, *, country: str | None = None, alignment: str | int | None = None
    ) -> Change:
        """A new outlet; ``change.outlets_added[0]`` is its record."""
        clean = _check_name(name)
        country = _check_country(country)
        with self._store.transaction() as session:
            self._refuse_taken(session, clean, None)
            alignment_id = find_alignment(session, alignment).id if alignment is not None else None
            row = Outlet(name=clean, norm=outlet_key(clean), country=country)
            row.alignment_id = alignment_id
            session.add(row)
            session.flush()
            record = _record(session, row.id)
        return self._store.publish(Change(f"add outlet '{clean}'", outlets_added=(record,)))

    def update(
        self,
        outlet: str | int,
        *,
        name: str | None = None,
        country: str | None = _UNSET,
        alignment: str | int | None = _UNSET,
    ) -> Change:
        """Rename the outlet, or set its country or alignment (None clears them)."""
        if country is not _UNSET:
            country = _check_country(country)
        with self._store.transaction() as session:
            row = find_outlet(session, outlet)
            before = _record(session, row.id)
            if name is not None:
                clean = _check_name(name)
                self._refuse_taken(session, clean, row.id)
                row.name, row.norm = clean, outlet_key(clean)
            if country is not _UNSET:
                row.country = country
            if alignment is not _UNSET:
                row.alignment_id = (
                    find_alignment(session, alignment).id if alignment is not None else None
                )
            session.flush()
            after = _record(session, row.id)
        if after == before:
            return Change(f"edit outlet '{after.name}'")
        what = (
            f"rename outlet '{before.name}' to '{after.name}'"
            if after.name != before.name
            else f"edit outlet '{after.name}'"
        )
        return self._store.publish(Change(what, outlets_updated=((before, after),)))

    def rename(self, outlet: str | int, name: str) -> Change:
        return self.update(outlet, name=name)

    def merge(self, sources: Iterable[str | int], into: str | int) -> Change:
        """Merge outlets into one: their documents refer to ``into`` from now on, and they go.
        The change names every document re-pointed (``documents_updated``)."""
        from .documents import metadata_records

        with self._store.transaction() as session:
            target = find_outlet(session, into)
            rows = []
            for source in sources:
                row = find_outlet(session, source)
                if row.id != target.id and row not in rows:
                    rows.append(row)
            if not rows:
                raise ValidationError("merge needs at least one outlet other than the target")
            ids = [r.id for r in rows]
            removed = tuple(outlet_records(session, ids))
            target_before = _record(session, target.id)
            docs = list(session.scalars(select(Document.id).where(Document.outlet_id.in_(ids))))
            before = metadata_records(session, docs)
            session.execute(
                update(Document).where(Document.outlet_id.in_(ids)).values(outlet_id=target.id)
            )
            # keep the target's country and alignment; take a source's where it has none
            if target.country is None:
                target.country = next((r.country for r in rows if r.country), None)
            if target.alignment_id is None:
                target.alignment_id = next((r.alignment_id for r in rows if r.alignment_id), None)
            for row in rows:
                session.delete(row)
            session.flush()
            after = metadata_records(session, docs)
            target_after = _record(session, target.id)
        names = ", ".join(f"'{r.name}'" for r in removed)
        return self._store.publish(
            Change(
                f"merge {names} into '{target_after.name}'",
                outlets_removed=removed,
                outlets_updated=((target_before, target_after),),
                documents_updated=tuple((before[d], after[d]) for d in docs),
            )
        )

    def delete(self, outlet: str | int) -> Change:
        """Delete an outlet no document refers to (merge a used one instead)."""
        with self._store.transaction() as session:
            row = find_outlet(session, outlet)
            record = _record(session, row.id)
            if record.documents:
                raise ValidationError(
                    f"outlet '{row.name}' is the outlet of {record.documents} document(s); "
                    "merge it into another outlet, or give those documents another outlet first"
                )
            session.delete(row)
        return self._store.publish(
            Change(f"delete outlet '{record.name}'", outlets_removed=(record,))
        )

    @staticmethod
    def _refuse_taken(session: Session, clean: str, own_id: int | None) -> None:
        holder = session.scalar(select(Outlet).where(Outlet.norm == outlet_key(clean)))
        if holder is not None and holder.id != own_id:
            same = "" if holder.name == clean else f" as '{holder.name}' (the same normalised name)"
            raise ValidationError(
                f"outlet '{clean}' exists already{same}; merge the two to make them one"
            )

    # -- alignments ----------------------------------------------------------------------------
    def add_alignment(self, name: str) -> Change:
        clean = _check_name(name, "an alignment", ALIGNMENT_SIZE)
        with self._store.transaction() as session:
            self._refuse_alignment_taken(session, clean, None)
            position = session.scalar(select(func.coalesce(func.max(Alignment.position), -1))) + 1
            row = Alignment(name=clean, position=position)
            session.add(row)
            session.flush()
            record = _alignment_record(row)
        return self._store.publish(Change(f"add alignment '{clean}'", alignments_added=(record,)))

    def rename_alignment(self, alignment: str | int, name: str) -> Change:
        clean = _check_name(name, "an alignment", ALIGNMENT_SIZE)
        with self._store.transaction() as session:
            row = find_alignment(session, alignment)
            before = _alignment_record(row)
            self._refuse_alignment_taken(session, clean, row.id)
            row.name = clean
            session.flush()
            after = _alignment_record(row)
        if after == before:
            return Change(f"rename alignment '{clean}'")
        return self._store.publish(
            Change(
                f"rename alignment '{before.name}' to '{clean}'",
                alignments_updated=((before, after),),
            )
        )

    def delete_alignment(self, alignment: str | int) -> Change:
        """Delete an alignment no outlet has."""
        with self._store.transaction() as session:
            row = find_alignment(session, alignment)
            used = session.scalar(
                select(func.count()).select_from(Outlet).where(Outlet.alignment_id == row.id)
            )
            if used:
                raise ValidationError(
                    f"alignment '{row.name}' is the alignment of {used} outlet(s); "
                    "give them another one first"
                )
            record = _alignment_record(row)
            session.delete(row)
        return self._store.publish(
            Change(f"delete alignment '{record.name}'", alignments_removed=(record,))
        )

    @staticmethod
    def _refuse_alignment_taken(session: Session, clean: str, own_id: int | None) -> None:
        holder = session.scalar(
            select(Alignment).where(func.lower(Alignment.name) == clean.lower())
        )
        if holder is not None and holder.id != own_id:
            raise ValidationError(f"alignment '{holder.name}' exists already")
