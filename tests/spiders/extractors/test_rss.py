"""The RSS/Atom extractor, one behaviour per test (field mappings: the fixtures' own test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import ItemError, RawRecord, extract, extractor_for, read_document
from spiders.extractors.rss import ATOM_ENTRY, RSS_ITEM

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
URL = "https://careers.example.org/jobs.rss"


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def split(body: bytes, url: str = URL) -> list[RawRecord]:
    return list(extractor_for("rss").split(body, url))


def test_payload_is_the_verbatim_item_with_its_namespaces_and_cdata() -> None:
    records = split((FEEDS / "rss2_teamtailor_like.xml").read_bytes())
    payload = records[0].payload
    assert payload.startswith("<item ")
    assert 'xmlns:tt="https://teamtailor.com/locations"' in payload
    assert "<![CDATA[Développeur·se Python H/F]]>" in payload
    assert "<channel>" not in payload


def test_rss_items_and_atom_entries_say_what_they_are() -> None:
    rss_record = split((FEEDS / "rss2_teamtailor_like.xml").read_bytes())[0]
    atom_record = split((FEEDS / "atom_jobs.xml").read_bytes())[0]
    assert (rss_record.content_type, atom_record.content_type) == (RSS_ITEM, ATOM_ENTRY)


def test_read_works_from_the_stored_payload_alone() -> None:
    body = (FEEDS / "rss2_teamtailor_like.xml").read_bytes()
    stored = [record.payload for record in split(body)]
    reader = extractor_for("rss")  # a fresh extractor, as a quarantine replay would have
    assert [reader.read(payload, URL) for payload in stored] == extract("rss", body, URL)


def test_atom_payload_reads_alone_too() -> None:
    record = split((FEEDS / "atom_jobs.xml").read_bytes())[0]
    offer = extractor_for("atom").read(record.payload, "https://jobs.example.net/atom.xml")
    assert offer.external_id == "tag:jobs.example.net,2025:offer/77"


def test_description_is_kept_as_published_not_sanitized_here() -> None:
    body = rss(
        '<item><guid>1</guid><description><![CDATA[<p onclick="x()">Bonjour'
        "<script>alert(1)</script></p>]]></description></item>"
    )
    (offer,) = extract("rss", body, URL)
    assert isinstance(offer, SourceOffer)
    assert offer.description == '<p onclick="x()">Bonjour<script>alert(1)</script></p>'


def test_item_without_guid_is_identified_by_its_link() -> None:
    body = rss("<item><title>a</title><link>https://careers.example.org/jobs/9</link></item>")
    assert split(body)[0].external_id == "https://careers.example.org/jobs/9"


def test_item_without_guid_or_link_gets_a_stable_hash_id() -> None:
    body = rss("<item><title>a</title></item>", "<item><title>b</title></item>")
    first, second = split(body)
    assert first.external_id.startswith("sha256:")
    assert first.external_id != second.external_id
    assert [record.external_id for record in split(body)] == [
        first.external_id,
        second.external_id,
    ]


def test_split_and_read_agree_on_the_id() -> None:
    body = rss("<item><title>a</title></item>")
    record = split(body)[0]
    assert extractor_for("rss").read(record.payload, URL).external_id == record.external_id


def test_overlong_guid_becomes_a_hash_within_500_characters() -> None:
    record = split(rss(f"<item><guid>{'x' * 600}</guid></item>"))[0]
    assert record.external_id.startswith("sha256:")
    assert len(record.external_id) <= 500


def test_rss_091_without_namespace_is_read() -> None:
    body = b'<rss version="0.91"><channel><item><title>Cuisinier</title></item></channel></rss>'
    (offer,) = extract("rss", body, URL)
    assert isinstance(offer, SourceOffer)
    assert offer.title == "Cuisinier"


def test_feed_without_items_gives_no_records() -> None:
    assert split(rss()) == []


def test_read_refuses_a_payload_that_is_not_an_item() -> None:
    with pytest.raises(ItemError, match="pas un élément RSS <item> ni Atom <entry> : <channel>"):
        extractor_for("rss").read("<channel><title>x</title></channel>", URL)


def test_read_refuses_a_payload_that_is_not_xml() -> None:
    with pytest.raises(ItemError, match="l'élément stocké n'est pas du XML bien formé : ligne 1"):
        extractor_for("rss").read("<item><title>x</item>", URL)


def _read_one(item: str) -> SourceOffer:
    (offer,) = extract("rss", rss(item), URL)
    assert isinstance(offer, SourceOffer), offer
    return offer


def test_an_item_in_several_offices_keeps_each_location() -> None:
    offer = _read_one(
        '<item xmlns:tt="https://teamtailor.com/locations"><title>Vendeur</title>'
        "<guid>v-1</guid><link>https://careers.example.org/jobs/v-1</link>"
        "<tt:locations><tt:location><tt:name>Lille</tt:name></tt:location>"
        "<tt:location><tt:name>Roubaix</tt:name></tt:location>"
        "<tt:location><tt:name>Lille</tt:name></tt:location></tt:locations></item>"
    )
    assert (offer.place, offer.other_places) == ("Lille", ["Roubaix"])


def test_an_item_with_one_location_has_no_other_place() -> None:
    offer = _read_one(
        "<item><title>Vendeur</title><guid>v-2</guid>"
        "<link>https://careers.example.org/jobs/v-2</link><location>Lille</location></item>"
    )
    assert (offer.place, offer.other_places) == ("Lille", [])


def test_an_item_cut_in_its_link_is_not_identified_by_the_half_link() -> None:
    body = (FEEDS / "truncated_in_link.xml").read_bytes()
    records = list(extractor_for("rss").split(body, "https://feed.example.org/feed.xml"))
    cut = records[-1]
    assert cut.error is not None and "coupé par la fin du document" in cut.error
    assert cut.external_id.startswith("sha256:")
    assert "emplois.example.or" not in cut.external_id


def test_an_item_cut_after_its_guid_keeps_the_whole_guid_as_id() -> None:
    body = b"<rss><channel><item><guid>g-9</guid><title>Cuisi"
    records = list(extractor_for("rss").split(body, "https://feed.example.org/feed.xml"))
    assert [(record.external_id, record.error is not None) for record in records] == [("g-9", True)]


def test_a_complete_feed_the_parser_cannot_mend_is_not_said_cut() -> None:
    # an attribute's quote left open: the parser's recovery leaves the item open at the end,
    # but the bytes end with </rss>, so the document was not cut short
    body = rss('<item><guid>q-1</guid><title a="b>X</title></item>')
    reading = read_document("rss", body, URL)
    assert not reading.incomplete
    assert not any("coupé" in note for note in reading.notes), reading.notes
    assert all("coupé" not in str(result) for result in reading.results)


LATIN_FEED = (
    '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>t</title>'
    "<item><guid>l-1</guid><title>Employé polyvalent H/F</title></item></channel></rss>"
).encode("latin-1")


def test_a_server_default_charset_the_bytes_do_not_read_in_gives_way_to_the_declaration() -> None:
    reading = read_document("rss", LATIN_FEED, URL, content_type="application/xml; charset=utf-8")
    (offer,) = reading.results
    assert isinstance(offer, SourceOffer) and offer.title == "Employé polyvalent H/F"
    assert reading.notes == [
        "encodage annoncé utf-8 par l'en-tête HTTP, mais le document ne s'y lit pas : lu comme "
        "windows-1252, selon sa déclaration"
    ]


def test_the_charset_of_a_type_that_is_not_text_nor_xml_is_ignored() -> None:
    body = (FEEDS / "rss_no_declaration_http_charset.xml").read_bytes()
    reading = read_document(
        "rss", body, URL, content_type="application/octet-stream; charset=windows-1252"
    )
    assert any("lu comme windows-1252 pour" in note for note in reading.notes), reading.notes
