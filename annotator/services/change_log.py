"""Every committed command leaves a row in ``change_log``, inside its own transaction.

What a transaction touched is gathered from the session: ORM objects flushed (annotations and
documents name their document, labels set the labels flag); statements run through the
session (bulk UPDATE/DELETE) and raw cursor writes mark it ``unknown`` unless the service
names the documents itself with :func:`touch`. Other processes follow these rows
(``services.external``); rows written by this workspace are skipped there.
"""

from __future__ import annotations

from itertools import chain

from sqlalchemy import delete, event, insert
from sqlalchemy.orm import Session, sessionmaker

from ..storage.models import Annotation, ChangeLog, Document, Label, utcnow

KEEP_ROWS = 10_000  # rows older than the newest KEEP_ROWS are pruned now and then
PRUNE_EVERY = 500

# keys of ``Session.info`` that gather what a transaction touched
_DOCS = "annotator.touched_documents"
_UNKNOWN = "annotator.touched_unknown"
_LABELS = "annotator.touched_labels"


def touch(session: Session, documents=(), *, labels: bool = False, unknown: bool = False) -> None:
    """Name what a raw write in ``session``'s transaction touched."""
    session.info.setdefault(_DOCS, set()).update(documents)
    if labels:
        session.info[_LABELS] = True
    if unknown:
        session.info[_UNKNOWN] = True


def _after_flush(session: Session, _context) -> None:
    docs = session.info.setdefault(_DOCS, set())
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, Annotation):
            docs.add(obj.document_id)
        elif isinstance(obj, Document):
            docs.add(obj.id)
        elif isinstance(obj, Label):
            session.info[_LABELS] = True
        elif not isinstance(obj, ChangeLog):
            session.info[_UNKNOWN] = True  # another table: views reload what they show


def _orm_execute(state) -> None:
    if (state.is_update or state.is_delete) and not state.is_select:
        touch(state.session, unknown=True)


def install(sessions: sessionmaker, origin: str) -> None:
    """Write a change-log row at every commit of a session from ``sessions`` that changed
    anything."""

    def before_commit(session: Session) -> None:
        session.flush()  # the last flush: its objects are counted by _after_flush
        info = session.info
        docs = info.pop(_DOCS, set())
        unknown = info.pop(_UNKNOWN, False)
        labels = info.pop(_LABELS, False)
        if not (docs or unknown or labels):
            return
        seq = session.execute(
            insert(ChangeLog)
            .values(
                origin=origin,
                at=utcnow(),
                documents=None if unknown else sorted(docs),
                labels=labels,
            )
            .returning(ChangeLog.seq)
        ).scalar_one()
        if seq % PRUNE_EVERY == 0:
            session.execute(delete(ChangeLog).where(ChangeLog.seq <= seq - KEEP_ROWS))

    def after_rollback(session: Session) -> None:
        for key in (_DOCS, _UNKNOWN, _LABELS):
            session.info.pop(key, None)

    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _orm_execute)
    event.listen(sessions, "before_commit", before_commit)
    event.listen(sessions, "after_soft_rollback", lambda session, _tx: after_rollback(session))
