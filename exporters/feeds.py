"""Offers as feeds: RSS 2.0 and Atom for readers, Indeed-style XML for job boards that pull."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime

from lxml import etree

from normalizers.salary import ft_salary_label
from schemas.offers import StoredOffer

ATOM = "http://www.w3.org/2005/Atom"
OfferUrl = Callable[[StoredOffer], str]


def _published(stored: StoredOffer) -> datetime:
    return stored.offer.posted_at or stored.first_seen_at


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _summary(stored: StoredOffer) -> str:
    offer = stored.offer
    facts = [
        offer.company_name,
        offer.place.label or offer.place.text,
        offer.contract.type_contrat_label,
    ]
    return " · ".join(fact for fact in facts if fact)


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def rss(
    title: str,
    link: str,
    description: str,
    offers: Sequence[StoredOffer],
    offer_url: OfferUrl,
    self_link: str | None = None,
) -> bytes:
    """An RSS 2.0 feed of the offers, newest first as given; `link` is the page the feed
    follows, `self_link` the feed's own URL (`link` + ".rss" when not given; a search's feed
    gives its own, with the search's parameters)."""
    root = etree.Element("rss", version="2.0", nsmap={"atom": ATOM})
    channel = _sub(root, "channel")
    _sub(channel, "title", title)
    _sub(channel, "link", link)
    _sub(channel, "description", description or title)
    _sub(channel, "language", "fr-fr")
    self_href = self_link or f"{link}.rss"
    _sub(channel, f"{{{ATOM}}}link", href=self_href, rel="self", type="application/rss+xml")
    if offers:
        _sub(channel, "lastBuildDate", format_datetime(max(o.updated_at for o in offers)))
    for stored in offers:
        item = _sub(channel, "item")
        _sub(item, "title", stored.offer.title)
        _sub(item, "link", offer_url(stored))
        _sub(item, "guid", offer_url(stored), isPermaLink="true")
        _sub(item, "pubDate", format_datetime(_published(stored)))
        _sub(
            item,
            "description",
            f"<p>{_escape(_summary(stored))}</p>{stored.offer.description_html}",
        )
        if stored.offer.contract.type_contrat_label:
            _sub(item, "category", stored.offer.contract.type_contrat_label)
    return _serialize(root)


def atom(
    title: str,
    link: str,
    feed_id: str,
    offers: Sequence[StoredOffer],
    offer_url: OfferUrl,
    self_link: str | None = None,
) -> bytes:
    """An Atom feed of the offers; `link` is the page the feed follows, `self_link` the feed's
    own URL (`link` + ".atom" when not given)."""
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    _sub(root, f"{{{ATOM}}}title", title)
    _sub(root, f"{{{ATOM}}}id", feed_id)
    _sub(root, f"{{{ATOM}}}link", href=link, rel="alternate", type="text/html")
    self_href = self_link or f"{link}.atom"
    _sub(root, f"{{{ATOM}}}link", href=self_href, rel="self", type="application/atom+xml")
    newest = max((o.updated_at for o in offers), default=datetime.now(UTC))
    _sub(root, f"{{{ATOM}}}updated", newest.isoformat())
    for stored in offers:
        entry = _sub(root, f"{{{ATOM}}}entry")
        _sub(entry, f"{{{ATOM}}}title", stored.offer.title)
        _sub(entry, f"{{{ATOM}}}id", offer_url(stored))
        _sub(entry, f"{{{ATOM}}}link", href=offer_url(stored), rel="alternate")
        _sub(entry, f"{{{ATOM}}}published", _published(stored).isoformat())
        _sub(entry, f"{{{ATOM}}}updated", stored.updated_at.isoformat())
        author = _sub(entry, f"{{{ATOM}}}author")
        _sub(author, f"{{{ATOM}}}name", stored.offer.company_name or stored.offer.attribution)
        summary = f"<p>{_escape(_summary(stored))}</p>{stored.offer.description_html}"
        _sub(entry, f"{{{ATOM}}}summary", summary, type="html")
    return _serialize(root)


def indeed_xml(
    publisher: str, publisher_url: str, offers: Sequence[StoredOffer], offer_url: OfferUrl
) -> bytes:
    """An Indeed-style XML feed (`<source><job>…`) for boards that pull offers."""
    root = etree.Element("source")
    _sub(root, "publisher", publisher)
    _sub(root, "publisherurl", publisher_url)
    _sub(root, "lastBuildDate", format_datetime(datetime.now(UTC)))
    for stored in offers:
        offer = stored.offer
        job = _sub(root, "job")
        _sub(job, "title", offer.title)
        _sub(job, "date", format_datetime(_published(stored)))
        _sub(job, "referencenumber", str(stored.id))
        _sub(job, "url", offer_url(stored))
        _sub(job, "company", offer.company_name or offer.attribution)
        _sub(job, "city", offer.place.commune_name or offer.place.text or "")
        _sub(job, "state", offer.place.region_name or "")
        _sub(job, "country", offer.place.country_code or "FR")
        _sub(job, "postalcode", offer.place.postal_code or "")
        _sub(job, "description", offer.description_html)
        salary = offer.salary
        _sub(job, "salary", (ft_salary_label(salary) or salary.text) if salary else "")
        _sub(job, "jobtype", offer.contract.type_contrat_label or offer.contract.text or "")
        if offer.rome:
            _sub(job, "category", offer.rome.label)
        if offer.valid_through:
            _sub(job, "expirationdate", format_datetime(offer.valid_through))
    return _serialize(root)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
