"""Changes other processes committed to this workspace's database.

Another Annotator (the command line importing while the app runs, a colleague on the same
PostgreSQL server) leaves rows in ``change_log``. :meth:`ExternalChanges.poll` reads the rows
this workspace did not write and turns them into one :class:`Change` for the views: the
documents they touched (added, removed, or with spans to reload) and whether labels changed.

On SQLite the poll first asks ``PRAGMA data_version`` on a connection of its own, which
changes only when another connection committed, so an idle poll costs microseconds and reads
no table; on PostgreSQL it reads the newest ``seq`` (one index lookup).
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from ..errors import DatabaseError
from ..storage.failures import explain_database_error
from ..storage.models import ChangeLog, Document
from ..storage.rawsql import RawSQL
from .changes import Change
from .store import Store


class ExternalChanges:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._sqlite = store.engine.url.get_backend_name() == "sqlite"
        self._raw = None  # the SQLite connection data_version is asked on
        self._version: int | None = None
        # read on the raw cursor: this runs while the app starts (no ORM query to compile)
        with store.engine.connect() as conn:
            raw = RawSQL(conn.dialect)
            self._seen = raw.fetchall(conn, "SELECT coalesce(max(seq), 0) FROM change_log")[0][0]
            # the documents there were: a change whose documents are not logged (a bulk
            # statement) is compared with them
            self._known = {row[0] for row in raw.fetchall(conn, "SELECT id FROM document")}

    def _data_version_changed(self) -> bool:
        if self._raw is None:
            self._raw = self._store.engine.raw_connection()
        cursor = self._raw.cursor()
        try:
            version = cursor.execute("PRAGMA data_version").fetchone()[0]
        finally:
            cursor.close()
        changed = version != self._version
        self._version = version
        return changed

    def poll(self) -> Change | None:
        """What other processes committed since the last poll (None: nothing)."""
        try:
            return self._poll()
        except DBAPIError as exc:
            raise explain_database_error(self._store.where, exc) from exc
        except sqlite3.Error as exc:
            raise DatabaseError(f"{self._store.where}: {exc}") from exc

    def _poll(self) -> Change | None:
        if self._sqlite and not self._data_version_changed():
            return None
        with self._store.sessions() as session:
            rows = session.execute(
                select(ChangeLog.seq, ChangeLog.origin, ChangeLog.documents, ChangeLog.labels)
                .where(ChangeLog.seq > self._seen)
                .order_by(ChangeLog.seq)
            ).all()
            if not rows:
                return None
            self._seen = rows[-1].seq
            theirs = [r for r in rows if r.origin != self._store.origin]
            if not theirs:
                return None
            labels = any(r.labels for r in theirs)
            if any(r.documents is None for r in theirs):  # not known which: all of them
                named = set(session.scalars(select(Document.id)))
                touched = named | self._known
            else:
                touched = {d for r in theirs for d in r.documents}
                named = set(
                    session.scalars(select(Document.id).where(Document.id.in_(sorted(touched))))
                )
        for document_id in touched:
            self._store.forget_document(document_id)
        self._known |= named
        self._known -= touched - named
        present = tuple(sorted(named & touched))
        return Change(
            f"{len(theirs)} change(s) made by another program",
            documents_added=present,  # new or changed: the library reloads its rows
            documents_removed=tuple(sorted(touched - named)),
            spans_reloaded=present,
            labels_reloaded=labels,
        )

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
