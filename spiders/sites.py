"""Careers sites: JobPosting pages found from a listing or a sitemap, and selector-read pages."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from scrapy.http import Response, TextResponse

from spiders.discovery import listing_links, looks_like_sitemap, read_sitemap
from spiders.extractors import FeedError
from spiders.extractors._fields import http_url
from spiders.extractors.html_page import HtmlPageExtractor, select
from spiders.extractors.jsonld import JsonLdExtractor
from spiders.paged import PagedSpider

HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
SITEMAP_DEPTH = 3


def _pattern(value: object) -> re.Pattern[str] | None:
    return re.compile(str(value)) if value else None


def _text(response: Response) -> str:
    if not isinstance(response, TextResponse):
        raise FeedError(
            f"{response.url} is not a web page ({response.headers.get('Content-Type', b'?')!r})"
        )
    return response.text.replace("\x00", "\ufffd")


class JsonLdSpider(PagedSpider):
    """Reads the JobPostings of a careers site: its listing (and the pages it links to and
    its next pages) or its sitemap."""

    name = "jsonld"
    kinds = ("jsonld",)
    accept = HTML
    max_pages = 500

    def page_extractor(self) -> JsonLdExtractor:
        return JsonLdExtractor(self.settings.getint("RELAIS_MAX_ITEMS"), self.source_settings)

    def parse_first(self, response: Response) -> Iterable[Any]:
        self.new_page(response.url)
        discovery = self.source_settings.get("discovery")
        if discovery == "sitemap" or (discovery is None and looks_like_sitemap(response.body)):
            return self.parse_sitemap(response, depth=0)
        return self.parse_listing(response)

    def parse_listing(self, response: Response) -> Iterator[Any]:
        text = _text(response)
        links = listing_links(
            text,
            response.url,
            self.url,
            follow=_pattern(self.source_settings.get("follow")),
            pagination=_pattern(self.source_settings.get("pagination")),
        )
        if not links.postings:  # the listing carries the postings itself
            yield from self.emit(self.page_extractor().split_text(text, response.url), response)
        for link in links.postings:
            if self.new_page(link):
                yield self.page(link, self.parse_posting)
        for link in links.next_pages:
            if self.new_page(link):
                yield self.page(link, self.parse_listing)

    def parse_posting(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return  # a linked PDF or image: not a posting page
        yield from self.emit(
            self.page_extractor().split_text(_text(response), response.url), response
        )

    def parse_sitemap(self, response: Response, depth: int) -> Iterator[Any]:
        sitemap = read_sitemap(response.body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        follow = _pattern(self.source_settings.get("follow"))
        for url in sitemap.urls:
            if not self.new_page(url):
                continue
            if sitemap.index:
                if depth + 1 >= SITEMAP_DEPTH:
                    raise FeedError(
                        f"index de plans de site imbriqués sur plus de {SITEMAP_DEPTH} niveaux"
                    )
                yield self.page(url, partial(self.parse_sitemap, depth=depth + 1))
            elif follow is None or follow.search(url):
                yield self.page(url, self.parse_posting)


class HtmlSpider(PagedSpider):
    """A list page (and its next pages) whose links lead to posting pages read by selectors."""

    name = "html"
    kinds = ("html",)
    accept = HTML
    max_pages = 500

    def page_extractor(self) -> HtmlPageExtractor:
        return HtmlPageExtractor(self.settings.getint("RELAIS_MAX_ITEMS"), self.source_settings)

    def parse_first(self, response: Response) -> Iterable[Any]:
        self.new_page(response.url)
        return self.parse_list(response)

    def _links(self, response: Response, expression: str) -> list[str]:
        found = select(response.selector, expression)  # type: ignore[attr-defined]
        links = []
        for node in found:
            href = node.root if isinstance(node.root, str) else node.attrib.get("href")
            link = http_url(href, response.url) if href else None
            if link:
                links.append(link.split("#", 1)[0])
        return list(dict.fromkeys(links))

    def parse_list(self, response: Response) -> Iterator[Any]:
        _text(response)
        for link in self._links(response, str(self.source_settings["links"])):
            if self.new_page(link):
                yield self.page(link, self.parse_posting)
        following = self.source_settings.get("next")
        for link in self._links(response, str(following)) if following else []:
            if self.new_page(link):
                yield self.page(link, self.parse_list)

    def parse_posting(self, response: Response) -> Iterator[Any]:
        yield from self.emit(
            self.page_extractor().split_text(_text(response), response.url), response
        )
