"""The analysis queries of one workspace (``ws.analysis``): read-only, each in one session."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..services.events import find_event
from ..services.store import Store
from .event_table import event_tables
from .records import EventTable
from .stats import QUOTED_ROLES, QuotedActor, StatsTable, most_quoted, stats_table


class Analysis:
    def __init__(self, store: Store) -> None:
        self._store = store

    def event_table(self, event: str) -> EventTable:
        """The comparison table of one event (by id or name, as ``ws.events.get`` takes it)."""
        with self._store.sessions() as session:
            event_id = find_event(session, event).id
            return event_tables(session, event_id)[0]

    def event_tables(self) -> list[EventTable]:
        """The comparison tables of every event, by date then name (accounts may be none)."""
        with self._store.sessions() as session:
            return event_tables(session)

    def stats(self, by: Iterable[str], labels: Iterable[str] | None = None) -> StatsTable:
        """Spans counted by ``by`` (outlet, alignment, label, day, week, month, verification),
        optionally only of ``labels``; see :mod:`annotator.analysis.stats`."""
        with self._store.sessions() as session:
            return stats_table(session, by, labels)

    def most_quoted(
        self, roles: Sequence[str] = QUOTED_ROLES, limit: int | None = None
    ) -> list[QuotedActor]:
        """The actors spans quote (speaker, claimant, source), most quoted first."""
        with self._store.sessions() as session:
            return most_quoted(session, roles, limit)
