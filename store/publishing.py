"""Republication in the store: community threads, push targets, and the outbox between them.

Routing writes one outbox entry per offer version and target, with an idempotency key, in the
same transaction as the offer change; delivery works through the entries, target by target.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from schemas.offers import OfferStatus, StoredOffer
from schemas.threads import Thread, ThreadFilter
from store import models
from store.models import Base, utcnow
from store.offers import stored_offer
from store.search import created_at, in_departements
from store.types import JSONDocument


class ThreadRow(Base):
    """A community thread and its filter."""

    __tablename__ = "threads"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    filter: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def model(self) -> Thread:
        return Thread(
            slug=self.slug,
            title=self.title,
            description=self.description,
            filter=ThreadFilter.model_validate(self.filter or {}),
        )


class ThreadOffer(Base):
    """An offer published in a thread (written when its outbox entry is delivered)."""

    __tablename__ = "thread_offers"

    thread_id: Mapped[int] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True
    )
    offer_id: Mapped[int] = mapped_column(
        ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    published_at: Mapped[datetime] = mapped_column(default=utcnow)


class PushTargetKind(StrEnum):
    FRANCETRAVAIL_INTAKE = "francetravail-intake"  # another Relais, or an FT-style intake
    WEBHOOK = "webhook"  # signed JSON posts


class PushTarget(Base):
    """Somewhere offers are pushed to: an FT-style intake or a webhook."""

    __tablename__ = "push_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(Text)
    settings: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Action(StrEnum):
    PUBLISH = "publish"  # create or update the offer at the target
    WITHDRAW = "withdraw"  # remove it


class EntryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"  # will be tried again at next_attempt_at
    SUPERSEDED = "superseded"  # a newer entry for the same offer and target replaced it


class OutboxEntry(Base):
    """One offer version to deliver to one target, delivered once in effect."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(120))
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    offer_version: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(10))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(12), default=EntryStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]

    __table_args__ = (Index(None, "target", "status", "next_attempt_at"),)


def thread_target(slug: str) -> str:
    return f"thread:{slug}"


def push_target(name: str) -> str:
    return f"push:{name}"


def idempotency_key(target: str, offer_id: int, version: str, action: Action) -> str:
    """The same offer version sent to the same target for the same action: the same key."""
    return hashlib.sha256(f"{target}|{offer_id}|{version}|{action}".encode()).hexdigest()


def enqueue(session: Session, target: str, offer_id: int, version: str, action: Action) -> bool:
    """Add an outbox entry unless this very one exists; older undelivered ones are superseded."""
    key = idempotency_key(target, offer_id, version, action)
    if session.scalar(select(OutboxEntry.id).where(OutboxEntry.idempotency_key == key)):
        return False
    session.execute(
        update(OutboxEntry)
        .where(
            OutboxEntry.target == target,
            OutboxEntry.offer_id == offer_id,
            OutboxEntry.status.in_([EntryStatus.PENDING.value, EntryStatus.FAILED.value]),
        )
        .values(status=EntryStatus.SUPERSEDED.value)
    )
    session.add(
        OutboxEntry(
            target=target,
            offer_id=offer_id,
            offer_version=version,
            action=action.value,
            idempotency_key=key,
        )
    )
    return True


def last_action(session: Session, target: str, offer_id: int) -> Action | None:
    """What was last decided for this offer at this target (delivered or not)."""
    action = session.scalar(
        select(OutboxEntry.action)
        .where(
            OutboxEntry.target == target,
            OutboxEntry.offer_id == offer_id,
            OutboxEntry.status != EntryStatus.SUPERSEDED.value,
        )
        .order_by(OutboxEntry.id.desc())
        .limit(1)
    )
    return Action(action) if action else None


def due_entries(
    session: Session, target: str, now: datetime, limit: int = 200
) -> list[OutboxEntry]:
    """Entries of a target to deliver now, oldest first."""
    return list(
        session.scalars(
            select(OutboxEntry)
            .where(
                OutboxEntry.target == target,
                OutboxEntry.status.in_([EntryStatus.PENDING.value, EntryStatus.FAILED.value]),
                OutboxEntry.next_attempt_at <= now,
            )
            .order_by(OutboxEntry.id)
            .limit(limit)
        )
    )


def backoff(attempts: int) -> timedelta:
    """Wait before the next attempt: 30 s, 1 min, 2 min… up to 6 hours."""
    return timedelta(seconds=min(30 * 2 ** max(0, attempts - 1), 6 * 3600))


def mark_delivered(entry: OutboxEntry, now: datetime) -> None:
    entry.status = EntryStatus.DELIVERED.value
    entry.delivered_at = now
    entry.last_error = None


def mark_failed(entry: OutboxEntry, error: str, now: datetime) -> None:
    entry.attempts += 1
    entry.status = EntryStatus.FAILED.value
    entry.last_error = error[:2000]
    entry.next_attempt_at = now + backoff(entry.attempts)


def targets_with_work(session: Session, now: datetime) -> list[str]:
    """Targets that have entries due now."""
    return list(
        session.scalars(
            select(OutboxEntry.target)
            .where(
                OutboxEntry.status.in_([EntryStatus.PENDING.value, EntryStatus.FAILED.value]),
                OutboxEntry.next_attempt_at <= now,
            )
            .group_by(OutboxEntry.target)
            .order_by(OutboxEntry.target)
        )
    )


@dataclass(frozen=True)
class TargetStatus:
    """What an operator needs to know of one target's deliveries."""

    target: str
    pending: int
    failed: int
    delivered: int
    last_error: str | None
    next_attempt_at: datetime | None


def outbox_status(session: Session) -> list[TargetStatus]:
    """Per target: entries pending, failing (with the latest error) and delivered."""
    counts: dict[str, dict[str, int]] = {}
    for target, status, count in session.execute(
        select(OutboxEntry.target, OutboxEntry.status, func.count()).group_by(
            OutboxEntry.target, OutboxEntry.status
        )
    ):
        counts.setdefault(target, {})[status] = count
    result = []
    for target, by_status in sorted(counts.items()):
        failing = session.execute(
            select(OutboxEntry.last_error, OutboxEntry.next_attempt_at)
            .where(OutboxEntry.target == target, OutboxEntry.status == EntryStatus.FAILED.value)
            .order_by(OutboxEntry.id.desc())
            .limit(1)
        ).first()
        result.append(
            TargetStatus(
                target=target,
                pending=by_status.get(EntryStatus.PENDING.value, 0),
                failed=by_status.get(EntryStatus.FAILED.value, 0),
                delivered=by_status.get(EntryStatus.DELIVERED.value, 0),
                last_error=failing[0] if failing else None,
                next_attempt_at=failing[1] if failing else None,
            )
        )
    return result


def add_thread(session: Session, thread: Thread) -> ThreadRow:
    """Create a thread (ValueError if the slug is taken)."""
    if session.scalar(select(ThreadRow.id).where(ThreadRow.slug == thread.slug)):
        raise ValueError(f"a thread {thread.slug!r} already exists")
    row = ThreadRow(
        slug=thread.slug,
        title=thread.title,
        description=thread.description,
        filter=thread.filter.model_dump(mode="json", exclude_defaults=True),
    )
    session.add(row)
    session.flush()
    return row


def list_threads(session: Session) -> list[ThreadRow]:
    return list(session.scalars(select(ThreadRow).order_by(ThreadRow.title)))


def get_thread(session: Session, slug: str) -> ThreadRow | None:
    return session.scalars(select(ThreadRow).where(ThreadRow.slug == slug)).one_or_none()


def add_push_target(
    session: Session, name: str, kind: PushTargetKind, url: str, settings: dict[str, Any]
) -> PushTarget:
    """Register a push target (ValueError if the name is taken)."""
    if session.scalar(select(PushTarget.id).where(PushTarget.name == name)):
        raise ValueError(f"a push target {name!r} already exists")
    target = PushTarget(name=name, kind=kind.value, url=url, settings=settings, enabled=True)
    session.add(target)
    session.flush()
    return target


def enabled_push_targets(session: Session) -> list[PushTarget]:
    return list(
        session.scalars(
            select(PushTarget).where(PushTarget.enabled.is_(True)).order_by(PushTarget.name)
        )
    )


@dataclass(frozen=True)
class ThreadPageFilter:
    """What a job seeker narrows a thread's list with."""

    type_contrat: str | None = None
    departement: str | None = None
    remote_only: bool = False
    words: str | None = None


def thread_offers(
    session: Session, thread_id: int, narrow: ThreadPageFilter, limit: int, offset: int
) -> tuple[int, list[StoredOffer]]:
    """Live offers published in the thread, newest first, with the reader's narrowing."""
    offer = models.Offer
    where = [
        ThreadOffer.thread_id == thread_id,
        ThreadOffer.offer_id == offer.id,
        offer.status == OfferStatus.PUBLISHED.value,
    ]
    if narrow.type_contrat:
        where.append(offer.contract_type_contrat == narrow.type_contrat)
    if narrow.departement:
        where.append(in_departements([narrow.departement]))
    if narrow.remote_only:
        where.append((offer.place_match == "remote") | (offer.remote_mode == "full"))
    for word in (narrow.words or "").split()[:5]:
        pattern = word.lower()
        where.append(
            func.lower(offer.title).contains(pattern)
            | func.lower(offer.description_text).contains(pattern)
        )
    total = (
        session.scalar(
            select(func.count())
            .select_from(offer)
            .join(ThreadOffer, ThreadOffer.offer_id == offer.id)
            .where(*where)
        )
        or 0
    )
    rows = session.scalars(
        select(offer)
        .join(ThreadOffer, ThreadOffer.offer_id == offer.id)
        .where(*where)
        .order_by(created_at().desc(), offer.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return total, [stored_offer(row) for row in rows]


def thread_facets(session: Session, thread_id: int) -> dict[str, list[str]]:
    """The contract types and départements present in a thread, for its filter form."""
    offer = models.Offer
    base = (
        select()
        .select_from(offer)
        .join(ThreadOffer, ThreadOffer.offer_id == offer.id)
        .where(ThreadOffer.thread_id == thread_id, offer.status == OfferStatus.PUBLISHED.value)
    )
    contracts = session.scalars(
        base.add_columns(offer.contract_type_contrat)
        .where(offer.contract_type_contrat.is_not(None))
        .distinct()
    ).all()
    departements = session.scalars(
        base.add_columns(offer.place_departement_code)
        .where(offer.place_departement_code.is_not(None))
        .distinct()
    ).all()
    return {"contracts": sorted(contracts), "departements": sorted(departements)}


def thread_rome_codes(session: Session, thread_id: int) -> list[str]:
    """The ROME codes of the thread's live offers."""
    offer = models.Offer
    return sorted(
        session.scalars(
            select(offer.rome_code)
            .join(ThreadOffer, ThreadOffer.offer_id == offer.id)
            .where(
                ThreadOffer.thread_id == thread_id,
                offer.status == OfferStatus.PUBLISHED.value,
                offer.rome_code.is_not(None),
            )
            .distinct()
        )
    )


def offers_of_metiers(
    session: Session, rome_codes: list[str], exclude_thread_id: int, limit: int
) -> list[StoredOffer]:
    """Live offers of these métiers that are not in the given thread, newest first."""
    if not rome_codes:
        return []
    offer = models.Offer
    in_thread = select(ThreadOffer.offer_id).where(ThreadOffer.thread_id == exclude_thread_id)
    rows = session.scalars(
        select(offer)
        .where(
            offer.status == OfferStatus.PUBLISHED.value,
            offer.rome_code.in_(rome_codes),
            offer.id.not_in(in_thread),
        )
        .order_by(created_at().desc(), offer.id.desc())
        .limit(limit)
    ).all()
    return [stored_offer(row) for row in rows]


def published_offers(session: Session, limit: int) -> list[StoredOffer]:
    """The newest live offers, for feeds boards pull."""
    rows = session.scalars(
        select(models.Offer)
        .where(models.Offer.status == OfferStatus.PUBLISHED.value)
        .order_by(created_at().desc(), models.Offer.id.desc())
        .limit(limit)
    ).all()
    return [stored_offer(row) for row in rows]
