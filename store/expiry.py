"""Expiry that never loses a live offer: withdrawals by absence, the mass-deletion guard, age.

An offer a source stops listing is withdrawn from that source only after a *complete, successful*
fetch of it: never after a failed fetch, a parse error, a truncated body, a timeout or a 5xx
(those runs are not "ok" and complete), and a 304 lists nothing new so withdraws nothing.

When one fetch would withdraw more than `GUARD_COUNT` offers and more than `GUARD_SHARE` of the
source's live offers at once (or every offer, the listing being empty), the withdrawals are held:
the source is flagged for an operator, and they apply when confirmed (`relais sources
confirm-withdrawals`) or when fetches agree for long enough that those offers are gone: at least
`RELAIS_WITHDRAWAL_HOLD_FETCHES` complete fetches (3; the one that held them counts, and a 304 of
a feed is a fetch that agrees) spanning at least `RELAIS_WITHDRAWAL_HOLD_HOURS` (24) hours.

Every withdrawal by absence stays reversible: a copy that a later fetch lists again, changed or
not, is live again, and its offer is republished.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from normalizers.dates import PARIS
from schemas.readable import ReadableValueError
from store import models
from store.copies import CopyStatus, copy_document, set_copy_status
from store.models import utcnow

GUARD_COUNT = 10
GUARD_SHARE = 0.10

HOLD_HOURS_VARIABLE = "RELAIS_WITHDRAWAL_HOLD_HOURS"
HOLD_FETCHES_VARIABLE = "RELAIS_WITHDRAWAL_HOLD_FETCHES"
DEFAULT_HOLD_HOURS = 24.0
DEFAULT_HOLD_FETCHES = 3


@dataclass(frozen=True)
class HoldRule:
    """When held withdrawals apply without an operator: enough fetches, over enough time."""

    min_fetches: int  # complete fetches that did not list the offers, the holding one included
    min_age: timedelta  # from the hold to the fetch that applies it

    def agreed(self, hold: models.HeldWithdrawal, run: models.CrawlRun) -> bool:
        """Whether the hold's fetches (counted already, `run` included) are enough to apply it."""
        return (
            hold.agreeing_fetches >= self.min_fetches
            and run.started_at - hold.created_at >= self.min_age
        )

    def description(self) -> str:
        """The rule in an operator's words (French)."""
        hours = self.min_age / timedelta(hours=1)
        return f"{self.min_fetches} collectes complètes couvrant au moins {hours:g} heures"


def hold_rule() -> HoldRule:
    """The rule from `RELAIS_WITHDRAWAL_HOLD_HOURS` (default 24, hours, 0 or more) and
    `RELAIS_WITHDRAWAL_HOLD_FETCHES` (default 3, at least 2: the holding fetch and one more).

    ValueError names the variable when a value is not a number in range.
    """
    hours_text = os.environ.get(HOLD_HOURS_VARIABLE) or str(DEFAULT_HOLD_HOURS)
    fetches_text = os.environ.get(HOLD_FETCHES_VARIABLE) or str(DEFAULT_HOLD_FETCHES)
    try:
        hours = float(hours_text)
        fetches = int(fetches_text)
    except ValueError:
        raise ReadableValueError(
            f"{HOLD_HOURS_VARIABLE} doit être un nombre d'heures et {HOLD_FETCHES_VARIABLE} un "
            f"nombre entier de collectes (reçu {hours_text!r} et {fetches_text!r})"
        ) from None
    if not 0 <= hours <= 24 * 366:
        raise ReadableValueError(
            f"{HOLD_HOURS_VARIABLE} doit aller de 0 à 8784 heures, pas {hours_text}"
        )
    if fetches < 2:
        raise ReadableValueError(
            f"{HOLD_FETCHES_VARIABLE} doit valoir 2 ou plus, pas {fetches_text}"
        )
    return HoldRule(min_fetches=fetches, min_age=timedelta(hours=hours))


@dataclass
class Reconciliation:
    """What one complete fetch did to the offers its source no longer lists."""

    withdrawn: int = 0
    held: int = 0
    released: int = 0  # held withdrawals cancelled: the offers are listed again
    relisted: int = 0  # withdrawn copies listed again, unchanged: live again
    skipped: str | None = None  # why nothing was considered, if so
    affected: list[int] = field(default_factory=list)  # offers whose status changed


def _is_latest_run(session: Session, run: models.CrawlRun) -> bool:
    newest = session.scalar(
        select(func.max(models.CrawlRun.id)).where(
            models.CrawlRun.source_id == run.source_id, models.CrawlRun.status != "running"
        )
    )
    return newest == run.id


def missing_copies(session: Session, run: models.CrawlRun) -> list[models.OfferSource]:
    """The source's live copies that this run's fetch did not list."""
    return list(
        session.scalars(
            select(models.OfferSource)
            .outerjoin(
                models.RawItem,
                and_(
                    models.RawItem.source_id == models.OfferSource.source_id,
                    models.RawItem.external_id == models.OfferSource.external_id,
                ),
            )
            .where(
                models.OfferSource.source_id == run.source_id,
                models.OfferSource.status == CopyStatus.LIVE.value,
                or_(
                    models.RawItem.last_seen_run_id.is_(None),
                    models.RawItem.last_seen_run_id != run.id,
                ),
            )
            .order_by(models.OfferSource.id)
        )
    )


def relisted_copies(session: Session, run: models.CrawlRun) -> list[models.OfferSource]:
    """The source's copies withdrawn for no longer being listed that this run's fetch lists again,
    unchanged (a changed one comes back through its load)."""
    return list(
        session.scalars(
            select(models.OfferSource)
            .join(
                models.RawItem,
                and_(
                    models.RawItem.source_id == models.OfferSource.source_id,
                    models.RawItem.external_id == models.OfferSource.external_id,
                ),
            )
            .where(
                models.OfferSource.source_id == run.source_id,
                models.OfferSource.status == CopyStatus.WITHDRAWN.value,
                models.OfferSource.unlisted.is_(True),
                models.RawItem.last_seen_run_id == run.id,
                models.RawItem.state == "loaded",
            )
            .order_by(models.OfferSource.id)
        )
    )


def _live_count(session: Session, source_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                models.OfferSource.source_id == source_id,
                models.OfferSource.status == CopyStatus.LIVE.value,
            )
        )
        or 0
    )


def _withdraw(
    session: Session, copies: list[models.OfferSource], reason: str, result: Reconciliation
) -> None:
    for copy in copies:
        if set_copy_status(session, copy, CopyStatus.WITHDRAWN, reason, unlisted=True):
            result.affected.append(copy.offer_id)
        result.withdrawn += 1


def _relist(session: Session, run: models.CrawlRun, result: Reconciliation) -> None:
    day = run.started_at.date().isoformat()
    for copy in relisted_copies(session, run):
        if set_copy_status(
            session, copy, CopyStatus.LIVE, f"de nouveau publiée par la source ({day})"
        ):
            result.affected.append(copy.offer_id)
        result.relisted += 1


def reconcile(session: Session, run: models.CrawlRun) -> Reconciliation:
    """After a fetch of the source: bring back the copies it lists again, and withdraw what a
    complete, successful fetch no longer lists, within the guard's limits.

    A 304 of a feed lists what the previous fetch listed: it withdraws nothing new, but counts as
    a fetch that agrees with the held withdrawals. ValueError when the hold rule's settings are
    wrong (see `hold_rule`).
    """
    result = Reconciliation()
    unchanged_listing = run.status == "not_modified"
    if not unchanged_listing and (run.status != "ok" or not run.complete):
        result.skipped = f"the fetch was {run.status}{'' if run.complete else ', incomplete'}"
        return result
    if run.loaded_at is not None:
        result.skipped = "this fetch was reconciled already"
        return result
    if not _is_latest_run(session, run):
        result.skipped = "a newer fetch of the source decides"
        return result
    rule = hold_rule()
    source = session.get_one(models.Source, run.source_id)
    holds = {
        hold.offer_source_id: hold
        for hold in session.scalars(
            select(models.HeldWithdrawal).where(models.HeldWithdrawal.source_id == source.id)
        )
    }
    if unchanged_listing:
        held = [session.get_one(models.OfferSource, copy_id) for copy_id in sorted(holds)]
        missing = [copy for copy in held if copy.status == CopyStatus.LIVE.value]
    else:
        _relist(session, run, result)
        missing = missing_copies(session, run)
    missing_ids = {copy.id for copy in missing}
    for copy_id, hold in holds.items():
        if copy_id not in missing_ids:  # listed again: nothing to withdraw
            session.delete(hold)
            result.released += 1
    day = run.started_at.date().isoformat()
    # Only a later fetch can agree with a hold: the one that made it cannot.
    agreeing = [
        holds[copy.id]
        for copy in missing
        if copy.id in holds and holds[copy.id].crawl_run_id != run.id
    ]
    for hold in agreeing:
        hold.agreeing_fetches += 1
    agreed_ids = {hold.offer_source_id for hold in agreeing if rule.agreed(hold, run)}
    agreed = [copy for copy in missing if copy.id in agreed_ids]
    if agreed:
        session.execute(
            delete(models.HeldWithdrawal).where(
                models.HeldWithdrawal.offer_source_id.in_(sorted(agreed_ids))
            )
        )
        fetches = max(
            hold.agreeing_fetches for hold in agreeing if hold.offer_source_id in agreed_ids
        )
        reason = f"plus publiée ({fetches} collectes complètes concordent, {day})"
        _withdraw(session, agreed, reason, result)
    rest = [] if unchanged_listing else [copy for copy in missing if copy.id not in holds]
    live = _live_count(session, source.id)
    empty = run.items_seen == 0
    too_many = len(rest) > GUARD_COUNT and len(rest) > GUARD_SHARE * live
    if rest and (empty or too_many):
        for copy in rest:
            session.add(
                models.HeldWithdrawal(
                    source_id=source.id,
                    offer_source_id=copy.id,
                    crawl_run_id=run.id,
                    created_at=run.started_at,
                )
            )
        result.held = len(rest)
        why = (
            "ne liste plus aucune offre"
            if empty
            else f"ne liste plus {len(rest)} des {live} offres en ligne"
        )
        source.attention = (
            f"La collecte du {day} {why} : leur retrait est suspendu. Confirmez-le avec "
            f"`relais sources confirm-withdrawals {source.name}`, sinon il s'appliquera quand "
            f"{rule.description()} l'auront confirmé ; les offres à nouveau listées restent "
            "en ligne."
        )
    else:
        _withdraw(session, rest, f"plus publiée par la source ({day})", result)
        if holds and result.released + len(agreed) == len(holds):
            source.attention = None
    run.offers_withdrawn += result.withdrawn
    run.offers_held += result.held
    return result


def held_withdrawals(session: Session, source_id: int) -> list[models.OfferSource]:
    """The copies whose withdrawal waits for an operator or for fetches that agree."""
    return list(
        session.scalars(
            select(models.OfferSource)
            .join(
                models.HeldWithdrawal,
                models.HeldWithdrawal.offer_source_id == models.OfferSource.id,
            )
            .where(models.HeldWithdrawal.source_id == source_id)
            .order_by(models.OfferSource.id)
        )
    )


@dataclass(frozen=True)
class HoldProgress:
    """Where a source's held withdrawals stand: how many, since when, how many fetches agree."""

    held: int
    since: datetime  # the oldest hold
    agreeing_fetches: int  # of the oldest hold, the fetch that held it included


def hold_progress(session: Session, source_id: int) -> HoldProgress | None:
    """The source's held withdrawals, or None when none is held."""
    holds = list(
        session.scalars(
            select(models.HeldWithdrawal)
            .where(models.HeldWithdrawal.source_id == source_id)
            .order_by(models.HeldWithdrawal.created_at, models.HeldWithdrawal.id)
        )
    )
    if not holds:
        return None
    return HoldProgress(len(holds), holds[0].created_at, holds[0].agreeing_fetches)


def confirm_withdrawals(session: Session, source: models.Source) -> Reconciliation:
    """An operator confirms the held withdrawals of a source: they apply now."""
    result = Reconciliation()
    copies = [c for c in held_withdrawals(session, source.id) if c.status == CopyStatus.LIVE.value]
    session.execute(
        delete(models.HeldWithdrawal).where(models.HeldWithdrawal.source_id == source.id)
    )
    _withdraw(session, copies, "plus publiée (retrait confirmé par un opérateur)", result)
    source.attention = None
    return result


def deadline_reason(valid_through: datetime) -> str:
    """Why a copy whose application deadline has passed expired, in French, with the day (in
    Paris): "date limite de candidature passée (le 15/10/2026)"."""
    day = valid_through.astimezone(PARIS).strftime("%d/%m/%Y")
    return f"date limite de candidature passée (le {day})"


def expire_past_valid_through(session: Session, now: datetime) -> list[int]:
    """Copies whose `validThrough` has passed expire; returns the offers that changed."""
    return _expire_past_deadline(session, now)


def expire_arrived_past_deadline(
    session: Session, copy_ids: Iterable[int], now: datetime
) -> list[int]:
    """The copies just loaded whose application deadline had passed at `now` (their load)
    expire at once, as the hourly step would expire them (`expire_past_valid_through`, the same
    reason): recorded, never published. The deadline may be a structured `validThrough` or
    the text's ("Date limite de candidature : 15/10/2026"); either way the offer is kept, shown
    to the operator as expired with its reason and day. Returns the offers that changed."""
    wanted = list(dict.fromkeys(copy_ids))
    if not wanted:
        return []
    return _expire_past_deadline(session, now, models.OfferSource.id.in_(wanted))


def _expire_past_deadline(session: Session, now: datetime, *where: Any) -> list[int]:
    affected = []
    copies = session.scalars(
        select(models.OfferSource).where(
            models.OfferSource.status == CopyStatus.LIVE.value,
            models.OfferSource.valid_through.is_not(None),
            models.OfferSource.valid_through < now,
            *where,
        )
    ).all()
    for copy in copies:
        assert copy.valid_through is not None
        if set_copy_status(session, copy, CopyStatus.EXPIRED, deadline_reason(copy.valid_through)):
            affected.append(copy.offer_id)
    return affected


def _posted_or_seen(session: Session, copy: models.OfferSource) -> datetime:
    posted = copy_document(session, copy).get("posted_at")
    if posted:
        try:
            return min(datetime.fromisoformat(posted), copy.first_seen_at)
        except ValueError:
            pass
    return copy.first_seen_at


def expire_too_old(session: Session, now: datetime) -> list[int]:
    """Copies older than their source's maximum age (ghost jobs) expire."""
    affected = []
    sources = session.scalars(
        select(models.Source).where(models.Source.max_age_days.is_not(None))
    ).all()
    for source in sources:
        assert source.max_age_days is not None
        cutoff = now - timedelta(days=source.max_age_days)
        copies = session.scalars(
            select(models.OfferSource).where(
                models.OfferSource.source_id == source.id,
                models.OfferSource.status == CopyStatus.LIVE.value,
            )
        ).all()
        for copy in copies:
            if _posted_or_seen(session, copy) < cutoff:
                reason = f"plus vieille que {source.max_age_days} jours, l'âge maximal de la source"
                if set_copy_status(session, copy, CopyStatus.EXPIRED, reason):
                    affected.append(copy.offer_id)
    return affected


@dataclass(frozen=True)
class RecheckCandidate:
    copy_id: int
    source: str
    url: str


def due_rechecks(session: Session, now: datetime, limit: int) -> list[RecheckCandidate]:
    """Old live copies whose apply page should be checked again (sources that ask for it)."""
    found: list[RecheckCandidate] = []
    sources = session.scalars(
        select(models.Source).where(models.Source.recheck_after_days.is_not(None))
    ).all()
    for source in sources:
        assert source.recheck_after_days is not None
        cutoff = now - timedelta(days=source.recheck_after_days)
        copies = session.scalars(
            select(models.OfferSource)
            .where(
                models.OfferSource.source_id == source.id,
                models.OfferSource.status == CopyStatus.LIVE.value,
                models.OfferSource.first_seen_at < cutoff,
                or_(
                    models.OfferSource.checked_at.is_(None),
                    models.OfferSource.checked_at < cutoff,
                ),
            )
            .order_by(models.OfferSource.checked_at.is_not(None), models.OfferSource.id)
            .limit(limit - len(found))
        ).all()
        for copy in copies:
            document = copy_document(session, copy)
            url = document.get("apply_url") or document.get("url")
            if url:
                found.append(RecheckCandidate(copy.id, source.name, url))
            else:
                copy.checked_at = now
        if len(found) >= limit:
            break
    return found


def record_recheck(session: Session, copy_id: int, gone: str | None) -> list[int]:
    """Note a liveness check; a page that is gone withdraws the copy. Returns changed offers."""
    copy = session.get(models.OfferSource, copy_id)
    if copy is None:
        return []
    copy.checked_at = utcnow()
    if gone and copy.status == CopyStatus.LIVE.value:
        if set_copy_status(session, copy, CopyStatus.WITHDRAWN, gone):
            return [copy.offer_id]
    return []
