"""The spiders: fetch one source document conditionally and split it into raw records."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.extractors import (
    Extractor,
    FeedError,
    RawRecord,
    Repairs,
    extractor_for,
    split_document,
    streams,
)
from spiders.failures import describe_failure
from spiders.middlewares import retry_after_seconds
from spiders.report import CrawlStatus, ErrorKind
from spiders.spool import SPOOL_META, SpooledResponse

SOURCE_META = "relais_source"
SPOOL_FOLDER = "spool"
"""Where, in the crawl's output folder, a streamed document is written while it is read."""


@dataclass
class CrawlOutcome:
    """What the spider saw; the crawl entry point turns it into report.json."""

    status: CrawlStatus | None = None
    error: str | None = None
    error_kind: ErrorKind | None = None
    http_status: int | None = None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: int | None = None
    bytes_received: int = 0
    items: int = 0
    pages: int = 0
    notes: list[str] = field(default_factory=list)
    incomplete: bool = False
    """The document was read but stops before its end: nothing is withdrawn on its word."""

    def saw(self, response: Response) -> None:
        self.http_status = response.status
        self.final_url = response.url
        for header, attribute in (("ETag", "etag"), ("Last-Modified", "last_modified")):
            value = response.headers.get(header)
            if value:
                setattr(self, attribute, value.decode("latin-1").strip())

    def fail(self, error: str, kind: ErrorKind) -> None:
        if self.status != "failed":  # the first failure is the cause
            self.status, self.error, self.error_kind = "failed", error, kind


class SourceSpider(scrapy.Spider):
    """Fetches one document (with If-None-Match / If-Modified-Since) and yields its records.

    It never interprets fields: the extractor's `split` gives verbatim payloads.
    """

    kinds: ClassVar[tuple[str, ...]] = ()
    accept: ClassVar[str | None] = None
    """The Accept header of the document request, when not the feeds' default."""
    handle_httpstatus_list = [304]

    def __init__(
        self,
        url: str,
        kind: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        source_settings: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.url = url
        self.kind = kind or self.kinds[0]
        if self.kind not in self.kinds:
            raise ValueError(f"spider {self.name} does not fetch kind {self.kind!r}")
        self.previous_etag = etag
        self.previous_last_modified = last_modified
        self.source_settings: dict[str, Any] = dict(source_settings or {})
        self.outcome = CrawlOutcome()

    def document_url(self) -> str:
        """The one document this spider fetches: the source's URL, or an API URL built from it."""
        return self.url

    def extractor(self) -> Extractor:
        """The extractor of this source's kind, with its settings."""
        return extractor_for(
            self.kind,
            max_items=self.settings.getint("RELAIS_MAX_ITEMS"),
            settings=self.source_settings,
        )

    def item(self, record: RawRecord, fetch_url: str, fetched_at: str) -> dict[str, Any]:
        """The line written to items.jsonl for one record read from `fetch_url`."""
        self.outcome.items += 1
        return {
            "external_id": record.external_id,
            "payload": record.payload,
            "content_type": record.content_type,
            "error": record.error,
            "fetch_url": fetch_url,
            "fetched_at": fetched_at,
        }

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._count_bytes, signal=signals.bytes_received)
        return spider

    def _count_bytes(self, data: bytes, request: scrapy.Request, **kwargs: Any) -> None:
        if request.meta.get(SOURCE_META):
            self.outcome.bytes_received += len(data)

    def _conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.previous_etag:
            headers["If-None-Match"] = self.previous_etag
        if self.previous_last_modified:
            headers["If-Modified-Since"] = self.previous_last_modified
        return headers

    def spool_folder(self) -> Path | None:
        """The folder the document is written into while it is read, when its extractor
        streams (XML feeds: `spiders.spool`); None when it is read in memory."""
        output = self.settings.get("RELAIS_OUTPUT_DIR")
        try:
            streamed = streams(self.extractor())
        except ValueError:  # unusable settings: the crawl fails saying so elsewhere
            return None
        return Path(output) / SPOOL_FOLDER if output and streamed else None

    def document_meta(self) -> dict[str, Any]:
        """The meta of the document request: a streamed document goes to disk, capped by
        RELAIS_FEED_MAXSIZE and RELAIS_FEED_TIMEOUT instead of the in-memory limits, and a
        connection cut before its end keeps what was received (read as incomplete)."""
        # its validators are the source's own (If-None-Match), not the HTTP cache's
        meta: dict[str, Any] = {
            SOURCE_META: True,
            "handle_httpstatus_list": [304],
            "dont_cache": True,
        }
        folder = self.spool_folder()
        if folder is not None:
            meta[SPOOL_META] = str(folder)
            meta["download_maxsize"] = self.settings.getint("RELAIS_FEED_MAXSIZE")
            meta["download_timeout"] = self.settings.getfloat("RELAIS_FEED_TIMEOUT")
            meta["download_fail_on_dataloss"] = False
        return meta

    async def start(self) -> AsyncIterator[scrapy.Request]:
        headers = self._conditional_headers()
        if self.accept:
            headers["Accept"] = self.accept
        yield scrapy.Request(
            self.document_url(),
            headers=headers,
            meta=self.document_meta(),
            callback=self.parse,
            errback=self.errback,
            dont_filter=True,
        )

    def parse(self, response: Response, **kwargs: Any) -> Iterator[dict[str, Any]]:
        self.outcome.saw(response)
        self.outcome.pages += 1
        if response.status == 304:
            if not self._conditional_headers():
                self.outcome.fail(
                    "HTTP 304 (non modifié) en réponse à une requête "
                    "qui n'était pas conditionnelle",
                    "permanent",
                )
                return
            self.outcome.status = "not_modified"
            self.outcome.etag = self.outcome.etag or self.previous_etag
            self.outcome.last_modified = self.outcome.last_modified or self.previous_last_modified
            return
        fetched_at = datetime.now(UTC).isoformat()
        repairs = Repairs()
        body: bytes | Path = response.body
        if isinstance(response, SpooledResponse):
            body = response.path
        cut = "dataloss" in response.flags
        try:
            content_type = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
            records = split_document(self.extractor(), body, response.url, repairs, content_type)
            for record in records:
                yield self.item(record, response.url, fetched_at)
        except FeedError as error:
            self.outcome.fail(str(error), "permanent")
        except Exception as error:  # a bug must fail this crawl plainly, not end it "unread"
            self.logger.exception("could not split %s", response.url)
            self.outcome.fail(
                f"lecture du document impossible (erreur interne) : {type(error).__name__} : "
                f"{error}",
                "permanent",
            )
        else:
            self.outcome.status = "ok"
            self.outcome.incomplete = repairs.truncated is not None or cut
        finally:
            if isinstance(response, SpooledResponse):
                response.path.unlink(missing_ok=True)
        notes = repairs.notes()
        if cut:
            notes.insert(0, _cut_note(self.outcome.bytes_received))
        self.outcome.notes += [note for note in notes if note not in self.outcome.notes]

    def errback(self, failure: Failure) -> None:
        response = getattr(failure.value, "response", None)
        if isinstance(response, Response):
            self.outcome.saw(response)
        request = getattr(failure, "request", None)
        url = request.url if request is not None else self.url
        if response is None and request is not None:
            self.outcome.final_url = request.url
        if response is not None:
            self.outcome.retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        meta = request.meta if request is not None else {}
        timeout = meta.get("download_timeout")
        message, kind = describe_failure(
            failure,
            url=url,
            timeout=float(timeout or self.settings.getfloat("DOWNLOAD_TIMEOUT")),
            max_size=int(meta.get("download_maxsize") or self.settings.getint("DOWNLOAD_MAXSIZE")),
            bytes_received=self.outcome.bytes_received,
            max_redirects=self.settings.getint("REDIRECT_MAX_TIMES"),
        )
        self.logger.warning("crawl of %s failed: %s", self.url, message)
        self.outcome.fail(message, kind)

    def closed(self, reason: str) -> None:
        folder = self.spool_folder()
        if folder is not None:  # bodies of redirects, errors, a download cut short
            shutil.rmtree(folder, ignore_errors=True)
        if self.outcome.status is None:
            self.outcome.fail(
                f"la collecte s'est terminée sans lire le document ({reason})", "transient"
            )


def _cut_note(received: int) -> str:
    amount = f"{received:_}".replace("_", "\u202f")  # 12 345 678, as French writes it
    return (
        f"la connexion a été coupée avant la fin annoncée du document ({amount} octets "
        "reçus) : ses éléments lus sont gardés, et aucune offre n'est retirée parce qu'il ne "
        "la liste plus"
    )


class FeedSpider(SourceSpider):
    """RSS and Atom feeds."""

    name = "feed"
    kinds = ("rss", "atom")


class IndeedXmlSpider(SourceSpider):
    """Indeed-style XML job feeds."""

    name = "indeed-xml"
    kinds = ("indeed-xml",)
