"""collect_offers on Airflow's CeleryExecutor: Redis broker, PostgreSQL, two workers, one killed."""

from __future__ import annotations

import threading
import uuid
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from sqlalchemy import select, text

from pipeline.cluster import CRAWL_QUEUE
from schemas.sources import SourceKind, SourceRegistration
from spiders.settings import CONCURRENT_REQUESTS_PER_DOMAIN
from store import models
from store import sources as source_store
from store.db import engine_for, session_scope
from tests.cluster.conftest import RUN_TIMEOUT, START_TIMEOUT, Cluster, wait_until
from tests.support.loopback import LoopbackSite

# Hang catcher only: the module's start and one collection take a few minutes on two busy cores.
pytestmark = [pytest.mark.cluster, pytest.mark.timeout(3000)]

TRADES = ["Comptable", "Boulanger", "Infirmier", "Électricien", "Cariste", "Juriste"]


def _feed(name: str, items: int) -> str:
    """An RSS feed of `items` distinct offers whose guids are `name-1`…"""
    entries = "".join(
        f"""<item><title>{TRADES[i % len(TRADES)]} {name} n°{i} H/F</title>
        <link>https://{name}.example/offres/{i}</link><guid isPermaLink="false">{name}-{i}</guid>
        <pubDate>Mon, 23 Nov 2026 09:00:00 +0100</pubDate>
        <description>CDI à Lyon 3e, poste {i} chez {name}.</description></item>"""
        for i in range(1, items + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{name}</title><link>https://{name}.example/</link><description>Offres</description>"
        f"{entries}</channel></rss>"
    )


class GatedSite(LoopbackSite):
    """A loopback site on `address` whose answers can be held: `gates[path]()` runs first."""

    def __init__(self, address: str = "127.0.0.1") -> None:
        super().__init__(address)
        self.gates: dict[str, Any] = {}

    def _answer(self, handler: BaseHTTPRequestHandler, head: bool = False) -> None:
        gate = self.gates.get(handler.path)
        if gate is not None:
            gate()
        super()._answer(handler, head)


def _register(relais_url: str, site: LoopbackSite, names: list[str], items: int) -> set[str]:
    expected: set[str] = set()
    with session_scope(relais_url) as session:
        for name in names:
            url = site.add(f"/{name}.rss", _feed(name, items))
            source_store.add_source(
                session,
                SourceRegistration(name=name, kind=SourceKind.RSS, url=url),  # type: ignore[arg-type]
            )
            expected |= {f"{name}-{i}" for i in range(1, items + 1)}
    return expected


def _trigger(cluster: Cluster) -> str:
    run_id = f"cluster_test_{uuid.uuid4().hex[:8]}"
    cluster.airflow("dags", "trigger", "collect_offers", "--run-id", run_id)
    return run_id


def _finished(cluster: Cluster, run_id: str) -> str:
    def state() -> str | None:
        rows = cluster.metadata(
            "SELECT state FROM dag_run WHERE dag_id = 'collect_offers' AND run_id = :run_id",
            run_id=run_id,
        )
        return rows[0][0] if rows and rows[0][0] in ("success", "failed") else None

    final: str = wait_until(f"DAG run {run_id} finished", state, RUN_TIMEOUT, every=5)
    return final


def _crawl_hosts(cluster: Cluster, run_id: str) -> dict[str, tuple[str, int]]:
    """Each source's crawl task: (hostname of its last try, try number)."""
    rows = cluster.metadata(
        "SELECT rendered_map_index, hostname, try_number FROM task_instance "
        "WHERE dag_id = 'collect_offers' AND run_id = :run_id "
        "AND task_id = 'collect_source.crawl'",
        run_id=run_id,
    )
    return {name: (host, tries) for name, host, tries in rows}


# The other tasks of a source's branch stay on Airflow's default queue.
DEFAULT = {"collect_source.normalize": {"default"}, "collect_source.load": {"default"}}


def _queues(cluster: Cluster, run_id: str) -> dict[str, set[str]]:
    """The Celery queues each of the branches' tasks was sent to."""
    rows = cluster.metadata(
        "SELECT task_id, queue FROM task_instance WHERE dag_id = 'collect_offers' "
        "AND run_id = :run_id AND task_id LIKE 'collect_source.%'",
        run_id=run_id,
    )
    queues: dict[str, set[str]] = {}
    for task_id, queue in rows:
        queues.setdefault(task_id, set()).add(queue)
    return queues


def _map_index(cluster: Cluster, run_id: str, name: str) -> int:
    """The map index of a source's branch, from what pick_sources returned (XCom)."""
    import json

    def picked() -> list[tuple]:  # type: ignore[type-arg]
        return cluster.metadata(
            "SELECT value FROM xcom WHERE dag_id = 'collect_offers' AND run_id = :run_id "
            "AND task_id = 'pick_sources' AND key = 'return_value'",
            run_id=run_id,
        )

    value = wait_until("pick_sources' XCom", picked, START_TIMEOUT)[0][0]
    sources = json.loads(value) if isinstance(value, str) else value
    return next(i for i, source in enumerate(sources) if source["name"] == name)


def _crawl_try(cluster: Cluster, run_id: str, map_index: int) -> tuple[str, int, str]:
    """One branch's crawl task: (hostname of its last try, try number, state)."""
    rows = cluster.metadata(
        "SELECT hostname, try_number, state FROM task_instance "
        "WHERE dag_id = 'collect_offers' AND run_id = :run_id "
        "AND task_id = 'collect_source.crawl' AND map_index = :map_index",
        run_id=run_id,
        map_index=map_index,
    )
    return rows[0] if rows else ("", 0, "")


def _external_ids(relais_url: str) -> list[str]:
    with session_scope(relais_url) as session:
        return list(session.scalars(select(models.Offer.external_id)))


def test_mapped_crawls_run_on_both_workers_and_every_offer_lands_once(
    cluster: Cluster,
    workers_factory,  # type: ignore[no-untyped-def]
) -> None:
    # Four hosts (crawls of one host take turns across the cluster: pipeline/politeness.py).
    # Each feed answers only once another feed request is waiting too: with one task slot per
    # worker, two crawls in flight at once are on the two workers.
    names = ["alpha", "bravo", "charlie", "delta"]
    sites = {name: GatedSite(f"127.0.0.{n}").start() for n, name in enumerate(names, start=1)}
    pair = threading.Barrier(2, timeout=START_TIMEOUT)
    for name, site in sites.items():
        site.gates[f"/{name}.rss"] = pair.wait
    try:
        workers = workers_factory(",".join(site.host for site in sites.values()))
        expected: set[str] = set()
        for name, site in sites.items():
            expected |= _register(workers.relais_url, site, [name], items=3)

        run_id = _trigger(cluster)

        assert _finished(cluster, run_id) == "success", cluster.log(workers.hostnames[0])
        hosts = _crawl_hosts(cluster, run_id)
        assert set(hosts) == set(names)
        assert {host for host, _ in hosts.values()} == set(workers.hostnames)
        assert _queues(cluster, run_id) == {"collect_source.crawl": {CRAWL_QUEUE}, **DEFAULT}
        ids = _external_ids(workers.relais_url)
        assert sorted(ids) == sorted(expected)
        # Each host, as its site saw it: never more requests at once than one crawl may send.
        busiest = {name: site.most_in_flight for name, site in sites.items()}
        assert max(busiest.values()) <= CONCURRENT_REQUESTS_PER_DOMAIN, busiest
    finally:
        pair.abort()
        for site in sites.values():
            site.stop()


def test_a_worker_killed_mid_crawl_leaves_a_task_retried_on_the_other_with_nothing_lost(
    cluster: Cluster,
    workers_factory,  # type: ignore[no-untyped-def]
) -> None:
    site = GatedSite().start()
    held = threading.Event()
    release = threading.Event()

    def hold_first_request() -> None:
        if not held.is_set():
            held.set()
            release.wait(START_TIMEOUT)

    site.gates["/victim.rss"] = hold_first_request
    try:
        workers = workers_factory(site.host)
        expected = _register(workers.relais_url, site, ["victim", "echo", "foxtrot"], items=4)

        run_id = _trigger(cluster)
        wait_until("the victim's feed requested", held.is_set, START_TIMEOUT, every=1)
        victim = _map_index(cluster, run_id, "victim")
        victim_host, first_try, state = _crawl_try(cluster, run_id, victim)
        assert (victim_host in workers.hostnames, state) == (True, "running")
        workers.kill(victim_host)
        release.set()

        assert _finished(cluster, run_id) == "success", cluster.log("scheduler")
        host, last_try, state = _crawl_try(cluster, run_id, victim)
        survivor = next(h for h in workers.hostnames if h != victim_host)
        assert (host, last_try > first_try, state) == (survivor, True, "success")
        ids = _external_ids(workers.relais_url)
        assert sorted(ids) == sorted(expected)
    finally:
        release.set()
        site.stop()


def test_two_crawls_of_one_host_on_two_workers_never_fetch_it_at_once(
    cluster: Cluster,
    workers_factory,  # type: ignore[no-untyped-def]
) -> None:
    # Two sources on one host, one crawl slot per worker. The first feed request is held until
    # the other crawl, on the other worker, either waits for the host's slot (an advisory lock
    # not granted in the Relais database: pipeline/politeness.py) or has fetched the host too
    # (two requests in flight at some moment, which the assertion below then refuses). Without
    # the host lock the second crawl fetches while the first request is held: this test fails.
    site = GatedSite().start()
    names = ["golf", "hotel"]
    guard = threading.Lock()
    run: dict[str, str] = {}

    def other_crawl_waits_or_fetches() -> bool:
        if site.most_in_flight >= 2:
            return True  # a request answered between two looks counts too
        with engine_for(run["relais_url"]).connect() as connection:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                    "AND database = (SELECT oid FROM pg_database "
                    "WHERE datname = current_database())"
                )
            ).scalar()
        return bool(waiting)

    def hold_the_first_feed_request() -> None:
        with guard:
            first = "held" not in run
            run["held"] = "yes"
        if first:
            wait_until(
                "the other crawl waiting for the host or fetching it",
                other_crawl_waits_or_fetches,
                START_TIMEOUT,
                every=1,
            )

    for name in names:
        site.gates[f"/{name}.rss"] = hold_the_first_feed_request
    try:
        workers = workers_factory(site.host)
        run["relais_url"] = workers.relais_url
        expected = _register(workers.relais_url, site, names, items=3)

        run["id"] = _trigger(cluster)

        assert _finished(cluster, run["id"]) == "success", cluster.log(workers.hostnames[0])
        hosts = _crawl_hosts(cluster, run["id"])
        assert {host for host, _ in hosts.values()} == set(workers.hostnames)
        # The site saw one request at a time (feeds and robots.txt), whichever worker sent it.
        assert site.most_in_flight <= CONCURRENT_REQUESTS_PER_DOMAIN
        assert sorted(_external_ids(workers.relais_url)) == sorted(expected)
    finally:
        site.stop()
