"""Two `relais collect` of one source at once (a DAG run and a manual collect): one at a time."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, make_url, select, text

from schemas.sources import SourceKind, SourceRegistration
from store import models
from store import sources as source_store
from store.db import engine_for, session_scope
from tests.pipeline.test_expiry import feed
from tests.support.loopback import LoopbackSite

ROOT = Path(__file__).resolve().parents[2]
RELAIS = Path(sys.executable).with_name("relais")  # the installed console script
ITEMS = 400
HANG = 300  # seconds: only to catch a hang
LINE_UP = 15  # seconds the writes are held for two collects to line up behind them


@contextlib.contextmanager
def _collects(
    count: int, sources: tuple[str, ...] = ("acme",), **variables: str
) -> Iterator[list[subprocess.Popen[str]]]:
    """`count` collects at once, the i-th of `sources[i % len(sources)]`."""
    processes: list[subprocess.Popen[str]] = []
    try:
        for i in range(count):
            processes.append(_collect(sources[i % len(sources)], **variables))
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
            process.communicate()


def _collect(source: str, **variables: str) -> subprocess.Popen[str]:
    # A held answer must not time out and be fetched again meanwhile.
    variables = {"RELAIS_DOWNLOAD_TIMEOUT": str(HANG), **variables}
    return subprocess.Popen(
        [str(RELAIS), "collect", "--source", source],
        cwd=ROOT,
        env={**os.environ, **variables},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _register(site: LoopbackSite, name: str = "acme", path: str = "/jobs.rss") -> None:
    with session_scope() as session:
        registration = SourceRegistration(name=name, kind=SourceKind.RSS, url=site.url(path))
        source_store.add_source(session, registration)


def _statuses() -> list[str]:
    with session_scope() as session:
        return list(session.scalars(select(models.CrawlRun.status).order_by(models.CrawlRun.id)))


def _offers() -> tuple[int, int, int]:
    """Offers, copies of offers, and distinct external ids among the copies."""
    with session_scope() as session:
        offers = session.scalar(select(func.count()).select_from(models.Offer)) or 0
        copies = session.scalar(select(func.count()).select_from(models.OfferSource)) or 0
        ids = session.scalar(select(func.count(func.distinct(models.OfferSource.external_id))))
    return offers, copies, ids or 0


class _WritesHeld:
    """Holds every write to `raw_items` for a while, so that the stores of both collects line up
    behind it (on PostgreSQL, until two sessions wait for it)."""

    def __init__(self, database: str) -> None:
        self.database = database

    def start(self) -> None:
        url = make_url(self.database)
        blocker: Any
        if url.get_backend_name() == "sqlite":
            blocker = sqlite3.connect(str(url.database), isolation_level=None)
            blocker.execute("BEGIN IMMEDIATE")  # the write lock; readers go on (WAL)
        else:
            blocker = engine_for(self.database).connect()
            blocker.execute(text("LOCK TABLE raw_items IN EXCLUSIVE MODE"))  # reads go on
        threading.Thread(target=self._release, args=(blocker,), daemon=True).start()

    def _release(self, blocker: Any) -> None:
        postgres = make_url(self.database).get_backend_name() == "postgresql"
        deadline = time.monotonic() + LINE_UP
        while time.monotonic() < deadline and not (postgres and self._waiting() >= 2):
            time.sleep(0.2)
        blocker.rollback()
        blocker.close()

    def _waiting(self) -> int:
        query = text(
            "SELECT count(*) FROM pg_locks JOIN pg_class ON pg_class.oid = pg_locks.relation"
            " WHERE pg_class.relname = 'raw_items' AND NOT pg_locks.granted"
        )
        with engine_for(self.database).connect() as connection:
            return connection.scalar(query) or 0


def test_two_collects_of_one_source_at_once_both_end_and_keep_each_offer_once(
    database: str, site: LoopbackSite
) -> None:
    # When both crawls are in flight at once, the feed answers them together, with the writes to
    # raw_items held until both collects are about to store: without a lock, both would store
    # the same new items. One crawl alone is answered after 10 s.
    writes = _WritesHeld(database)
    both = threading.Barrier(2, action=writes.start, timeout=10)

    def answer_together() -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            both.wait()

    site.add("/jobs.rss", feed(list(range(ITEMS))), hold=answer_together)
    _register(site)

    with _collects(2, RELAIS_SOURCE_LOCK_WAIT=str(HANG)) as processes:
        ended = [process.communicate(timeout=HANG) for process in processes]

    assert [process.returncode for process in processes] == [0, 0], ended
    assert "running" not in _statuses()
    assert _offers() == (ITEMS, ITEMS, ITEMS)


def test_a_collect_that_cannot_wait_says_in_french_it_skipped_the_source(
    database: str, site: LoopbackSite
) -> None:
    crawling, finish = threading.Event(), threading.Event()

    def hold_the_first_crawl() -> None:
        if not crawling.is_set():
            crawling.set()
            finish.wait(HANG)

    site.add("/jobs.rss", feed(list(range(ITEMS))), hold=hold_the_first_crawl)
    _register(site)

    with _collects(1, RELAIS_SOURCE_LOCK_WAIT="0") as (first,):
        assert crawling.wait(HANG)
        with _collects(1, RELAIS_SOURCE_LOCK_WAIT="0") as (second,):
            skipped, _ = second.communicate(timeout=HANG)
        finish.set()
        first.communicate(timeout=HANG)

    assert (first.returncode, second.returncode) == (0, 0)
    assert skipped.strip() == (
        "acme : une autre collecte de cette source est en cours (attendu 0 s) : "
        "celle-ci est ignorée"
    )
    assert _statuses() == ["ok"]
    assert _offers() == (ITEMS, ITEMS, ITEMS)


@pytest.fixture(autouse=True)
def _installed() -> None:
    assert RELAIS.exists(), f"the relais console script is not installed next to {sys.executable}"
