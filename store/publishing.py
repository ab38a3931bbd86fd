"""Republication in the store: community threads, push targets, and the outbox between them.

Routing writes one outbox entry per offer version and target, with an idempotency key, in the
same transaction as the offer change; delivery works through the entries, target by target.

Deliverers claim the entries they send (a token and a lease, taken with `FOR UPDATE SKIP LOCKED`
on PostgreSQL and in one write statement on SQLite, whose write lock makes it atomic), so two
deliverers at once never send one entry twice; a deliverer that dies leaves its claims to expire.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    and_,
    exists,
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, aliased, mapped_column
from sqlalchemy.orm.attributes import set_committed_value

from schemas.legacy_text import french_error
from schemas.offers import OfferStatus, StoredOffer
from schemas.readable import ReadableValueError
from schemas.threads import Thread, ThreadFilter
from store import models
from store.models import Base, utcnow
from store.offers import stored_offer
from store.search import created_at
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
    # The deliverer sending it now, and until when its claim holds (it renews it entry by entry).
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None]

    __table_args__ = (Index(None, "target", "status", "next_attempt_at"),)


def thread_target(slug: str) -> str:
    return f"thread:{slug}"


def push_target(name: str) -> str:
    return f"push:{name}"


OPEN = (EntryStatus.PENDING.value, EntryStatus.FAILED.value)  # still to deliver

# How long a claim holds without being renewed: well beyond one delivery (30 s HTTP timeout).
CLAIM_LEASE = timedelta(minutes=5)


def idempotency_key(
    target: str, offer_id: int, version: str, action: Action, after: int = 0
) -> str:
    """The same decision for the same offer version, target and action: the same key.

    `after` is the id of the entry for this offer and target that the new one follows (0 for
    the first): the same version published again after a withdrawal is a new delivery, with a
    key of its own, not a repeat the receiver would drop.
    """
    decision = f"{target}|{offer_id}|{version}|{action}"
    if after:
        decision += f"|after:{after}"
    return hashlib.sha256(decision.encode()).hexdigest()


def _latest(session: Session, target: str, offer_id: int) -> OutboxEntry | None:
    """The newest entry for this offer and target that is not superseded."""
    return session.scalars(
        select(OutboxEntry)
        .where(
            OutboxEntry.target == target,
            OutboxEntry.offer_id == offer_id,
            OutboxEntry.status != EntryStatus.SUPERSEDED.value,
        )
        .order_by(OutboxEntry.id.desc())
        .limit(1)
    ).first()


def _claimed(now: datetime) -> ColumnElement[bool]:
    """Entries a deliverer is sending now (their claim holds)."""
    return and_(OutboxEntry.claim_token.is_not(None), OutboxEntry.claimed_until > now)


def enqueue(session: Session, target: str, offer_id: int, version: str, action: Action) -> bool:
    """Add an outbox entry unless this decision is already the latest for the offer and target.

    Older undelivered entries are superseded, except one a deliverer is sending right now (the
    new entry waits for it). When superseding leaves the target with this very version and
    action (a withdrawal cancelled before it went out), nothing is added. Returns whether an
    entry was added.
    """
    history = list(
        session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.offer_id == offer_id, OutboxEntry.target == target)
            .order_by(OutboxEntry.id)
        )
    )
    decided = [e for e in history if e.status != EntryStatus.SUPERSEDED.value]
    if decided and (decided[-1].offer_version, decided[-1].action) == (version, action.value):
        return False
    open_ids = [e.id for e in decided if e.status in OPEN]
    superseded: set[int] = set()
    if open_ids:
        # In SQL, not on the loaded rows: a deliverer may have claimed one since they were read.
        superseded = set(
            session.scalars(
                update(OutboxEntry)
                .where(
                    OutboxEntry.id.in_(open_ids),
                    OutboxEntry.status.in_(OPEN),
                    ~_claimed(utcnow()),
                )
                .values(status=EntryStatus.SUPERSEDED.value, claim_token=None, claimed_until=None)
                .returning(OutboxEntry.id)
                .execution_options(synchronize_session=False)
            )
        )
        for entry in decided:  # what the statement wrote, known to the session as written
            if entry.id in superseded:
                set_committed_value(entry, "status", EntryStatus.SUPERSEDED.value)
                set_committed_value(entry, "claim_token", None)
                set_committed_value(entry, "claimed_until", None)
    remaining = [e for e in decided if e.id not in superseded]
    if remaining and (remaining[-1].offer_version, remaining[-1].action) == (version, action.value):
        return False
    previous = history[-1].id if history else 0
    session.add(
        OutboxEntry(
            target=target,
            offer_id=offer_id,
            offer_version=version,
            action=action.value,
            idempotency_key=idempotency_key(target, offer_id, version, action, previous),
        )
    )
    return True


def last_action(session: Session, target: str, offer_id: int) -> Action | None:
    """What was last decided for this offer at this target (delivered or not)."""
    latest = _latest(session, target, offer_id)
    return Action(latest.action) if latest else None


def _due(target: str, now: datetime) -> ColumnElement[bool]:
    """Entries of the target to send now that no deliverer holds, none waiting for an older one
    of the same offer (sent in order: a withdrawal never overtakes its publication)."""
    older = aliased(OutboxEntry)
    return and_(
        OutboxEntry.target == target,
        OutboxEntry.status.in_(OPEN),
        OutboxEntry.next_attempt_at <= now,
        ~_claimed(now),
        ~exists().where(
            older.target == OutboxEntry.target,
            older.offer_id == OutboxEntry.offer_id,
            older.id < OutboxEntry.id,
            older.status.in_(OPEN),
        ),
    )


def claim_due(
    session: Session, target: str, now: datetime, token: str, limit: int = 200
) -> list[OutboxEntry]:
    """Claim up to `limit` due entries of a target for the deliverer `token`, oldest first, and
    commit the claim, so that no other deliverer takes them while it holds (`CLAIM_LEASE`).

    PostgreSQL: rows locked by another claim under way are skipped (`FOR UPDATE SKIP LOCKED`),
    and the update checks again that each is still free. SQLite: the one UPDATE statement runs
    under the database's write lock, so two claims never see the same free entry.
    """
    chosen = (
        select(OutboxEntry.id)
        .where(_due(target, now))
        .order_by(OutboxEntry.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.id.in_(chosen), OutboxEntry.status.in_(OPEN), ~_claimed(now))
        .values(claim_token=token, claimed_until=now + CLAIM_LEASE)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return list(
        session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.claim_token == token)
            .order_by(OutboxEntry.id)
            .execution_options(populate_existing=True)
        )
    )


def renew_claim(session: Session, entry: OutboxEntry, token: str, now: datetime) -> bool:
    """Extend the claim on one entry before sending it; False when it is no longer this
    deliverer's (its lease ran out and another took it, or it was superseded)."""
    renewed = session.execute(
        update(OutboxEntry)
        .where(
            OutboxEntry.id == entry.id,
            OutboxEntry.claim_token == token,
            OutboxEntry.status.in_(OPEN),
        )
        .values(claimed_until=now + CLAIM_LEASE)
        .execution_options(synchronize_session=False)
    )
    return bool(renewed.rowcount)  # type: ignore[attr-defined]


def backoff(attempts: int) -> timedelta:
    """Wait before the next attempt: 30 s, 1 min, 2 min… up to 6 hours."""
    return timedelta(seconds=min(30 * 2 ** max(0, attempts - 1), 6 * 3600))


def mark_delivered(session: Session, entry: OutboxEntry, token: str, when: datetime) -> None:
    """The entry was delivered at `when`; the claim ends."""
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.id == entry.id, OutboxEntry.claim_token == token)
        .values(
            status=EntryStatus.DELIVERED.value,
            delivered_at=when,
            last_error=None,
            claim_token=None,
            claimed_until=None,
        )
        .execution_options(synchronize_session=False)
    )


def mark_failed(
    session: Session, entry: OutboxEntry, token: str, error: str, when: datetime
) -> datetime:
    """The delivery failed at `when`: the next attempt waits the backoff from then; the claim
    ends. An entry a newer decision already replaced is superseded instead of retried.
    Returns when the entry is due again."""
    attempts = entry.attempts + 1
    due = when + backoff(attempts)
    newer = session.scalar(
        select(OutboxEntry.id).where(
            OutboxEntry.target == entry.target,
            OutboxEntry.offer_id == entry.offer_id,
            OutboxEntry.id > entry.id,
            OutboxEntry.status != EntryStatus.SUPERSEDED.value,
        )
    )
    status = EntryStatus.SUPERSEDED if newer else EntryStatus.FAILED
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.id == entry.id, OutboxEntry.claim_token == token)
        .values(
            status=status.value,
            attempts=attempts,
            last_error=error[:2000],
            next_attempt_at=due,
            claim_token=None,
            claimed_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    return due


def release_claims(session: Session, token: str, not_before: datetime | None = None) -> None:
    """End the deliverer's claims on the entries it did not try; with `not_before` (the target
    is down), they wait until then, as long as the one that failed."""
    values: dict[str, object] = {"claim_token": None, "claimed_until": None}
    if not_before is not None:
        values["next_attempt_at"] = not_before
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.claim_token == token)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def targets_with_work(session: Session, now: datetime) -> list[str]:
    """Targets that have entries due now that no deliverer holds."""
    return list(
        session.scalars(
            select(OutboxEntry.target)
            .where(
                OutboxEntry.status.in_(OPEN),
                OutboxEntry.next_attempt_at <= now,
                ~_claimed(now),
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
                last_error=french_error(failing[0]) if failing else None,
                next_attempt_at=failing[1] if failing else None,
            )
        )
    return result


def add_thread(session: Session, thread: Thread) -> ThreadRow:
    """Create a thread (ValueError if the slug is taken)."""
    if session.scalar(select(ThreadRow.id).where(ThreadRow.slug == thread.slug)):
        raise ReadableValueError(f"Le fil {thread.slug!r} existe déjà.")
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
        raise ReadableValueError(f"La cible de diffusion {name!r} existe déjà.")
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
