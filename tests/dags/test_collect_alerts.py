"""A failing source: Airflow's notifiers tell a webhook and a mailbox, naming the source and
the error, and a source failing run after run is paused automatically, and said so."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from schemas.sources import SourceKind, SourceRegistration
from store import models
from store import sources as source_store
from store.db import session_scope
from tests.store.test_health import add_run
from tests.support.loopback import LoopbackSite
from tests.support.receiver import Receiver

pytestmark = pytest.mark.airflow

DAG_FILE = Path(__file__).resolve().parents[2] / "dags" / "collect_offers.py"


class Mailbox:
    """An SMTP server on loopback (aiosmtpd) keeping every message it is sent."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture
def webhook() -> Iterator[Receiver]:
    receiver = Receiver()
    try:
        yield receiver
    finally:
        receiver.stop()


@pytest.fixture
def alerting_dag(
    airflow_db: None,
    monkeypatch: pytest.MonkeyPatch,
    mailbox: tuple[Mailbox, int],
    webhook: Receiver,
):  # type: ignore[no-untyped-def]
    """collect_offers parsed with alerts configured to the loopback webhook and mailbox."""
    from airflow.dag_processing.dagbag import DagBag

    smtp = {
        "conn_type": "smtp",
        "host": "127.0.0.1",
        "port": mailbox[1],
        "extra": {"disable_ssl": True, "disable_tls": True, "from_email": "relais@example.org"},
    }
    monkeypatch.setenv("AIRFLOW_CONN_RELAIS_SMTP", json.dumps(smtp))
    monkeypatch.setenv("AIRFLOW_CONN_RELAIS_ALERTS", f"http://{webhook.host}")
    monkeypatch.setenv("RELAIS_ALERT_WEBHOOK_CONN", "relais_alerts")
    monkeypatch.setenv("RELAIS_ALERT_WEBHOOK_ENDPOINT", "/alerts")
    monkeypatch.setenv("RELAIS_ALERT_EMAIL", "ops@example.org")
    monkeypatch.setenv("RELAIS_ALERT_SMTP_CONN", "relais_smtp")
    bag = DagBag(dag_folder=str(DAG_FILE))
    assert bag.import_errors == {}
    return bag.get_dag("collect_offers")


def _register(name: str, url: str) -> models.Source:
    with session_scope() as session:
        return source_store.add_source(
            session,
            SourceRegistration(name=name, kind=SourceKind.RSS, url=url),  # type: ignore[arg-type]
        )


def _source(name: str) -> models.Source:
    with session_scope() as session:
        return session.scalars(select(models.Source).where(models.Source.name == name)).one()


def _alerts(webhook: Receiver) -> list[dict[str, Any]]:
    return [json.loads(request.body) for request in webhook.received]


def test_a_failed_crawl_notifies_the_webhook_naming_the_source_and_error(
    alerting_dag, database: str, site: LoopbackSite, webhook: Receiver
) -> None:  # type: ignore[no-untyped-def]
    _register("gone", site.add("/gone.rss", b"no such feed", status=404))

    alerting_dag.test()

    (alert,) = [a for a in _alerts(webhook) if a["summary"].startswith("collect_source.crawl")]
    assert alert["summary"] == "collect_source.crawl failed for gone"
    assert "gone: " in alert["error"] and "404" in alert["error"]
    assert webhook.received[0].path == "/alerts"
    assert _source("gone").paused is False


def test_a_failed_crawl_sends_an_email_naming_the_source_and_error(
    alerting_dag, database: str, site: LoopbackSite, mailbox: tuple[Mailbox, int]
) -> None:  # type: ignore[no-untyped-def]
    _register("gone", site.add("/gone.rss", b"no such feed", status=404))

    alerting_dag.test()

    subjects = [message["Subject"] for message in mailbox[0].messages]
    assert "Relais: collect_source.crawl failed for gone" in subjects
    (crawl_mail,) = [m for m in mailbox[0].messages if "crawl" in m["Subject"]]
    assert crawl_mail["To"] == "ops@example.org"
    body = crawl_mail.get_payload(0).get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert "gone: " in body and "404" in body


def test_a_source_failing_n_runs_in_a_row_is_paused_and_the_alert_says_so(
    alerting_dag,
    database: str,
    site: LoopbackSite,
    webhook: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RELAIS_PAUSE_AFTER_FAILURES", "3")
    source = _register("down", site.add("/down.rss", b"oops", status=500))
    with session_scope() as session:  # two earlier collections failed already
        add_run(session, session.get_one(models.Source, source.id), "failed", 0, error="HTTP 500")
        add_run(session, session.get_one(models.Source, source.id), "failed", 15, error="HTTP 500")

    run = alerting_dag.test()

    states = {(ti.task_id, ti.rendered_map_index): ti.state for ti in run.get_task_instances()}
    assert states[("collect_source.crawl", "down")] == "failed"
    paused = _source("down")
    assert paused.paused is True
    said = "mise en pause automatiquement après 3 collectes échouées de suite"
    assert said in (paused.paused_reason or "")
    assert "500" in (paused.paused_reason or "")
    (alert,) = [a for a in _alerts(webhook) if a["summary"].startswith("collect_source.crawl")]
    assert "down: " in alert["error"] and "mise en pause automatiquement" in alert["error"]


def test_a_source_paused_automatically_is_not_collected_again(
    alerting_dag,
    database: str,
    site: LoopbackSite,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RELAIS_PAUSE_AFTER_FAILURES", "1")
    _register("down", site.add("/down.rss", b"oops", status=500))
    alerting_dag.test()
    hits = len(site.hits("/down.rss"))

    run = alerting_dag.test()

    assert len(site.hits("/down.rss")) == hits
    crawls = [ti for ti in run.get_task_instances() if ti.task_id == "collect_source.crawl"]
    assert all(ti.state == "skipped" for ti in crawls)
