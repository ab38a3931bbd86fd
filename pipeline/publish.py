"""Delivery: work through a target's outbox entries, with retries and backoff.

Threads are delivered in the database; push targets over HTTP through the guarded client. Each
entry is committed as soon as it is delivered, so a crash redelivers at most the entry under way,
with the same idempotency key, which receivers deduplicate.

A round claims the entries it sends (`store.publishing.claim_due`) and renews the claim of each
just before sending it: two rounds at once (two `relais outbox deliver`, a DAG run and a manual
one) share the work and never send an entry twice. Times are the round's clock: the `now` it was
given, moved on by the time spent, so a failure's backoff counts from the failure.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

import httpx
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from exporters.francetravail import stored_to_francetravail
from exporters.push.errors import DeliveryError
from exporters.push.http import guarded_client
from exporters.push.intake import IntakePusher
from exporters.push.webhook import WebhookPusher
from pipeline.route import route_existing
from pipeline.thread_filters import checked_filter
from schemas.threads import Thread
from store import publishing as pub
from store.db import session_scope
from store.models import utcnow
from store.offers import get_offer

log = logging.getLogger(__name__)


class Pusher(Protocol):
    def publish(self, reference: str, offer: dict[str, Any], key: str) -> None: ...
    def withdraw(self, reference: str, key: str) -> None: ...


@dataclass(frozen=True)
class DeliveryOutcome:
    """How one round of deliveries to one target went."""

    target: str
    delivered: int
    failed: int
    error: str | None = None

    @property
    def target_down(self) -> bool:
        return self.error is not None


def pending_targets(now: datetime | None = None) -> list[str]:
    """Targets with entries to deliver now."""
    with session_scope() as session:
        return pub.targets_with_work(session, now or utcnow())


def _secret(settings: dict[str, Any], key: str, target: str) -> str:
    variable = settings.get(key)
    value = os.environ.get(variable) if variable else None
    if not value:
        raise DeliveryError(
            f"{target} : le secret manque : définissez la variable d'environnement "
            f"{variable or '?'}",
            target_down=True,
        )
    return value


def _pusher(session: Session, name: str, http: httpx.Client) -> Pusher:
    target = session.scalars(select(pub.PushTarget).where(pub.PushTarget.name == name)).one()
    settings = target.settings or {}
    if target.kind == pub.PushTargetKind.FRANCETRAVAIL_INTAKE:
        secret = _secret(settings, "client_secret_env", name)
        return IntakePusher(target.url, settings.get("client_id", ""), secret, http)
    return WebhookPusher(target.url, _secret(settings, "secret_env", name), http)


class _ThreadDelivery:
    """Publishing in a thread is writing the offer into the thread's list."""

    sends = False  # the delivery is a write in this transaction, committed with its outcome

    def __init__(self, session: Session, slug: str) -> None:
        self.session = session
        thread = pub.get_thread(session, slug)
        if thread is None:
            raise DeliveryError(f"le fil {slug} n'existe plus", target_down=True)
        self.thread_id = thread.id

    def deliver(self, entry: pub.OutboxEntry) -> None:
        if entry.action == pub.Action.PUBLISH:
            if self.session.get(pub.ThreadOffer, (self.thread_id, entry.offer_id)) is None:
                self.session.add(pub.ThreadOffer(thread_id=self.thread_id, offer_id=entry.offer_id))
        else:
            self.session.execute(
                delete(pub.ThreadOffer).where(
                    pub.ThreadOffer.thread_id == self.thread_id,
                    pub.ThreadOffer.offer_id == entry.offer_id,
                )
            )


class _PushDelivery:
    sends = True  # the delivery leaves the database: the claim is committed before it

    def __init__(self, session: Session, pusher: Pusher) -> None:
        self.session, self.pusher = session, pusher

    def deliver(self, entry: pub.OutboxEntry) -> None:
        reference = str(entry.offer_id)
        if entry.action == pub.Action.WITHDRAW:
            self.pusher.withdraw(reference, entry.idempotency_key)
            return
        stored = get_offer(self.session, entry.offer_id)
        if stored is None:
            raise DeliveryError(f"l'offre {entry.offer_id} n'existe plus", target_down=False)
        self.pusher.publish(reference, stored_to_francetravail(stored), entry.idempotency_key)


def _round_clock(now: datetime | None) -> Callable[[], datetime]:
    """The round's time: `now` (default: the real time at the start), moved on as time passes."""
    start, started = now or utcnow(), time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - started)


def deliver(
    target: str, now: datetime | None = None, http: httpx.Client | None = None
) -> DeliveryOutcome:
    """Deliver the target's due entries, oldest first; stop at the first sign it is down.

    Entries another round holds are left to it. A failed entry waits `backoff` from the time it
    failed; when the target is down, the entries not tried wait as long.
    """
    clock = _round_clock(now)
    token = uuid.uuid4().hex
    delivered = failed = 0
    own_client = http is None
    client = http or guarded_client()
    try:
        with session_scope() as session:
            entries = pub.claim_due(session, target, clock(), token)
            if not entries:
                return DeliveryOutcome(target, 0, 0)
            try:
                kind, _, name = target.partition(":")
                delivery: _ThreadDelivery | _PushDelivery = (
                    _ThreadDelivery(session, name)
                    if kind == "thread"
                    else _PushDelivery(session, _pusher(session, name, client))
                )
            except DeliveryError as error:
                for entry in entries:
                    pub.mark_failed(session, entry, token, str(error), clock())
                log.error("deliver %s: %s", target, error)
                return DeliveryOutcome(target, 0, len(entries), str(error))
            for entry in entries:
                if not pub.renew_claim(session, entry, token, clock()):
                    continue  # its claim ran out and another round took it
                if delivery.sends:
                    session.commit()
                try:
                    delivery.deliver(entry)
                except DeliveryError as error:
                    session.rollback()
                    failed += 1
                    due = pub.mark_failed(session, entry, token, str(error), clock())
                    log.warning("deliver %s: entry %s failed: %s", target, entry.id, error)
                    if error.target_down:
                        pub.release_claims(session, token, not_before=due)
                        session.commit()
                        return DeliveryOutcome(target, delivered, failed, str(error))
                    session.commit()
                    continue
                pub.mark_delivered(session, entry, token, clock())
                session.commit()
                delivered += 1
            pub.release_claims(session, token)
    finally:
        if own_client:
            client.close()
    log.info("deliver %s: %d delivered, %d failed", target, delivered, failed)
    return DeliveryOutcome(target, delivered, failed)


def create_thread(thread: Thread) -> int:
    """Create a thread and route every live offer to it; returns the entries written.

    Its filter is first checked against the referentials (`pipeline.thread_filters`):
    raises ThreadFilterError (a ValueError) when it names what no offer can carry, and
    ValueError when the slug is taken.
    """
    thread = thread.model_copy(update={"filter": checked_filter(thread.filter)})
    with session_scope() as session:
        pub.add_thread(session, thread)
        session.flush()
        return route_existing(session, [pub.thread_target(thread.slug)])


def create_push_target(
    name: str, kind: pub.PushTargetKind, url: str, settings: dict[str, Any]
) -> int:
    """Register a push target and queue every live offer for it; returns the entries written."""
    with session_scope() as session:
        pub.add_push_target(session, name, kind, url, settings)
        session.flush()
        return route_existing(session, [pub.push_target(name)])
