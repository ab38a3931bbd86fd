"""JSON-LD as sites write it: @id references within @graph and across blocks, place lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import extract, extractor_for

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"
SITE = "https://fournil.example"


def read(page: str, url: str) -> SourceOffer:
    (offer,) = extract("jsonld", (SITES / page).read_bytes(), url)
    assert isinstance(offer, SourceOffer), offer
    return offer


def page(*blocks: str) -> bytes:
    scripts = "".join(f'<script type="application/ld+json">{block}</script>' for block in blocks)
    return f"<html><head>{scripts}</head><body></body></html>".encode()


@pytest.fixture(scope="module")
def referenced() -> SourceOffer:
    return read("posting_graph_references.html", "https://epicerie.example/emplois/chef-rayon/")


def test_an_organization_given_by_id_in_another_block_is_the_company(
    referenced: SourceOffer,
) -> None:
    assert referenced.company == "Épicerie Coopérative"


def test_a_place_and_its_address_given_by_id_make_the_first_place(referenced: SourceOffer) -> None:
    assert (referenced.place, referenced.city, referenced.postal_code) == (
        "Lyon, 69007, Auvergne-Rhône-Alpes, FR",
        "Lyon",
        "69007",
    )


def test_every_job_location_of_a_list_is_kept(referenced: SourceOffer) -> None:
    assert referenced.other_places == ["Villeurbanne, 69100, FR", "Bron, 69500, FR"]


def test_a_posting_with_a_type_list_keeps_its_escaped_description_and_identifier(
    referenced: SourceOffer,
) -> None:
    assert (referenced.title, referenced.external_id) == ("Chef de rayon frais H/F", "EC-2026-031")
    assert referenced.description == (
        "&lt;p&gt;Vous animez le rayon &lt;strong&gt;frais&lt;/strong&gt; de nos magasins."
        "&lt;/p&gt;"
    )


def test_the_stored_posting_carries_its_resolved_nodes_and_reads_alone() -> None:
    extractor = extractor_for("jsonld")
    url = "https://epicerie.example/emplois/chef-rayon/"
    body = (SITES / "posting_graph_references.html").read_bytes()
    (record,) = extractor.split(body, url)
    stored = json.loads(record.payload)
    assert stored["hiringOrganization"]["name"] == "Épicerie Coopérative"
    assert stored["jobLocation"][0]["address"]["postalCode"] == "69007"
    assert extractor.read(record.payload, "https://elsewhere.example/").company == (
        "Épicerie Coopérative"
    )


def test_references_that_loop_or_lead_nowhere_are_left_as_they_are() -> None:
    posting = {
        "@type": "JobPosting",
        "@id": "#job",
        "title": "Boucle",
        "identifier": "L1",
        "hiringOrganization": {"@id": "#org"},
        "jobLocation": {"@id": "#nowhere"},
    }
    organization = {
        "@type": "Organization",
        "@id": "#org",
        "name": "Org",
        "member": {"@id": "#org"},
    }
    body = page(json.dumps({"@graph": [posting, organization]}))
    (record,) = extractor_for("jsonld").split(body, f"{SITE}/j")
    stored = json.loads(record.payload)
    assert stored["hiringOrganization"]["member"] == {"@id": "#org"}
    assert stored["jobLocation"] == {"@id": "#nowhere"}
    offer = extractor_for("jsonld").read(record.payload, f"{SITE}/j")
    assert (offer.company, offer.place) == ("Org", None)
