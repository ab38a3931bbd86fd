"""The `auto` kind's spider: fetch a URL once (and a few pages it links to), say what it is."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.detect import Detection, detect_from_document
from spiders.discovery import listing_links
from spiders.extractors import FeedError, RawRecord
from spiders.extractors._html import decode_page
from spiders.extractors.jsonld import page_records
from spiders.paged import PAGE_META, PagedSpider

DETECTION = "application/json; relais-detection"
LINKED_PAGES = 3


class ProbeSpider(PagedSpider):
    """Writes one record, the Detection of its URL, as JSON."""

    name = "auto"
    kinds = ("auto",)
    accept = (
        "text/html, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.detection: Detection | None = None
        self._linked: list[str] = []

    def parse_first(self, response: Response) -> Iterable[Any]:
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
        self.detection = detect_from_document(response.body, response.url, content_type)
        if self.detection.kind is None and b"<" in response.body[:1024]:
            text = decode_page(response.body, content_type)
            links = listing_links(text, response.url, response.url).postings[:LINKED_PAGES]
            for link in links:
                request = self.page(link, self.parse_linked)
                yield request.replace(errback=self._linked_failed)
            if links:
                return
        yield from self._result(response.url)

    def parse_linked(self, response: Response) -> Iterator[Any]:
        assert self.detection is not None
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
        if self.detection.kind is None and self._carries_postings(response, content_type):
            self.detection = Detection(
                "jsonld",
                self.url,
                {},
                [
                    "les pages liées par la liste portent des offres schema.org JobPosting, "
                    f"par exemple {response.url}"
                ],
            )
        if self.detection.kind is not None or not self._pending:
            yield from self._result(response.url)

    def _carries_postings(self, response: Response, content_type: str | None) -> bool:
        """True when a linked page carries JobPosting; a document that is no readable page
        (empty, binary, a feed…) is skipped with a note, and detection goes on."""
        try:
            text = decode_page(response.body, content_type)
            return any(not record.error for record in page_records(text, response.url))
        except (FeedError, ValueError) as error:
            self.outcome.notes.append(
                f"lien ignoré pendant la détection : {response.url} n'est pas une page lisible "
                f"({error})"
            )
            return False

    def _linked_failed(self, failure: Failure) -> Iterator[Any]:
        """A linked page that cannot be fetched only tells nothing."""
        request = getattr(failure, "request", None)
        if request is not None:
            self._pending.discard(request.meta.get(PAGE_META, 0))
        if not self._pending:
            yield from self._result(self.url)

    def _result(self, fetch_url: str) -> Iterator[Any]:
        if self.detection is None or "detection" in self._emitted:
            return
        self._emitted.add("detection")
        payload = json.dumps(self.detection.as_dict(), ensure_ascii=False)
        fetched_at = datetime.now(UTC).isoformat()
        yield self.item(RawRecord("detection", payload, DETECTION), fetch_url, fetched_at)
