"""The event registry: what happened (a shelling, a ceasefire, a summit), with a date, a place
and a note, for spans to refer to from their attributes (``{"event": id}``, see
``services.references``). Names are matched by normalised form (as outlets are) but need not
be unique: two events may share a name (then name one by id). ``merge(keep, gone)`` re-points
every reference to ``gone`` and removes it, undoably (``unmerge``); ``delete(event,
unreference=True)`` takes the references out of the spans, undoably (``restore``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFoundError, ValidationError
from ..ids import new_id
from ..storage.models import Event
from .actors import actor_key, refuse_changed
from .changes import Change
from .outlets import _check_name
from .records import EventRecord
from .references import point_back, refer_again, reference_counts, references, repoint
from .references import unreference as _unreference
from .store import Store

PLACE_SIZE = 300
_UNSET: Any = object()


def _check_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        raise ValidationError("an event's date is a day (YYYY-MM-DD), not a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError(
        f"an event's date is written YYYY-MM-DD (a day that exists), not {value!r}"
    )


def _check_place(place: Any) -> str | None:
    if place is None:
        return None
    if not isinstance(place, str):
        raise ValidationError(f"place must be text, not {type(place).__name__}")
    clean = " ".join(place.split())
    if len(clean) > PLACE_SIZE:
        raise ValidationError(f"place is longer than {PLACE_SIZE} characters")
    return clean or None


def _check_note(note: Any) -> str:
    if note is None:
        return ""
    if not isinstance(note, str):
        raise ValidationError(f"a note must be text, not {type(note).__name__}")
    return note.strip()


def event_records(session: Session, ids: Iterable[str] | None = None) -> list[EventRecord]:
    """Events with their reference counts, by date (undated last), then name."""
    stmt = select(Event)
    if ids is not None:
        stmt = stmt.where(Event.id.in_(list(ids)))
    counts = reference_counts(session, "event")
    rows = [
        EventRecord(e.id, e.name, e.date, e.place, e.note or "", e.created, counts[e.id])
        for e in session.scalars(stmt)
    ]
    return sorted(
        rows, key=lambda r: (r.date is None, r.date or dt.date.min, r.name.casefold(), r.id)
    )


def _record(session: Session, event_id: str) -> EventRecord:
    found = event_records(session, [event_id])
    if not found:
        raise NotFoundError(f"no event with id {event_id}")
    return found[0]


def find_event(session: Session, event: str) -> Event:
    """An event by id, or by name (normalised) when one event has that name."""
    if not isinstance(event, str) or not event.strip():
        raise ValidationError(f"an event is a name or an id, not {event!r}")
    row = session.get(Event, event.strip())
    if row is not None:
        return row
    rows = list(session.scalars(select(Event).where(Event.norm == actor_key(event))))
    if not rows:
        raise NotFoundError(f"no event named {event!r} (see `annotator events list`)")
    if len(rows) > 1:
        ids = ", ".join(f"{r.id} ({r.date or 'no date'})" for r in rows)
        raise ValidationError(f"{len(rows)} events are named {event!r}; name one by id: {ids}")
    return rows[0]


class EventService:
    """Every command runs in one transaction and returns the :class:`Change` it published;
    commands take an event by id or by name."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self) -> list[EventRecord]:
        with self._store.sessions() as session:
            return event_records(session)

    def get(self, event: str) -> EventRecord:
        with self._store.sessions() as session:
            return _record(session, find_event(session, event).id)

    def find(self, name: str) -> EventRecord | None:
        """The event a name names (by normalised form), when exactly one has it."""
        try:
            return self.get(name)
        except (NotFoundError, ValidationError):
            return None

    def references(self, event: str) -> int:
        with self._store.sessions() as session:
            return references(session, find_event(session, event).id, "event")

    def add(
        self,
        name: str,
        *,
        date: dt.date | str | None = None,
        place: str | None = None,
        note: str | None = None,
    ) -> Change:
        clean = _check_name(name, "an event")
        date, place, note = _check_date(date), _check_place(place), _check_note(note)
        with self._store.transaction() as session:
            row = Event(
                id=new_id(), name=clean, norm=actor_key(clean), date=date, place=place, note=note
            )
            session.add(row)
            session.flush()
            record = _record(session, row.id)
        return self._store.publish(Change(f"add event '{clean}'", events_added=(record,)))

    def update(
        self,
        event: str,
        *,
        name: str | None = None,
        date: dt.date | str | None = _UNSET,
        place: str | None = _UNSET,
        note: str | None = _UNSET,
        expected: EventRecord | None = None,
    ) -> Change:
        """Rename the event or set its date, place or note (None clears them). ``expected``:
        the record the caller last saw; an event changed since is refused."""
        with self._store.transaction() as session:
            row = find_event(session, event)
            before = _record(session, row.id)
            refuse_changed(before, expected, "event")
            if name is not None:
                row.name = _check_name(name, "an event")
                row.norm = actor_key(row.name)
            if date is not _UNSET:
                row.date = _check_date(date)
            if place is not _UNSET:
                row.place = _check_place(place)
            if note is not _UNSET:
                row.note = _check_note(note)
            session.flush()
            after = _record(session, row.id)
        if after == before:
            return Change(f"edit event '{after.name}'")
        return self._store.publish(
            Change(f"edit event '{after.name}'", events_updated=((before, after),))
        )

    def delete(self, event: str, *, unreference: bool = False) -> Change:
        """Delete an event. One that spans name is refused, unless ``unreference``: then the
        references go from the spans' attributes (as ``ActorService.delete`` does)."""
        with self._store.transaction() as session:
            row = find_event(session, event)
            record = _record(session, row.id)
            if record.references and not unreference:
                raise ValidationError(
                    f"event '{row.name}' is named by {record.references} span(s); merge it "
                    "into another event, or change those spans first"
                )
            pairs, taken = _unreference(session, "event", row.id)
            session.delete(row)
        return self._store.publish(
            Change(
                f"delete event '{record.name}'",
                updated=tuple(pairs),
                events_removed=(record,),
                references_repointed=tuple(taken),
            )
        )

    def restore(self, record: EventRecord, references: Iterable[tuple[str, dict]] = ()) -> Change:
        """Put a deleted event back with the same id and fields, and every span's attributes
        as the deletion found them (its ``references_repointed``): undo of delete."""
        with self._store.transaction() as session:
            if session.get(Event, record.id) is not None:
                raise ValidationError(f"event '{record.name}' is there already")
            self._insert(session, record)
            pairs = refer_again(session, "event", record.id, references)
            restored = _record(session, record.id)
        return self._store.publish(
            Change(f"restore event '{record.name}'", updated=tuple(pairs), events_added=(restored,))
        )

    def merge(self, keep: str, gone: str) -> Change:
        """Make ``gone`` one with ``keep``: every span referring to it refers to ``keep``, and
        it goes; ``keep`` takes its date, place and note where it has none."""
        with self._store.transaction() as session:
            kept, lost = find_event(session, keep), find_event(session, gone)
            if kept.id == lost.id:
                raise ValidationError(f"'{kept.name}' and '{gone}' are the same event")
            kept_before, removed = _record(session, kept.id), _record(session, lost.id)
            pairs, repointed = repoint(session, "event", lost.id, kept.id)
            kept.date = kept.date or lost.date
            kept.place = kept.place or lost.place
            kept.note = kept.note or lost.note or ""
            session.delete(lost)
            session.flush()
            kept_after = _record(session, kept.id)
        return self._store.publish(
            Change(
                f"merge event '{removed.name}' into '{kept_after.name}'",
                updated=tuple(pairs),
                events_removed=(removed,),
                events_updated=((kept_before, kept_after),),
                references_repointed=tuple(repointed),
            )
        )

    def unmerge(
        self, removed: EventRecord, kept_before: EventRecord, repointed: Iterable[tuple[str, dict]]
    ) -> Change:
        """Undo :meth:`merge` from its change: the gone event back, the kept one as it was,
        every re-pointed span's attributes as they were."""
        with self._store.transaction() as session:
            kept = find_event(session, kept_before.id)
            kept_now = _record(session, kept.id)
            kept.name, kept.norm = kept_before.name, actor_key(kept_before.name)
            kept.date, kept.place, kept.note = kept_before.date, kept_before.place, kept_before.note
            if session.get(Event, removed.id) is not None:
                raise ValidationError(f"event '{removed.name}' is there already")
            self._insert(session, removed)
            pairs = point_back(session, "event", kept.id, removed.id, repointed)
            restored = _record(session, removed.id)
            kept_after = _record(session, kept.id)
        return self._store.publish(
            Change(
                f"unmerge event '{removed.name}' from '{kept_after.name}'",
                updated=tuple(pairs),
                events_added=(restored,),
                events_updated=((kept_now, kept_after),),
            )
        )

    @staticmethod
    def _insert(session: Session, record: EventRecord) -> None:
        session.add(
            Event(
                id=record.id,
                name=record.name,
                norm=actor_key(record.name),
                date=record.date,
                place=record.place,
                note=record.note,
                created=record.created,
            )
        )
        session.flush()
