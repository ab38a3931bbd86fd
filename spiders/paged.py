"""Spiders whose source spans many requests (API pages, listings, postings): complete or failed."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.extractors import FeedError, RawRecord, split_document
from spiders.extractors._repairs import Repairs
from spiders.feeds import SOURCE_META, SourceSpider

PAGE_META = "relais_page"
Handler = Callable[[Response], Iterable[Any]]


class PagedSpider(SourceSpider):
    """Follows the pages of one source; the crawl is complete only when every page was read.

    Subclasses yield `self.page(url, handler)` requests and, from handlers, `self.emit(...)`
    items and further pages. Any page that fails fails the crawl (items are then discarded),
    and a crawl over `max_pages` pages fails too. Pages go through the HTTP cache when one is
    configured, which makes each of them a conditional GET.
    """

    handle_httpstatus_list: list[int] = []
    max_pages = 1000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending: set[int] = set()
        self._requested = 0
        self._visited: set[str] = set()
        self._emitted: set[str] = set()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.first_pages():
            yield request

    def first_pages(self) -> Iterable[scrapy.Request]:
        """The requests the crawl starts with."""
        yield self.page(self.document_url(), self.parse_first)

    def parse_first(self, response: Response) -> Iterable[Any]:
        raise NotImplementedError

    def page(
        self,
        url: str,
        handler: Handler,
        *,
        headers: dict[str, str] | None = None,
        meta: dict[str, Any] | None = None,
        **request_options: Any,
    ) -> scrapy.Request:
        """A request whose answer the crawl needs, read by `handler`; FeedError past the limit."""
        self._requested += 1
        if self._requested > self.page_limit():
            raise FeedError(
                f"la source s'étend sur plus de {self.page_limit()} pages, la limite "
                "(augmentez le réglage max_pages ou restreignez ce qui est suivi)"
            )
        number = self._requested
        self._pending.add(number)
        all_headers = {"Accept": self.accept} if self.accept else {}
        all_headers.update(headers or {})
        return scrapy.Request(
            url,
            callback=self._on_page,
            errback=self._on_failure,
            cb_kwargs={"handler": handler},
            headers=all_headers,
            meta={SOURCE_META: True, PAGE_META: number, **(meta or {})},
            dont_filter=True,
            **request_options,
        )

    def new_page(self, url: str) -> bool:
        """True the first time `url` (without its fragment) is seen: follow it once only."""
        key = url.split("#", 1)[0]
        if key in self._visited:
            return False
        self._visited.add(key)
        return True

    def page_limit(self) -> int:
        return int(self.source_settings.get("max_pages") or self.max_pages)

    def split_page(self, response: Response) -> list[RawRecord]:
        """The records of one page; a page cut before its end keeps those it holds whole, and
        makes the crawl incomplete (nothing withdrawn), its French note naming the page."""
        repairs = Repairs()
        records = list(split_document(self.extractor(), response.body, response.url, repairs))
        if repairs.truncated is not None:
            self.outcome.incomplete = True
            note = f"{repairs.truncated} ({response.url})"
            if note not in self.outcome.notes:
                self.outcome.notes.append(note)
        return records

    def emit(self, records: Iterable[RawRecord], response: Response) -> Iterator[dict[str, Any]]:
        """Items for `records` read from `response`; a record id seen before is skipped."""
        fetched_at = datetime.now(UTC).isoformat()
        for record in records:
            if record.external_id in self._emitted:
                continue
            self._emitted.add(record.external_id)
            if self.outcome.items >= self.settings.getint("RELAIS_MAX_ITEMS"):
                raise FeedError(
                    f"la source contient plus de {self.outcome.items} éléments, la limite"
                )
            yield self.item(record, response.url, fetched_at)

    def _on_page(self, response: Response, handler: Handler) -> Iterator[Any]:
        self._pending.discard(response.meta.get(PAGE_META, 0))
        self.outcome.saw(response)
        self.outcome.pages += 1
        if self.outcome.status == "failed":
            return
        try:
            yield from handler(response)
        except FeedError as error:
            self.fail(f"{error} ({response.url})" if self.outcome.pages > 1 else str(error))
        except Exception as error:  # a bug must fail this crawl plainly
            self.logger.exception("could not read %s", response.url)
            self.fail(f"lecture impossible de {response.url} : {type(error).__name__} : {error}")

    def fail(self, message: str, kind: str = "permanent") -> None:
        """Fail the crawl now: nothing it read will be kept."""
        self.outcome.fail(message, "transient" if kind == "transient" else "permanent")
        raise CloseSpider("failed")

    def _on_failure(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        if request is not None:
            self._pending.discard(request.meta.get(PAGE_META, 0))
        self.errback(failure)
        raise CloseSpider("failed")

    def closed(self, reason: str) -> None:
        if self.outcome.status is None and not self._pending and reason == "finished":
            self.outcome.status = "ok"
        elif self.outcome.status is None:
            missing = len(self._pending)
            self.outcome.fail(
                f"la collecte s'est arrêtée ({reason}) avant que {missing} de ses pages soient "
                "lues",
                "transient",
            )
        # Validators belong to each page (kept by the HTTP cache), not to the source.
        self.outcome.etag = self.outcome.last_modified = None
