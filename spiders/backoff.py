"""429/503 with Retry-After: the whole host waits, then the request is tried again (bounded)."""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import reactor
from twisted.internet.task import deferLater

from spiders.middlewares import retry_after_seconds

logger = logging.getLogger(__name__)

BACKOFF_STATUSES = (429, 503)
ATTEMPTS_META = "relais_retry_after_attempts"


class HostBackoffMiddleware:
    """Honors Retry-After for every request to the host that sent it, not just the one refused.

    A 429 or 503 asking to wait at most RELAIS_RETRY_AFTER_MAX seconds pauses that host: no
    request of this crawl reaches it before the time is up, then the refused request is sent
    again (at most RELAIS_RETRY_AFTER_TIMES times). A longer wait, or the same request refused
    again and again, ends in the error response: the crawl fails as transient and reports the
    delay for the scheduler. Each pause is noted in the crawl report.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_wait = settings.getfloat("RELAIS_RETRY_AFTER_MAX", 60)
        self.max_attempts = settings.getint("RELAIS_RETRY_AFTER_TIMES", 2)
        self.resume_at: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostBackoffMiddleware:
        return cls(crawler)

    @staticmethod
    def _host(request: Request) -> str:
        return urlparse_cached(request).netloc.lower()

    async def process_request(self, request: Request) -> None:
        wait = self.resume_at.get(self._host(request), 0) - time.monotonic()
        if wait > 0:
            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in BACKOFF_STATUSES:
            return response
        delay = retry_after_seconds(response.headers.get("Retry-After"))
        if delay is None:
            return response
        attempts = int(request.meta.get(ATTEMPTS_META, 0))
        if delay > self.max_wait or attempts >= self.max_attempts:
            return response
        host = self._host(request)
        self.resume_at[host] = max(self.resume_at.get(host, 0), time.monotonic() + delay)
        self._hold_slot(request, delay)
        note = (
            f"{host} answered HTTP {response.status} with Retry-After: {delay} s; "
            f"every request to it waited, then {request.url} was tried again"
        )
        logger.warning(note)
        self._note(note)
        retry = request.replace(dont_filter=True)
        retry.meta[ATTEMPTS_META] = attempts + 1
        retry.meta.pop("cached_response", None)
        return retry

    def _hold_slot(self, request: Request, delay: float) -> None:
        """Requests already queued in the host's download slot wait too (when it has a delay)."""
        downloader: Any = getattr(self.crawler.engine, "downloader", None)
        slot_key = request.meta.get("download_slot") or self._host(request)
        slot = getattr(downloader, "slots", {}).get(slot_key)
        if slot is not None and hasattr(slot, "lastseen"):
            slot.lastseen = max(slot.lastseen, time.monotonic() + delay)

    def _note(self, note: str) -> None:
        spider = self.crawler.spider
        outcome = getattr(spider, "outcome", None)
        if outcome is not None and note not in outcome.notes:
            outcome.notes.append(note)
