"""ORM models of the offers database; one class per table, constraints named by convention."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from store.types import CompressedJSON, CompressedText, JSONDocument, UTCDateTime
from store.urls import canonical_url

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Now, timezone-aware, in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSONDocument}


class Organization(Base):
    """An HR club member company or a professional branch that registers sources."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    sources: Mapped[list[Source]] = relationship(back_populates="organization")


class Source(Base):
    """A registered feed or careers site, with its schedule and conditional-GET state."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(Text)
    # The URL's canonical form (store.urls), set with it: one URL, one source, however spelled.
    url_key: Mapped[str | None] = mapped_column(Text, index=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    schedule_minutes: Mapped[int] = mapped_column(Integer, default=60)
    defaults: Mapped[dict[str, Any]] = mapped_column(default=dict)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    threads: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    paused_reason: Mapped[str | None] = mapped_column(Text)
    # Offers older than this are expired (ghost jobs); unset: no limit.
    max_age_days: Mapped[int | None]
    # Offers older than this have their apply page re-checked; unset: never.
    recheck_after_days: Mapped[int | None]
    # Set when a fetch would withdraw too much at once: what an operator should look at.
    attention: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_run_at: Mapped[datetime | None]
    next_run_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization | None] = relationship(back_populates="sources")

    __table_args__ = (CheckConstraint("schedule_minutes > 0", name="schedule_positive"),)

    @validates("url")
    def _keep_url_key(self, _: str, url: str) -> str:
        self.url_key = canonical_url(url)
        return url


class CrawlRun(Base):
    """One collection of one source: what was fetched, how it ended, what it changed."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20), default="running")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    url: Mapped[str] = mapped_column(Text)
    http_status: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    error_kind: Mapped[str | None] = mapped_column(String(20))
    bytes_received: Mapped[int] = mapped_column(default=0)
    items_seen: Mapped[int] = mapped_column(default=0)
    items_new: Mapped[int] = mapped_column(default=0)
    items_changed: Mapped[int] = mapped_column(default=0)
    items_unchanged: Mapped[int] = mapped_column(default=0)
    items_rejected: Mapped[int] = mapped_column(default=0)
    offers_new: Mapped[int] = mapped_column(default=0)
    offers_updated: Mapped[int] = mapped_column(default=0)
    offers_unchanged: Mapped[int] = mapped_column(default=0)
    offers_withdrawn: Mapped[int] = mapped_column(default=0)
    offers_held: Mapped[int] = mapped_column(default=0)
    # What the crawl's report noted, in French: what reading a broken document repaired, why it
    # may be cut short, a host that asked to slow down (`spiders.report.CrawlReport.notes`).
    notes: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    normalized_at: Mapped[datetime | None]
    loaded_at: Mapped[datetime | None]
    # The process that crawls and stores it (host, pid, when it started): a later start tells
    # from these that a run still "running" was abandoned (`pipeline.recovery`).
    owner_host: Mapped[str | None] = mapped_column(String(255))
    owner_pid: Mapped[int | None]
    owner_started_at: Mapped[datetime | None]

    source: Mapped[Source] = relationship()

    __table_args__ = (Index(None, "source_id", "started_at"), Index(None, "status"))


class RawItem(Base):
    """The latest verbatim payload of one item of a source, as fetched, with its hash.

    The payload itself is a `RawPayload` row, written once for each content: the item's own row
    is written again at each step of the pipeline (normalized, loaded), and PostgreSQL writes
    each version of a row whole (MVCC), so that a payload kept in it was stored three times."""

    __tablename__ = "raw_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(100))
    error: Mapped[str | None] = mapped_column(Text)
    fetch_url: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime]
    crawl_run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id", ondelete="CASCADE"))
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    # The normalized offer between the normalize and load steps, emptied once loaded.
    normalized: Mapped[dict[str, Any] | None] = mapped_column(CompressedJSON)
    # The last crawl whose fetch listed this item, changed or not.
    last_seen_run_id: Mapped[int | None]

    # Read when first asked for (`store.runs.pending_items` reads a batch's at once).
    stored_payload: Mapped[RawPayload | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        UniqueConstraint("source_id", "external_id"),
        Index(None, "crawl_run_id", "state"),
        # A source's items in a state, by id: the batches of `store.runs.pending_items`.
        Index(None, "source_id", "state", "id"),
    )

    @property
    def payload(self) -> str:
        """The item as fetched, verbatim ("" for an item stored without one)."""
        return self.stored_payload.payload if self.stored_payload is not None else ""

    @payload.setter
    def payload(self, value: str) -> None:
        if self.stored_payload is None:
            self.stored_payload = RawPayload(payload=value)
        else:
            self.stored_payload.payload = value


class RawPayload(Base):
    """A raw item's verbatim payload, compressed when long (`store.types.CompressedText`):
    written when the item is new or changed, never when only its state changes."""

    __tablename__ = "raw_payloads"

    raw_item_id: Mapped[int] = mapped_column(
        ForeignKey("raw_items.id", ondelete="CASCADE"), primary_key=True
    )
    payload: Mapped[str] = mapped_column(CompressedText)


# The live offers' place indexes (name: columns), a radius search's bounding box the last.
LIVE_PLACE_INDEXES = {
    "ix_offers_live_place_insee_code": ("place_insee_code",),
    "ix_offers_live_place_departement_code": ("place_departement_code",),
    "ix_offers_place_latitude_place_longitude": ("place_latitude", "place_longitude"),
}

LIVE_NEWEST_INCLUDES = [
    "contract_type_contrat",
    "contract_nature",
    "experience_months",
    "experience_requirement",
]


class Offer(Base):
    """A normalized offer; the columns are the flattened `schemas.Offer` fields."""

    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="published")
    title: Mapped[str] = mapped_column(String(300))
    # Shown whole, never searched by SQL: compressed when long (`store.types.CompressedText`).
    description_html: Mapped[str] = mapped_column(CompressedText, default="")
    # Searched through each database's full-text index, which reads it: plain text on
    # PostgreSQL (its generated `search_vector` needs it; TOAST compresses it), compressed on
    # SQLite, whose `relais_search_document` unpacks it (`store.fulltext.search_document`).
    description_text: Mapped[str] = mapped_column(
        Text().with_variant(CompressedText(), "sqlite"), default=""
    )
    company_name: Mapped[str | None] = mapped_column(String(200))

    place_text: Mapped[str | None] = mapped_column(Text)
    place_match: Mapped[str] = mapped_column(String(16), default="missing")
    place_label: Mapped[str | None] = mapped_column(String(200))
    place_insee_code: Mapped[str | None] = mapped_column(String(5))
    place_commune_name: Mapped[str | None] = mapped_column(String(200))
    place_postal_code: Mapped[str | None] = mapped_column(String(5))
    place_departement_code: Mapped[str | None] = mapped_column(String(3))
    place_departement_name: Mapped[str | None] = mapped_column(String(100))
    place_region_code: Mapped[str | None] = mapped_column(String(2))
    place_region_name: Mapped[str | None] = mapped_column(String(100))
    place_country_code: Mapped[str | None] = mapped_column(String(2))
    place_latitude: Mapped[float | None] = mapped_column(Float)
    place_longitude: Mapped[float | None] = mapped_column(Float)
    place_candidates: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    place_zone: Mapped[str | None] = mapped_column(String(200))
    place_confidence: Mapped[float | None] = mapped_column(Float)
    # The other places the offer is open in, as `schemas.Place` documents; searched through
    # `OfferPlace`, which `store.offers.sync_other_places` keeps equal to them.
    other_places: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)

    rome_code: Mapped[str | None] = mapped_column(String(5), index=True)
    rome_label: Mapped[str | None] = mapped_column(String(300))
    rome_appellation_code: Mapped[str | None] = mapped_column(String(10))
    rome_appellation_label: Mapped[str | None] = mapped_column(String(300))
    rome_confidence: Mapped[float | None] = mapped_column(Float)
    # Read and written whole, never queried by SQL: kept compressed (migration 0027).
    rome_alternatives: Mapped[list[dict[str, Any]] | None] = mapped_column(CompressedJSON)

    contract_text: Mapped[str | None] = mapped_column(Text)
    contract_type_contrat: Mapped[str | None] = mapped_column(String(3), index=True)
    contract_type_contrat_label: Mapped[str | None] = mapped_column(String(100))
    contract_duration_value: Mapped[int | None]
    contract_duration_unit: Mapped[str | None] = mapped_column(String(8))
    contract_nature: Mapped[str | None] = mapped_column(String(100))
    contract_working_time_text: Mapped[str | None] = mapped_column(Text)
    contract_full_time: Mapped[bool | None] = mapped_column(Boolean)
    contract_hours_per_week: Mapped[float | None] = mapped_column(Float)

    salary_text: Mapped[str | None] = mapped_column(Text)
    salary_minimum: Mapped[float | None] = mapped_column(Float)
    salary_maximum: Mapped[float | None] = mapped_column(Float)
    salary_period: Mapped[str | None] = mapped_column(String(8))
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    salary_months: Mapped[float | None] = mapped_column(Float)
    # "brut" or "net" when the pay's words say which (`schemas.PayBasis`); NULL when they do not
    salary_basis: Mapped[str | None] = mapped_column(String(4))

    experience_text: Mapped[str | None] = mapped_column(Text)
    experience_requirement: Mapped[str | None] = mapped_column(String(1))
    experience_months: Mapped[int | None]
    # When the job starts (`schemas.StartDate`): as written, the day read, "dès que possible".
    start_text: Mapped[str | None] = mapped_column(Text)
    start_day: Mapped[date | None] = mapped_column(Date)
    start_immediate: Mapped[bool | None] = mapped_column(Boolean)
    remote_text: Mapped[str | None] = mapped_column(Text)
    remote_mode: Mapped[str | None] = mapped_column(String(8))
    remote_days_per_week: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str | None] = mapped_column(String(2))
    category_text: Mapped[str | None] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(String(200))
    posted_at: Mapped[datetime | None]
    source_updated_at: Mapped[datetime | None]
    valid_through: Mapped[datetime | None]
    url: Mapped[str | None] = mapped_column(Text)
    apply_url: Mapped[str | None] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(300))
    attribution: Mapped[str] = mapped_column(String(300))
    # Where each fact was read (`schemas.FactSource` by fact name) and the facts whose
    # structured field and text disagree (`schemas.Disagreement` list), with their count.
    fact_sources: Mapped[dict[str, Any] | None] = mapped_column(CompressedJSON)
    disagreements: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONDocument)
    disagreement_count: Mapped[int] = mapped_column(default=0, server_default="0")
    content_hash: Mapped[str] = mapped_column(String(64))
    # The offer as France Travail JSON less its id and description, compact bytes
    # (`exporters.francetravail.stored_document`), written with the columns it is made of
    # (`_keep_document` below; `store.copies`'s bulk insert writes it itself): a search page is
    # joined from these bytes. NULL until written (a row copied in SQL): a page builds it then,
    # and `store.documents.fill` writes it. Deferred: loading an offer does not read it (nor
    # need it, as in older revisions' migrations that load offers).
    ft_document: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    status_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    # When this offer was found to be a duplicate of another one, that other offer.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("offers.id", ondelete="SET NULL"), index=True
    )

    source: Mapped[Source] = relationship()
    provenance: Mapped[list[OfferSource]] = relationship(back_populates="offer")

    # (source_id, external_id) name the canonical copy; the copies themselves are unique.
    __table_args__ = (
        Index(None, "source_id", "external_id"),
        Index(None, "status", "posted_at"),
        # The search's order (`store.search.created_at`) over live offers: a page is an index walk;
        # on PostgreSQL it carries the facets' columns, so that counting them reads no row.
        Index(
            "ix_offers_live_newest",
            text("coalesce(posted_at, first_seen_at) DESC"),
            text("id DESC"),
            postgresql_where=text("status = 'published'"),
            postgresql_include=LIVE_NEWEST_INCLUDES,
            sqlite_where=text("status = 'published'"),
        ),
        # A search by commune, département or radius (`store.search._in_places`): the live
        # offers' ids found from the index alone (PostgreSQL: the id and the dates a page is
        # sorted by included, revision 0027; SQLite: an index holds its rows' ids), with no
        # read of the offers' rows.
        *[
            Index(
                name,
                *columns,
                postgresql_where=text("status = 'published'"),
                postgresql_include=["id", "posted_at", "first_seen_at"],
                sqlite_where=text("status = 'published'"),
            )
            for name, columns in LIVE_PLACE_INDEXES.items()
        ],
        # The offers whose document is still to write (`store.documents.fill`): none, mostly.
        Index(
            "ix_offers_ft_document_missing",
            "id",
            postgresql_where=text("ft_document IS NULL"),
            sqlite_where=text("ft_document IS NULL"),
        ),
    )
    # Also `search_vector` on PostgreSQL and the `offers_fts` table on SQLite: the full-text
    # index, which the database maintains (`store.fulltext`).


class _OfferValues:
    """An `Offer` read by column name, as `exporters.francetravail.stored_document` reads."""

    __slots__ = ("offer",)

    def __init__(self, offer: Offer) -> None:
        self.offer = offer

    def __getitem__(self, name: str) -> Any:
        return getattr(self.offer, name)


@event.listens_for(Offer, "before_insert")
@event.listens_for(Offer, "before_update")
def _keep_document(_mapper: Any, _connection: Any, offer: Offer) -> None:
    """Write the offer's `ft_document` again when a column it is made of changed (every ORM
    write of an offer comes through here), so that it never says other than the columns."""
    from exporters.francetravail import DOCUMENT_COLUMNS, stored_document

    state = inspect(offer)
    if state.persistent and not any(
        state.attrs[name].history.has_changes() for name in DOCUMENT_COLUMNS
    ):
        return
    now = utcnow()
    if offer.first_seen_at is None:  # their defaults, which the INSERT would give them
        offer.first_seen_at = now
    if offer.updated_at is None:
        offer.updated_at = now
    offer.ft_document = stored_document(_OfferValues(offer))


class OfferPlace(Base):
    """One of the other places an offer is open in (the main one is on the offer row), so that a
    search by commune, département or région finds the offer in each of its places."""

    __tablename__ = "offer_places"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    insee_code: Mapped[str | None] = mapped_column(String(5), index=True)
    departement_code: Mapped[str | None] = mapped_column(String(3), index=True)
    region_code: Mapped[str | None] = mapped_column(String(2))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (Index(None, "latitude", "longitude"),)


class OfferSource(Base):
    """Provenance: which item of which source an offer was seen as."""

    __tablename__ = "offer_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(500))
    raw_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("raw_items.id", ondelete="SET NULL"), index=True
    )
    content_hash: Mapped[str] = mapped_column(String(64))
    url: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # "live", "withdrawn" or "expired": whether this source still lists the offer.
    status: Mapped[str] = mapped_column(String(16), default="live")
    status_reason: Mapped[str | None] = mapped_column(Text)
    status_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Withdrawn because the source's complete fetches stopped listing it: listed again, it is back.
    unlisted: Mapped[bool] = mapped_column(Boolean, default=False)
    # The normalized offer as this source gave it (`schemas.Offer` JSON); NULL for the copy the
    # offer row is made of, whose document the row is (`store.copies.copy_offer`). Its dedup
    # fingerprint is made again from it when needed; its keys are `DedupKey` rows.
    document: Mapped[dict[str, Any] | None] = mapped_column(CompressedJSON)
    valid_through: Mapped[datetime | None] = mapped_column(index=True)
    checked_at: Mapped[datetime | None]
    # From the fingerprint: what rules candidates out before their fingerprint is even made.
    dedup_departement: Mapped[str | None] = mapped_column(String(3))
    dedup_contract: Mapped[str | None] = mapped_column(String(3))
    dedup_company: Mapped[str | None] = mapped_column(String(255))

    offer: Mapped[Offer] = relationship(back_populates="provenance")
    source: Mapped[Source] = relationship()

    __table_args__ = (UniqueConstraint("source_id", "external_id"),)


class DedupKey(Base):
    """A lookup key of a copy's fingerprint: copies sharing one are duplicate candidates."""

    __tablename__ = "dedup_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_source_id: Mapped[int] = mapped_column(
        ForeignKey("offer_sources.id", ondelete="CASCADE"), index=True
    )
    # The key's number (`store.copies.key_hash`): 8 bytes instead of up to 255 characters.
    key: Mapped[int] = mapped_column(BigInteger, index=True)


class DedupDecision(Base):
    """An operator's word that two copies are not the same offer (a split merge)."""

    __tablename__ = "dedup_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_copy_id: Mapped[int] = mapped_column(ForeignKey("offer_sources.id", ondelete="CASCADE"))
    second_copy_id: Mapped[int] = mapped_column(
        ForeignKey("offer_sources.id", ondelete="CASCADE"), index=True
    )
    decision: Mapped[str] = mapped_column(String(16), default="distinct")
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("first_copy_id", "second_copy_id"),
        CheckConstraint("first_copy_id < second_copy_id", name="ordered_pair"),
    )


class OfferVersion(Base):
    """One content version of an offer, with the fields that changed from the previous one."""

    __tablename__ = "offer_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"))
    version: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    content_hash: Mapped[str] = mapped_column(String(64))
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (UniqueConstraint("offer_id", "version"),)


class OfferEvent(Base):
    """A change of an offer's life: published, updated, expired, withdrawn, merged, split…"""

    __tablename__ = "offer_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))

    __table_args__ = (Index(None, "offer_id", "created_at"),)


class HeldWithdrawal(Base):
    """A withdrawal the mass-deletion guard held back until an operator or a fetch confirms it."""

    __tablename__ = "held_withdrawals"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    offer_source_id: Mapped[int] = mapped_column(
        ForeignKey("offer_sources.id", ondelete="CASCADE"), unique=True
    )
    crawl_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("crawl_runs.id", ondelete="SET NULL")
    )
    # Complete fetches that did not list the offer, the one that held it first included.
    agreeing_fetches: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Rejection(Base):
    """Quarantine: an item that could not make a valid offer, and every reason why."""

    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    raw_item_id: Mapped[int] = mapped_column(
        ForeignKey("raw_items.id", ondelete="CASCADE"), unique=True
    )
    crawl_run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(500))
    # How a person recognizes the item: its title and the employer's reference, when read.
    title: Mapped[str | None] = mapped_column(String(300))
    reference: Mapped[str | None] = mapped_column(String(200))
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
