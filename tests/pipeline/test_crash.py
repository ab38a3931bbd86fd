"""A collection killed in the middle of its load resumes: no offer lost, none twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pipeline.collect import collect
from schemas.sources import SourceKind, SourceRegistration
from store import models
from store import sources as source_store
from store.db import session_scope
from tests.pipeline.test_expiry import feed
from tests.support.loopback import LoopbackSite

ROOT = Path(__file__).resolve().parents[2]
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
