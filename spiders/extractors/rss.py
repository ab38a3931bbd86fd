"""RSS 0.9x / 1.0 / 2.0 and Atom job feeds: split with lxml iterparse, read with feedparser."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import feedparser
from lxml import etree

from schemas.source_offer import SourceOffer
from spiders.extractors._fields import http_url, job_fields, job_locations
from spiders.extractors._xml import (
    MAX_ITEMS,
    local_name,
    parse_payload,
    split_items,
    stable_id,
    text_of,
)
from spiders.extractors.base import FeedError, ItemError, RawRecord

ATOM = "http://www.w3.org/2005/Atom"
RSS1 = "http://purl.org/rss/1.0/"
RSS090 = "http://my.netscape.com/rdf/simple/0.9/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"

RSS_ITEM = "application/rss+xml; item"
ATOM_ENTRY = "application/atom+xml; entry"

_ROOTS = {"rss", f"{{{RDF}}}RDF", f"{{{ATOM}}}feed"}
_ITEMS = {"item", f"{{{RSS1}}}item", f"{{{RSS090}}}item", f"{{{ATOM}}}entry"}
_ENVELOPES = {
    "item": ('<rss version="2.0"><channel>', "</channel></rss>"),
    f"{{{RSS1}}}item": (f'<rdf:RDF xmlns:rdf="{RDF}" xmlns="{RSS1}">', "</rdf:RDF>"),
    f"{{{RSS090}}}item": (f'<rdf:RDF xmlns:rdf="{RDF}" xmlns="{RSS090}">', "</rdf:RDF>"),
    f"{{{ATOM}}}entry": (f'<feed xmlns="{ATOM}">', "</feed>"),
}


def _check_root(root: etree._Element) -> None:
    if root.tag not in _ROOTS:
        raise FeedError(f"not an RSS or Atom feed: the root element is <{local_name(root)}>")


def _content_type(item: etree._Element) -> str:
    return ATOM_ENTRY if item.tag == f"{{{ATOM}}}entry" else RSS_ITEM


def _atom_link(item: etree._Element) -> str | None:
    for link in item.iterchildren(f"{{{ATOM}}}link"):
        if link.get("rel", "alternate") == "alternate":
            return link.get("href")
    return None


def item_id(item: etree._Element, payload: str) -> str:
    """guid / atom:id / rdf:about, else the item's link, else a sha256 of the payload."""
    return stable_id(
        iter(
            [
                text_of(item.find("guid")),
                text_of(item.find(f"{{{ATOM}}}id")),
                item.get(f"{{{RDF}}}about"),
                text_of(item.find("link")),
                text_of(item.find(f"{{{RSS1}}}link")),
                text_of(item.find(f"{{{RSS090}}}link")),
                _atom_link(item),
            ]
        ),
        payload,
    )


_PUBLISHED = ("pubDate", f"{{{ATOM}}}published", f"{{{DC}}}date", f"{{{DCTERMS}}}issued")
_UPDATED = (f"{{{ATOM}}}updated", f"{{{DCTERMS}}}modified")


def _first_text(item: etree._Element, tags: tuple[str, ...]) -> str | None:
    for tag in tags:
        value = text_of(item.find(tag))
        if value:
            return value
    return None


def _parse_with_feedparser(item: etree._Element, payload: str, url: str) -> Any:
    opening, closing = _ENVELOPES[str(item.tag)]
    document = f'<?xml version="1.0" encoding="utf-8"?>\n{opening}{payload}{closing}'
    parsed = feedparser.parse(
        io.BytesIO(document.encode("utf-8")),
        sanitize_html=False,  # descriptions are kept as published; the normalizers sanitize
        resolve_relative_uris=False,
        response_headers={
            "content-location": url,
            "content-type": f"{_content_type(item).split(';')[0]}; charset=utf-8",
        },
    )
    if not parsed.entries:
        raise ItemError(f"feedparser found no item in the payload: {parsed.get('bozo_exception')}")
    return parsed.entries[0]


def _description(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        if content.get("value"):
            return str(content["value"])
    summary = entry.get("summary")
    return str(summary) if summary else None


def _categories(entry: Any) -> str | None:
    terms = [str(tag.get("term") or "").strip() for tag in entry.get("tags") or []]
    unique = list(dict.fromkeys(term for term in terms if term))
    return ", ".join(unique) or None


def _author(entry: Any) -> str | None:
    detail = entry.get("author_detail") or {}
    name = detail.get("name") or entry.get("author")
    return str(name) if name else None


class FeedExtractor:
    """RSS and Atom feeds; each item's payload is its `<item>` or `<entry>` element."""

    kinds: tuple[str, ...] = ("rss", "atom")

    def __init__(self, max_items: int = MAX_ITEMS) -> None:
        self.max_items = max_items

    def split(self, body: bytes, url: str) -> Iterator[RawRecord]:
        """Stream the items of an RSS or Atom document; FeedError when it is not readable."""
        return split_items(
            body,
            item_tags=_ITEMS,
            check_root=_check_root,
            item_id=item_id,
            content_type=_content_type,
            max_items=self.max_items,
        )

    def read(self, payload: str, url: str) -> SourceOffer:
        """Read one stored `<item>` or `<entry>` payload into a SourceOffer."""
        item = parse_payload(payload)
        if item.tag not in _ENVELOPES:
            raise ItemError(f"not an RSS item or Atom entry: <{local_name(item)}>")
        entry = _parse_with_feedparser(item, payload, url)
        custom = job_fields(item)
        link = http_url(entry.get("link"), url)
        published = _first_text(item, _PUBLISHED)
        updated = _first_text(item, _UPDATED)
        try:
            return SourceOffer(
                external_id=item_id(item, payload),
                title=entry.get("title"),
                description=_description(entry),
                company=custom.get("company") or _author(entry),
                place=custom.get("place"),
                other_places=[
                    other for other in job_locations(item) if other != custom.get("place")
                ],
                city=custom.get("city"),
                postal_code=custom.get("postal_code"),
                region=custom.get("region"),
                country=custom.get("country"),
                contract=custom.get("contract"),
                working_time=custom.get("working_time"),
                salary=custom.get("salary"),
                experience=custom.get("experience"),
                remote=custom.get("remote"),
                category=_categories(entry),
                reference=custom.get("reference"),
                posted_at=published or updated,
                updated_at=updated,
                valid_through=custom.get("valid_through"),
                url=link,
                apply_url=http_url(custom.get("apply_url"), url) or link,
            )
        except ValueError as error:
            raise ItemError(f"item does not make an offer: {error}") from error
