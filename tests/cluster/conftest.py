"""A real Celery cluster for the tests: Airflow's control plane, Redis, PostgreSQL, two workers.

The control plane (API server, scheduler, DAG processor, triggerer) is started once per module
with its own Airflow metadata database and its own Redis database number; each test gets a fresh
Relais database, a loopback site and two fresh Celery workers, each with a `var/` of its own as
if on its own machine. Redis or PostgreSQL down fails the tests, never skips them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from pipeline.cluster import (
    ClusterSettings,
    Processes,
    airflow_environment,
    check_redis,
    ensure_database,
    prepare,
    start_control_plane,
    worker_command,
    worker_environment,
)
from store import migrate
from store.db import engine_for
from tests.conftest import POSTGRES_URL

REDIS_HOST = os.environ.get("RELAIS_TEST_REDIS_HOST", "127.0.0.1:6379")
# Hang catchers only: a normal start takes well under a tenth of these on a quiet machine.
START_TIMEOUT = 900.0
RUN_TIMEOUT = 1500.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _claim_redis_database() -> tuple[int, str]:
    """A Redis database number no other test cluster holds (claimed in database 0 with SET NX)."""
    import redis

    url0 = f"redis://{REDIS_HOST}/0"
    try:
        check_redis(url0)
    except ConnectionError as error:
        pytest.fail(f"Les tests de cluster ont besoin de Redis : {error}", pytrace=False)
    client = redis.Redis.from_url(url0)
    token = uuid.uuid4().hex
    for number in range(1, 16):
        if client.set(f"relais-test-cluster:db{number}", token, nx=True, ex=7200):
            redis.Redis.from_url(f"redis://{REDIS_HOST}/{number}").flushdb()
            return number, token
    pytest.fail("Aucune base Redis libre (1 à 15) pour un cluster de test", pytrace=False)


def _release_redis_database(number: int, token: str) -> None:
    import redis

    client = redis.Redis.from_url(f"redis://{REDIS_HOST}/0")
    redis.Redis.from_url(f"redis://{REDIS_HOST}/{number}").flushdb()
    if client.get(f"relais-test-cluster:db{number}") == token.encode():
        client.delete(f"relais-test-cluster:db{number}")


def _drop_database(name: str) -> None:
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def wait_until(what: str, condition, timeout: float, every: float = 2.0):  # type: ignore[no-untyped-def]
    """Poll `condition` until it returns something truthy; fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"hang: {what} not reached within {timeout:.0f} s")


@dataclass
class Cluster:
    """One running control plane and what a test needs to drive it."""

    settings: ClusterSettings
    env: dict[str, str]
    processes: Processes

    def airflow(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(Path(sys.executable).parent / "airflow"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    def metadata(self, query: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
        """Rows of a query on Airflow's metadata database."""
        with engine_for(self.settings.airflow_url).connect() as connection:
            return [tuple(row) for row in connection.execute(text(query), params)]

    def log(self, name: str) -> str:
        path = self.processes.log_dir / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Airflow's control plane on CeleryExecutor, Redis and PostgreSQL, for one test module."""
    tag = uuid.uuid4().hex[:10]
    number, token = _claim_redis_database()
    settings = ClusterSettings(
        postgres_admin_url=POSTGRES_URL,
        relais_database=f"relais_cluster_{tag}",
        airflow_database=f"airflow_cluster_{tag}",
        redis_url=f"redis://{REDIS_HOST}/{number}",
        api_port=_free_port(),
        state_dir=tmp_path_factory.mktemp("cluster"),
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW__")}
    env = airflow_environment(settings, base)
    env.update(
        {
            # The tests trigger the one DAG they drive; the others stay paused.
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            # Only the runs a test triggers, none from the schedule.
            "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
            # A worker killed outright is noticed when its task stops heartbeating.
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "30",
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "5",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__LOGGING__TRIGGERER_LOG_SERVER_PORT": str(_free_port()),
            "RELAIS_DOWNLOAD_TIMEOUT": "600",
        }
    )
    try:
        prepare(settings, env)
    except Exception as error:  # noqa: BLE001 - PostgreSQL or Redis down: fail, say which
        _release_redis_database(number, token)
        pytest.fail(f"Le cluster de test n'a pas pu être préparé : {error}", pytrace=False)
    processes = Processes(settings.state_dir / "logs")
    start_control_plane(processes, env)
    cluster = Cluster(settings, env, processes)
    try:
        wait_until(
            "collect_offers parsed by the DAG processor",
            lambda: cluster.metadata("SELECT 1 FROM dag WHERE dag_id = 'collect_offers'"),
            START_TIMEOUT,
        )
        cluster.airflow("dags", "unpause", "collect_offers")
        yield cluster
    finally:
        processes.stop()
        engine_for(settings.airflow_url).dispose()
        _drop_database(settings.airflow_database)
        _drop_database(settings.relais_database)
        _release_redis_database(number, token)


@dataclass
class Workers:
    """Two Celery workers of one test, each with its own hostname and `var/`."""

    hostnames: tuple[str, str]
    relais_url: str
    processes: Processes

    def kill(self, hostname: str) -> None:
        """SIGKILL the worker and everything it started, as when its machine dies.

        The crawl's Scrapy process runs in a session of its own: it is found by parentage.
        """
        leader = self.processes.children[hostname].pid
        tree = _descendants(leader)
        self.processes.kill(hostname)
        for pid in tree:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.processes.children[hostname].wait(timeout=60)


def _descendants(root: int) -> list[int]:
    """Every process under `root`, read from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def start_workers(cluster: Cluster, site_host: str, tag: str) -> Workers:
    """A fresh Relais database and two workers on it, ready to take tasks."""
    relais_database = f"relais_cluster_{tag}"
    ensure_database(cluster.settings.postgres_admin_url, relais_database)
    relais_url = cluster.settings.database_url(relais_database)
    migrate.upgrade(relais_url)
    hostnames = (f"worker-a-{tag}", f"worker-b-{tag}")
    processes = Processes(cluster.settings.state_dir / "logs")
    for hostname in hostnames:
        env = worker_environment(cluster.settings, cluster.env, hostname, _free_port())
        env["RELAIS_DATABASE_URL"] = relais_url
        env["RELAIS_ALLOWED_HOSTS"] = site_host
        # One task at a time each: two crawls at once are on two workers.
        processes.start(hostname, worker_command(hostname, concurrency=1), env)
    for hostname in hostnames:
        wait_until(
            f"Celery worker {hostname} ready",
            lambda h=hostname: f"{h} ready" in (processes.log_dir / f"{h}.log").read_text(),
            START_TIMEOUT,
        )
    return Workers(hostnames, relais_url, processes)


@pytest.fixture
def workers_factory(cluster: Cluster) -> Iterator:  # type: ignore[type-arg]
    started: list[tuple[Workers, str]] = []

    def make(site_host: str) -> Workers:
        tag = uuid.uuid4().hex[:8]
        workers = start_workers(cluster, site_host, tag)
        started.append((workers, f"relais_cluster_{tag}"))
        return workers

    yield make
    for workers, database in started:
        workers.processes.stop()
        engine_for(workers.relais_url).dispose()
        _drop_database(database)
