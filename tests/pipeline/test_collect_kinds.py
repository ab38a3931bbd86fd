"""Every new source kind collected end to end (crawl, normalize, load) on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pipeline.collect import collect
from schemas.sources import SourceKind, SourceRegistration
from store import models, quarantine
from store import sources as source_store
from store.db import session_scope
from tests.spiders.scripted import Answer, ScriptedSite
from tests.support.loopback import LoopbackSite

SPIDER_FIXTURES = Path(__file__).resolve().parents[1] / "spiders" / "fixtures"
ATS, SITES = SPIDER_FIXTURES / "ats", SPIDER_FIXTURES / "sites"
JSON, HTML = "application/json", "text/html; charset=utf-8"
FT_SECRET = "RELAIS_TEST_COLLECT_FT_SECRET"


@pytest.fixture
def token_server(site: LoopbackSite, monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedSite]:
    """A France Travail-compatible API (it needs POST), allowed beside the loopback site."""
    server = ScriptedSite().start()
    monkeypatch.setenv("RELAIS_ALLOWED_HOSTS", f"{site.host},{server.host}")
    monkeypatch.setenv(FT_SECRET, "s3cr3t")
    monkeypatch.setenv("RELAIS_CRAWL_TIMEOUT", "120")
    monkeypatch.setenv("RELAIS_DOWNLOAD_DELAY", "0")  # politeness delays only slow tests
    try:
        yield server
    finally:
        server.stop()


def _register(
    name: str, kind: SourceKind, url: str, settings: dict[str, Any] | None = None
) -> None:
    with session_scope() as session:
        registration = SourceRegistration(name=name, kind=kind, url=url, settings=settings or {})  # type: ignore[arg-type]
        source_store.add_source(session, registration)


def _serve_boards(site: LoopbackSite) -> None:
    greenhouse = json.loads((ATS / "greenhouse_jobs.json").read_text())
    greenhouse["jobs"].append(  # a hostile item: its only link is javascript:
        {
            "id": 666,
            "title": "Piège",
            "absolute_url": "javascript:alert(1)",
            "content": "&lt;script&gt;alert(1)&lt;/script&gt;",
        }
    )
    site.add(
        "/v1/boards/atelierlumiere/jobs?content=true", json.dumps(greenhouse), content_type=JSON
    )
    site.add(
        "/v0/postings/cordee?mode=json&skip=0&limit=100",
        (ATS / "lever_page1.json").read_bytes(),
        content_type=JSON,
    )
    site.add("/api/offers/", (ATS / "recruitee_offers.json").read_bytes(), content_type=JSON)
    base = "/v1/companies/RoulottesDuSud/postings"
    site.add(
        f"{base}?offset=0&limit=100",
        (ATS / "smartrecruiters_postings_page2.json")
        .read_bytes()
        .replace(b'"offset": 2', b'"offset": 0')
        .replace(b'"totalFound": 3', b'"totalFound": 1'),
        content_type=JSON,
    )
    detail = (ATS / "smartrecruiters_posting_744000011122201.json").read_text()
    site.add(
        f"{base}/744000011122203",
        detail.replace("744000011122201", "744000011122203"),
        content_type=JSON,
    )
    site.add(
        "/api/v1/widget/accounts/brasserie?details=true",
        (ATS / "workable_account.json").read_bytes(),
        content_type=JSON,
    )
    site.add(
        "/posting-api/job-board/velonantes?includeCompensation=true",
        (ATS / "ashby_job_board.json").read_bytes(),
        content_type=JSON,
    )


def _serve_sites(site: LoopbackSite) -> None:
    for path, page in [
        ("/carrieres/", "careers_listing.html"),
        ("/carrieres/?page=2", "careers_listing_page2.html"),
        ("/carrieres/boulanger-lyon", "posting_boulanger.html"),
        ("/carrieres/vendeur-villeurbanne", "posting_vendeur.html"),
        ("/carrieres/livreur-bron", "posting_livreur.html"),
        ("/emplois/", "html_list.html"),
        ("/emplois/page-2.html", "html_list_page2.html"),
        ("/emplois/menuisier-poseur.html", "html_posting.html"),
        ("/emplois/apprenti.html", "html_posting.html"),
        ("/emplois/metreur.html", "html_posting.html"),
    ]:
        site.add(path, (SITES / page).read_bytes(), content_type=HTML)
    xxe = b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + (
        SITES / "sitemap.xml"
    ).read_bytes().split(b"?>", 1)[1].replace(b"HOST", b"&x;")
    site.add("/sitemap-xxe.xml", xxe)


def _offers() -> dict[str, dict[str, models.Offer]]:
    with session_scope() as session:
        rows = session.execute(select(models.Source.name, models.Offer).join(models.Offer.source))
        found: dict[str, dict[str, models.Offer]] = {}
        for name, offer in rows:
            session.expunge(offer)
            found.setdefault(name, {})[offer.external_id] = offer
        return found


def test_every_kind_lands_its_offers_and_hostile_sources_fail_alone(
    database: str, site: LoopbackSite, token_server: ScriptedSite
) -> None:
    _serve_boards(site)
    _serve_sites(site)
    token = token_server.script(
        "/token", Answer(200, b'{"access_token": "t"}', {"Content-Type": JSON})
    )
    search = (ATS / "francetravail_search.json").read_bytes()
    token_server.script(
        "/v2/offres/search?range=0-149", Answer(200, search, {"Content-Type": JSON})
    )
    api = {"api_base": site.url("/")}
    _register(
        "atelier",
        SourceKind.GREENHOUSE,
        "https://boards.greenhouse.io/atelierlumiere",
        {"board": "atelierlumiere", **api},
    )
    _register(
        "cordee", SourceKind.LEVER, "https://jobs.lever.co/cordee", {"board": "cordee", **api}
    )
    _register(
        "granit",
        SourceKind.RECRUITEE,
        "https://granitfroid.recruitee.com/",
        {"board": "granitfroid", **api},
    )
    _register(
        "roulottes",
        SourceKind.SMARTRECRUITERS,
        "https://careers.smartrecruiters.com/RoulottesDuSud",
        {"board": "RoulottesDuSud", **api},
    )
    _register(
        "brasserie",
        SourceKind.WORKABLE,
        "https://apply.workable.com/brasserie/",
        {"board": "brasserie", **api},
    )
    _register(
        "velo",
        SourceKind.ASHBY,
        "https://jobs.ashbyhq.com/velonantes",
        {"board": "velonantes", **api},
    )
    _register(
        "ft",
        SourceKind.FRANCETRAVAIL,
        token_server.url("/v2/offres/search"),
        {"client_id": "relais", "client_secret_env": FT_SECRET, "token_url": token},
    )
    _register("fournil", SourceKind.JSONLD, site.url("/carrieres/"))
    _register(
        "chene",
        SourceKind.HTML,
        site.url("/emplois/"),
        {
            "links": "a.job-link",
            "next": "a.next",
            "fields": {
                "title": "h1",
                "description": ".description",
                "place": ".lieu",
                "contract": ".contrat",
                "salary": ".salaire",
            },
        },
    )
    _register("piege", SourceKind.JSONLD, site.url("/sitemap-xxe.xml"), {"discovery": "sitemap"})

    results = {result.source: result for result in collect()}

    assert {name for name, result in results.items() if result.crawl.failed} == {"piege"}
    assert "refusé : le plan de site porte une DTD" in (results["piege"].crawl.error or "")
    offers = _offers()
    assert {name: len(found) for name, found in offers.items()} == {
        "atelier": 2,
        "cordee": 2,
        "granit": 1,
        "roulottes": 1,
        "brasserie": 2,
        "velo": 1,
        "ft": 1,
        "fournil": 3,
        "chene": 3,
    }
    assert offers["atelier"]["4011001"].salary_period == "year"
    assert "<script" not in offers["atelier"]["4011002"].description_html
    assert offers["cordee"]["7b1c2d3e-0001-4aaa-9bbb-000000000001"].salary_minimum == 48000
    assert offers["granit"]["918273"].place_insee_code == "35238"
    assert offers["roulottes"]["744000011122203"].contract_type_contrat == "CDI"
    assert offers["ft"]["201ABCD"].contract_type_contrat == "CDD"
    boulanger = offers["fournil"]["FOURNIL-2026-07"]
    assert (boulanger.salary_period, boulanger.place_postal_code) == ("month", "69003")
    assert "onerror" not in boulanger.description_html and "<form" not in boulanger.description_html
    assert offers["chene"][site.url("/emplois/metreur.html")].contract_type_contrat == "CDI"
    with session_scope() as session:
        (rejection,) = quarantine.open_rejections(session)
        assert rejection.external_id == "666"
        assert "url" in [reason["field"] for reason in rejection.reasons]
