"""Routing writes outbox entries with the offer change; delivery empties them, once in effect."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from exporters.push.webhook import verify
from pipeline.publish import create_push_target, create_thread, deliver
from pipeline.route import Router, route_offers
from schemas.threads import Thread, ThreadFilter
from store import models
from store import publishing as pub
from store.copies import CopyStatus, set_copy_status, upsert_offer
from store.db import session_scope
from store.models import utcnow
from tests.store.factories import offer, register
from tests.support.receiver import Received, Receiver

ROOT = Path(__file__).resolve().parents[2]
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


def set_listed(external_id: str, status: CopyStatus) -> None:
    """The source lists its copy again, or no longer; routed the way reconcile does."""
    with session_scope() as session:
        copy = session.scalars(
            select(models.OfferSource).where(models.OfferSource.external_id == external_id)
        ).one()
        set_copy_status(session, copy, status, "test")
        route_offers(session, [copy.offer_id])


def key(request: Received) -> str:
    """The idempotency key a push carried."""
    return {name.lower(): value for name, value in request.headers.items()}["idempotency-key"]


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


def test_an_offer_published_again_unchanged_after_a_withdrawal_is_pushed_again(
    webhook: str, receiver: Receiver
) -> None:
    load("a", "Développeur Python H/F")
    deliver(webhook)
    set_listed("a", CopyStatus.WITHDRAWN)
    deliver(webhook)
    set_listed("a", CopyStatus.LIVE)
    assert deliver(webhook).delivered == 1
    events = [json.loads(request.body)["event"] for request in receiver.received]
    assert events == ["offer.published", "offer.withdrawn", "offer.published"]
    keys = {key(request) for request in receiver.received}
    assert len(keys) == 3


def test_an_offer_published_again_unchanged_after_a_withdrawal_returns_to_the_thread(
    database: str,
) -> None:
    create_thread(PYTHON)
    offer_id = load("a", "Développeur Python H/F")
    deliver("thread:python")
    set_listed("a", CopyStatus.WITHDRAWN)
    deliver("thread:python")
    set_listed("a", CopyStatus.LIVE)
    deliver("thread:python")
    assert in_thread("python") == {offer_id}


def test_a_withdrawal_cancelled_before_delivery_sends_nothing(
    webhook: str, receiver: Receiver
) -> None:
    load("a", "Développeur Python H/F")
    deliver(webhook)
    set_listed("a", CopyStatus.WITHDRAWN)
    set_listed("a", CopyStatus.LIVE)  # listed again before the withdrawal went out
    assert deliver(webhook).delivered == 0
    assert len(receiver.received) == 1


TITLES = [
    "Développeur Python", "Comptable fournisseurs", "Cariste", "Infirmier de nuit",
    "Chef de rayon", "Électricien du bâtiment", "Serveur en brasserie", "Assistant RH",
    "Technicien de maintenance", "Boulanger", "Chauffeur poids lourd", "Plombier chauffagiste",
]  # fmt: skip


def test_two_deliverers_at_once_post_each_entry_once(webhook: str, receiver: Receiver) -> None:
    for number, title in enumerate(TITLES):
        load(f"job-{number}", f"{title} H/F")
    receiver.delay = 0.05  # slow enough for the two rounds to overlap
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def deliverer() -> None:
        start.wait()
        outcomes.append(deliver(webhook))

    workers = [threading.Thread(target=deliverer) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)  # only to catch a hang
    assert len(outcomes) == 2
    keys = [key(request) for request in receiver.received]
    assert len(keys) == len(TITLES) and len(set(keys)) == len(TITLES)
    assert [status for _, _, status in entries(webhook)] == ["delivered"] * len(TITLES)


def _relais_outbox_deliver() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", "from pipeline.cli import main; main()", "outbox", "deliver"],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_two_relais_outbox_deliver_processes_post_each_entry_once(
    webhook: str, receiver: Receiver
) -> None:
    for number, title in enumerate(TITLES):
        load(f"job-{number}", f"{title} H/F")
    receiver.delay = 2.0  # the first process is still at work when the second one starts
    first = _relais_outbox_deliver()
    second = None
    try:
        assert receiver.arrived.wait(120), "the first deliverer sent nothing"
        second = _relais_outbox_deliver()
        assert first.wait(300) == 0 and second.wait(300) == 0  # only to catch a hang
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
    keys = [key(request) for request in receiver.received]
    assert len(keys) == len(TITLES) and len(set(keys)) == len(TITLES)


def test_the_backoff_counts_from_the_failure(webhook: str, receiver: Receiver) -> None:
    load("a", "Développeur Python H/F")
    receiver.statuses.extend([503])
    receiver.delay = 0.3  # a slow failure: the round started well before it
    deliver(webhook)
    (answer,) = receiver.received
    with session_scope() as session:
        entry = session.scalars(select(pub.OutboxEntry)).one()
    assert entry.next_attempt_at >= answer.answered_at + pub.backoff(1)
