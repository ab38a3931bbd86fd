"""Two load tasks at once, in two processes as on two Celery workers: each offer is kept once.

A company's feed and a job board relaying the same offers under its own guids are two sources:
their loads do not share a source lock, so only dedup's lock (`store.copies.lock_for_dedup`: an
advisory lock on PostgreSQL, which spans machines; the database's write lock taken first on
SQLite) keeps them from both looking for duplicates before either has committed, and both
creating every offer.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event as EventType
from typing import Any

import pytest
from sqlalchemy import make_url, select, text

from pipeline.collect import load_run, normalize_run
from schemas.sources import SourceKind, SourceRegistration
from spiders.extractors import extractor_for
from spiders.runner import FetchedRecord
from store import models
from store import runs as run_store
from store import sources as source_store
from store.db import engine_for, session_scope
from tests.pipeline.test_expiry import feed

OFFERS = 60
HANG = 120  # seconds: only to catch a hang
# SQLite cannot tell who waits for its write lock: once both loaders are about to load, it is
# held this long more, for both to reach their first write behind it.
SQLITE_LINE_UP = 3.0


def _load(run_id: int, go: EventType) -> None:
    """What the DAG's load task runs (dags/collect_offers.py), in a forked process of its own as
    in Airflow's task runner (its own connections), once `go` is set."""
    if go.wait(HANG):
        load_run(run_id)


def _fetched(name: str, url: str, feed_body: str) -> int:
    """Register an RSS source and keep its feed's items as its crawl task does (split by the
    RSS extractor, stored as a finished run), then normalize them: the run id, ready to load."""
    fetched_at = datetime.now(UTC)
    records = [
        FetchedRecord(**asdict(record), fetch_url=url, fetched_at=fetched_at)
        for record in extractor_for(SourceKind.RSS).split(feed_body.encode(), url)
    ]
    with session_scope() as session:
        registration = SourceRegistration(name=name, kind=SourceKind.RSS, url=url)
        source = source_store.add_source(session, registration)
        run = run_store.start_run(session, source)
        run_store.store_raw_items(session, run, records)
        run_store.finish_run(run, "ok", complete=True)
        run_id = run.id
    normalize_run(run_id)
    return run_id


@contextlib.contextmanager
def _writes_held(database: str) -> Iterator[Any]:
    """Hold the database's writes until the block ends (reads go on)."""
    if make_url(database).get_backend_name() == "sqlite":
        blocker: Any = sqlite3.connect(str(make_url(database).database), isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
    else:
        blocker = engine_for(database).connect()
        # raw_items is written by each batch after its offers (run_store.mark_loaded).
        blocker.execute(text("LOCK TABLE raw_items IN EXCLUSIVE MODE"))
    try:
        yield blocker
    finally:
        blocker.rollback()
        blocker.close()


def _sessions_waiting(database: str) -> int:
    """Sessions of `database` waiting for a lock (a table's, a row's or an advisory one)."""
    query = text(
        "SELECT count(DISTINCT l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE NOT l.granted AND a.datname = current_database()"
    )
    with engine_for(database).connect() as connection:
        return connection.scalar(query) or 0


def _line_up(database: str, loaders: Sequence[BaseProcess]) -> None:
    """Return once both loaders wait behind the held writes (PostgreSQL), or may (SQLite)."""
    deadline = time.monotonic() + HANG
    if make_url(database).get_backend_name() == "sqlite":
        time.sleep(SQLITE_LINE_UP)
        return
    while _sessions_waiting(database) < len(loaders):
        if time.monotonic() > deadline:  # a hang guard (HANG), not a timing
            pytest.fail(f"hang: the loaders never waited for the database within {HANG} s")
        assert all(loader.is_alive() for loader in loaders), "a loader ended early"
        time.sleep(0.1)


def _copies_by_offer() -> set[frozenset[str]]:
    """The external ids of each offer's copies, offer by offer."""
    groups: dict[int, set[str]] = {}
    with session_scope() as session:
        rows = session.execute(select(models.OfferSource.offer_id, models.OfferSource.external_id))
        for offer_id, external_id in rows:
            groups.setdefault(offer_id, set()).add(external_id)
    return {frozenset(ids) for ids in groups.values()}


def test_two_loads_of_sources_relaying_the_same_offers_at_once_keep_each_offer_once(
    database: str,
) -> None:
    offers = feed(list(range(OFFERS)))
    runs = [
        _fetched("acme", "https://acme.example/jobs.rss", offers),
        _fetched("relay", "https://emplois.example/acme.rss", offers.replace(">acme-", ">relay-")),
    ]

    # Forked while the test's process holds no connection (SQLite's locks are a process's own).
    engine_for(database).dispose()
    fork = multiprocessing.get_context("fork")
    go = fork.Event()
    loaders = [fork.Process(target=_load, args=(run_id, go)) for run_id in runs]
    for loader in loaders:
        loader.start()
    try:
        with _writes_held(database):
            go.set()
            _line_up(database, loaders)
        for loader in loaders:
            loader.join(HANG)
    finally:
        for loader in loaders:
            if loader.is_alive():
                loader.kill()

    assert [loader.exitcode for loader in loaders] == [0, 0]
    assert _copies_by_offer() == {frozenset({f"acme-{i}", f"relay-{i}"}) for i in range(OFFERS)}
