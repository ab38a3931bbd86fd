"""Routing: decide, for each changed offer, which targets get it or lose it (outbox entries)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from exporters.threads import thread_matches
from schemas.offers import OfferStatus
from schemas.threads import ThreadFilter
from store import models
from store import publishing as pub
from store.offers import offer_from_row


class Router:
    """Routes offers to the threads and push targets known when it was made."""

    def __init__(self, session: Session, only: Iterable[str] | None = None) -> None:
        self.session = session
        wanted = set(only) if only is not None else None
        self.threads: list[tuple[str, ThreadFilter]] = [
            (pub.thread_target(row.slug), row.model().filter)
            for row in pub.list_threads(session)
            if wanted is None or pub.thread_target(row.slug) in wanted
        ]
        self.pushes: list[str] = [
            pub.push_target(target.name)
            for target in pub.enabled_push_targets(session)
            if wanted is None or pub.push_target(target.name) in wanted
        ]

    def route(self, row: models.Offer) -> int:
        """Write the outbox entries the offer's current version calls for; returns how many."""
        live = row.status == OfferStatus.PUBLISHED.value
        offer = offer_from_row(row) if live and self.threads else None
        written = 0
        for target, criteria in self.threads:
            wanted = offer is not None and thread_matches(criteria, offer)
            written += self._decide(target, row, wanted)
        for target in self.pushes:
            written += self._decide(target, row, live)
        return written

    def _decide(self, target: str, row: models.Offer, wanted: bool) -> int:
        if wanted:
            return int(
                pub.enqueue(self.session, target, row.id, row.content_hash, pub.Action.PUBLISH)
            )
        if pub.last_action(self.session, target, row.id) == pub.Action.PUBLISH:
            return int(
                pub.enqueue(self.session, target, row.id, row.content_hash, pub.Action.WITHDRAW)
            )
        return 0


def route_offers(session: Session, offer_ids: Iterable[int], router: Router | None = None) -> None:
    """Write the outbox entries of offers that just changed, each once, in this transaction."""
    wanted = list(dict.fromkeys(offer_ids))
    if not wanted:
        return
    router = router or Router(session)
    if not router.threads and not router.pushes:
        return  # no target: nothing to decide
    session.flush()
    for offer_id in wanted:
        router.route(session.get_one(models.Offer, offer_id))


def route_existing(session: Session, targets: Iterable[str]) -> int:
    """Route every live offer to new targets (a thread or a push target just created)."""
    router = Router(session, only=targets)
    written = 0
    rows = session.scalars(
        select(models.Offer)
        .where(models.Offer.status == OfferStatus.PUBLISHED.value)
        .order_by(models.Offer.id)
    )
    for row in rows:
        written += router.route(row)
    return written
