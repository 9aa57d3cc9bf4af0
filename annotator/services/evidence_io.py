"""What a native import brings besides documents and spans: registry entries and links.

**Registry entries, by id.** A reference object in a span's attributes (``{"actor": {"id",
"name", "kind", "side"}}``, ``{"event": {"id", "name", "date", "place"}}``) names an entry:

* an entry with that id is stored: the reference is to it, as it is stored (the file's name,
  side or date do not change it);
* else an **actor** whose name or alias has the same normalised form as the file's name is
  stored (names are unique among actors): the references are made references to that one, and
  a notice says so;
* else the entry is created with that id, name and side (actors; ``kind`` is the file's, and
  ``organisation`` when the file gives none) or date and place (events);
* a reference without a name to an id the database lacks is kept as it is, with a notice.

**Links, by id.** A link is stored when both of its ends are there after the import (in the
file or already in the database); the others are dropped, each named in a notice. A link whose
id is stored already, or that joins the same spans with the same kind (either way round for a
symmetric kind), is not stored twice: importing a file again adds no link. A link of a kind the
database does not know creates the kind (key and name from the file; directed unless the
file's link says ``"directed": false``), with a notice. A span whose id the import changed
(taken in the database by another span) keeps its links under its new id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..errors import ValidationError
from ..ids import new_id
from ..importing.evidence import ParsedLink
from ..interchange.references import map_references
from ..storage.models import UUID_LEN, Actor, ActorAlias, Event, LinkKind, SpanLink, utcnow
from ..storage.rawsql import RawSQL
from .actors import _check_kind, _check_side, actor_key, actor_records
from .events import _check_date, _check_place, event_records
from .links import kind_record, link_records
from .outlets import _check_name

DEFAULT_ACTOR_KIND = "organisation"
KIND_COLOR = "#868e96"  # the link service's default colour
CHUNK = 500
LINK_COLUMNS = ("id", "kind_id", "source_id", "target_id", "note", "author", "created")


def _check_id(where: str, what: str, value: str) -> None:
    if len(value) > UUID_LEN:
        raise ValidationError(
            f"{where}: {what} id {value[:40]!r}… is longer than {UUID_LEN} characters"
        )


@dataclass
class EvidenceReport:
    actors_created: list[str] = field(default_factory=list)  # ids
    events_created: list[str] = field(default_factory=list)
    link_kinds_created: list[str] = field(default_factory=list)  # keys
    links: list[str] = field(default_factory=list)  # ids of the links stored
    stored_links: int = 0  # links skipped: stored already
    messages: list[str] = field(default_factory=list)  # dropped links, re-pointed references

    def notices(self) -> list[str]:
        out = []
        if self.actors_created or self.events_created:
            out.append(
                f"added {len(self.actors_created)} actor(s) and {len(self.events_created)} "
                "event(s) to the registries"
            )
        out.extend(f"new link kind created: {key}" for key in self.link_kinds_created)
        if self.stored_links:
            out.append(f"skipped {self.stored_links} link(s) already stored")
        return out + self.messages


class EvidenceImport:
    """Registry entries and links of one import transaction (``importer._ImportRun``)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.raw = RawSQL(conn.dialect)
        self.report = EvidenceReport()
        self._actors: dict[str, str] | None = None  # id and norm (names, aliases) -> actor id
        self._events: set[str] | None = None
        self.links: list[ParsedLink] = []

    # -- registry entries ----------------------------------------------------------------------
    def _load(self) -> None:
        conn = self.conn
        self._actors = {}
        for actor_id, norm in conn.execute(select(Actor.id, Actor.norm)):
            self._actors[actor_id] = actor_id
            self._actors["\0" + norm] = actor_id
        for actor_id, norm in conn.execute(select(ActorAlias.actor_id, ActorAlias.norm)):
            self._actors["\0" + norm] = actor_id
        self._events = set(conn.scalars(select(Event.id)))

    def resolve(self, where: str, entries: dict[str, dict[str, dict[str, Any]]]) -> dict:
        """Find or create the entries of one line; the ids its references must be changed
        to (kind -> file id -> stored id), usually none."""
        if self._actors is None:
            self._load()
        moved: dict[str, dict[str, str]] = {}
        for entry_id, entry in entries["actor"].items():
            found = self._actors.get(entry_id)
            if found is None and "name" in entry:
                found = self._actor(where, entry)
            if found is None:
                self.report.messages.append(f"{where}: actor {entry_id} is not in the database")
            elif found != entry_id:
                moved.setdefault("actor", {})[entry_id] = found
        for entry_id, entry in entries["event"].items():
            if entry_id in self._events:
                continue
            if "name" not in entry:
                self.report.messages.append(f"{where}: event {entry_id} is not in the database")
                continue
            self._event(where, entry)
        return moved

    def _actor(self, where: str, entry: dict[str, Any]) -> str:
        _check_id(where, "actor", entry["id"])
        try:
            name = _check_name(entry["name"], "an actor")
            kind = _check_kind(entry.get("kind") or DEFAULT_ACTOR_KIND)
            side = _check_side(entry.get("side"))
        except ValidationError as exc:
            raise ValidationError(f"{where}: actor {entry['id']}: {exc}") from None
        key = actor_key(name)
        same = self._actors.get("\0" + key)
        if same is not None:
            self.report.messages.append(
                f"{where}: actor {entry['id']} ({name!r}) refers to the stored actor {same} "
                "of the same name"
            )
            return same
        self.conn.execute(
            Actor.__table__.insert().values(
                id=entry["id"], name=name, norm=key, kind=kind, side=side, created=utcnow()
            )
        )
        self._actors[entry["id"]] = self._actors["\0" + key] = entry["id"]
        self.report.actors_created.append(entry["id"])
        return entry["id"]

    def _event(self, where: str, entry: dict[str, Any]) -> None:
        _check_id(where, "event", entry["id"])
        try:
            name = _check_name(entry["name"], "an event")
            date, place = _check_date(entry.get("date")), _check_place(entry.get("place"))
        except ValidationError as exc:
            raise ValidationError(f"{where}: event {entry['id']}: {exc}") from None
        self.conn.execute(
            Event.__table__.insert().values(
                id=entry["id"], name=name, norm=actor_key(name), date=date, place=place,
                note="", created=utcnow(),
            )
        )  # fmt: skip
        self._events.add(entry["id"])
        self.report.events_created.append(entry["id"])

    @staticmethod
    def repoint(attributes: list[dict[str, Any]], moved: dict) -> list[dict[str, Any]]:
        """The attributes with the references ``resolve`` moved made to the stored ids."""

        def move(kind: str, value: Any, _field: str) -> Any:
            return moved.get(kind, {}).get(value, value)

        return [map_references(a, move) if a else a for a in attributes]

    # -- links ---------------------------------------------------------------------------------
    def store_links(self, renamed: dict[str, str], written: set[str], stored_ids) -> None:
        """Store the links gathered (``self.links``) whose ends are there, once the import's
        spans are written. ``renamed``: the file's span ids the import changed -> the stored
        ones; ``written``: the ids of the spans the import wrote; ``stored_ids(ids)``: which
        of ``ids`` are spans in the database."""
        if not self.links:
            return
        conn, raw = self.conn, self.raw
        ends = [renamed.get(link.to, link.to) for link in self.links]
        there = stored_ids([e for e in dict.fromkeys(ends) if e not in written])
        kinds = {key: (kid, bool(directed)) for kid, key, directed in conn.execute(
            select(LinkKind.id, LinkKind.key, LinkKind.directed)
        )}  # fmt: skip
        had_links = conn.scalar(select(SpanLink.id).limit(1)) is not None
        taken = self._stored_link_ids([x.id for x in self.links if x.id]) if had_links else set()
        pairs = (
            self._stored_pairs(renamed.get(link.source, link.source) for link in self.links)
            if had_links
            else set()
        )
        rows: list[tuple] = []
        for link, end in zip(self.links, ends, strict=True):
            source = renamed.get(link.source, link.source)
            target = end if end in written or end in there else None
            name = f"link {link.id or '(no id)'} ({link.kind})"
            if target is None:
                self.report.messages.append(
                    f"{link.where}: {name} to span {link.to} dropped: that span is not in this "
                    "file or the database"
                )
                continue
            if target == source:
                self.report.messages.append(
                    f"{link.where}: {name} dropped: it links span {source} to itself"
                )
                continue
            if link.id in taken:
                self.report.stored_links += 1
                continue
            kind_id, directed = kinds.get(link.kind) or self._add_kind(link, kinds)
            if (source, target, kind_id) in pairs or (
                not directed and (target, source, kind_id) in pairs
            ):
                self.report.stored_links += 1
                continue
            link_id = link.id or new_id()
            _check_id(link.where, "link", link_id)
            taken.add(link_id)
            pairs.add((source, target, kind_id))
            created = raw.ts(link.created or utcnow())
            rows.append((link_id, kind_id, source, target, link.note, link.author, created))
            self.report.links.append(link_id)
        if rows:
            raw.insert(conn, "span_link", LINK_COLUMNS, rows)

    def _add_kind(self, link: ParsedLink, kinds: dict[str, tuple[int, bool]]) -> tuple[int, bool]:
        position = self.conn.scalar(select(func.coalesce(func.max(LinkKind.position), -1))) + 1
        directed = link.directed is not False
        kind_id = self.conn.execute(
            LinkKind.__table__.insert().values(
                key=link.kind, name=link.kind, color=KIND_COLOR, directed=directed,
                position=position,
            )
        ).inserted_primary_key[0]  # fmt: skip
        kinds[link.kind] = (kind_id, directed)
        self.report.link_kinds_created.append(link.kind)
        return kind_id, directed

    def _stored_link_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i : i + CHUNK]
            found.update(self.conn.scalars(select(SpanLink.id).where(SpanLink.id.in_(chunk))))
        return found

    def _stored_pairs(self, sources: Iterable[str | None]) -> set[tuple[str, str, int]]:
        """(source, target, kind id) of the stored links with an end among ``sources``."""
        ids = list(dict.fromkeys(s for s in sources if s))
        pairs: set[tuple[str, str, int]] = set()
        for i in range(0, len(ids), CHUNK):
            chunk = ids[i : i + CHUNK]
            stmt = select(SpanLink.source_id, SpanLink.target_id, SpanLink.kind_id).where(
                or_(SpanLink.source_id.in_(chunk), SpanLink.target_id.in_(chunk))
            )
            pairs.update(tuple(row) for row in self.conn.execute(stmt))
        return pairs


def evidence_records(session: Session, report: EvidenceReport) -> dict[str, tuple]:
    """What an import added to the registries and links, as the change notice holds it."""
    out: dict[str, tuple] = {}
    if report.actors_created:
        out["actors_added"] = tuple(actor_records(session, report.actors_created))
    if report.events_created:
        out["events_added"] = tuple(event_records(session, report.events_created))
    if report.link_kinds_created:
        rows = session.scalars(select(LinkKind).where(LinkKind.key.in_(report.link_kinds_created)))
        out["link_kinds_added"] = tuple(kind_record(row) for row in rows)
    if report.links:
        out["links_added"] = link_records(session, report.links)
    return out
