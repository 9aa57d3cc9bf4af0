"""The records the analysis hands out: plain, immutable, with the span ids behind every cell
(so a view can open the span a figure, a name or a quote came from)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..evidence.estimates import estimate_text
from ..services.records import LinkRecord

FIGURES = ("killed", "wounded", "missing", "captured")  # the estimate fields compared


@dataclass(frozen=True, slots=True)
class Figure:
    """One account's figure (killed, wounded, ...) for an event: low, best, high (any None),
    combined from its casualty reports by :func:`annotator.analysis.event_table.combine`.
    ``span_id``: the report the best value comes from (else the first giving a part);
    ``span_ids``: every report that gave a part of it, in text order."""

    low: int | None
    best: int | None
    high: int | None
    span_id: str
    span_ids: tuple[str, ...]

    def text(self) -> str:
        """``"9"``, ``"12 (9–14)"``, ``"9–14"`` (no best), ``"≥ 12"`` / ``"≤ 14"`` (open)."""
        return estimate_text(self.low, self.best, self.high)


@dataclass(frozen=True, slots=True)
class ActorCell:
    """An actor an account names (source of a figure, the side blamed...). ``actor_id`` None:
    the outlet itself (a casualty report that names no source); ``span_ids``: the spans
    naming it."""

    actor_id: str | None
    name: str
    span_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChoiceCell:
    """A choice value (who was hit: civilian, military...) and the spans giving it."""

    value: str
    span_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuoteCell:
    """A claim or statement of an account: its span, label, quote and fields.
    ``actor``: the claimant or speaker (None: not given; for a claim, the outlet itself)."""

    span_id: str
    label: str
    quote: str
    start: int
    verification: str | None = None
    denial: bool = False
    actor: ActorCell | None = None


@dataclass(frozen=True, slots=True)
class Account:
    """One document's account of an event: every span of it that refers to the event."""

    document_id: str
    title: str
    outlet: str | None
    outlet_id: int | None
    alignment: str | None
    published: dt.date | None
    figures: dict[str, Figure]  # figure name (FIGURES) -> combined figure; absent: not given
    sources: tuple[ActorCell, ...]  # the figures' sources (casualty reports' ``source``)
    who: tuple[ChoiceCell, ...]  # who was hit
    side_affected: tuple[ActorCell, ...]
    blamed: tuple[ActorCell, ...]  # alleged perpetrators
    claims: tuple[QuoteCell, ...]  # claims (denials among them: ``denial`` True)
    statements: tuple[QuoteCell, ...]
    reports: tuple[str, ...]  # its casualty reports' span ids, in text order
    span_ids: tuple[str, ...]  # every span of the account, in text order
    links: tuple[LinkRecord, ...] = ()  # links between this account and another one

    @property
    def denials(self) -> tuple[QuoteCell, ...]:
        return tuple(c for c in self.claims if c.denial)


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """How far the accounts' best values of one figure lie apart: the lowest and the highest
    best, with the account (document) and span each comes from."""

    figure: str
    accounts: int  # accounts that give a best value
    min_best: int
    max_best: int
    min_document_id: str
    max_document_id: str
    min_span_id: str
    max_span_id: str

    @property
    def spread(self) -> int:
        return self.max_best - self.min_best


@dataclass(frozen=True, slots=True)
class EventTable:
    """The comparison table of one event: an account per document, the links between
    accounts (``LinkRecord``: kind, both ends' span and document ids and quotes) and the
    discrepancy of each figure (absent when no account gives a best value)."""

    event_id: str
    name: str
    date: dt.date | None
    place: str | None
    accounts: tuple[Account, ...]
    links: tuple[LinkRecord, ...] = ()
    discrepancies: dict[str, Discrepancy] = field(default_factory=dict)
