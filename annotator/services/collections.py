"""Collections: named sets of documents ("2020 war", "Sept 2023 offensive"). A document may be
in any number of them. Names are unique regardless of case ("2020 War" is "2020 war")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from ..errors import NotFoundError, ValidationError
from ..storage.models import Collection, Document, DocumentCollection
from . import change_log
from .changes import Change
from .records import CollectionRecord
from .store import Store

NAME_SIZE = 200


def check_collection_name(name: Any) -> str:
    if not isinstance(name, str):
        raise ValidationError(f"a collection's name must be text, not {type(name).__name__}")
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("a collection needs a name")
    if len(clean) > NAME_SIZE:
        raise ValidationError(f"a collection's name is longer than {NAME_SIZE} characters")
    return clean


def collection_records(
    session: Session, ids: Iterable[int] | None = None
) -> list[CollectionRecord]:
    """Collections with their document counts, sorted by name (case-folded)."""
    counts = (
        select(DocumentCollection.collection_id.label("cid"), func.count().label("n"))
        .group_by(DocumentCollection.collection_id)
        .subquery()
    )
    stmt = select(Collection.id, Collection.name, func.coalesce(counts.c.n, 0)).outerjoin(
        counts, counts.c.cid == Collection.id
    )
    if ids is not None:
        stmt = stmt.where(Collection.id.in_(list(ids)))
    rows = [CollectionRecord(i, name, n) for i, name, n in session.execute(stmt)]
    return sorted(rows, key=lambda r: (r.name.casefold(), r.name))


def find_collection(session: Session, collection: str | int) -> Collection:
    """A collection by id (int) or by name (str, any case)."""
    if isinstance(collection, int) and not isinstance(collection, bool):
        row = session.get(Collection, collection)
        if row is None:
            raise NotFoundError(f"no collection with id {collection} (it was deleted)")
        return row
    row = _by_name(session, check_collection_name(collection))
    if row is None:
        raise NotFoundError(f"no collection named {collection!r}")
    return row


def _by_name(session: Session, clean: str) -> Collection | None:
    return session.scalar(select(Collection).where(func.lower(Collection.name) == clean.lower()))


def collection_ids_for(
    session: Session, refs: Iterable[str | int]
) -> tuple[list[int], list[CollectionRecord]]:
    """The ids of collections given by id or name; names that are new become collections.
    Returns (ids, the records of the collections it created)."""
    ids: list[int] = []
    created: list[CollectionRecord] = []
    for ref in refs:
        if isinstance(ref, int) and not isinstance(ref, bool):
            cid = find_collection(session, ref).id
        else:
            clean = check_collection_name(ref)
            row = _by_name(session, clean)
            if row is None:
                cid = session.execute(insert(Collection).values(name=clean)).inserted_primary_key[0]
                created.append(CollectionRecord(cid, clean, 0))
            else:
                cid = row.id
        if cid not in ids:
            ids.append(cid)
    return ids, created


class CollectionService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self) -> list[CollectionRecord]:
        with self._store.sessions() as session:
            return collection_records(session)

    def get(self, collection: str | int) -> CollectionRecord:
        with self._store.sessions() as session:
            return collection_records(session, [find_collection(session, collection).id])[0]

    def documents(self, collection: str | int) -> list[str]:
        """The ids of the collection's documents, in import order."""
        with self._store.sessions() as session:
            cid = find_collection(session, collection).id
            return list(
                session.scalars(
                    select(Document.id)
                    .join(DocumentCollection, DocumentCollection.document_id == Document.id)
                    .where(DocumentCollection.collection_id == cid)
                    .order_by(Document.imported_at, Document.id)
                )
            )

    def add(self, name: str) -> Change:
        """A new, empty collection; ``change.collections_added[0]`` is its record."""
        clean = check_collection_name(name)
        with self._store.transaction() as session:
            holder = _by_name(session, clean)
            if holder is not None:
                raise ValidationError(f"collection '{holder.name}' exists already")
            row = Collection(name=clean)
            session.add(row)
            session.flush()
            record = CollectionRecord(row.id, row.name, 0)
        return self._store.publish(Change(f"add collection '{clean}'", collections_added=(record,)))

    def rename(self, collection: str | int, name: str) -> Change:
        clean = check_collection_name(name)
        with self._store.transaction() as session:
            row = find_collection(session, collection)
            holder = _by_name(session, clean)
            if holder is not None and holder.id != row.id:
                raise ValidationError(f"collection '{holder.name}' exists already")
            before = collection_records(session, [row.id])[0]
            row.name = clean
            session.flush()
            after = collection_records(session, [row.id])[0]
        if after == before:
            return Change(f"rename collection '{clean}'")
        return self._store.publish(
            Change(
                f"rename collection '{before.name}' to '{clean}'",
                collections_updated=((before, after),),
            )
        )

    def delete(self, collection: str | int) -> Change:
        """Delete a collection (its documents stay; they are just no longer in it)."""
        from .documents import metadata_records

        with self._store.transaction() as session:
            row = find_collection(session, collection)
            record = collection_records(session, [row.id])[0]
            docs = list(
                session.scalars(
                    select(DocumentCollection.document_id).where(
                        DocumentCollection.collection_id == row.id
                    )
                )
            )
            before = metadata_records(session, docs)
            session.execute(
                delete(DocumentCollection).where(DocumentCollection.collection_id == row.id)
            )
            session.delete(row)
            session.flush()
            after = metadata_records(session, docs)
        return self._store.publish(
            Change(
                f"delete collection '{record.name}'",
                collections_removed=(record,),
                documents_updated=tuple((before[d], after[d]) for d in docs),
            )
        )

    def assign(self, document_ids: Iterable[str], collection: str | int) -> Change:
        """Put documents into a collection (a new name makes a new collection). The change
        names the documents that were not in it yet."""
        return self._membership(document_ids, collection, add=True)

    def unassign(self, document_ids: Iterable[str], collection: str | int) -> Change:
        """Take documents out of a collection."""
        return self._membership(document_ids, collection, add=False)

    def _membership(
        self, document_ids: Iterable[str], collection: str | int, *, add: bool
    ) -> Change:
        from .documents import metadata_records

        wanted = list(dict.fromkeys(document_ids))
        with self._store.transaction() as session:
            if add:
                (cid,), created = collection_ids_for(session, [collection])
            else:
                cid, created = find_collection(session, collection).id, []
            found = set(session.scalars(select(Document.id).where(Document.id.in_(wanted))))
            missing = [d for d in wanted if d not in found]
            if missing:
                raise NotFoundError(f"no document with id {missing[0]!r}")
            members = set(
                session.scalars(
                    select(DocumentCollection.document_id).where(
                        DocumentCollection.collection_id == cid,
                        DocumentCollection.document_id.in_(wanted),
                    )
                )
            )
            docs = [d for d in wanted if (d not in members) == add]
            before = metadata_records(session, docs)
            if docs and add:
                session.execute(
                    insert(DocumentCollection),
                    [{"document_id": d, "collection_id": cid} for d in docs],
                )
                change_log.touch(session, docs)  # for other processes
            elif docs:
                session.execute(
                    delete(DocumentCollection).where(
                        DocumentCollection.collection_id == cid,
                        DocumentCollection.document_id.in_(docs),
                    )
                )
            session.flush()
            after = metadata_records(session, docs)
            name = session.get(Collection, cid).name
        verb = "add" if add else "remove"
        where = "to" if add else "from"
        return self._store.publish(
            Change(
                f"{verb} {len(docs)} document(s) {where} '{name}'",
                collections_added=tuple(created),
                documents_updated=tuple((before[d], after[d]) for d in docs),
            )
        )
