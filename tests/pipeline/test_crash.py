"""A collection killed -9 leaves nothing behind: its crawl process dies with it, the next one
closes its run as failed and removes its work folder, and a load killed half-way resumes with no
offer lost, none twice, and the counts of what it had done."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from sqlalchemy import func, select

from pipeline.collect import collect
from schemas.sources import SourceKind, SourceRegistration
from store import models
from store import sources as source_store
from store.db import session_scope, var_dir
from tests.pipeline.test_expiry import feed
from tests.support.loopback import LoopbackSite

ROOT = Path(__file__).resolve().parents[2]
RELAIS = Path(sys.executable).with_name("relais")  # the installed console script
HANG = 120  # seconds: only to catch a hang
ITEMS = 300
BATCH = 50  # six load batches


def _loaded() -> int:
    with session_scope() as session:
        return session.scalar(select(func.count()).where(models.RawItem.state == "loaded")) or 0


def _kill_during_load() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", "from pipeline.cli import main; main()", "collect"],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            if 0 < _loaded() < ITEMS:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.02)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL, "the load ended before it could be killed"


def test_a_load_killed_half_way_resumes_without_loss_or_duplicate(
    database: str, site: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_BATCH_SIZE", str(BATCH))
    site.add("/jobs.rss", feed(list(range(ITEMS))))
    with session_scope() as session:
        source_store.add_source(
            session,
            SourceRegistration(name="acme", kind=SourceKind.RSS, url=site.url("/jobs.rss")),  # type: ignore[arg-type]
        )
    _kill_during_load()
    assert 0 < _loaded() < ITEMS

    (result,) = collect("acme")

    assert result.load is not None and result.load.withdrawn == 0
    with session_scope() as session:
        offers = session.scalar(select(func.count()).select_from(models.Offer))
        live = session.scalar(select(func.count()).where(models.Offer.status == "published"))
        ids = session.scalar(select(func.count(func.distinct(models.OfferSource.external_id))))
        versions = session.scalar(select(func.count()).select_from(models.OfferVersion))
    assert (offers, live, ids, versions) == (ITEMS, ITEMS, ITEMS, ITEMS)


def test_a_killed_load_keeps_the_counts_of_what_it_loaded(
    database: str, site: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_BATCH_SIZE", str(BATCH))
    site.add("/jobs.rss", feed(list(range(ITEMS))))
    with session_scope() as session:
        source_store.add_source(
            session,
            SourceRegistration(name="acme", kind=SourceKind.RSS, url=site.url("/jobs.rss")),  # type: ignore[arg-type]
        )
    _kill_during_load()
    loaded_before_the_kill = _loaded()

    collect("acme")

    with session_scope() as session:
        killed, resumed = session.scalars(select(models.CrawlRun).order_by(models.CrawlRun.id))
        assert (killed.offers_new, resumed.offers_new) == (
            loaded_before_the_kill,
            ITEMS - loaded_before_the_kill,
        )


@dataclass(frozen=True)
class KilledCollect:
    """A `relais collect` killed -9 while its crawl process was fetching."""

    run_id: int
    crawler: psutil.Process
    workdir: Path


def _running_run() -> int | None:
    with session_scope() as session:
        return session.scalar(select(models.CrawlRun.id).where(models.CrawlRun.status == "running"))


@pytest.fixture
def killed_collect(database: str, site: LoopbackSite) -> Iterator[KilledCollect]:
    fetching, answer = threading.Event(), threading.Event()

    def hold_the_first_fetch() -> None:  # a slow server: the crawl goes on until killed
        if not fetching.is_set():
            fetching.set()
            answer.wait(HANG)

    site.add("/jobs.rss", feed(list(range(20))), hold=hold_the_first_fetch)
    with session_scope() as session:
        source_store.add_source(
            session,
            SourceRegistration(name="acme", kind=SourceKind.RSS, url=site.url("/jobs.rss")),  # type: ignore[arg-type]
        )
    folders_before = set(var_dir().glob("crawl-*"))
    process = subprocess.Popen(
        [str(RELAIS), "collect", "--source", "acme"],
        cwd=ROOT,
        env={**os.environ, "RELAIS_DOWNLOAD_TIMEOUT": str(HANG)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert fetching.wait(HANG), "the crawl never fetched the feed"
        (crawler,) = psutil.Process(process.pid).children(recursive=True)
        run_id = _running_run()
        (workdir,) = set(var_dir().glob("crawl-*")) - folders_before
        process.send_signal(signal.SIGKILL)
        process.wait(HANG)
        assert run_id is not None
        yield KilledCollect(run_id, crawler, workdir)
    finally:
        answer.set()
        if process.poll() is None:
            process.kill()
            process.wait()


def _ended(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_the_crawl_process_dies_with_its_collect_killed_minus_9(
    killed_collect: KilledCollect,
) -> None:
    deadline = time.monotonic() + HANG
    while not _ended(killed_collect.crawler) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _ended(killed_collect.crawler)


def test_the_next_collect_closes_the_killed_run_as_failed_saying_why(
    killed_collect: KilledCollect,
) -> None:
    collect("acme")

    with session_scope() as session:
        run = session.get_one(models.CrawlRun, killed_collect.run_id)
        assert run.status == "failed"
        assert run.error is not None and run.error.startswith("collecte interrompue : le processus")


def test_the_next_collect_removes_the_work_folder_of_the_killed_one(
    killed_collect: KilledCollect,
) -> None:
    assert killed_collect.workdir.exists()

    collect("acme")

    assert not killed_collect.workdir.exists()
