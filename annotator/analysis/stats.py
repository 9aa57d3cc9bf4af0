"""Statistics tables: spans counted by any combination of outlet, alignment, label, published
day / week / month and verification, with the words of the documents behind each row (spans
per 1,000 words); and the actors most quoted (speakers, claimants, sources of figures).

**How it counts.** Spans are counted in SQL per document and label (from the index
``ix_annotation_label_document``), or per document, label and verification value (read with
``json_extract`` on SQLite, ``->>`` on PostgreSQL); the documents (outlet, alignment,
published date, stored word count) are read once, and the rows summed in Python from there.
A row's ``words`` are the words of all documents that share its document keys (outlet,
alignment, date bucket), whether or not they have spans of its label; without document keys,
the words of every document. Rows with no span are left out.

Keys: the outlet's and alignment's names, the label key, the date buckets as ISO text (day
``2031-03-12``, week: its Monday ``2031-03-09``, month ``2031-03``), the verification value;
a document without one is counted under ``(no outlet)``, ``(no alignment)``, ``(no date)``, a
claim without verification under ``(not set)``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import orjson
from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from ..errors import ValidationError
from ..evidence.fields import parse_schema
from ..gc_pause import gc_paused
from ..services.records import NO_OUTLET
from ..services.references import referenced_ids
from ..storage.models import Actor, Alignment, Annotation, Document, Label, Outlet
from .buckets import bucket_of

DOCUMENT_KEYS = ("outlet", "alignment", "day", "week", "month")
SPAN_KEYS = ("label", "verification")
DIMENSIONS = DOCUMENT_KEYS + SPAN_KEYS
NO_ALIGNMENT = "(no alignment)"
NO_DATE = "(no date)"
NOT_SET = "(not set)"
QUOTED_ROLES = ("speaker", "claimant", "source")  # the actor fields that quote someone


@dataclass(frozen=True, slots=True)
class StatsRow:
    """One row: its keys (in the order of ``StatsTable.by``), spans counted, the documents
    they are in, and the words of the documents behind the row."""

    keys: tuple[str, ...]
    spans: int
    documents: int
    words: int

    @property
    def per_1000_words(self) -> float | None:
        """Spans per 1,000 words (None when the row's documents have no words)."""
        return self.spans * 1000 / self.words if self.words else None


@dataclass(frozen=True, slots=True)
class StatsTable:
    by: tuple[str, ...]
    rows: tuple[StatsRow, ...]
    spans: int  # all spans counted (the rows' sum)
    words: int  # words of every document


@dataclass(frozen=True, slots=True)
class QuotedActor:
    """An actor and how many spans quote it, per role (speaker, claimant, source)."""

    actor_id: str
    name: str
    kind: str | None
    roles: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.roles.values())


def check_by(by: Iterable[str]) -> tuple[str, ...]:
    """The grouping as a tuple of known keys; refuses an unknown or repeated one."""
    keys = tuple(k.strip().lower() for k in by if k.strip())
    if not keys:
        raise ValidationError(f"group by at least one of: {', '.join(DIMENSIONS)}")
    for key in keys:
        if key not in DIMENSIONS:
            raise ValidationError(
                f"cannot group by {key!r}: choose from {', '.join(DIMENSIONS)} (or actor)"
            )
    if len(set(keys)) != len(keys):
        raise ValidationError(f"{', '.join(keys)}: a key is there twice")
    if sum(k in ("day", "week", "month") for k in keys) > 1:
        raise ValidationError("group by one of day, week, month at a time")
    return keys


def _bucket(published: dt.date | None, key: str) -> str:
    return NO_DATE if published is None else bucket_of(published, key)


def _document_keys(session: Session, by: Sequence[str]) -> dict[str, tuple[tuple[str, ...], int]]:
    """Per document id: its values of the document keys in ``by``, and its word count."""
    stmt = (
        select(Document.id, Outlet.name, Alignment.name, Document.published, Document.word_count)
        .outerjoin(Outlet, Outlet.id == Document.outlet_id)
        .outerjoin(Alignment, Alignment.id == Outlet.alignment_id)
    )
    wanted = [k for k in by if k in DOCUMENT_KEYS]
    out = {}
    for doc_id, outlet, alignment, published, words in session.execute(stmt):
        values = []
        for key in wanted:
            if key == "outlet":
                values.append(outlet or NO_OUTLET)
            elif key == "alignment":
                values.append(alignment or NO_ALIGNMENT)
            else:
                values.append(_bucket(published, key))
        out[doc_id] = (tuple(values), words or 0)
    return out


def verification_value():
    """The SQL expression of a span's ``verification`` value, text or NULL (``json_extract``
    on SQLite, ``->>`` on PostgreSQL)."""
    return Annotation.attributes["verification"].as_string()


def _labels_with(session: Session, field: str, kind: str | None = None) -> dict[int, str]:
    out = {}
    for label_id, key, fields in session.execute(select(Label.id, Label.key, Label.fields)):
        spec = parse_schema(fields).get(field)
        if spec is not None and (kind is None or spec.kind == kind):
            out[label_id] = key
    return out


def stats_table(
    session: Session, by: Iterable[str], labels: Iterable[str] | None = None
) -> StatsTable:
    """Spans counted by the keys ``by`` (see the module's docstring), optionally only those
    of ``labels`` (keys). Grouping by ``verification`` counts the spans whose label has a
    verification field (claims). Rows sorted by their keys, ``(no ...)`` values last."""
    by = check_by(by)
    label_keys = dict(session.execute(select(Label.id, Label.key)).all())
    wanted = set(labels) if labels is not None else None
    if wanted is not None and (unknown := wanted - set(label_keys.values())):
        raise ValidationError(f"no label {sorted(unknown)[0]!r} (see `annotator stats`)")
    label_ids = [i for i, key in label_keys.items() if wanted is None or key in wanted]
    verify = "verification" in by
    if verify:
        allowed = set(_labels_with(session, "verification"))
        value = verification_value()
        stmt = (
            select(Annotation.label_id, Annotation.document_id, value, func.count())
            .where(Annotation.label_id.in_([i for i in label_ids if i in allowed]))
            .group_by(Annotation.label_id, Annotation.document_id, value)
        )
    else:
        stmt = select(Annotation.label_id, Annotation.document_id, func.count())
        if wanted is not None:
            stmt = stmt.where(Annotation.label_id.in_(label_ids))
        stmt = stmt.group_by(Annotation.label_id, Annotation.document_id)
    docs = _document_keys(session, by)
    # first per (label, verification, document keys): each SQL row is one document of it
    groups: Counter[tuple] = Counter()
    group_docs: Counter[tuple] = Counter()
    group_ids: dict[tuple, list[str]] = defaultdict(list)
    with gc_paused():
        for row in session.connection().execute(stmt):
            if verify:
                label_id, doc_id, verification, n = row
            else:
                (label_id, doc_id, n), verification = row, None
            g = (label_id, verification, docs[doc_id][0])
            groups[g] += n
            group_docs[g] += 1
            group_ids[g].append(doc_id)
    spans: Counter[tuple[str, ...]] = Counter()
    in_docs: dict[tuple[str, ...], list[tuple]] = defaultdict(list)
    for g, n in groups.items():
        label_id, verification, doc_values = g
        values = iter(doc_values)
        keys = []
        for key in by:
            if key == "label":
                keys.append(label_keys[label_id])
            elif key == "verification":
                keys.append(verification if isinstance(verification, str) else NOT_SET)
            else:
                keys.append(next(values))
        spans[tuple(keys)] += n
        in_docs[tuple(keys)].append(g)

    def documents(parts: list[tuple]) -> int:
        if len(parts) == 1:  # one group: its rows are distinct documents
            return group_docs[parts[0]]
        return len({d for g in parts for d in group_ids[g]})

    words: Counter[tuple[str, ...]] = Counter()
    for doc_values, count in docs.values():
        words[doc_values] += count
    doc_index = [i for i, k in enumerate(by) if k in DOCUMENT_KEYS]
    rows = [
        StatsRow(keys, n, documents(in_docs[keys]), words[tuple(keys[i] for i in doc_index)])
        for keys, n in spans.items()
    ]
    rows.sort(key=lambda r: tuple((v.startswith("("), v.casefold(), v) for v in r.keys))
    return StatsTable(by, tuple(rows), sum(spans.values()), sum(words.values()))


def most_quoted(
    session: Session, roles: Sequence[str] = QUOTED_ROLES, limit: int | None = None
) -> list[QuotedActor]:
    """The actors spans quote, most quoted first: per actor, how many spans name it as
    speaker, claimant or source (the labels' actor fields of those names). Counted in SQL
    per distinct field value (one ``GROUP BY`` a role), so a million spans read as a few
    hundred values."""
    postgres = session.get_bind().dialect.name == "postgresql"
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    allowed = {role: _labels_with(session, role, "actor") for role in roles}
    roles = [role for role in roles if allowed[role]]
    if not roles:
        return []
    values = [
        cast(Annotation.attributes[role], Text)
        if postgres
        else func.json_extract(Annotation.attributes, f"$.{role}")
        for role in roles
    ]
    # one scan of the spans of those labels, every role's value at once
    labels = sorted({label_id for role in roles for label_id in allowed[role]})
    stmt = (
        select(Annotation.label_id, *values, func.count())
        .where(Annotation.label_id.in_(labels))
        .group_by(Annotation.label_id, *values)
    )
    for label_id, *texts, n in session.execute(stmt):
        for role, text in zip(roles, texts[: len(roles)], strict=True):
            if text is None or label_id not in allowed[role]:
                continue
            try:
                parsed = orjson.loads(text)
            except orjson.JSONDecodeError:
                continue
            refs = referenced_ids({role: parsed})
            for actor_id in dict.fromkeys(i for k, i in refs if k == "actor"):
                counts[actor_id][role] += n
    actors = {
        a_id: (name, kind)
        for a_id, name, kind in session.execute(
            select(Actor.id, Actor.name, Actor.kind).where(Actor.id.in_(list(counts)))
        )
    }
    out = [
        QuotedActor(
            a_id,
            actors.get(a_id, (f"(unknown actor {a_id})", None))[0],
            actors.get(a_id, (None, None))[1],
            {r: c[r] for r in roles if c[r]},
        )
        for a_id, c in counts.items()
    ]
    out.sort(key=lambda q: (-q.total, q.name.casefold(), q.actor_id))
    return out[:limit] if limit is not None else out
