"""Quarantine: items that could not make an offer, kept with their reasons until they do."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from schemas.rejections import Rejection
from store import models
from store.models import utcnow


def _cut(text: str | None, size: int) -> str | None:
    return text[: size - 1] + "…" if text and len(text) > size else text


def quarantine(session: Session, raw_item: models.RawItem, rejection: Rejection) -> None:
    """Record (or refresh) the open rejection of a raw item."""
    reasons = [reason.model_dump() for reason in rejection.reasons]
    row = session.scalars(
        select(models.Rejection).where(models.Rejection.raw_item_id == raw_item.id)
    ).one_or_none()
    if row is None:
        session.add(
            models.Rejection(
                source_id=raw_item.source_id,
                raw_item_id=raw_item.id,
                crawl_run_id=raw_item.crawl_run_id,
                external_id=raw_item.external_id,
                title=_cut(rejection.title, 300),
                reference=_cut(rejection.reference, 200),
                reasons=reasons,
            )
        )
        return
    row.title = _cut(rejection.title, 300)
    row.reference = _cut(rejection.reference, 200)
    row.reasons = reasons
    row.crawl_run_id = raw_item.crawl_run_id
    row.created_at = utcnow()
    row.resolved_at = None


def release(session: Session, raw_item: models.RawItem) -> None:
    """Mark the raw item's rejection, if any, as resolved: the item now makes a valid offer."""
    row = session.scalars(
        select(models.Rejection).where(
            models.Rejection.raw_item_id == raw_item.id, models.Rejection.resolved_at.is_(None)
        )
    ).one_or_none()
    if row is not None:
        row.resolved_at = utcnow()


def release_items(session: Session, raw_item_ids: list[int]) -> int:
    """`release` for many raw items at once, in one statement; returns how many rejections it
    resolved (none when nothing of these items is in quarantine, the usual case)."""
    if not raw_item_ids:
        return 0
    result = session.execute(
        update(models.Rejection)
        .where(
            models.Rejection.raw_item_id.in_(raw_item_ids), models.Rejection.resolved_at.is_(None)
        )
        .values(resolved_at=utcnow())
        .execution_options(synchronize_session="evaluate")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def open_rejections(
    session: Session, source_id: int | None = None, limit: int = 100
) -> list[models.Rejection]:
    """Unresolved rejections, newest first, of one source or all."""
    query = select(models.Rejection).where(models.Rejection.resolved_at.is_(None))
    if source_id is not None:
        query = query.where(models.Rejection.source_id == source_id)
    return list(session.scalars(query.order_by(models.Rejection.id.desc()).limit(limit)))
