"""A crawl that runs on another worker, with an empty var/, gives the same result."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.collect import SourceRef, collect_source
from schemas.sources import SourceKind, SourceRegistration
from store import models
from store import sources as source_store
from store.db import session_scope
from tests.support.loopback import LoopbackSite

ATS = Path(__file__).resolve().parents[1] / "spiders" / "fixtures" / "ats"
JSON = "application/json"
FIRST = "/v0/postings/cordee?mode=json&skip=0&limit=2"
SECOND = "/v0/postings/cordee?mode=json&skip=2&limit=2"


def _live_offers() -> list[str]:
    with session_scope() as session:
        return sorted(
            session.scalars(
                select(models.Offer.external_id).where(models.Offer.status == "published")
            )
        )


def test_a_paged_crawl_on_a_worker_without_the_page_cache_finds_the_same_offers(
    database: str, site: LoopbackSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_DOWNLOAD_DELAY", "0")
    site.add(FIRST, (ATS / "lever_page1.json").read_bytes(), content_type=JSON, etag='"p1"')
    site.add(SECOND, (ATS / "lever_page2.json").read_bytes(), content_type=JSON, etag='"p2"')
    with session_scope() as session:
        source = source_store.add_source(
            session,
            SourceRegistration(
                name="cordee",
                kind=SourceKind.LEVER,
                url="https://jobs.lever.co/cordee",  # type: ignore[arg-type]
                settings={"board": "cordee", "api_base": site.url("/"), "page_size": 2},
            ),
        )
        ref = SourceRef(source.id, source.name)
    monkeypatch.setenv("RELAIS_VAR_DIR", str(tmp_path / "worker-a"))
    first = collect_source(ref)
    offers = _live_offers()

    monkeypatch.setenv("RELAIS_VAR_DIR", str(tmp_path / "worker-b"))
    second = collect_source(ref)

    assert [hit.headers.get("If-None-Match") for hit in site.hits(SECOND)] == [None, None]
    assert (first.crawl.status, second.crawl.status) == ("ok", "ok")
    assert second.load is not None and (second.load.new, second.load.withdrawn) == (0, 0)
    assert _live_offers() == offers and len(offers) == 3
