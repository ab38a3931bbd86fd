"""schema.org JobPosting pages (JSON-LD and microdata) read offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import ItemError, extract, extractor_for
from spiders.extractors.jsonld import JSONLD_POSTING, MICRODATA_POSTING, job_postings

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"
SITE = "https://fournil.example"


def read(page: str, url: str) -> SourceOffer:
    (offer,) = extract("jsonld", (SITES / page).read_bytes(), url)
    assert isinstance(offer, SourceOffer), offer
    return offer


@pytest.fixture(scope="module")
def boulanger() -> SourceOffer:
    return read("posting_boulanger.html", f"{SITE}/carrieres/boulanger-lyon")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("external_id", "FOURNIL-2026-07"),
        ("reference", "FOURNIL-2026-07"),
        ("title", "Boulanger·e H/F"),
        ("company", "Boulangeries Fournil"),
        ("place", "Lyon, 69003, Auvergne-Rhône-Alpes, FR"),
        ("city", "Lyon"),
        ("postal_code", "69003"),
        ("region", "Auvergne-Rhône-Alpes"),
        ("country", "FR"),
        ("contract", "FULL_TIME"),
        ("working_time", "Nuit, 4h-11h"),
        ("salary", "2100 - 2400 EUR per month"),
        ("experience", "24 months; CAP Boulanger"),
        ("category", "Boulangerie"),
        ("posted_at", "2026-11-12"),
        ("valid_through", "2026-12-31T23:59"),
        ("url", f"{SITE}/carrieres/boulanger-lyon"),
        ("apply_url", f"{SITE}/carrieres/boulanger-lyon"),  # directApply: apply on the page
    ],
)
def test_jsonld_posting_property(boulanger: SourceOffer, field: str, value: str) -> None:
    assert getattr(boulanger, field) == value


def test_telecommute_posting_is_remote_in_the_required_country() -> None:
    offer = read("posting_teletravail.html", f"{SITE}/carrieres/teletravail-comptable")
    assert (offer.remote, offer.place, offer.country) == ("TELECOMMUTE", "Remote, FR", "FR")
    assert offer.salary == "21 EUR per hour"
    assert offer.external_id == "FG-12"
    assert offer.apply_url is None  # directApply false: the page is not where one applies
    assert offer.contact == "recrutement@fournil.example, +33 4 72 00 00 00"


def test_microdata_posting_keeps_its_description_markup() -> None:
    offer = read("posting_vendeur.html", f"{SITE}/carrieres/vendeur-villeurbanne")
    assert offer.title == "Vendeur·se en boulangerie"
    assert offer.company == "Boulangeries Fournil"
    assert (offer.city, offer.postal_code, offer.contract) == ("Villeurbanne", "69100", "PART_TIME")
    assert offer.description == "<p>Accueil et <strong>conseil</strong> des clients.</p>"
    assert offer.external_id == offer.url == f"{SITE}/carrieres/vendeur-villeurbanne"


def test_posting_in_a_graph_with_a_text_address() -> None:
    offer = read("posting_livreur.html", f"{SITE}/carrieres/livreur-bron")
    assert (offer.title, offer.company, offer.place) == (
        "Livreur (permis B)",
        "Boulangeries Fournil",
        "Bron, 69500",
    )


def test_payloads_are_the_posting_and_read_alone() -> None:
    extractor = extractor_for("jsonld")
    url = f"{SITE}/carrieres/vendeur-villeurbanne"
    (record,) = extractor.split((SITES / "posting_vendeur.html").read_bytes(), url)
    assert record.content_type == MICRODATA_POSTING
    assert record.payload.startswith('<article itemscope itemtype="https://schema.org/JobPosting">')
    assert extractor.read(record.payload, url).title == "Vendeur·se en boulangerie"
    (record,) = extractor.split((SITES / "posting_boulanger.html").read_bytes(), SITE + "/x")
    assert record.content_type == JSONLD_POSTING
    assert json.loads(record.payload)["identifier"]["value"] == "FOURNIL-2026-07"


def page(*blocks: str, body: str = "") -> bytes:
    scripts = "".join(f'<script type="application/ld+json">{block}</script>' for block in blocks)
    return f"<html><head>{scripts}</head><body>{body}</body></html>".encode()


def test_several_postings_without_url_get_numbered_anchors_of_the_page() -> None:
    item_list = {
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "item": {"@type": "JobPosting", "title": "A"}},
            {"@type": "ListItem", "item": {"@type": "JobPosting", "title": "B"}},
        ],
    }
    results = extract("jsonld", page(json.dumps(item_list)), f"{SITE}/jobs")
    assert [(r.title, r.external_id) for r in results if isinstance(r, SourceOffer)] == [
        ("A", f"{SITE}/jobs"),
        ("B", f"{SITE}/jobs#job-2"),
    ]


def test_the_same_posting_in_json_ld_and_microdata_is_kept_once() -> None:
    jsonld = json.dumps({"@type": "JobPosting", "title": "Twice", "url": "/jobs/7"})
    microdata = (
        '<div itemscope itemtype="http://schema.org/JobPosting"><span itemprop="title">Twice'
        '</span><link itemprop="url" href="/jobs/7"></div>'
    )
    records = list(extractor_for("jsonld").split(page(jsonld, body=microdata), f"{SITE}/jobs/7"))
    assert [record.content_type for record in records] == [JSONLD_POSTING]


def test_a_broken_json_ld_block_is_an_item_error_and_the_others_are_kept() -> None:
    good = json.dumps({"@type": "JobPosting", "title": "Good", "identifier": "G1"})
    results = extract("jsonld", page('{"@type": "JobPosting", "title": ', good), SITE + "/j")
    assert isinstance(results[0], ItemError)
    assert "le bloc JSON-LD n° 1 (ligne 1 de la page) n'est pas du JSON lisible" in str(results[0])
    assert isinstance(results[1], SourceOffer) and results[1].external_id == "G1"


def test_a_page_without_job_posting_has_no_record() -> None:
    body = page(json.dumps({"@type": "Organization", "name": "Fournil"}))
    assert list(extractor_for("jsonld").split(body, SITE)) == []


def test_job_postings_are_found_at_any_reasonable_depth_only() -> None:
    deep: object = {"@type": "JobPosting", "title": "deep"}
    for _ in range(20):
        deep = {"wrap": deep}
    assert list(job_postings(deep)) == []
    assert [
        p["title"] for p in job_postings({"@graph": [{"@type": ["JobPosting"], "title": "x"}]})
    ] == ["x"]


def test_a_stored_payload_of_another_type_is_refused() -> None:
    with pytest.raises(ItemError, match="pas une offre schema.org JobPosting"):
        extractor_for("jsonld").read('{"@type": "Event", "name": "Salon"}', SITE)


def test_every_job_location_is_kept_the_first_as_the_place() -> None:
    offer = read("posting_plusieurs_lieux.html", f"{SITE}/carrieres/conseiller-clientele")
    assert (offer.place, offer.city, offer.postal_code) == (
        "Bordeaux, 33000, FR",
        "Bordeaux",
        "33000",
    )
    assert offer.other_places == ["Toulouse, Occitanie, FR", "Mérignac, Nouvelle-Aquitaine, FR"]


def test_a_single_job_location_has_no_other_place(boulanger: SourceOffer) -> None:
    assert boulanger.other_places == []
