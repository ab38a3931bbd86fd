"""An offer's history: its content versions (what changed) and its life events (why, when)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schemas.legacy_text import french_reason
from store import models
from store.models import utcnow

# Long texts are not repeated in a version: their change is told by their sizes.
_LONG_FIELDS = frozenset({"description_html", "description_text"})
_SHORT = 300


class EventKind(StrEnum):
    PUBLISHED = "published"
    UPDATED = "updated"
    MERGED = "merged"
    SPLIT = "split"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


def _shown(value: Any) -> Any:
    if isinstance(value, date):  # a datetime, or a day (`start_day`)
        return value.isoformat()
    if isinstance(value, str) and len(value) > _SHORT:
        return value[:_SHORT] + "…"
    return value


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields whose value differs, as {field: [before, after]} (long texts by their size)."""
    changed: dict[str, Any] = {}
    for name, new in after.items():
        old = before.get(name)
        if old == new:
            continue
        if name in _LONG_FIELDS:
            changed[name] = [f"{len(old or '')} characters", f"{len(new or '')} characters"]
        else:
            changed[name] = [_shown(old), _shown(new)]
    return changed


def add_version(
    session: Session,
    offer: models.Offer,
    changes: dict[str, Any],
    source_id: int | None,
    *,
    number: int | None = None,
) -> models.OfferVersion:
    """Keep the offer's current content as its next version (or `number`), with what changed."""
    if number is None:
        latest = session.scalar(
            select(func.max(models.OfferVersion.version)).where(
                models.OfferVersion.offer_id == offer.id
            )
        )
        number = (latest or 0) + 1
    version = models.OfferVersion(
        offer_id=offer.id,
        version=number,
        created_at=utcnow(),
        source_id=source_id,
        content_hash=offer.content_hash,
        changes=changes,
    )
    session.add(version)
    return version


def add_event(
    session: Session,
    offer: models.Offer,
    kind: EventKind,
    reason: str | None,
    source_id: int | None = None,
) -> models.OfferEvent:
    """Record a change in the offer's life, with the status it leaves the offer in."""
    event = models.OfferEvent(
        offer_id=offer.id,
        created_at=utcnow(),
        kind=kind.value,
        status=offer.status,
        reason=reason,
        source_id=source_id,
    )
    session.add(event)
    return event


@dataclass(frozen=True)
class VersionView:
    version: int
    at: datetime
    source: str | None
    changes: dict[str, Any]


@dataclass(frozen=True)
class EventView:
    at: datetime
    kind: str
    status: str
    reason: str | None
    source: str | None


def _source_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(models.Source.id, models.Source.name).where(models.Source.id.in_(wanted))
    )
    return {source_id: name for source_id, name in rows}


def versions(session: Session, offer_id: int) -> list[VersionView]:
    """The offer's versions, oldest first."""
    rows = session.scalars(
        select(models.OfferVersion)
        .where(models.OfferVersion.offer_id == offer_id)
        .order_by(models.OfferVersion.version)
    ).all()
    names = _source_names(session, {r.source_id for r in rows})
    return [
        VersionView(r.version, r.created_at, names.get(r.source_id or 0), r.changes) for r in rows
    ]


def events(session: Session, offer_id: int) -> list[EventView]:
    """The offer's life events, oldest first; reasons older versions stored in English are
    given in French (schemas.legacy_text)."""
    rows = session.scalars(
        select(models.OfferEvent)
        .where(models.OfferEvent.offer_id == offer_id)
        .order_by(models.OfferEvent.created_at, models.OfferEvent.id)
    ).all()
    names = _source_names(session, {r.source_id for r in rows})
    return [
        EventView(
            r.created_at, r.kind, r.status, french_reason(r.reason), names.get(r.source_id or 0)
        )
        for r in rows
    ]
