"""The actor registry: who spans name (state bodies, armed forces, officials, outlets,
organisations, persons), with other names (aliases) and a side.

Names and aliases are matched by **normalised name**, as outlets are
(:func:`annotator.services.outlets.outlet_key`: NFKC, case-folded, letters, digits and marks
only): one normalised form names at most one actor, whether as its name or as an alias.
Spans refer to actors from their attributes (``{"actor": id}``, see ``services.references``).
``merge(keep, gone)`` makes two actors one: the gone one's name and aliases become aliases of
the kept one and every reference is re-pointed, in one transaction; its ``Change`` holds what
``unmerge`` needs to put everything back. ``delete(actor, unreference=True)`` deletes one
spans name, taking the references out of their attributes; ``restore(record, references)``
puts the actor and every reference back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..errors import ConflictError, NotFoundError, ValidationError
from ..ids import new_id
from ..storage.models import ACTOR_KINDS, Actor, ActorAlias
from .changes import Change
from .outlets import _check_name, outlet_key
from .records import ActorRecord
from .references import (
    point_back,
    refer_again,
    reference_counts,
    references,
    repoint,
)
from .references import (
    unreference as _unreference,
)
from .store import Store

SIDE_SIZE = 200
_UNSET: Any = object()
KINDS = ACTOR_KINDS


def actor_key(name: str) -> str:
    """The normalised form of an actor's name or alias (the outlets' key)."""
    return outlet_key(" ".join(str(name).split()))


def _check_kind(kind: Any) -> str:
    if not isinstance(kind, str) or " ".join(kind.split()).lower() not in KINDS:
        raise ValidationError(f"unknown actor kind {kind!r} (kinds: {', '.join(KINDS)})")
    return " ".join(kind.split()).lower()


def _check_side(side: Any) -> str | None:
    if side is None:
        return None
    if not isinstance(side, str):
        raise ValidationError(f"side must be text, not {type(side).__name__}")
    clean = " ".join(side.split())
    if len(clean) > SIDE_SIZE:
        raise ValidationError(f"side is longer than {SIDE_SIZE} characters")
    return clean or None


def _check_aliases(aliases: Iterable[str], name: str) -> list[str]:
    """Cleaned aliases, one per normalised form, none the same as the name."""
    if isinstance(aliases, str):
        raise ValidationError("aliases are a list of names, not one text")
    out, seen = [], {actor_key(name)}
    for alias in aliases:
        clean = _check_name(alias, "an alias")
        key = actor_key(clean)
        if key not in seen:
            seen.add(key)
            out.append(clean)
    return out


def _sorted(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(names, key=lambda n: (n.casefold(), n)))


def actor_records(session: Session, ids: Iterable[str] | None = None) -> list[ActorRecord]:
    """Actors with their aliases and reference counts, sorted by name (case-folded)."""
    stmt = select(Actor)
    alias_stmt = select(ActorAlias.actor_id, ActorAlias.alias)
    if ids is not None:
        ids = list(ids)
        stmt = stmt.where(Actor.id.in_(ids))
        alias_stmt = alias_stmt.where(ActorAlias.actor_id.in_(ids))
    aliases: dict[str, list[str]] = {}
    for actor_id, alias in session.execute(alias_stmt):
        aliases.setdefault(actor_id, []).append(alias)
    counts = reference_counts(session, "actor")
    rows = [
        ActorRecord(
            a.id, a.name, a.kind, a.side, _sorted(aliases.get(a.id, ())), a.created, counts[a.id]
        )
        for a in session.scalars(stmt)
    ]
    return sorted(rows, key=lambda r: (r.name.casefold(), r.name, r.id))


def _record(session: Session, actor_id: str) -> ActorRecord:
    found = actor_records(session, [actor_id])
    if not found:
        raise NotFoundError(f"no actor with id {actor_id}")
    return found[0]


def refuse_changed(now, expected, noun: str) -> None:
    """Refuse when an actor's or event's record ``now`` differs from ``expected`` (its
    reference count aside): someone changed it since the caller looked."""
    if expected is not None and replace(now, references=0) != replace(expected, references=0):
        raise ConflictError(f"{noun} '{now.name}' was changed since; reload and try again")


def find_actor(session: Session, actor: str) -> Actor:
    """An actor by id, by name or by alias (matched by normalised form)."""
    if not isinstance(actor, str) or not actor.strip():
        raise ValidationError(f"an actor is a name, an alias or an id, not {actor!r}")
    row = session.get(Actor, actor.strip())
    if row is not None:
        return row
    key = actor_key(actor)
    row = session.scalar(select(Actor).where(Actor.norm == key))
    if row is None:
        owner = session.scalar(select(ActorAlias.actor_id).where(ActorAlias.norm == key))
        row = session.get(Actor, owner) if owner is not None else None
    if row is None:
        raise NotFoundError(f"no actor named {actor!r} (see `annotator actors list`)")
    return row


class ActorService:
    """Every command runs in one transaction and returns the :class:`Change` it published;
    commands take an actor by id, name or alias."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- queries -------------------------------------------------------------------------------
    def list(self) -> list[ActorRecord]:
        with self._store.sessions() as session:
            return actor_records(session)

    def get(self, actor: str) -> ActorRecord:
        with self._store.sessions() as session:
            return _record(session, find_actor(session, actor).id)

    def find(self, name: str) -> ActorRecord | None:
        """The actor a name or an alias names (by normalised form), if there is one."""
        try:
            return self.get(name)
        except (NotFoundError, ValidationError):
            return None

    def references(self, actor: str) -> int:
        """How many spans refer to the actor."""
        with self._store.sessions() as session:
            return references(session, find_actor(session, actor).id, "actor")

    # -- commands ------------------------------------------------------------------------------
    def add(
        self, name: str, *, kind: str, side: str | None = None, aliases: Iterable[str] = ()
    ) -> Change:
        """A new actor; ``change.actors_added[0]`` is its record."""
        clean = _check_name(name, "an actor")
        kind, side = _check_kind(kind), _check_side(side)
        aliases = _check_aliases(aliases, clean)
        with self._store.transaction() as session:
            self._refuse_taken(session, [clean, *aliases], None)
            row = Actor(id=new_id(), name=clean, norm=actor_key(clean), kind=kind, side=side)
            session.add(row)
            session.flush()
            self._set_aliases(session, row.id, aliases)
            record = _record(session, row.id)
        return self._store.publish(Change(f"add actor '{clean}'", actors_added=(record,)))

    def update(
        self,
        actor: str,
        *,
        name: str | None = None,
        kind: str | None = None,
        side: str | None = _UNSET,
        aliases: Iterable[str] | None = None,
        expected: ActorRecord | None = None,
    ) -> Change:
        """Rename the actor, set its kind or side (None clears it) or its aliases (the
        complete list). ``expected``: the record the caller last saw (undo passes it); an
        actor changed since is refused."""
        with self._store.transaction() as session:
            row = find_actor(session, actor)
            before = _record(session, row.id)
            refuse_changed(before, expected, "actor")
            clean = _check_name(name, "an actor") if name is not None else row.name
            new_aliases = (
                _check_aliases(aliases, clean)
                if aliases is not None
                else [a for a in before.aliases if actor_key(a) != actor_key(clean)]
            )
            self._refuse_taken(session, [clean, *new_aliases], row.id)
            row.name, row.norm = clean, actor_key(clean)
            if kind is not None:
                row.kind = _check_kind(kind)
            if side is not _UNSET:
                row.side = _check_side(side)
            self._set_aliases(session, row.id, new_aliases)
            session.flush()
            after = _record(session, row.id)
        if after == before:
            return Change(f"edit actor '{after.name}'")
        what = (
            f"rename actor '{before.name}' to '{after.name}'"
            if after.name != before.name
            else f"edit actor '{after.name}'"
        )
        return self._store.publish(Change(what, actors_updated=((before, after),)))

    def delete(self, actor: str, *, unreference: bool = False) -> Change:
        """Delete an actor. One that spans name is refused, unless ``unreference``: then the
        references go from the spans' attributes (a field holding it goes, a list loses the
        item), the change names the spans in ``updated`` and keeps their attributes before in
        ``references_repointed`` for :meth:`restore`."""
        with self._store.transaction() as session:
            row = find_actor(session, actor)
            record = _record(session, row.id)
            if record.references and not unreference:
                raise ValidationError(
                    f"actor '{row.name}' is named by {record.references} span(s); merge it "
                    "into another actor, or change those spans first"
                )
            pairs, taken = _unreference(session, "actor", row.id)
            session.delete(row)
        return self._store.publish(
            Change(
                f"delete actor '{record.name}'",
                updated=tuple(pairs),
                actors_removed=(record,),
                references_repointed=tuple(taken),
            )
        )

    def restore(self, record: ActorRecord, references: Iterable[tuple[str, dict]] = ()) -> Change:
        """Put a deleted actor back (same id, name, kind, side, aliases) and, from the
        deletion's ``references_repointed``, every span's attributes as they were: undo of
        delete (refused, changing nothing, when a span was changed since)."""
        with self._store.transaction() as session:
            if session.get(Actor, record.id) is not None:
                raise ValidationError(f"actor '{record.name}' is there already")
            self._refuse_taken(session, [record.name, *record.aliases], None)
            self._insert(session, record)
            pairs = refer_again(session, "actor", record.id, references)
            restored = _record(session, record.id)
        return self._store.publish(
            Change(f"restore actor '{record.name}'", updated=tuple(pairs), actors_added=(restored,))
        )

    def merge(self, keep: str, gone: str) -> Change:
        """Make ``gone`` one with ``keep``: its name and aliases become aliases of ``keep``,
        every span referring to it refers to ``keep``, and it goes. ``keep`` keeps its kind and
        side (it takes ``gone``'s side when it has none)."""
        with self._store.transaction() as session:
            kept, lost = find_actor(session, keep), find_actor(session, gone)
            if kept.id == lost.id:
                raise ValidationError(f"'{kept.name}' and '{gone}' are the same actor")
            kept_before, removed = _record(session, kept.id), _record(session, lost.id)
            pairs, repointed = repoint(session, "actor", lost.id, kept.id)
            # its aliases first (they become the kept one's), then the actor itself
            session.execute(delete(ActorAlias).where(ActorAlias.actor_id == removed.id))
            session.delete(lost)
            session.flush()
            aliases = _check_aliases(
                [*kept_before.aliases, removed.name, *removed.aliases], kept.name
            )
            self._set_aliases(session, kept.id, aliases)
            if kept.side is None:
                kept.side = removed.side
            session.flush()
            kept_after = _record(session, kept.id)
        return self._store.publish(
            Change(
                f"merge actor '{removed.name}' into '{kept_after.name}'",
                updated=tuple(pairs),
                actors_removed=(removed,),
                actors_updated=((kept_before, kept_after),),
                references_repointed=tuple(repointed),
            )
        )

    def unmerge(
        self, removed: ActorRecord, kept_before: ActorRecord, repointed: Iterable[tuple[str, dict]]
    ) -> Change:
        """Undo :meth:`merge` from its change (``actors_removed[0]``, the before of
        ``actors_updated[0]``, ``references_repointed``): the gone actor back with its id and
        aliases, the kept one as it was, every re-pointed span's attributes as they were."""
        with self._store.transaction() as session:
            kept = find_actor(session, kept_before.id)
            kept_now = _record(session, kept.id)
            self._set_aliases(session, kept.id, [])
            session.flush()
            kept.name, kept.norm = kept_before.name, actor_key(kept_before.name)
            kept.kind, kept.side = kept_before.kind, kept_before.side
            session.flush()
            self._refuse_taken(session, [*kept_before.aliases], kept.id)
            self._set_aliases(session, kept.id, list(kept_before.aliases))
            if session.get(Actor, removed.id) is not None:
                raise ValidationError(f"actor '{removed.name}' is there already")
            self._refuse_taken(session, [removed.name, *removed.aliases], None)
            self._insert(session, removed)
            pairs = point_back(session, "actor", kept.id, removed.id, repointed)
            restored = _record(session, removed.id)
            kept_after = _record(session, kept.id)
        return self._store.publish(
            Change(
                f"unmerge actor '{removed.name}' from '{kept_after.name}'",
                updated=tuple(pairs),
                actors_added=(restored,),
                actors_updated=((kept_now, kept_after),),
            )
        )

    # -- plumbing ------------------------------------------------------------------------------
    def _insert(self, session: Session, record: ActorRecord) -> None:
        session.add(
            Actor(
                id=record.id,
                name=record.name,
                norm=actor_key(record.name),
                kind=_check_kind(record.kind),
                side=record.side,
                created=record.created,
            )
        )
        session.flush()
        self._set_aliases(session, record.id, list(record.aliases))

    @staticmethod
    def _set_aliases(session: Session, actor_id: str, aliases: list[str]) -> None:
        session.execute(delete(ActorAlias).where(ActorAlias.actor_id == actor_id))
        for alias in aliases:
            session.add(ActorAlias(actor_id=actor_id, alias=alias, norm=actor_key(alias)))
        session.flush()

    @staticmethod
    def _refuse_taken(session: Session, names: list[str], own_id: str | None) -> None:
        for name in names:
            key = actor_key(name)
            holder = session.scalar(select(Actor).where(Actor.norm == key))
            if holder is None:
                owner = session.scalar(select(ActorAlias.actor_id).where(ActorAlias.norm == key))
                holder = session.get(Actor, owner) if owner is not None else None
            if holder is not None and holder.id != own_id:
                raise ValidationError(
                    f"'{name}' names actor '{holder.name}' already (the same normalised "
                    "name, or one of its aliases); merge the two to make them one"
                )
