"""collect_offers runs for real with dag.test() against feeds served on loopback."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from schemas.sources import SourceKind, SourceRegistration
from store import models
from store import runs as run_store
from store import sources as source_store
from store.db import session_scope
from tests.support.loopback import LoopbackSite

FIXTURES = Path(__file__).resolve().parents[1] / "pipeline" / "fixtures"

pytestmark = pytest.mark.airflow


def _register(name: str, kind: SourceKind, url: str) -> None:
    with session_scope() as session:
        source_store.add_source(
            session,
            SourceRegistration(name=name, kind=kind, url=url),  # type: ignore[arg-type]
        )


def _task_states(run) -> dict[tuple[str, str | None], str]:  # type: ignore[no-untyped-def]
    return {(ti.task_id, ti.rendered_map_index): ti.state for ti in run.get_task_instances()}


def test_offers_land_and_each_mapped_task_bears_its_source_name(
    dagbag,
    database: str,
    site: LoopbackSite,  # type: ignore[no-untyped-def]
) -> None:
    _register("acme", SourceKind.RSS, site.add("/jobs.rss", (FIXTURES / "jobs.rss").read_bytes()))
    _register(
        "interim",
        SourceKind.INDEED_XML,
        site.add("/jobs.xml", (FIXTURES / "jobs.xml").read_bytes()),
    )

    run = dagbag.get_dag("collect_offers").test()

    assert run.state == "success"
    states = _task_states(run)
    for task in ("crawl", "normalize", "load"):
        for name in ("acme", "interim"):
            assert states[(f"collect_source.{task}", name)] == "success"
    with session_scope() as session:
        ids = set(session.scalars(select(models.Offer.external_id)))
    assert ids == {"acme-1", "acme-2", "IO-7781", "IO-7790"}


def test_a_collection_that_adds_offers_emits_the_offers_asset(
    dagbag,
    database: str,
    site: LoopbackSite,  # type: ignore[no-untyped-def]
) -> None:
    from airflow import settings
    from airflow.models.asset import AssetEvent, AssetModel

    _register("acme", SourceKind.RSS, site.add("/jobs.rss", (FIXTURES / "jobs.rss").read_bytes()))

    run = dagbag.get_dag("collect_offers").test()

    with settings.Session() as session:
        events = session.scalars(
            select(AssetEvent)
            .join(AssetModel, AssetEvent.asset_id == AssetModel.id)
            .where(AssetModel.name == "relais_offers", AssetEvent.source_run_id == run.run_id)
        ).all()
    assert [event.extra for event in events] == [
        {"new": 2, "updated": 0, "withdrawn": 0, "sources": ["acme"]}
    ]


def test_a_malformed_feed_fails_its_own_branch_and_the_others_load(
    dagbag,
    database: str,
    site: LoopbackSite,  # type: ignore[no-untyped-def]
) -> None:
    _register(
        "broken", SourceKind.RSS, site.add("/broken.rss", (FIXTURES / "broken.rss").read_bytes())
    )
    _register("acme", SourceKind.RSS, site.add("/jobs.rss", (FIXTURES / "jobs.rss").read_bytes()))

    run = dagbag.get_dag("collect_offers").test()

    states = _task_states(run)
    assert states[("collect_source.crawl", "broken")] == "failed"
    assert states[("collect_source.load", "acme")] == "success"
    assert states[("check_sources", None)] == "failed"
    with session_scope() as session:
        ids = set(session.scalars(select(models.Offer.external_id)))
        error = session.scalars(
            select(models.CrawlRun.error).join(models.Source).where(models.Source.name == "broken")
        ).one()
    assert ids == {"acme-1", "acme-2"}
    assert "l'élément racine est <html>" in (error or "")


def test_a_source_another_collect_holds_is_skipped_and_fails_nothing(
    dagbag,
    database: str,
    site: LoopbackSite,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from store.locks import source_lock

    monkeypatch.setenv("RELAIS_SOURCE_LOCK_WAIT", "0")
    _register("acme", SourceKind.RSS, site.add("/jobs.rss", (FIXTURES / "jobs.rss").read_bytes()))
    held, done = threading.Event(), threading.Event()

    def other_collect() -> None:  # holds the source, its run under way, until told to stop
        with session_scope() as session:
            source = session.scalars(select(models.Source)).one()
        with source_lock(source.id):
            with session_scope() as session:
                run_store.start_run(session, session.get_one(models.Source, source.id))
            held.set()
            done.wait(300)

    other = threading.Thread(target=other_collect, daemon=True)
    other.start()
    try:
        assert held.wait(300)
        run = dagbag.get_dag("collect_offers").test()
    finally:
        done.set()
        other.join(300)

    states = _task_states(run)
    assert states[("collect_source.crawl", "acme")] == "skipped"
    assert [state for (task, _), state in states.items() if task == "collect_source.load"] == [
        "skipped"
    ]
    assert states[("check_sources", None)] == "success"
    assert site.hits("/jobs.rss") == []
