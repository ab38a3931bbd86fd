"""Reads for the recruiters' page: an organization's offers, quarantine and republication."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store import models
from store import publishing as pub


@dataclass(frozen=True)
class Republication:
    """Where a set of sources' offers went: one community thread or push target."""

    target: str
    label: str
    delivered: int
    pending: int


def republication(session: Session, source_ids: Sequence[int]) -> list[Republication]:
    """Per target, how many live offers of these sources were delivered and are pending."""
    if not source_ids:
        return []
    rows = session.execute(
        select(pub.OutboxEntry.target, pub.OutboxEntry.status, func.count())
        .join(models.Offer, models.Offer.id == pub.OutboxEntry.offer_id)
        .where(
            models.Offer.source_id.in_(source_ids),
            models.Offer.status == "published",
            pub.OutboxEntry.action == pub.Action.PUBLISH.value,
        )
        .group_by(pub.OutboxEntry.target, pub.OutboxEntry.status)
    ).all()
    titles = {pub.thread_target(row.slug): row.title for row in pub.list_threads(session)}
    counts: dict[str, list[int]] = {}
    for target, status, count in rows:
        delivered_pending = counts.setdefault(target, [0, 0])
        delivered_pending[0 if status == pub.EntryStatus.DELIVERED.value else 1] += count
    return [
        Republication(
            target=target,
            label=titles.get(target, target.partition(":")[2] or target),
            delivered=delivered,
            pending=pending,
        )
        for target, (delivered, pending) in sorted(counts.items())
    ]


def live_offers(
    session: Session, source_ids: Sequence[int], limit: int = 100
) -> list[models.Offer]:
    """The sources' live offers, the most recently updated first."""
    if not source_ids:
        return []
    return list(
        session.scalars(
            select(models.Offer)
            .where(models.Offer.source_id.in_(source_ids), models.Offer.status == "published")
            .order_by(models.Offer.updated_at.desc(), models.Offer.id.desc())
            .limit(limit)
        )
    )


def uncertain_rome_offers(
    session: Session,
    source_ids: Sequence[int] | None = None,
    below: float = 0.5,
    limit: int = 100,
) -> list[models.Offer]:
    """Live offers whose ROME code was given with a confidence under `below` (all sources when
    `source_ids` is None), the most recently updated first: codes worth a person's look."""
    query = select(models.Offer).where(
        models.Offer.status == "published", models.Offer.rome_confidence < below
    )
    if source_ids is not None:
        if not source_ids:
            return []
        query = query.where(models.Offer.source_id.in_(source_ids))
    return list(
        session.scalars(
            query.order_by(models.Offer.updated_at.desc(), models.Offer.id.desc()).limit(limit)
        )
    )


def open_rejections(
    session: Session, source_ids: Sequence[int], limit: int = 100
) -> list[models.Rejection]:
    """The sources' items in quarantine, newest first."""
    if not source_ids:
        return []
    return list(
        session.scalars(
            select(models.Rejection)
            .where(
                models.Rejection.source_id.in_(source_ids), models.Rejection.resolved_at.is_(None)
            )
            .order_by(models.Rejection.id.desc())
            .limit(limit)
        )
    )
