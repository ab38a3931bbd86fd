"""RSS 0.9x / 1.0 / 2.0 and Atom 0.3 / 1.0 job feeds: split liberally, read with feedparser."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import feedparser
from lxml import etree

from schemas.source_offer import SourceOffer
from schemas.validation_fr import french_reason_of
from spiders.extractors._document import Document
from spiders.extractors._encoding import http_charset
from spiders.extractors._fields import http_url, job_fields, job_locations
from spiders.extractors._xml import (
    MAX_ITEMS,
    Repairs,
    item_base,
    local_name,
    namespace_of,
    parse_payload,
    split_items,
    stable_id,
    text_of,
)
from spiders.extractors.base import FeedError, ItemError, RawRecord

ATOM = "http://www.w3.org/2005/Atom"
ATOM03 = "http://purl.org/atom/ns#"
RSS1 = "http://purl.org/rss/1.0/"
RSS090 = "http://my.netscape.com/rdf/simple/0.9/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"

RSS_ITEM = "application/rss+xml; item"
ATOM_ENTRY = "application/atom+xml; entry"

# The namespaces whose <item> and <entry> feedparser reads as entries (its mixin's default
# namespaces): RSS 0.9x, 1.0 and 2.0, Atom 0.3 and 1.0 and their drafts, and no namespace.
FEED_NAMESPACES = frozenset(
    {
        "",
        "http://backend.userland.com/rss",
        "http://blogs.law.harvard.edu/tech/rss",
        RSS1,
        RSS090,
        "http://example.com/newformat#",
        "http://example.com/necho",
        "http://purl.org/echo/",
        "uri/of/echo/namespace#",
        "http://purl.org/pie/",
        ATOM03,
        ATOM.lower(),
        "http://purl.org/rss/1.0/modules/rss091#",
    }
)
_ATOMS = {
    ATOM.lower(),
    ATOM03,
    "http://purl.org/echo/",
    "http://purl.org/pie/",
    "http://example.com/necho",
}
_ROOTS = {"rss", "rdf", "feed", "channel"}  # channel: CDF, and RSS without its <rss>


def _namespace(element: etree._Element) -> str:
    """The element's namespace as feedparser matches it: lower-cased, any userland RSS one alike."""
    namespace = namespace_of(element).lower()
    if "backend.userland.com/rss" in namespace:
        return "http://backend.userland.com/rss"
    return namespace


def is_item(element: etree._Element) -> bool:
    """An RSS <item> or Atom <entry> (any case) in a namespace feedparser reads entries from."""
    return local_name(element) in ("item", "entry") and _namespace(element) in FEED_NAMESPACES


def _check_root(root: etree._Element) -> None:
    if local_name(root) not in _ROOTS:
        raise FeedError(
            f"pas un flux RSS ou Atom : l'élément racine est <{local_name(root)}>, "
            "et non <rss>, <rdf:RDF> ou <feed>"
        )


def _envelope(item: etree._Element) -> tuple[str, str]:
    """The smallest document feedparser reads the item in as it would in its feed."""
    namespace = _namespace(item)
    if namespace == ATOM03:
        return f'<feed version="0.3" xmlns="{ATOM03}">', "</feed>"
    if namespace in _ATOMS or (local_name(item) == "entry" and not namespace):
        return f'<feed xmlns="{namespace_of(item) or ATOM}">', "</feed>"
    if namespace in (RSS1, RSS090):
        return f'<rdf:RDF xmlns:rdf="{RDF}" xmlns="{namespace_of(item)}">', "</rdf:RDF>"
    return '<rss version="2.0"><channel>', "</channel></rss>"


def _content_type(item: etree._Element) -> str:
    return ATOM_ENTRY if local_name(item) == "entry" else RSS_ITEM


def _child(item: etree._Element, name: str) -> etree._Element | None:
    """The first child named `name` (any case) in a feed namespace, else None."""
    for child in item:
        if local_name(child) == name and _namespace(child) in FEED_NAMESPACES:
            return child
    return None


def _atom_link(item: etree._Element) -> str | None:
    for child in item:
        if local_name(child) == "link" and child.get("href"):
            if child.get("rel", "alternate") == "alternate":
                return child.get("href")
    return None


def item_id(item: etree._Element, payload: str) -> str:
    """guid / atom:id / rdf:about, else the item's link, else a sha256 of the payload."""
    return stable_id(
        iter(
            [
                text_of(_child(item, "guid")),
                text_of(_child(item, "id")),
                item.get(f"{{{RDF}}}about"),
                text_of(_child(item, "link")),
                _atom_link(item),
            ]
        ),
        payload,
    )


_PUBLISHED = (
    "pubDate",
    f"{{{ATOM}}}published",
    f"{{{DC}}}date",
    f"{{{DCTERMS}}}issued",
    f"{{{ATOM03}}}issued",
    f"{{{ATOM03}}}created",
)
_UPDATED = (f"{{{ATOM}}}updated", f"{{{DCTERMS}}}modified", f"{{{ATOM03}}}modified")


def _first_text(item: etree._Element, tags: tuple[str, ...]) -> str | None:
    for tag in tags:
        value = text_of(item.find(tag))
        if value:
            return value
    return None


def _parse_with_feedparser(item: etree._Element, payload: str, url: str) -> Any:
    opening, closing = _envelope(item)
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
        raise ItemError(
            f"feedparser ne lit aucun élément dans celui-ci : {parsed.get('bozo_exception')}"
        )
    return parsed.entries[0]


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value else None


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

    def split(
        self,
        body: bytes | Document,
        url: str,
        repairs: Repairs | None = None,
        content_type: str | None = None,
    ) -> Iterator[RawRecord]:
        """Stream the items of an RSS or Atom document, read liberally (what was repaired is
        counted in `repairs`; `content_type` is the HTTP header, whose charset is used as
        `_encoding.choose_encoding` says); FeedError when it is not readable at all."""
        return split_items(
            body,
            is_item=is_item,
            check_root=_check_root,
            item_id=item_id,
            content_type=_content_type,
            max_items=self.max_items,
            repairs=repairs,
            charset=http_charset(content_type),
        )

    def read(self, payload: str, url: str) -> SourceOffer:
        """Read one stored `<item>` or `<entry>` payload into a SourceOffer."""
        item = parse_payload(payload)
        if not is_item(item):
            raise ItemError(f"pas un élément RSS <item> ni Atom <entry> : <{local_name(item)}>")
        entry = _parse_with_feedparser(item, payload, url)
        keys: dict[str, str] = {}
        custom = job_fields(item, keys)
        if _categories(entry):
            keys["category"] = "category"
        base = item_base(item, url)
        link = http_url(entry.get("link"), base)
        published = _first_text(item, _PUBLISHED) or _text(dict.get(entry, "published"))
        updated = _first_text(item, _UPDATED) or _text(dict.get(entry, "updated"))
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
                start_date=custom.get("start_date"),
                url=link,
                apply_url=http_url(custom.get("apply_url"), base) or link,
                field_keys=keys,
            )
        except ValueError as error:
            raise ItemError(
                f"l'élément ne fait pas une offre : {french_reason_of(error)}"
            ) from error
