"""Transactions and error translation shared by every service."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..errors import ConflictError, NotFoundError
from ..ids import new_id
from ..storage import access
from ..storage.engine import WRITE_INTENT, opened_read_only, sqlite_file
from ..storage.failures import describe, explain_database_error
from ..storage.models import Document
from . import change_log
from .changes import Change, ChangeNotifier

TEXT_CACHE_SIZE = 32


class Store:
    """Engine, session factory and change notifier of one workspace."""

    def __init__(self, engine: Engine, notifier: ChangeNotifier) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        # this workspace's name in the change log (other processes follow the rest)
        self.origin = new_id()
        change_log.install(self.sessions, self.origin)
        self.notifier = notifier
        self.where = describe(engine.url)
        self._file = sqlite_file(engine.url)
        self._file_id = access.file_id(self._file) if self._file is not None else None
        # who makes the edits when a command names nobody (``Workspace.author``)
        self.default_author: str | None = None
        self._texts: OrderedDict[str, str] = OrderedDict()
        # while a batch() runs: its session and the changes its commands published
        self._batch: tuple[Session, list[Change]] | None = None

    def document_text(self, session: Session, document_id: str) -> str:
        """The text of a document. Texts never change once imported, so caching is safe."""
        text = self._texts.get(document_id)
        if text is None:
            text = session.scalar(select(Document.text).where(Document.id == document_id))
            if text is None:
                raise NotFoundError(f"no document with id {document_id!r}")
            self._texts[document_id] = text
            if len(self._texts) > TEXT_CACHE_SIZE:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(document_id)
        return text

    def forget_document(self, document_id: str) -> None:
        self._texts.pop(document_id, None)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error. Inside
        :meth:`batch`, the batch's transaction (its session; the batch commits)."""
        if self._batch is not None:
            yield self._batch[0]
            return
        try:
            with self.sessions.begin() as session:
                session.connection(execution_options=WRITE_INTENT)  # takes the write lock
                yield session
        except StaleDataError as exc:
            raise ConflictError(
                "someone else changed this annotation first; reload and try again"
            ) from exc
        except (OperationalError, IntegrityError, DBAPIError) as exc:
            raise explain_database_error(
                self.where, exc, read_only=self.read_only_reason(), moved=self.moved_reason()
            ) from exc

    def moved_reason(self) -> str | None:
        """How the SQLite file went away since it was opened (moved, deleted, replaced), or
        None while it is where it was."""
        return access.file_moved(self._file, self._file_id) if self._file else None

    def read_only_reason(self) -> str | None:
        """Why this database cannot be written (None when it can, as far as is known before
        trying): a read-only file, folder or file system, or a read-only open."""
        if self._file is None:
            return None
        reason = access.read_only_reason(self._file)
        if reason is None and opened_read_only(self.engine.url):
            return "it was opened read-only"
        return reason

    @contextmanager
    def batch(self) -> Iterator[list[Change]]:
        """Run several service commands as one transaction: all are committed together when
        the block ends, or none (any error rolls back all of them). The changes the commands
        return are published after the commit, in order; the list yielded collects them.
        Queries inside the block that open their own session do not see its writes."""
        if self._batch is not None:
            raise RuntimeError("a batch is running already")
        changes: list[Change] = []
        with self.transaction() as session:
            self._batch = (session, changes)
            try:
                yield changes
            finally:
                self._batch = None
        for change in changes:
            self.notifier.publish(change)

    def publish(self, change: Change) -> Change:
        if self._batch is not None:
            self._batch[1].append(change)  # published when the batch commits
        else:
            self.notifier.publish(change)
        return change
