"""Each new kind's spider through the real fetch path (a crawl subprocess) against loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spiders.runner import CrawlResult, run_crawl
from tests.spiders.scripted import Answer, ScriptedSite
from tests.support.loopback import LoopbackSite

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ATS = FIXTURES / "ats"
SITES = FIXTURES / "sites"
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
JSON = "application/json"
HTML = "text/html; charset=utf-8"


def crawl(
    kind: str,
    url: str,
    workdir: Path,
    source_settings: dict[str, Any] | None = None,
    *,
    settings: dict[str, object] | None = None,
    cache_dir: Path | None = None,
    timeout: float = 60,
) -> CrawlResult:
    return run_crawl(
        kind,
        url,
        workdir=workdir,
        timeout=timeout,
        settings={**FAST, **(settings or {})},
        source_settings=source_settings,
        cache_dir=cache_dir,
    )


def ids(result: CrawlResult) -> list[str]:
    return [record.external_id for record in result.iter_records()]


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedSite]:
    server = ScriptedSite().start()
    monkeypatch.setenv("RELAIS_ALLOWED_HOSTS", server.host)
    try:
        yield server
    finally:
        server.stop()


def test_a_greenhouse_board_is_read_from_its_api(site: LoopbackSite, tmp_path: Path) -> None:
    site.add(
        "/v1/boards/atelierlumiere/jobs?content=true",
        (ATS / "greenhouse_jobs.json").read_bytes(),
        content_type=JSON,
    )
    board = {"board": "atelierlumiere", "api_base": site.url("/")}
    result = crawl("greenhouse", "https://boards.greenhouse.io/atelierlumiere", tmp_path, board)
    assert (result.report.status, result.report.items, result.report.pages) == ("ok", 2, 1)
    assert ids(result) == ["4011001", "4011002"]
    (request,) = site.hits("/v1/boards/atelierlumiere/jobs?content=true")
    assert request.headers["Accept"] == JSON


def test_lever_pages_are_followed_and_revalidated_one_by_one(
    site: LoopbackSite, tmp_path: Path
) -> None:
    first, second = (
        "/v0/postings/cordee?mode=json&skip=0&limit=2",
        "/v0/postings/cordee?mode=json&skip=2&limit=2",
    )
    site.add(first, (ATS / "lever_page1.json").read_bytes(), content_type=JSON, etag='"p1"')
    site.add(second, (ATS / "lever_page2.json").read_bytes(), content_type=JSON, etag='"p2"')
    board = {"board": "cordee", "api_base": site.url("/"), "page_size": 2}
    cache = tmp_path / "cache"
    once = crawl("lever", "https://jobs.lever.co/cordee", tmp_path / "1", board, cache_dir=cache)
    again = crawl("lever", "https://jobs.lever.co/cordee", tmp_path / "2", board, cache_dir=cache)
    for result in (once, again):
        assert (result.report.status, result.report.pages, len(ids(result))) == ("ok", 2, 3)
        assert (result.report.etag, result.report.last_modified) == (None, None)
    assert [hit.headers.get("If-None-Match") for hit in site.hits(first)] == [None, '"p1"']
    assert [hit.headers.get("If-None-Match") for hit in site.hits(second)] == [None, '"p2"']
    assert ids(again) == ids(once)  # a 304 page gives back its postings: unchanged, not gone


def test_smartrecruiters_pages_then_each_posting_s_ad(site: LoopbackSite, tmp_path: Path) -> None:
    base = "/v1/companies/RoulottesDuSud/postings"
    site.add(
        f"{base}?offset=0&limit=2",
        (ATS / "smartrecruiters_postings_page1.json").read_bytes(),
        content_type=JSON,
    )
    site.add(
        f"{base}?offset=2&limit=2",
        (ATS / "smartrecruiters_postings_page2.json").read_bytes(),
        content_type=JSON,
    )
    detail = (ATS / "smartrecruiters_posting_744000011122201.json").read_text()
    for number in ("01", "02", "03"):
        site.add(
            f"{base}/7440000111222{number}",
            detail.replace("744000011122201", f"7440000111222{number}"),
            content_type=JSON,
        )
    board = {"board": "RoulottesDuSud", "api_base": site.url("/"), "page_size": 2}
    result = crawl(
        "smartrecruiters", "https://careers.smartrecruiters.com/RoulottesDuSud", tmp_path, board
    )
    assert (result.report.status, result.report.pages) == ("ok", 5)
    assert sorted(ids(result)) == ["744000011122201", "744000011122202", "744000011122203"]
    assert all('"jobAd"' in record.payload for record in result.iter_records())


def test_a_posting_that_cannot_be_fetched_fails_the_whole_crawl(
    site: LoopbackSite, tmp_path: Path
) -> None:
    base = "/v1/companies/RoulottesDuSud/postings"
    site.add(
        f"{base}?offset=0&limit=100",
        (ATS / "smartrecruiters_postings_page1.json").read_bytes(),
        content_type=JSON,
    )
    detail = (ATS / "smartrecruiters_posting_744000011122201.json").read_bytes()
    site.add(f"{base}/744000011122201", detail, content_type=JSON)  # the other one is a 404
    board = {"board": "RoulottesDuSud", "api_base": site.url("/")}
    result = crawl("smartrecruiters", "https://careers.smartrecruiters.com/x", tmp_path, board)
    assert (result.report.status, result.report.complete) == ("failed", False)
    assert result.report.error == "HTTP 404 (page introuvable)"


def _ft_page(first: int, count: int, total: int) -> Answer:
    offers = [{"id": f"FT{first + n}", "intitule": f"Offre {first + n}"} for n in range(count)]
    last = first + count - 1
    return Answer(
        206 if total > count else 200,
        json.dumps({"resultats": offers}).encode(),
        {"Content-Type": JSON, "Content-Range": f"offres {first}-{last}/{total}"},
    )


def test_francetravail_token_then_range_pages(
    scripted: ScriptedSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_TEST_FT_SECRET", "s3cr3t")
    token = scripted.script(
        "/token",
        Answer(200, b'{"access_token": "tok-1", "expires_in": 1499}', {"Content-Type": JSON}),
    )
    search = "/v2/offres/search?motsCles=soudeur&range="
    scripted.script(f"{search}0-149", _ft_page(0, 150, 320))
    scripted.script(f"{search}150-299", _ft_page(150, 150, 320))
    scripted.script(f"{search}300-449", _ft_page(300, 20, 320))
    settings = {
        "client_id": "relais",
        "client_secret_env": "RELAIS_TEST_FT_SECRET",
        "token_url": token,
        "query": {"motsCles": "soudeur"},
    }
    result = crawl("francetravail", scripted.url("/v2/offres/search"), tmp_path, settings)
    assert (result.report.status, result.report.pages, result.report.items) == ("ok", 4, 320)
    (asked,) = scripted.paths("/token")
    assert asked.method == "POST" and b"client_secret=s3cr3t" in asked.body
    assert b"grant_type=client_credentials" in asked.body
    pages = [hit for hit in scripted.hits if hit.path.startswith("/v2/")]
    assert {hit.headers["Authorization"] for hit in pages} == {"Bearer tok-1"}


def test_francetravail_query_over_the_cap_is_split_by_departement(
    scripted: ScriptedSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_TEST_FT_SECRET", "s3cr3t")
    token = scripted.script("/token", Answer(200, b'{"access_token": "t"}', {"Content-Type": JSON}))
    scripted.script("/v2/offres/search?range=0-149", _ft_page(0, 150, 5000))
    for code in ("01", "2A", "974"):
        scripted.script(f"/v2/offres/search?range=0-149&departement={code}", _ft_page(0, 1, 1))
    settings = {"client_id": "c", "client_secret_env": "RELAIS_TEST_FT_SECRET", "token_url": token}
    result = crawl("francetravail", scripted.url("/v2/offres/search"), tmp_path, settings)
    # every other département answers 404 in this script: the split is tried, and must be whole
    assert result.report.status == "failed"
    assert result.report.notes == [
        "the search finds 5000 offers, over the 3150 the API can page through: searched again "
        "in each of the 101 départements"
    ]
    assert len([hit for hit in scripted.hits if "departement=" in hit.path]) >= 3


def test_francetravail_without_its_secret_says_which_variable(
    scripted: ScriptedSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RELAIS_TEST_FT_MISSING", raising=False)
    settings = {"client_id": "c", "client_secret_env": "RELAIS_TEST_FT_MISSING"}
    result = crawl("francetravail", scripted.url("/v2/offres/search"), tmp_path, settings)
    assert (result.report.status, result.report.error_kind) == ("failed", "permanent")
    assert "environment variable RELAIS_TEST_FT_MISSING" in (result.report.error or "")
    assert scripted.hits == []


def _careers_site(site: LoopbackSite) -> str:
    site.add("/carrieres/", (SITES / "careers_listing.html").read_bytes(), content_type=HTML)
    site.add(
        "/carrieres/?page=2", (SITES / "careers_listing_page2.html").read_bytes(), content_type=HTML
    )
    site.add(
        "/carrieres/boulanger-lyon",
        (SITES / "posting_boulanger.html").read_bytes(),
        content_type=HTML,
    )
    site.add(
        "/carrieres/vendeur-villeurbanne",
        (SITES / "posting_vendeur.html").read_bytes(),
        content_type=HTML,
    )
    site.add(
        "/carrieres/livreur-bron", (SITES / "posting_livreur.html").read_bytes(), content_type=HTML
    )
    site.add(
        "/carrieres/teletravail-comptable",
        (SITES / "posting_teletravail.html").read_bytes(),
        content_type=HTML,
    )
    return site.url("/carrieres/")


def test_jsonld_listing_postings_and_next_pages(site: LoopbackSite, tmp_path: Path) -> None:
    result = crawl("jsonld", _careers_site(site), tmp_path)
    assert (result.report.status, result.report.pages) == ("ok", 5)
    assert sorted(ids(result)) == sorted(
        [
            "FOURNIL-2026-07",
            site.url("/carrieres/vendeur-villeurbanne"),
            site.url("/carrieres/livreur-bron"),
        ]
    )
    assert site.hits("/blog/") == [] and site.hits("/") == []  # off the listing: not followed


def test_jsonld_sitemap_index_then_sitemap_then_postings(
    site: LoopbackSite, tmp_path: Path
) -> None:
    _careers_site(site)
    host = site.host.encode()
    site.add("/sitemap.xml", (SITES / "sitemap_index.xml").read_bytes().replace(b"HOST", host))
    site.add("/sitemap-jobs.xml", (SITES / "sitemap.xml").read_bytes().replace(b"HOST", host))
    result = crawl("jsonld", site.url("/sitemap.xml"), tmp_path, {"follow": "/carrieres/"})
    assert (result.report.status, result.report.pages) == ("ok", 4)
    assert sorted(ids(result)) == ["FG-12", "FOURNIL-2026-07"]
    assert site.hits("/a-propos") == []


def test_html_list_next_page_and_postings_by_selectors(site: LoopbackSite, tmp_path: Path) -> None:
    site.add("/emplois/", (SITES / "html_list.html").read_bytes(), content_type=HTML)
    site.add(
        "/emplois/page-2.html", (SITES / "html_list_page2.html").read_bytes(), content_type=HTML
    )
    posting = (SITES / "html_posting.html").read_bytes()
    for name in ("menuisier-poseur", "apprenti", "metreur"):
        site.add(f"/emplois/{name}.html", posting, content_type=HTML)
    settings = {"links": "a.job-link", "next": "a.next", "fields": {"title": "h1"}}
    result = crawl("html", site.url("/emplois/"), tmp_path, settings)
    assert (result.report.status, result.report.pages, result.report.items) == ("ok", 5, 3)
    assert site.url("/emplois/metreur.html") in ids(result)


def test_more_pages_than_allowed_fails_plainly(site: LoopbackSite, tmp_path: Path) -> None:
    result = crawl("jsonld", _careers_site(site), tmp_path, {"max_pages": 2})
    assert (result.report.status, result.report.error_kind) == ("failed", "permanent")
    assert (result.report.error or "").startswith(
        "la source s'étend sur plus de 2 pages, la limite"
    )


def test_settings_the_kind_cannot_use_fail_before_any_request(
    site: LoopbackSite, tmp_path: Path
) -> None:
    result = crawl("greenhouse", site.url("/"), tmp_path, {"token": "x"})
    assert result.report.error == (
        "les réglages de la source sont inutilisables : "
        "identifiant du compte (board) : obligatoire, absent; "
        "token : réglage inconnu pour ce type de source (réglages acceptés : board, api_base)"
    )
    assert site.requests == []


def test_auto_writes_what_it_detected(site: LoopbackSite, tmp_path: Path) -> None:
    url = _careers_site(site)
    result = crawl("auto", url, tmp_path)
    (record,) = result.iter_records()
    detection = json.loads(record.payload)
    assert (detection["kind"], detection["url"]) == ("jsonld", url)
    assert detection["reasons"][0].startswith(
        "les pages liées par la liste portent des offres schema.org JobPosting"
    )


def _odd_links(site: LoopbackSite, *, posting: bool) -> str:
    """A listing whose links under its path lead to an XML feed, an empty file (and a posting)."""
    links = (
        '<a href="/emplois/offres.xml">Flux des offres</a><a href="/emplois/vide.xml">Archives</a>'
    )
    if posting:
        links += '<a href="/emplois/boulanger">Boulanger</a>'
        site.add(
            "/emplois/boulanger", (SITES / "posting_boulanger.html").read_bytes(), content_type=HTML
        )
    url = site.add(
        "/emplois/", f"<html><body><h1>Nos offres</h1>{links}</body></html>", content_type=HTML
    )
    feed = (FIXTURES / "feeds" / "rss2_teamtailor_like.xml").read_bytes()
    site.add("/emplois/offres.xml", feed, content_type="application/xml")
    site.add("/emplois/vide.xml", b"", content_type="application/xml")
    return url


def test_auto_skips_linked_documents_that_are_no_pages_with_a_note(
    site: LoopbackSite, tmp_path: Path
) -> None:
    url = _odd_links(site, posting=False)
    result = crawl("auto", url, tmp_path)
    assert (result.report.status, result.report.error) == ("ok", None)
    (record,) = result.iter_records()
    assert json.loads(record.payload)["kind"] is None
    assert result.report.notes == [
        f"lien ignoré pendant la détection : {site.url('/emplois/vide.xml')} n'est pas une page "
        "lisible (la page HTML est vide)"
    ]


def test_auto_goes_on_past_odd_linked_documents_to_the_postings(
    site: LoopbackSite, tmp_path: Path
) -> None:
    url = _odd_links(site, posting=True)
    result = crawl("auto", url, tmp_path)
    assert (result.report.status, result.report.error) == ("ok", None)
    (record,) = result.iter_records()
    detection = json.loads(record.payload)
    assert (detection["kind"], detection["url"]) == ("jsonld", url)


def test_a_cut_greenhouse_answer_keeps_its_whole_postings_incomplete(
    site: LoopbackSite, tmp_path: Path
) -> None:
    body = (ATS / "greenhouse_jobs.json").read_bytes()
    cut = body[: body.index(b'"id": 4011002') + 8]  # inside the second posting
    site.add("/v1/boards/atelierlumiere/jobs?content=true", cut, content_type=JSON)
    board = {"board": "atelierlumiere", "api_base": site.url("/")}
    result = crawl("greenhouse", "https://boards.greenhouse.io/atelierlumiere", tmp_path, board)
    assert (result.report.status, result.report.complete, ids(result)) == ("ok", False, ["4011001"])
    assert any("aucune offre n'est retirée" in note for note in result.report.notes)


def test_a_cut_lever_page_keeps_its_whole_postings_incomplete(
    site: LoopbackSite, tmp_path: Path
) -> None:
    page = (ATS / "lever_page1.json").read_bytes()
    cut = page[: page.rindex(b'"id"')]  # inside the last posting of the page
    site.add("/v0/postings/cordee?mode=json&skip=0&limit=2", cut, content_type=JSON)
    board = {"board": "cordee", "api_base": site.url("/"), "page_size": 2}
    result = crawl("lever", "https://jobs.lever.co/cordee", tmp_path, board)
    assert (result.report.status, result.report.complete, len(ids(result))) == ("ok", False, 1)
    assert any("s'arrête" in note for note in result.report.notes), result.report.notes
