"""The fetch path's downloader middlewares, called directly."""

from __future__ import annotations

import ipaddress
from email.utils import formatdate

import pytest
from scrapy import Request
from scrapy.exceptions import CannotResolveHostError
from scrapy.http import Response
from scrapy.settings import Settings

from spiders.addresses import parse_allowed_hosts
from spiders.middlewares import (
    ConnectedAddressMiddleware,
    FetchGuardMiddleware,
    GuardedRetryMiddleware,
    RefusedRequest,
    retry_after_seconds,
)
from spiders.resolver import RESOLUTIONS


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "refusé : seules les adresses http et https sont lues, pas file:"),
        (
            "ftp://ftp.example.org/feed.xml",
            "refusé : seules les adresses http et https sont lues, pas ftp:",
        ),
        ("data:text/xml,<rss/>", "refusé : seules les adresses http et https sont lues, pas data:"),
        ("http://10.0.0.7/feed", "refusé : 10.0.0.7 est une adresse privée"),
        (
            "http://169.254.169.254/latest/meta-data/",
            "refusé : 169.254.169.254 est une adresse lien-local",
        ),
        ("http://[::1]:8080/feed", "refusé : ::1 est une adresse de bouclage (loopback)"),
        (
            "http://[::ffff:7f00:1]/feed",
            "refusé : ::ffff:7f00:1 est une forme IPv4-mapped de 127.0.0.1",
        ),
        ("http://127.0.0.1:9999/feed", "refusé : 127.0.0.1 est une adresse de bouclage (loopback)"),
    ],
)
def test_guard_refuses_other_schemes_and_non_public_ip_literals(url: str, message: str) -> None:
    guard = FetchGuardMiddleware(parse_allowed_hosts("127.0.0.1:8080"))
    with pytest.raises(RefusedRequest) as refused:
        guard.process_request(Request(url))
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize(
    "url",
    ["https://jobs.example.org/feed.xml", "http://8.8.8.8/feed", "http://127.0.0.1:8080/feed"],
)
def test_guard_lets_names_public_literals_and_allowlisted_hosts_through(url: str) -> None:
    guard = FetchGuardMiddleware(parse_allowed_hosts("127.0.0.1:8080"))
    assert guard.process_request(Request(url)) is None


def test_response_from_a_private_address_is_refused_after_the_fact() -> None:
    check = ConnectedAddressMiddleware(parse_allowed_hosts(""))
    request = Request("https://jobs.example.org/feed.xml")
    response = Response(request.url, ip_address=ipaddress.ip_address("10.0.0.7"))
    with pytest.raises(
        RefusedRequest, match="jobs.example.org a répondu depuis 10.0.0.7, une adresse privée"
    ):
        check.process_response(request, response)


def test_response_from_an_allowlisted_host_passes() -> None:
    check = ConnectedAddressMiddleware(parse_allowed_hosts("127.0.0.1:8080"))
    request = Request("http://127.0.0.1:8080/feed.xml")
    response = Response(request.url, ip_address=ipaddress.ip_address("127.0.0.1"))
    assert check.process_response(request, response) is response


@pytest.mark.parametrize(
    ("header", "seconds"),
    [(None, None), (b"", None), (b"120", 120), (b" 7 ", 7), (b"soon", None)],
)
def test_retry_after_seconds(header: bytes | None, seconds: int | None) -> None:
    assert retry_after_seconds(header) == seconds


def test_retry_after_as_an_http_date() -> None:
    import time

    seconds = retry_after_seconds(formatdate(time.time() + 600, usegmt=True))
    assert seconds is not None and 590 <= seconds <= 600


def test_a_response_asking_to_retry_later_is_not_retried_in_the_crawl() -> None:
    retry = GuardedRetryMiddleware(Settings({"RETRY_HTTP_CODES": [503], "RETRY_TIMES": 2}))
    request = Request("https://jobs.example.org/feed.xml")
    response = Response(request.url, status=503, headers={"Retry-After": "120"})
    assert retry.process_response(request, response) is response


def test_a_refused_name_is_not_retried() -> None:
    RESOLUTIONS.note_refused("intranet.example.org", "intranet.example.org resolves to 10.0.0.7")
    retry = GuardedRetryMiddleware(Settings({"RETRY_TIMES": 2}))
    request = Request("https://intranet.example.org/feed.xml")
    assert retry.process_exception(request, CannotResolveHostError("no address")) is None
