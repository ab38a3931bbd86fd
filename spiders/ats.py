"""ATS job-board APIs: Greenhouse, Lever, Recruitee, SmartRecruiters, Workable, Ashby."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar
from urllib.parse import quote, urlencode

from scrapy.http import Response

from spiders.extractors import FeedError
from spiders.extractors._json import load_json
from spiders.feeds import SourceSpider
from spiders.paged import PagedSpider

JSON = "application/json"


class BoardMixin:
    """The API address of a job board: its public root, or `api_base` from the settings."""

    public_api: ClassVar[str]
    source_settings: dict[str, Any]

    def api_root(self) -> str:
        base = self.source_settings.get("api_base") or self.public_api
        return str(base).format(board=self.board).rstrip("/")

    @property
    def board(self) -> str:
        return quote(str(self.source_settings["board"]), safe="")


class GreenhouseSpider(BoardMixin, SourceSpider):
    """`GET /v1/boards/{token}/jobs?content=true`: every job, with its content, in one answer."""

    name = "greenhouse"
    kinds = ("greenhouse",)
    accept = JSON
    public_api = "https://boards-api.greenhouse.io"

    def document_url(self) -> str:
        return f"{self.api_root()}/v1/boards/{self.board}/jobs?content=true"


class RecruiteeSpider(BoardMixin, SourceSpider):
    """`GET https://{company}.recruitee.com/api/offers/`: every published offer."""

    name = "recruitee"
    kinds = ("recruitee",)
    accept = JSON
    public_api = "https://{board}.recruitee.com"

    def document_url(self) -> str:
        return f"{self.api_root()}/api/offers/"


class WorkableSpider(BoardMixin, SourceSpider):
    """`GET /api/v1/widget/accounts/{account}?details=true`: every job with its description."""

    name = "workable"
    kinds = ("workable",)
    accept = JSON
    public_api = "https://apply.workable.com"

    def document_url(self) -> str:
        return f"{self.api_root()}/api/v1/widget/accounts/{self.board}?details=true"


class AshbySpider(BoardMixin, SourceSpider):
    """`GET /posting-api/job-board/{board}?includeCompensation=true`: every listed job."""

    name = "ashby"
    kinds = ("ashby",)
    accept = JSON
    public_api = "https://api.ashbyhq.com"

    def document_url(self) -> str:
        return f"{self.api_root()}/posting-api/job-board/{self.board}?includeCompensation=true"


class LeverSpider(BoardMixin, PagedSpider):
    """`GET /v0/postings/{site}?mode=json&skip=…&limit=…` until a page comes back short."""

    name = "lever"
    kinds = ("lever",)
    accept = JSON
    public_api = "https://api.lever.co"

    @property
    def page_size(self) -> int:
        return int(self.source_settings.get("page_size") or 100)

    def page_url(self, skip: int) -> str:
        query = urlencode({"mode": "json", "skip": skip, "limit": self.page_size})
        return f"{self.api_root()}/v0/postings/{self.board}?{query}"

    def document_url(self) -> str:
        return self.page_url(0)

    def parse_first(self, response: Response) -> Iterable[Any]:
        return self.parse_postings(response, skip=0)

    def parse_postings(self, response: Response, skip: int) -> Iterator[Any]:
        records = self.split_page(response)
        before = len(self._emitted)
        yield from self.emit(records, response)
        new = len(self._emitted) - before
        # A full page may have a next one; a longer page means the API ignored `limit`, and a
        # page of postings already seen means it ignored `skip`: both end the paging.
        if len(records) == self.page_size and new:
            following = skip + self.page_size
            yield self.page(
                self.page_url(following),
                lambda page: self.parse_postings(page, skip=following),
            )


class SmartRecruitersSpider(BoardMixin, PagedSpider):
    """`GET /v1/companies/{id}/postings?offset=…&limit=…`, then each posting's own ad."""

    name = "smartrecruiters"
    kinds = ("smartrecruiters",)
    accept = JSON
    public_api = "https://api.smartrecruiters.com"

    @property
    def page_size(self) -> int:
        return int(self.source_settings.get("page_size") or 100)

    def page_url(self, offset: int) -> str:
        query = urlencode({"offset": offset, "limit": self.page_size})
        return f"{self.api_root()}/v1/companies/{self.board}/postings?{query}"

    def document_url(self) -> str:
        return self.page_url(0)

    def parse_first(self, response: Response) -> Iterable[Any]:
        return self.parse_list(response, offset=0)

    def parse_list(self, response: Response, offset: int) -> Iterator[Any]:
        records = self.split_page(response)
        try:
            data = load_json(response.body)
        except FeedError:  # a page cut before its end: its postings are kept, paging stops
            data = None
        if self.source_settings.get("details", True):
            for record in records:
                if record.error:
                    yield from self.emit([record], response)
                    continue
                url = f"{self.api_root()}/v1/companies/{self.board}/postings/"
                url += quote(record.external_id, safe="")
                if self.new_page(url):
                    yield self.page(url, self.parse_posting)
        else:
            yield from self.emit(records, response)
        total = data.get("totalFound") if isinstance(data, dict) else None
        following = offset + len(records)
        if records and isinstance(total, int) and following < total:
            yield self.page(
                self.page_url(following),
                lambda page: self.parse_list(page, offset=following),
            )

    def parse_posting(self, response: Response) -> Iterator[Any]:
        yield from self.emit(self.split_page(response), response)


def board_spiders() -> tuple[type[SourceSpider], ...]:
    """The ATS spiders, for the registry."""
    return (
        GreenhouseSpider,
        LeverSpider,
        RecruiteeSpider,
        SmartRecruitersSpider,
        WorkableSpider,
        AshbySpider,
    )
