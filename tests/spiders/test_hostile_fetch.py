"""The fetch path against hostile servers: forbidden addresses, loops, trickles, 429, bombs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from spiders.addresses import parse_allowed_hosts
from spiders.httpcache import JsonFileCacheStorage, RevalidatePolicy
from spiders.middlewares import (
    FetchGuardMiddleware,
    LoopAwareRedirectMiddleware,
    RedirectLoop,
    RefusedRequest,
)
from spiders.runner import CrawlResult, run_crawl
from tests.spiders.scripted import Answer, ScriptedSite

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
JSON = {"Content-Type": "application/json"}
FORBIDDEN = [
    ("127.0.0.1", "127.0.0.1 est une adresse de bouclage (loopback)"),
    ("[::1]", "::1 est une adresse de bouclage (loopback)"),
    ("10.1.2.3", "10.1.2.3 est une adresse privée"),
    ("172.16.0.1", "172.16.0.1 est une adresse privée"),
    ("192.168.1.1", "192.168.1.1 est une adresse privée"),
    ("169.254.169.254", "169.254.169.254 est une adresse lien-local"),
    ("[fe80::1]", "fe80::1 est une adresse lien-local"),
    ("100.64.0.1", "100.64.0.1 est une adresse partagée de NAT d'opérateur (CGNAT)"),
    ("224.0.0.1", "224.0.0.1 est une adresse multicast"),
    ("[ff02::1]", "ff02::1 est une adresse multicast"),
    ("0.0.0.0", "0.0.0.0 est une adresse non spécifiée"),
    ("[::]", ":: est une adresse non spécifiée"),
    ("[::ffff:10.0.0.1]", "::ffff:a00:1 est une forme IPv4-mapped de 10.0.0.1"),
    ("[64:ff9b::a9fe:a9fe]", "64:ff9b::a9fe:a9fe est une forme NAT64 de 169.254.169.254"),
    ("[2002:7f00:1::]", "2002:7f00:1:: est une forme 6to4 de 127.0.0.1"),
    ("[fd00::1]", "fd00::1 est une adresse privée"),
]


@pytest.fixture(scope="module")
def guard() -> FetchGuardMiddleware:
    return FetchGuardMiddleware(parse_allowed_hosts(""))


@pytest.fixture(scope="module")
def redirects() -> LoopAwareRedirectMiddleware:
    return LoopAwareRedirectMiddleware.from_crawler(get_crawler(Spider))


@pytest.mark.parametrize(("host", "problem"), FORBIDDEN, ids=[h for h, _ in FORBIDDEN])
def test_every_forbidden_address_form_is_refused_directly(
    guard: FetchGuardMiddleware, host: str, problem: str
) -> None:
    with pytest.raises(RefusedRequest) as refused:
        guard.process_request(Request(f"http://{host}/jobs.json"))
    assert str(refused.value).startswith(f"refusé : {problem}")


@pytest.mark.parametrize(("host", "problem"), FORBIDDEN, ids=[h for h, _ in FORBIDDEN])
def test_every_forbidden_address_form_is_refused_behind_a_redirect(
    guard: FetchGuardMiddleware,
    redirects: LoopAwareRedirectMiddleware,
    host: str,
    problem: str,
) -> None:
    first = Request("https://jobs.example.org/feed")
    assert guard.process_request(first) is None
    hop = Response(first.url, status=302, headers={"Location": f"http://{host}/latest"})
    following = redirects.process_response(first, hop)
    assert isinstance(following, Request)
    with pytest.raises(RefusedRequest) as refused:
        guard.process_request(following)
    assert str(refused.value).startswith(f"refusé : {problem}")


def test_a_redirect_back_to_a_visited_address_is_a_loop(
    redirects: LoopAwareRedirectMiddleware,
) -> None:
    start = Request("https://jobs.example.org/a")
    second = redirects.process_response(
        start, Response(start.url, status=301, headers={"Location": "/b"})
    )
    assert isinstance(second, Request)
    with pytest.raises(
        RedirectLoop,
        match="boucle de redirections : https://jobs.example.org/a -> "
        "https://jobs.example.org/b -> https://jobs.example.org/a",
    ):
        redirects.process_response(
            second, Response(second.url, status=302, headers={"Location": "/a"})
        )


def test_cached_pages_are_always_revalidated(tmp_path: Path) -> None:
    crawler = get_crawler(Spider, {"HTTPCACHE_DIR": str(tmp_path)})
    policy, storage = RevalidatePolicy(crawler.settings), JsonFileCacheStorage(crawler.settings)
    storage.open_spider(None)
    request = Request("https://api.example.org/jobs?page=2")
    page = Response(
        request.url, body=b"[1]", headers={"ETag": '"v7"', "Cache-Control": "max-age=9999"}
    )
    assert policy.should_cache_response(page, request)
    storage.store_response(None, request, page)
    cached = storage.retrieve_response(None, request)
    assert cached is not None and cached.body == b"[1]"
    assert policy.is_cached_response_fresh(cached, request) is False  # max-age notwithstanding
    assert request.headers["If-None-Match"] == b'"v7"'
    unvalidated = Response(request.url, body=b"[]")
    assert not policy.should_cache_response(unvalidated, request)


def test_a_complete_crawl_prunes_pages_it_no_longer_asks_for(tmp_path: Path) -> None:
    class Done:
        class outcome:  # noqa: N801 - stands for CrawlOutcome
            status = "ok"

    crawler = get_crawler(Spider, {"HTTPCACHE_DIR": str(tmp_path)})
    old, kept = Request("https://x.example/old"), Request("https://x.example/kept")
    first = JsonFileCacheStorage(crawler.settings)
    for request in (old, kept):
        first.store_response(None, request, Response(request.url, headers={"ETag": '"1"'}))
    second = JsonFileCacheStorage(crawler.settings)
    assert second.retrieve_response(None, kept) is not None
    second.close_spider(Done())
    assert second.retrieve_response(None, kept) is not None
    assert second.retrieve_response(None, old) is None


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedSite]:
    server = ScriptedSite().start()
    monkeypatch.setenv("RELAIS_ALLOWED_HOSTS", server.host)
    try:
        yield server
    finally:
        server.stop()


def crawl(
    kind: str,
    url: str,
    workdir: Path,
    source_settings: dict[str, object] | None = None,
    **settings: object,
) -> CrawlResult:
    return run_crawl(
        kind,
        url,
        workdir=workdir,
        timeout=60,
        settings={**FAST, **settings},
        source_settings=source_settings,
    )


def test_a_redirect_loop_fails_the_crawl_saying_so(scripted: ScriptedSite, tmp_path: Path) -> None:
    scripted.script("/a", Answer(302, headers={"Location": scripted.url("/b")}))
    scripted.script("/b", Answer(302, headers={"Location": scripted.url("/a")}))
    report = crawl("rss", scripted.url("/a"), tmp_path).report
    assert (report.status, report.error_kind) == ("failed", "permanent")
    assert (
        report.error == f"boucle de redirections : {scripted.url('/a')} -> {scripted.url('/b')} -> "
        f"{scripted.url('/a')}"
    )
    assert len(scripted.paths("/a")) == 1


def test_a_trickling_server_is_cut_by_the_time_limit(
    scripted: ScriptedSite, tmp_path: Path
) -> None:
    scripted.script("/jobs.rss", Answer(200, b"<rss>" + b" " * 60, bytes_per_second=1))
    report = crawl(
        "rss", scripted.url("/jobs.rss"), tmp_path, RELAIS_FEED_TIMEOUT=2, RETRY_TIMES=0
    ).report
    assert (report.status, report.error, report.error_kind) == (
        "failed",
        "pas de réponse après 2 s",
        "transient",
    )


def test_429_with_retry_after_pauses_the_host_then_the_crawl_completes(
    scripted: ScriptedSite, tmp_path: Path
) -> None:
    page = "/v0/postings/cordee?mode=json&skip=0&limit=1"
    following = "/v0/postings/cordee?mode=json&skip=1&limit=1"
    posting = [{"id": "p1", "text": "Job", "hostedUrl": "https://jobs.lever.co/cordee/p1"}]
    scripted.script(page, Answer(200, json.dumps(posting).encode(), JSON))
    scripted.script(
        following,
        Answer(429, b"slow down", {"Retry-After": "2"}),
        Answer(200, b"[]", JSON),
    )
    board = {"board": "cordee", "api_base": scripted.url("/"), "page_size": 1}
    report = crawl(
        "lever", "https://jobs.lever.co/cordee", tmp_path, board, DOWNLOAD_DELAY=0.1
    ).report
    assert (report.status, report.items) == ("ok", 1)
    refused, accepted = scripted.paths(following)
    assert accepted.at - refused.at >= 2
    assert report.notes == [
        f"{scripted.host} answered HTTP 429 with Retry-After: 2 s; every request to it waited, "
        f"then {scripted.url(following)} was tried again"
    ]


def test_a_host_that_keeps_answering_429_fails_the_crawl_without_a_storm(
    scripted: ScriptedSite, tmp_path: Path
) -> None:
    scripted.script("/jobs.rss", Answer(429, b"no", {"Retry-After": "1"}))
    report = crawl("rss", scripted.url("/jobs.rss"), tmp_path).report
    assert (report.status, report.error_kind, report.retry_after) == ("failed", "transient", 1)
    assert len(scripted.paths("/jobs.rss")) == 3  # the request, then two waits of a second


@pytest.mark.parametrize(
    ("robots", "status", "error_start"),
    [
        (Answer(503, b"down"), "failed", "robots.txt illisible : "),
        (Answer(404, b"none"), "ok", None),
    ],
    ids=["5xx-disallows-all", "4xx-allows-all"],
)
def test_robots_txt_status_rules_of_rfc_9309(
    scripted: ScriptedSite, tmp_path: Path, robots: Answer, status: str, error_start: str | None
) -> None:
    scripted.script("/robots.txt", robots)
    scripted.script("/jobs.rss", Answer(200, b'<rss version="2.0"><channel/></rss>'))
    report = crawl("rss", scripted.url("/jobs.rss"), tmp_path, RETRY_TIMES=0).report
    assert report.status == status
    if error_start:
        assert (report.error or "").startswith(error_start + scripted.url("/robots.txt"))
        assert "RFC 9309" in (report.error or "") and report.error_kind == "transient"
        assert scripted.paths("/jobs.rss") == []


def test_a_brotli_bomb_from_an_api_stops_at_the_cap(scripted: ScriptedSite, tmp_path: Path) -> None:
    bomb = brotli.compress(b'{"jobs": [' + b" " * (64 << 20) + b"]}", quality=5)
    assert len(bomb) < 64 * 1024
    scripted.script(
        "/v1/boards/acme/jobs?content=true",
        Answer(200, bomb, {**JSON, "Content-Encoding": "br"}),
    )
    board = {"board": "acme", "api_base": scripted.url("/")}
    report = crawl(
        "greenhouse", "https://boards.greenhouse.io/acme", tmp_path, board, DOWNLOAD_MAXSIZE=1 << 20
    ).report
    assert (report.status, report.error) == ("failed", "la réponse dépasse la limite de 1 Mio")


def test_a_decimal_ip_address_is_resolved_then_refused(tmp_path: Path) -> None:
    report = run_crawl(
        "rss",
        "http://2130706433:9/jobs.rss",
        workdir=tmp_path,
        timeout=60,
        allowed_hosts="",
        settings=FAST,
    ).report
    assert (report.status, report.error_kind) == ("failed", "permanent")
    assert report.error.startswith(
        "refusé : 2130706433 désigne 127.0.0.1, une adresse de bouclage (loopback) ; "
        "pour l'autoriser"
    )
