"""Careers pages without structured data, read with the CSS or XPath selectors registered."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from parsel import Selector, SelectorList

from schemas.source_offer import SourceOffer
from schemas.sources import HtmlSettings
from schemas.validation_fr import french_reason_of
from spiders.extractors._fields import http_url
from spiders.extractors._html import decode_page, parse_page
from spiders.extractors._json import MAX_ITEMS
from spiders.extractors._values import clean_text
from spiders.extractors._xml import MAX_ID_CHARS, MAX_ITEM_BYTES, TRUNCATED_PAYLOAD_CHARS
from spiders.extractors.base import FeedError, ItemError, RawRecord

HTML_POSTING = "text/html; posting"
_MARKUP_FIELDS = {"description"}
_LINK_FIELDS = {"apply_url"}
_DATE_FIELDS = {"posted_at", "valid_through", "start"}
# The settings' names (schemas.sources.HtmlFields) that are not the offer's own
# (schemas.SourceOffer): "start" is its start_date.
_OFFER_FIELDS = {"start": "start_date"}


def is_xpath(expression: str) -> bool:
    """XPath when it starts like one ("/", "./", "("), else CSS."""
    return expression.lstrip().startswith(("/", "./", "("))


def select(node: Selector, expression: str) -> SelectorList[Selector]:
    """The nodes (or strings) `expression` picks; FeedError naming it when it is malformed."""
    try:
        return node.xpath(expression) if is_xpath(expression) else node.css(expression)
    except (ValueError, SyntaxError, etree.XPathError) as error:
        kind = "l'expression XPath" if is_xpath(expression) else "le sélecteur CSS"
        raise FeedError(
            f"{kind} « {expression} » est inutilisable : {_syntax(error, is_xpath(expression))}"
        ) from None


_AT = re.compile(r" at (\d+)>?$")


def _syntax(error: Exception, xpath: bool) -> str:
    """A selector's syntax error in French: cssselect's and lxml's messages are English, so
    only where they place the fault is kept (cssselect counts characters from 0)."""
    if xpath:
        return "syntaxe XPath invalide"
    found = _AT.search(str(error))
    if found is None:
        return "syntaxe CSS invalide"
    return f"syntaxe CSS invalide au caractère {int(found.group(1)) + 1}"


def _value(found: SelectorList[Selector], field: str) -> str | None:
    """What a field's selection says: markup for the description, links, dates, or text."""
    parts: list[str] = []
    for node in found:
        root = node.root
        if isinstance(root, str):  # ::text, ::attr(…), @href, text()
            parts.append(root)
        elif field in _MARKUP_FIELDS:
            parts.append(node.get())
        elif field in _LINK_FIELDS and node.attrib.get("href"):
            parts.append(node.attrib["href"])
        elif field in _DATE_FIELDS and (node.attrib.get("datetime") or node.attrib.get("content")):
            parts.append(node.attrib.get("datetime") or node.attrib["content"])
        else:
            parts.append(" ".join(text.strip() for text in node.xpath(".//text()").getall()))
    separator = "\n" if field in _MARKUP_FIELDS else " "
    return clean_text(separator.join(part for part in parts if part.strip()))


def page_id(url: str, payload: str) -> str:
    """A page's id: its URL (a sha256 of it over `MAX_ID_CHARS`), else, for a page read
    without its address (a file), a sha256 of the page as stored."""
    if not url:
        return "sha256:" + hashlib.sha256(payload.encode()).hexdigest()
    if len(url) <= MAX_ID_CHARS:
        return url
    return "sha256:" + hashlib.sha256(url.encode()).hexdigest()


class HtmlPageExtractor:
    """A posting page (or its container) read with the source's selectors."""

    kinds: tuple[str, ...] = ("html",)

    def __init__(self, max_items: int = MAX_ITEMS, settings: dict[str, Any] | None = None):
        self.max_items = max_items
        try:
            self.settings = HtmlSettings.model_validate(settings or {})
        except ValueError as error:
            raise FeedError(
                f"les sélecteurs de la source html sont inutilisables : {french_reason_of(error)}"
            ) from None

    def split(self, body: bytes, url: str) -> Iterator[RawRecord]:
        """One record: the posting page, or the element `container` picks in it."""
        return self.split_text(decode_page(body), url)

    def split_text(self, text: str, url: str) -> Iterator[RawRecord]:
        """As split, for a page already decoded."""
        parse_page(text)  # refuses an empty or oversize page
        payload = text
        if self.settings.container:
            found = select(Selector(text=text), self.settings.container)
            if not found:
                raise FeedError(
                    f"aucun élément ne correspond au conteneur « {self.settings.container} »"
                )
            payload = found[0].get()
        external_id = page_id(url, payload)
        size = len(payload.encode())
        if size > MAX_ITEM_BYTES:
            yield RawRecord(
                external_id=external_id,
                payload=payload[:TRUNCATED_PAYLOAD_CHARS],
                content_type=HTML_POSTING,
                error=f"l'élément pèse {size / 1048576:.1f} Mio, au-delà de la limite de "
                f"{MAX_ITEM_BYTES / 1048576:g} Mio par élément ; gardé tronqué",
            )
            return
        yield RawRecord(external_id=external_id, payload=payload, content_type=HTML_POSTING)

    def read(self, payload: str, url: str) -> SourceOffer:
        """The fields the selectors pick in one stored page; its URL is the offer's page."""
        try:
            page = Selector(text=payload)
            fields = self.settings.fields.model_dump(exclude_none=True)
            values = {
                _OFFER_FIELDS.get(name, name): _value(select(page, expression), name)
                for name, expression in fields.items()
            }
            selectors = {_OFFER_FIELDS.get(name, name): value for name, value in fields.items()}
        except FeedError as error:
            raise ItemError(str(error)) from None
        link = http_url(url)
        apply_url = values.pop("apply_url", None)
        try:
            return SourceOffer(
                external_id=page_id(url, payload),
                url=link,
                apply_url=http_url(apply_url, url) or link,
                field_keys=selectors,  # the page has no keys: the selector read is its own
                **values,
            )
        except ValueError as error:
            raise ItemError(
                f"la page {url or 'lue'} ne fait pas une offre : {french_reason_of(error)}"
            ) from error
