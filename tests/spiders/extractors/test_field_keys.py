"""Each extractor says which of the source's own keys each field was read from."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import extract, read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
URL = "https://api.example.org/board"

EXPECTED = [
    ("greenhouse", "ats/greenhouse_jobs.json", "place", "location.name"),
    ("greenhouse", "ats/greenhouse_jobs.json", "salary", 'metadata["Salaire"]'),
    ("lever", "ats/lever_page1.json", "place", "categories.location"),
    ("lever", "ats/lever_page1.json", "salary", "salaryRange"),
    ("recruitee", "ats/recruitee_offers.json", "city", "city"),
    ("recruitee", "ats/recruitee_offers.json", "contract", "employment_type_code"),
    (
        "smartrecruiters",
        "ats/smartrecruiters_posting_744000011122201.json",
        "city",
        "location.city",
    ),
    ("workable", "ats/workable_account.json", "city", "locations.city"),
    ("ashby", "ats/ashby_job_board.json", "city", "address.postalAddress.addressLocality"),
    ("francetravail", "ats/francetravail_search.json", "place", "lieuTravail.libelle"),
    ("francetravail", "ats/francetravail_search.json", "salary", "salaire.libelle"),
    ("jsonld", "sites/posting_vendeur.html", "city", "jobLocation.address.addressLocality"),
]


@pytest.mark.parametrize(("kind", "fixture", "field", "key"), EXPECTED)
def test_a_field_names_the_key_it_was_read_from(
    kind: str, fixture: str, field: str, key: str
) -> None:
    first = extract(kind, (FIXTURES / fixture).read_bytes(), URL)[0]
    assert isinstance(first, SourceOffer) and first.field_keys[field] == key


RSS = """<rss version="2.0" xmlns:job="https://ex.example/job"><channel><item><guid>1</guid>
<title>Comptable H/F</title><link>https://emplois.example.fr/1</link><description>Poste
</description><job:location><job:city>Quimper</job:city></job:location><lieu>Quimper</lieu>
<typeContrat>CDD</typeContrat><rémunération>2 000 € brut mensuel</rémunération></item></channel>
</rss>"""


@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("place", "job:location"),
        ("city", "job:location/job:city"),
        ("contract", "typeContrat"),
        ("salary", "rémunération"),
    ],
)
def test_a_feed_element_is_named_as_the_feed_writes_it(field: str, key: str) -> None:
    (item,) = read_document("rss", RSS.encode(), URL).results
    assert isinstance(item, SourceOffer) and item.field_keys[field] == key


def test_a_french_element_name_fills_its_field() -> None:
    body = RSS.replace("<job:location><job:city>Quimper</job:city></job:location>", "")
    (item,) = read_document("rss", body.encode(), URL).results
    assert isinstance(item, SourceOffer)
    assert (item.place, item.contract, item.field_keys["place"]) == ("Quimper", "CDD", "lieu")


def test_an_indeed_job_names_its_city_element() -> None:
    body = (FIXTURES / "feeds" / "indeed_jobs.xml").read_bytes()
    first = read_document("indeed-xml", body, URL).results[0]
    assert isinstance(first, SourceOffer) and first.field_keys["city"] == "city"
