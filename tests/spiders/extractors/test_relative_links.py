"""Relative item links (`<link>/offres/5</link>`) resolve as feed readers resolve them: against
the nearest xml:base, else the feed's own address, else the address it was fetched from."""

from __future__ import annotations

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import extract, extractor_for

FETCHED = "https://flux.example.net/exports/offres.xml"
ITEM = "<item><title>{title}</title><link>{link}</link><description>CDI</description></item>"


def urls(kind: str, document: str, fetched: str = FETCHED) -> list[str | None]:
    results = extract(kind, document.encode(), fetched)
    assert all(isinstance(result, SourceOffer) for result in results), results
    return [result.url for result in results if isinstance(result, SourceOffer)]


def rss(*items: str, channel: str = "<link>https://emplois.example.fr/</link>") -> str:
    return f'<rss version="2.0"><channel><title>T</title>{channel}{"".join(items)}</channel></rss>'


def test_a_relative_rss_link_resolves_against_the_channel_link() -> None:
    document = rss(ITEM.format(title="Agent", link="/offres/5"))
    assert urls("rss", document) == ["https://emplois.example.fr/offres/5"]


def test_relative_links_after_absolute_ones_still_use_the_channel_link() -> None:
    document = rss(
        ITEM.format(title="Agent", link="https://emplois.example.fr/offres/1"),
        ITEM.format(title="Agent bis", link="offres/2"),
        ITEM.format(title="Agent ter", link="../offres/3"),
    )
    assert urls("rss", document) == [
        "https://emplois.example.fr/offres/1",
        "https://emplois.example.fr/offres/2",
        "https://emplois.example.fr/offres/3",
    ]


def test_xml_base_comes_before_the_channel_link() -> None:
    document = rss(
        ITEM.format(title="Agent", link="5"),
        channel="<link>https://emplois.example.fr/</link>",
    ).replace("<channel>", '<channel xml:base="https://rh.example.org/postes/">')
    assert urls("rss", document) == ["https://rh.example.org/postes/5"]


def test_an_item_xml_base_resolves_against_the_feed_one() -> None:
    item = ITEM.format(title="Agent", link="5").replace("<item>", '<item xml:base="lyon/">')
    document = rss(item, channel="").replace(
        "<channel>", '<channel xml:base="https://rh.example.org/postes/">'
    )
    assert urls("rss", document) == ["https://rh.example.org/postes/lyon/5"]


def test_without_a_feed_address_the_fetched_address_is_the_base() -> None:
    document = rss(ITEM.format(title="Agent", link="detail/5"), channel="")
    assert urls("rss", document) == ["https://flux.example.net/exports/detail/5"]


def test_a_relative_atom_link_resolves_against_the_feed_link() -> None:
    document = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        '<link rel="self" href="https://flux.example.net/atom"/>'
        '<link href="https://emplois.example.fr/"/>'
        '<entry><title>Agent</title><id>urn:1</id><link href="/offres/7"/>'
        "<updated>2026-11-20T10:00:00Z</updated><summary>CDI</summary></entry></feed>"
    )
    assert urls("atom", document) == ["https://emplois.example.fr/offres/7"]


def test_a_relative_rss_1_0_link_resolves_against_the_channel_link() -> None:
    document = (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>T</title>'
        "<link>https://emplois.example.fr/</link></channel>"
        '<item rdf:about="a"><title>Agent</title><link>/offres/8</link></item></rdf:RDF>'
    )
    assert urls("rss", document) == ["https://emplois.example.fr/offres/8"]


@pytest.mark.parametrize("link", ["/offres/9", "offres/9"])
def test_a_relative_indeed_url_resolves_against_the_publisher_url(link: str) -> None:
    document = (
        "<source><publisher>p</publisher><publisherurl>https://emplois.example.fr/"
        f"</publisherurl><job><title>Agent</title><url>{link}</url>"
        "<description>CDI</description><city>Lyon</city></job></source>"
    )
    assert urls("indeed-xml", document) == ["https://emplois.example.fr/offres/9"]


def test_absolute_links_keep_their_payload_unchanged() -> None:
    document = rss(ITEM.format(title="Agent", link="https://emplois.example.fr/offres/1"))
    records = list(extractor_for("rss").split(document.encode(), FETCHED))
    assert "xml:base" not in records[0].payload
