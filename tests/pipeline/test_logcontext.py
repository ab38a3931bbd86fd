"""Structured logs: every line of a crawl carries its source and run, as key=value pairs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.collect import collect
from pipeline.logcontext import KeyValueFormatter, bind, log_context
from schemas.sources import SourceKind, SourceRegistration
from store import models
from store import sources as source_store
from store.db import session_scope
from tests.support.loopback import LoopbackSite

FEEDS = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def no_politeness_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELAIS_DOWNLOAD_DELAY", "0")


@pytest.fixture
def collected(
    database: str, site: LoopbackSite, caplog: pytest.LogCaptureFixture
) -> tuple[list[logging.LogRecord], int]:
    """The records logged while collecting one RSS source, and its run id."""
    url = site.add("/jobs.rss", (FEEDS / "jobs.rss").read_bytes())
    with session_scope() as session:
        source_store.add_source(
            session,
            SourceRegistration(name="acme", kind=SourceKind.RSS, url=url),  # type: ignore[arg-type]
        )
    with caplog.at_level(logging.INFO):
        collect("acme")
    with session_scope() as session:
        run_id = session.scalars(select(models.CrawlRun.id)).one()
    return [r for r in caplog.records if r.name.startswith("pipeline")], run_id


def test_every_line_of_a_crawl_carries_the_source_and_run(
    collected: tuple[list[logging.LogRecord], int],
) -> None:
    records, run_id = collected
    steps = {record.getMessage().split()[0] for record in records}
    assert {"crawl", "normalize", "load"} <= steps
    assert {(r.relais_source, r.relais_run) for r in records} == {("acme", str(run_id))}  # type: ignore[attr-defined]


def test_a_rejected_item_line_carries_the_source_and_run(
    collected: tuple[list[logging.LogRecord], int],
) -> None:
    records, run_id = collected
    (rejected,) = [r for r in records if "rejected:" in r.getMessage()]
    assert rejected.relais_context == f"source=acme run={run_id}"  # type: ignore[attr-defined]


def test_the_fields_end_with_the_crawl(
    collected: tuple[list[logging.LogRecord], int], caplog: pytest.LogCaptureFixture
) -> None:
    logging.getLogger("pipeline.test").warning("after the crawl")
    assert caplog.records[-1].relais_context == ""  # type: ignore[attr-defined]


def test_fields_bound_inside_a_context_are_dropped_at_its_end() -> None:
    with log_context(source="acme"):
        bind(run=7)
        inner = logging.getLogger("t").makeRecord("t", logging.INFO, "f", 1, "m", (), None)
    outer = logging.getLogger("t").makeRecord("t", logging.INFO, "f", 1, "m", (), None)
    assert inner.relais_context == "source=acme run=7"  # type: ignore[attr-defined]
    assert outer.relais_context == ""  # type: ignore[attr-defined]


def test_the_formatter_writes_key_value_pairs() -> None:
    with log_context(source="acme", run=12):
        record = logging.getLogger("pipeline.collect").makeRecord(
            "pipeline.collect", logging.INFO, "f", 1, 'crawl %s: "ok"', ("acme",), None
        )
    line = KeyValueFormatter().format(record)
    assert line.startswith("time=")
    assert line.split(" ", 1)[1] == (
        'level=INFO logger=pipeline.collect source=acme run=12 msg="crawl acme: \\"ok\\""'
    )
