"""Failed downloads turned into one sentence for the operator, and transient or permanent."""

from __future__ import annotations

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    IgnoreRequest,
)
from twisted.python.failure import Failure

from spiders.failures import describe_failure, http_error, size_text
from spiders.resolver import RESOLUTIONS

URL = "https://jobs.example.org/feed.xml"


def describe(error: Exception, bytes_received: int = 0) -> tuple[str, str]:
    return describe_failure(
        Failure(error),
        url=URL,
        timeout=30,
        max_size=32 * 1024 * 1024,
        bytes_received=bytes_received,
    )


@pytest.fixture(autouse=True)
def _fresh_log() -> None:
    RESOLUTIONS.clear()


@pytest.mark.parametrize(
    ("size", "text"),
    [(33554432, "32 Mio"), (102400, "100 Kio"), (1536, "1.5 Kio"), (12, "12 octets")],
)
def test_size_text(size: int, text: str) -> None:
    assert size_text(size) == text


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (500, ("HTTP 500 (erreur interne du serveur)", "transient")),
        (503, ("HTTP 503 (service indisponible)", "transient")),
        (429, ("HTTP 429 (trop de requêtes)", "transient")),
        (408, ("HTTP 408 (le serveur a attendu trop longtemps)", "transient")),
        (404, ("HTTP 404 (page introuvable)", "permanent")),
        (410, ("HTTP 410 (page supprimée)", "permanent")),
        (403, ("HTTP 403 (accès interdit)", "permanent")),
        (599, ("HTTP 599 (erreur du serveur)", "transient")),
    ],
)
def test_http_statuses(status: int, expected: tuple[str, str]) -> None:
    assert http_error(status) == expected


def test_a_name_that_does_not_resolve_is_worth_retrying() -> None:
    assert describe(CannotResolveHostError("no")) == (
        "le nom jobs.example.org est introuvable (recherche DNS échouée)",
        "transient",
    )


def test_a_name_resolving_to_a_private_address_is_refused() -> None:
    RESOLUTIONS.note_refused(
        "jobs.example.org", "jobs.example.org désigne 10.0.0.7, une adresse privée"
    )
    assert describe(CannotResolveHostError("no")) == (
        "refusé : jobs.example.org désigne 10.0.0.7, une adresse privée",
        "permanent",
    )


def test_a_dns_timeout_says_so() -> None:
    RESOLUTIONS.note_timed_out("jobs.example.org")
    assert describe(CannotResolveHostError("no")) == (
        "la recherche DNS de jobs.example.org n'a pas abouti à temps",
        "transient",
    )


def test_a_refused_connection_is_transient() -> None:
    assert describe(DownloadConnectionRefusedError("refused")) == (
        "connexion refusée par jobs.example.org",
        "transient",
    )


def test_a_download_cancelled_past_the_cap_is_over_the_limit() -> None:
    assert describe(DownloadCancelledError(""), bytes_received=40 * 1024 * 1024) == (
        "la réponse dépasse la limite de 32 Mio",
        "permanent",
    )


def test_robots_txt_refusal() -> None:
    assert describe(IgnoreRequest("Forbidden by robots.txt")) == (
        "interdit par robots.txt",
        "permanent",
    )
