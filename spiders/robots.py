"""robots.txt as RFC 9309 says: 4xx allows everything, 5xx and unreachable disallow everything."""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from spiders.failures import http_error

# RFC 9309 2.3.1.4: a server error, or no answer at all, means the crawler must assume complete
# disallow; 429 is treated the same way (the host is asking for less traffic, not granting any).
_DISALLOWING = range(500, 600)


class RobotsForbidden(IgnoreRequest):
    """robots.txt disallows the URL; the message says so."""


class RobotsUnreachable(IgnoreRequest):
    """robots.txt could not be read, so nothing of that host may be fetched (for now)."""


class _DisallowAll:
    """Stands for a robots.txt that answered a server error: nothing is allowed."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class _Unreachable:
    """Stands for a robots.txt that could not be fetched at all: nothing is allowed, and each
    request fails with the very error the robots.txt fetch met (refused address, TLS, DNS…)."""

    def __init__(self, error: Exception) -> None:
        self.error = error


class Rfc9309RobotsMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware (Protego parser, one fetch per host and crawl), with
    RFC 9309's status rules and plain reasons."""

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        status = response.status
        if status in _DISALLOWING or status == 429:
            message, _ = http_error(status)
            self._resolve(netloc, _DisallowAll(f"{response.url} a répondu {message}"))
            return
        if 400 <= status < 500:  # "unavailable": any resource may be accessed
            self._resolve(netloc, None)
            return
        await super()._parse_robots(response, netloc, request)

    def _resolve(self, netloc: str, parser: Any) -> None:
        """Record the parser of `netloc` and wake the requests waiting for it."""
        parsers: dict[str, Any] = self._parsers
        waiting = parsers[netloc]
        parsers[netloc] = parser
        if isinstance(waiting, Deferred):
            waiting.callback(parser)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._resolve(netloc, _Unreachable(exc))

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, _Unreachable):
            raise rp.error
        if isinstance(rp, _DisallowAll):
            self._stats.inc_value("robotstxt/forbidden")
            raise RobotsUnreachable(
                f"robots.txt illisible : {rp.reason} ; la RFC 9309 demande de tenir toutes les "
                f"pages de {urlparse_cached(request).netloc} pour interdites tant qu'il ne "
                "peut pas être lu"
            )
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            raise RobotsForbidden(f"interdit par robots.txt : {request.url}") from None
