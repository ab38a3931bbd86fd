"""Routing writes outbox entries with the offer change; delivery empties them, once in effect."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from exporters.push.webhook import verify
from pipeline.publish import create_push_target, create_thread, deliver
from pipeline.route import Router
from schemas.threads import Thread, ThreadFilter
from store import models
from store import publishing as pub
from store.copies import upsert_offer
from store.db import session_scope
from store.models import utcnow
from tests.store.factories import offer, register
from tests.support.receiver import Receiver

SECRET = "s3cret-for-tests"
PYTHON = Thread(slug="python", title="Python", filter=ThreadFilter(keywords=["python"]))


def load(external_id: str, title: str) -> int:
    """Upsert an offer and route it, the way load_run does."""
    with session_scope() as session:
        source = session.scalars(select(models.Source)).first() or register(session)
        result = upsert_offer(session, source.id, offer(external_id, title))
        session.flush()
        Router(session).route(session.get_one(models.Offer, result.offer_id))
        return result.offer_id


def entries(target: str) -> list[tuple[int, str, str]]:
    with session_scope() as session:
        rows = session.scalars(
            select(pub.OutboxEntry)
            .where(pub.OutboxEntry.target == target)
            .order_by(pub.OutboxEntry.id)
        )
        return [(row.offer_id, row.action, row.status) for row in rows]


def in_thread(slug: str) -> set[int]:
    with session_scope() as session:
        thread = pub.get_thread(session, slug)
        assert thread is not None
        return set(
            session.scalars(
                select(pub.ThreadOffer.offer_id).where(pub.ThreadOffer.thread_id == thread.id)
            )
        )


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.stop()


@pytest.fixture
def webhook(database: str, receiver: Receiver, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("RELAIS_ALLOWED_HOSTS", receiver.host)
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    create_push_target(
        "hook", pub.PushTargetKind.WEBHOOK, receiver.url(), {"secret_env": "HOOK_SECRET"}
    )
    return "push:hook"


def test_a_matching_offer_is_queued_for_the_thread(database: str) -> None:
    create_thread(PYTHON)
    python, _ = load("a", "Développeur Python H/F"), load("b", "Comptable F/H")
    assert entries("thread:python") == [(python, "publish", "pending")]


def test_delivery_publishes_the_offer_in_the_thread(database: str) -> None:
    create_thread(PYTHON)
    python = load("a", "Développeur Python H/F")
    outcome = deliver("thread:python")
    assert (outcome.delivered, in_thread("python")) == (1, {python})


def test_an_unchanged_offer_writes_no_new_entry(database: str) -> None:
    create_thread(PYTHON)
    load("a", "Développeur Python H/F")
    load("a", "Développeur Python H/F")
    assert len(entries("thread:python")) == 1


def test_an_offer_that_stops_matching_is_withdrawn_from_the_thread(database: str) -> None:
    create_thread(PYTHON)
    offer_id = load("a", "Développeur Python H/F")
    deliver("thread:python")
    load("a", "Développeur Java H/F")
    assert entries("thread:python")[-1] == (offer_id, "withdraw", "pending")
    deliver("thread:python")
    assert in_thread("python") == set()


def test_a_new_thread_gets_the_offers_already_live(database: str) -> None:
    python = load("a", "Développeur Python H/F")
    create_thread(PYTHON)
    assert entries("thread:python") == [(python, "publish", "pending")]


def test_a_newer_version_supersedes_the_undelivered_one(database: str) -> None:
    create_thread(PYTHON)
    load("a", "Développeur Python H/F")
    load("a", "Développeur Python senior H/F")
    assert [status for _, _, status in entries("thread:python")] == ["superseded", "pending"]


def test_webhooks_are_signed_and_carry_the_idempotency_key(
    webhook: str, receiver: Receiver
) -> None:
    load("a", "Développeur Python H/F")
    assert deliver(webhook).delivered == 1
    (request,) = receiver.received
    headers = {k.lower(): v for k, v in request.headers.items()}
    assert verify(
        SECRET, headers["x-relais-timestamp"], request.body, headers["x-relais-signature"]
    )
    event = json.loads(request.body)
    assert (event["event"], event["offer"]["intitule"]) == (
        "offer.published",
        "Développeur Python H/F",
    )
    with session_scope() as session:
        key = session.scalars(select(pub.OutboxEntry.idempotency_key)).one()
    assert headers["idempotency-key"] == key


def test_a_delivered_entry_is_not_sent_again(webhook: str, receiver: Receiver) -> None:
    load("a", "Développeur Python H/F")
    deliver(webhook)
    assert deliver(webhook).delivered == 0
    assert len(receiver.received) == 1


def test_a_target_that_is_down_gets_everything_later_once(webhook: str, receiver: Receiver) -> None:
    load("a", "Développeur Python H/F")
    load("b", "Développeur Python junior H/F")
    receiver.statuses.extend([503])
    first = deliver(webhook)
    assert first.target_down and first.failed == 1 and "503" in (first.error or "")
    assert deliver(webhook).delivered == 0  # nothing is due before the backoff has passed
    later = deliver(webhook, now=utcnow() + timedelta(minutes=5))
    assert later.delivered == 2
    published = [json.loads(r.body)["offer"]["intitule"] for r in receiver.received[1:]]
    assert sorted(published) == ["Développeur Python H/F", "Développeur Python junior H/F"]


def test_a_push_to_a_private_address_is_refused(
    database: str, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    monkeypatch.delenv("RELAIS_ALLOWED_HOSTS", raising=False)
    create_push_target(
        "hook", pub.PushTargetKind.WEBHOOK, receiver.url(), {"secret_env": "HOOK_SECRET"}
    )
    load("a", "Développeur Python H/F")
    outcome = deliver("push:hook")
    assert outcome.target_down and "refused" in (outcome.error or "")
    assert receiver.received == []


def test_a_missing_secret_is_said_plainly(database: str, receiver: Receiver) -> None:
    create_push_target(
        "hook", pub.PushTargetKind.WEBHOOK, receiver.url(), {"secret_env": "NOT_SET_ANYWHERE"}
    )
    load("a", "Développeur Python H/F")
    outcome = deliver("push:hook")
    assert "NOT_SET_ANYWHERE" in (outcome.error or "")


def test_the_operator_sees_what_is_pending_and_failing(webhook: str, receiver: Receiver) -> None:
    load("a", "Développeur Python H/F")
    load("b", "Développeur Python junior H/F")
    receiver.statuses.extend([500])
    deliver(webhook)
    with session_scope() as session:
        (status,) = pub.outbox_status(session)
    assert (status.target, status.failed, status.pending) == ("push:hook", 1, 1)
    assert "500" in (status.last_error or "")
