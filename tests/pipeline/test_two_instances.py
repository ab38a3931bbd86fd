"""One Relais feeds another: pushes to a second instance, with its own database, on loopback."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from pipeline.publish import create_push_target, deliver
from pipeline.route import Router
from schemas.offers import OfferStatus
from store import models
from store import publishing as pub
from store.copies import upsert_offer
from store.db import session_scope
from store.models import utcnow
from tests.conftest import TEMPLATES
from tests.store.factories import offer
from tests.web.catalogue import make_catalogue

RELAIS = str(Path(sys.executable).parent / "relais")


class Instance:
    """A second Relais: its own SQLite database, served by `relais serve` in its own process."""

    def __init__(self, directory: Path) -> None:
        self.url = TEMPLATES.sqlite(directory / "receiver.db")  # migrated (a copy of the run's)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.env = {**os.environ, "RELAIS_DATABASE_URL": self.url}
        self.process: subprocess.Popen[bytes] | None = None
        self.client_id = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def relais(self, *args: str) -> str:
        done = subprocess.run(
            [RELAIS, *args], env=self.env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def start(self) -> None:
        self.process = subprocess.Popen(
            [RELAIS, "serve", "--port", str(self.port)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("the receiving Relais did not start")

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
            self.process = None

    def offers(self) -> dict[str, tuple[str, str, str | None]]:
        """Received offers by the sender's reference: (title, status, INSEE code)."""
        with session_scope(self.url) as session:
            rows = session.scalars(select(models.Offer))
            return {r.external_id: (r.title, r.status, r.place_insee_code) for r in rows}


@pytest.fixture
def receiver(database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Instance]:
    """A second instance that gave this one intake credentials; this one pushes to it."""
    instance = Instance(tmp_path)
    printed = instance.relais("api-clients", "add", "sender", "--intake")
    credentials = dict(re.findall(r"(client_id|client_secret):\s+(\S+)", printed))
    instance.client_id = credentials["client_id"]
    monkeypatch.setenv("RECEIVER_SECRET", credentials["client_secret"])
    monkeypatch.setenv("RELAIS_ALLOWED_HOSTS", f"127.0.0.1:{instance.port}")
    instance.start()
    try:
        yield instance
    finally:
        instance.stop()


def _push_target(receiver: Instance) -> str:
    settings = {"client_id": receiver.client_id, "client_secret_env": "RECEIVER_SECRET"}
    create_push_target("receiver", pub.PushTargetKind.FRANCETRAVAIL_INTAKE, receiver.base, settings)
    return "push:receiver"


def _change(offer_id: int, **fields: object) -> None:
    with session_scope() as session:
        row = session.get_one(models.Offer, offer_id)
        if fields.pop("withdraw", False):
            row.status = OfferStatus.WITHDRAWN.value
        elif fields.pop("relist", False):
            row.status = OfferStatus.PUBLISHED.value
        else:
            upsert_offer(session, row.source_id, offer(row.external_id, **fields))
        session.flush()
        Router(session).route(session.get_one(models.Offer, offer_id))


def test_creations_updates_and_withdrawals_reach_the_other_instance(receiver: Instance) -> None:
    ids = make_catalogue()
    target = _push_target(receiver)

    assert deliver(target).delivered == 3
    received = receiver.offers()
    assert received[str(ids["dev-lyon"])] == ("Développeur Python H/F", "published", "69383")
    assert received[str(ids["cariste-rennes"])][2] == "35238"

    _change(ids["dev-lyon"], title="Développeur Python senior H/F")
    _change(ids["cariste-rennes"], withdraw=True)
    assert deliver(target).delivered == 2
    received = receiver.offers()
    assert received[str(ids["dev-lyon"])][:2] == ("Développeur Python senior H/F", "published")
    assert received[str(ids["cariste-rennes"])][1] == "withdrawn"
    assert len(received) == 3


def test_an_offer_withdrawn_then_published_again_unchanged_is_back_at_the_other_instance(
    receiver: Instance,
) -> None:
    ids = make_catalogue()
    target = _push_target(receiver)
    deliver(target)
    _change(ids["cariste-rennes"], withdraw=True)
    deliver(target)
    _change(ids["cariste-rennes"], relist=True)
    assert deliver(target).delivered == 1
    assert receiver.offers()[str(ids["cariste-rennes"])][1] == "published"


def test_a_receiver_that_was_down_gets_everything_later_exactly_once(receiver: Instance) -> None:
    ids = make_catalogue()
    target = _push_target(receiver)
    receiver.stop()

    down = deliver(target)
    assert down.target_down and down.delivered == 0

    receiver.start()
    later = deliver(target, now=utcnow() + timedelta(minutes=10))
    assert later.delivered == 3
    # A crash after delivering but before recording it: the same entries go again.
    with session_scope() as session:
        for entry in session.scalars(select(pub.OutboxEntry)):
            entry.status = pub.EntryStatus.PENDING.value
    assert deliver(target, now=utcnow() + timedelta(minutes=10)).delivered == 3
    received = receiver.offers()
    assert sorted(received) == sorted(str(i) for i in ids.values())
    with session_scope(receiver.url) as session:
        assert len(list(session.scalars(select(models.CrawlRun)))) == 3  # replays changed nothing
