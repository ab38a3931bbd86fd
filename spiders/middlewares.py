"""Downloader middlewares of the hardened fetch path: schemes, addresses, Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

from spiders.addresses import (
    AllowedHosts,
    address_problem,
    allowlist_hint,
    ip_literal,
    parse_allowed_hosts,
)
from spiders.resolver import RESOLUTIONS

ALLOWED_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class RefusedRequest(IgnoreRequest):
    """The fetch path refused a request; the message starts with "refusé :" and says why."""


def _host_and_port(request: Request) -> tuple[str, int]:
    parts = urlparse_cached(request)
    host = parts.hostname
    if not host:
        raise RefusedRequest(f"refusé : {request.url} n'a pas de nom d'hôte")
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 0)
    except ValueError:
        raise RefusedRequest(f"refusé : {request.url} a un port invalide") from None
    return host, port


class _AllowlistAware:
    def __init__(self, allowed: AllowedHosts) -> None:
        self.allowed = allowed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(parse_allowed_hosts(crawler.settings.get("RELAIS_ALLOWED_HOSTS")))


class FetchGuardMiddleware(_AllowlistAware):
    """First in line: http(s) only, and no IP-literal host that is not public or allowlisted.

    Runs on every request, redirect hops and robots.txt included. Names are checked by the
    resolver (spiders.resolver.GuardedResolver) on the address actually connected to.
    """

    def process_request(self, request: Request) -> None:
        scheme = urlparse_cached(request).scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            raise RefusedRequest(
                f"refusé : seules les adresses http et https sont lues, pas {scheme}:"
            )
        host, port = _host_and_port(request)
        literal = ip_literal(host)
        if literal is None or self.allowed.admits(host, port):
            return None
        problem = address_problem(literal)
        if problem:
            raise RefusedRequest(f"refusé : {literal} est {problem} ; {allowlist_hint(host, port)}")
        return None


class ConnectedAddressMiddleware(_AllowlistAware):
    """Last in line: checks the address a response actually came from (defense in depth)."""

    def process_response(self, request: Request, response: Response) -> Response:
        ip = response.ip_address
        if ip is None:
            return response
        host, port = _host_and_port(request)
        if self.allowed.admits(host, port):
            return response
        problem = address_problem(ip)
        if problem:
            raise RefusedRequest(
                f"refusé : {host} a répondu depuis {ip}, {problem} ; {allowlist_hint(host, port)}"
            )
        return response


def retry_after_seconds(value: bytes | str | None) -> int | None:
    """The delay a Retry-After header asks for, in seconds (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0, int((when - datetime.now(UTC)).total_seconds()))


class GuardedRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, except for refused addresses and responses carrying Retry-After.

    A Retry-After response is not retried in this crawl: the crawl fails as transient and
    reports the delay, for the scheduler to honor. A refused address is never worth a retry.
    """

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if response.status in self.retry_http_codes and retry_after_seconds(
            response.headers.get("Retry-After")
        ):
            return response
        return super().process_response(request, response)

    def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        host = urlparse_cached(request).hostname or ""
        if isinstance(exception, CannotResolveHostError) and RESOLUTIONS.refusal(host):
            return None
        return super().process_exception(request, exception)


class RedirectLoop(IgnoreRequest):
    """A redirect leads back to an address already visited in the same chain."""


class LoopAwareRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects (capped by REDIRECT_MAX_TIMES), stopping at once on a loop."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            hops = " -> ".join([*chain[chain.index(redirected.url) :], redirected.url])
            raise RedirectLoop(f"boucle de redirections : {hops}")
        return super()._redirect(redirected, request, reason)
