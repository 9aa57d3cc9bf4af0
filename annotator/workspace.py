"""A workspace: one database, its services and its change notices. The Python API.

>>> from annotator import open_workspace
>>> ws = open_workspace("sqlite:///my-study.sqlite3")      # created and migrated if new
>>> doc = ws.add_document("Title\\n\\nBody text ...", outlet="Wire")
>>> ws.annotations.add(doc, 0, 5, "claim")
>>> ws.export("out.jsonl")                           # native JSONL; format="prodigy", ...
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from . import settings
from .errors import DatabaseError
from .exporting.native import ExportReport
from .importing.records import ParsedDocument
from .services.actors import ActorService
from .services.annotations import AnnotationService
from .services.changes import Change, ChangeNotifier
from .services.collections import CollectionService
from .services.documents import DocumentService
from .services.events import EventService
from .services.exporter import ExportService
from .services.external import ExternalChanges
from .services.importer import ImportReport, ImportService
from .services.labels import LabelService
from .services.links import LinkService
from .services.outlets import OutletService
from .services.store import Store
from .storage import access, backups, migrate
from .storage.engine import make_engine, resolve_url, sqlite_file
from .storage.instance_lock import InstanceLock

FROM_SETTINGS: Any = object()


class Workspace:
    """Services over one database. Build it with :func:`open_workspace`."""

    def __init__(
        self,
        engine: Engine,
        *,
        upgrade: migrate.UpgradeResult | None = None,
        author: str | None = None,
    ) -> None:
        self.engine = engine
        self.upgrade_result = upgrade
        self.notifier = ChangeNotifier()
        self.store = Store(engine, self.notifier)
        self.store.default_author = author
        self.labels = LabelService(self.store)
        self.annotations = AnnotationService(self.store)
        self.links = LinkService(self.store)
        self.documents = DocumentService(self.store)
        self.outlets = OutletService(self.store)
        self.collections = CollectionService(self.store)
        self.actors = ActorService(self.store)
        self.events = EventService(self.store)
        self.importer = ImportService(self.store)
        self.exporter = ExportService(self.store)
        self._external: ExternalChanges | None = None
        # ws.export(dest, format="jsonl"|"doccano"|..., documents=, labels=, authors=, ...):
        # the export service's own method, so its signature and docs are the API's
        self.export = self.exporter.export

    @property
    def author(self) -> str | None:
        """Who makes this workspace's edits: recorded with every span added or imported
        without an author of its own."""
        return self.store.default_author

    @author.setter
    def author(self, name: str | None) -> None:
        self.store.default_author = (name or "").strip() or None

    @functools.cached_property
    def analysis(self):
        """Event comparison tables and statistics (read-only; ``annotator.analysis``), loaded
        on first use so that start-up does not import them."""
        from .analysis.service import Analysis

        return Analysis(self.store)

    @functools.cached_property
    def search(self):
        """Corpus search (``services.search.SearchService``), loaded on first use."""
        from .services.search import SearchService

        return SearchService(self.store)

    @functools.cached_property
    def backups(self):
        """The SQLite database's backups (``services.backups.BackupService``); None for
        PostgreSQL, whose server's own backups apply."""
        from .services.backups import BackupService

        return BackupService.for_url(self.url)

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def created(self) -> bool:
        """True when this open created the database."""
        return bool(self.upgrade_result and self.upgrade_result.created)

    @property
    def read_only(self) -> str | None:
        """Why edits cannot be saved to this database (a read-only file, folder or file
        system, a read-only open, or its file gone since it was opened), or None when they
        can: the app shows it."""
        return self.store.read_only_reason() or self.store.moved_reason()

    def save_copy(self, dest: str | os.PathLike[str]) -> Path:
        """Copy the SQLite database, as this workspace sees it, to ``dest`` (a new file): what
        rescues the work when the file was moved or deleted while it was open."""
        path = sqlite_file(self.url)
        if path is None:
            raise DatabaseError(f"{self.store.where}: only an SQLite file can be copied here")
        raw = self.engine.raw_connection()
        try:
            return access.save_copy(raw.driver_connection, path, Path(dest))
        finally:
            raw.close()

    def instance_lock(self) -> InstanceLock:
        """The note saying which process has this database open (the app's single window)."""
        return InstanceLock(self.url)

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``listener`` with every committed change; returns an unsubscribe function."""
        return self.notifier.subscribe(listener)

    def poll_external_changes(self) -> Change | None:
        """Publish (and return) what other processes committed since the last call: the GUI
        calls it on a timer, so the library and open panes follow an import from the command
        line or a colleague's edits on a shared server."""
        if self._external is None:
            self._external = ExternalChanges(self.store)
        change = self._external.poll()
        if change is not None:
            self.notifier.publish(change)
        return change

    # -- import --------------------------------------------------------------------------------
    def import_paths(self, paths: Iterable[str | os.PathLike[str]], **kwargs: Any) -> ImportReport:
        return self.importer.import_paths(paths, **kwargs)

    def add_document(
        self,
        text: str,
        *,
        title: str | None = None,
        outlet: str | None = None,
        author: str | None = None,
        url: str | None = None,
        published: dt.date | None = None,
        language: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> str:
        """Store one document (text kept exactly as given); returns its id."""
        if title is None:
            title = next((line.strip() for line in text.splitlines() if line.strip()), "")
        doc = ParsedDocument(
            title=title,
            text=text,
            source="(python)",
            outlet=outlet,
            author=author,
            url=url,
            published=published,
            language=language,
            meta=dict(meta or {}),
        )
        report = self.importer.import_documents([doc])
        return (report.document_ids or report.duplicate_ids)[0]

    # -- export --------------------------------------------------------------------------------
    def export_jsonl(self, dest: str | os.PathLike[str] | BinaryIO, **kwargs: Any) -> ExportReport:
        """Native JSONL export: ``export(dest, format="jsonl", ...)``."""
        return self.exporter.export(dest, format="jsonl", **kwargs)

    def close(self) -> None:
        if self._external is not None:
            self._external.close()
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workspace(
    url: str | os.PathLike[str] | URL | None = None,
    *,
    backup: bool = True,
    author: str | None = FROM_SETTINGS,
) -> Workspace:
    """Open (create, upgrade) the database at ``url``: an SQLite path or URL, or PostgreSQL URL.

    Without ``url``: ``$ANNOTATOR_DB``, else the SQLite file in the user data directory.
    ``author`` is recorded with the spans this workspace adds or imports without one: by
    default the user's name from the settings (``annotator config --author``), None for none.
    """
    if author is FROM_SETTINGS:
        author = settings.author()
    if isinstance(url, Path):
        url = str(url)
    url = url if isinstance(url, URL) else resolve_url(url)
    path = sqlite_file(url)
    if path is not None:
        backups.refuse_if_damaged(path)
    engine = make_engine(url)
    try:
        result = migrate.upgrade(engine, backup=backup)
    except BaseException:
        engine.dispose()
        raise
    return Workspace(engine, upgrade=result, author=author)
