"""SQLAlchemy 2 typed models: the tables Alembic creates and the services read and write.

Offsets (`Annotation.start`, `Annotation.end`) are Python ``str`` indices (code points) into
``Document.text``, end-exclusive. ``Annotation.quote`` always equals ``text[start:end]``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so that Alembic migrations are reproducible on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UUID_LEN = 36


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp on every backend (SQLite stores it as naive UTC text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Document(Base):
    __tablename__ = "document"

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    title: Mapped[str] = mapped_column(String(1000))
    text: Mapped[str] = mapped_column(Text)
    # the outlet is a row of its own (migration 0004): its name is the document's ``outlet``
    # in records and exports; imports match outlets by normalised name (services.outlets)
    # (no ON DELETE action: SQLite cannot report one of a column added by ALTER TABLE, so the
    # drift check could not see it; NO ACTION refuses to delete a used outlet all the same)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlet.id"), index=True)
    author: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[dt.date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(35))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # words of ``text`` (annotator.text.words.word_count), for per-1,000-words statistics:
    # texts never change, so it is computed once, on import or restore (migration 0009)
    word_count: Mapped[int] = mapped_column(Integer, server_default="0")

    annotations: Mapped[list[Annotation]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


# Spans are offsets into the text, and sha256 (its digest) matches re-imports, so neither may
# change once stored. This event stops an ORM flush early; the database itself refuses every
# other write (bulk/raw UPDATE, upsert) with this message, by the trigger of migration 0002.
TEXT_IMMUTABLE_MESSAGE = "document text is immutable"


@event.listens_for(Document, "before_update")
def _text_is_immutable(mapper: Any, connection: Any, target: Document) -> None:
    attrs = inspect(target).attrs
    if attrs.text.history.has_changes() or attrs.sha256.history.has_changes():
        raise ValueError(f"{TEXT_IMMUTABLE_MESSAGE} once imported (so is its sha256)")


class Alignment(Base):
    """One value of the user's list of outlet alignments (pro-Armenian, state, ...)."""

    __tablename__ = "alignment"
    __table_args__ = (CheckConstraint("length(name) > 0", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Outlet(Base):
    """A news outlet the user keeps in a list. ``norm`` is the normalised name
    (``services.outlets.outlet_key``): "South Front", "SouthFront" and "south front" share
    one, so they are one outlet."""

    __tablename__ = "outlet"
    __table_args__ = (CheckConstraint("length(name) > 0", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    norm: Mapped[str] = mapped_column(String(300), unique=True)
    country: Mapped[str | None] = mapped_column(String(100))
    alignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("alignment.id", ondelete="RESTRICT")
    )


class Collection(Base):
    """A named set of documents ("2020 war", "Sept 2023 offensive")."""

    __tablename__ = "collection"
    __table_args__ = (CheckConstraint("length(name) > 0", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class DocumentCollection(Base):
    __tablename__ = "document_collection"

    document_id: Mapped[str] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    collection_id: Mapped[int] = mapped_column(
        ForeignKey("collection.id", ondelete="CASCADE"), primary_key=True, index=True
    )


ACTOR_KINDS = ("state body", "armed force", "official", "outlet", "organisation", "person")


class Actor(Base):
    """Who a span names (migration 0005). ``norm`` is the normalised name (as for outlets);
    spans refer to an actor from their attributes: ``{"actor": id}``."""

    __tablename__ = "actor"
    __table_args__ = (
        CheckConstraint("length(name) > 0", name="name_not_empty"),
        CheckConstraint(
            "kind IN ('state body', 'armed force', 'official', 'outlet', 'organisation', 'person')",
            name="kind_known",
        ),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    norm: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    side: Mapped[str | None] = mapped_column(String(200))
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ActorAlias(Base):
    """Another name of an actor; ``norm`` is unique across all aliases."""

    __tablename__ = "actor_alias"
    __table_args__ = (CheckConstraint("length(alias) > 0", name="alias_not_empty"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    norm: Mapped[str] = mapped_column(String(300), unique=True)


class Event(Base):
    """Something that happened, which spans refer to: ``{"event": id}`` (migration 0005)."""

    __tablename__ = "event"
    __table_args__ = (CheckConstraint("length(name) > 0", name="name_not_empty"),)

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    norm: Mapped[str] = mapped_column(String(300), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Label(Base):
    __tablename__ = "label"
    __table_args__ = (CheckConstraint("length(key) > 0", name="key_not_empty"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    color: Mapped[str] = mapped_column(String(9))
    shortcut: Mapped[str | None] = mapped_column(String(20), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # the field specs its spans fill in (annotator.evidence.fields), None: no fields
    fields: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)


class Annotation(Base):
    __tablename__ = "annotation"
    __table_args__ = (
        CheckConstraint('start >= 0 AND "end" > start', name="span_valid"),
        Index("ix_annotation_document_span", "document_id", "start", "end"),
        # statistics count spans per label and document from this index alone (0009)
        Index("ix_annotation_label_document", "label_id", "document_id"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=False
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    label_id: Mapped[int] = mapped_column(ForeignKey("label.id", ondelete="RESTRICT"))
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(String(300))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    document: Mapped[Document] = relationship(back_populates="annotations")
    label: Mapped[Label] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class LinkKind(Base):
    """A kind of link between spans (supports, contradicts, repeats, ...). ``directed``: the
    link reads from source to target (``cites``); otherwise it is symmetric (``repeats``)."""

    __tablename__ = "link_kind"
    __table_args__ = (CheckConstraint("length(key) > 0", name="key_not_empty"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    color: Mapped[str] = mapped_column(String(9))
    directed: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SpanLink(Base):
    """A link from one span to another, in the same document or another (migration 0007).
    Deleting either span deletes the link (ON DELETE CASCADE)."""

    __tablename__ = "span_link"
    __table_args__ = (
        CheckConstraint("source_id <> target_id", name="not_self"),
        UniqueConstraint("source_id", "target_id", "kind_id"),
    )

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True)
    kind_id: Mapped[int] = mapped_column(ForeignKey("link_kind.id", ondelete="RESTRICT"))
    source_id: Mapped[str] = mapped_column(ForeignKey("annotation.id", ondelete="CASCADE"))
    target_id: Mapped[str] = mapped_column(
        ForeignKey("annotation.id", ondelete="CASCADE"), index=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(String(300))
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ChangeLog(Base):
    """One row per committed command, written in the command's own transaction: who (the
    workspace that wrote it), when, and which documents it touched (None: not known, e.g. a
    bulk statement). Other processes on the same database poll it to follow changes they did
    not make (``services.external``). Old rows are pruned by the writers."""

    __tablename__ = "change_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    origin: Mapped[str] = mapped_column(String(UUID_LEN))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    documents: Mapped[list[str] | None] = mapped_column(JSON)
    labels: Mapped[bool] = mapped_column(Boolean, default=False)
