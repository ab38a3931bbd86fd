"""The Indeed-style XML extractor, one behaviour per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import ItemError, extract, extractor_for
from spiders.extractors.indeed import INDEED_JOB

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
URL = "https://ats.example.fr/feeds/indeed.xml"


def source(*jobs: str) -> bytes:
    return ("<source><publisher>p</publisher>" + "".join(jobs) + "</source>").encode()


def test_only_jobs_become_records() -> None:
    records = list(extractor_for("indeed-xml").split((FEEDS / "indeed_jobs.xml").read_bytes(), URL))
    assert [record.external_id for record in records] == [
        "REF-2025-0042",
        "https://ats.example.fr/offres/43",
    ]
    assert {record.content_type for record in records} == {INDEED_JOB}
    assert all(record.payload.startswith("<job>") for record in records)


def test_job_payload_reads_alone() -> None:
    record = next(
        extractor_for("indeed-xml").split(source("<job><title>Soudeur</title></job>"), URL)
    )
    offer = extractor_for("indeed-xml").read(record.payload, URL)
    assert (offer.title, offer.external_id) == ("Soudeur", record.external_id)


def test_job_without_reference_or_url_gets_a_hash_id() -> None:
    (record,) = extractor_for("indeed-xml").split(source("<job><title>x</title></job>"), URL)
    assert record.external_id.startswith("sha256:")


def test_description_written_as_elements_is_kept_as_markup() -> None:
    body = source(
        "<job><referencenumber>1</referencenumber>"
        "<description>Poste <b>clé</b>.</description></job>"
    )
    (offer,) = extract("indeed-xml", body, URL)
    assert isinstance(offer, SourceOffer)
    assert offer.description == "Poste <b>clé</b>."


def test_place_line_is_built_from_the_parts_present() -> None:
    body = source(
        "<job><referencenumber>1</referencenumber><city>Brest</city><country>FR</country></job>"
    )
    (offer,) = extract("indeed-xml", body, URL)
    assert isinstance(offer, SourceOffer)
    assert offer.place == "Brest, FR"


def test_read_refuses_a_payload_that_is_not_a_job() -> None:
    with pytest.raises(ItemError, match="pas un élément <job> de flux Indeed : <item>"):
        extractor_for("indeed-xml").read("<item/>", URL)


def _one(job: str) -> SourceOffer:
    (offer,) = extract(
        "indeed-xml", source(f"<job><referencenumber>1</referencenumber>{job}</job>"), URL
    )
    assert isinstance(offer, SourceOffer)
    return offer


def test_a_salary_given_as_min_and_max_keeps_both_bounds() -> None:
    offer = _one(
        "<salary><min>1900</min><max>2100</max><currency>EUR</currency>"
        "<period>month</period></salary>"
    )
    assert offer.salary == "1900 - 2100 EUR per month"


def test_a_salary_given_as_attributes_keeps_both_bounds() -> None:
    offer = _one('<salary minimum="35000" maximum="42000" currency="EUR" period="yearly"/>')
    assert offer.salary == "35000 - 42000 EUR per year"


def test_a_salary_with_only_a_minimum_is_a_floor() -> None:
    assert _one("<salary><min>12.5</min><period>hour</period></salary>").salary == (
        "from 12.5 per hour"
    )


def test_a_salary_written_as_text_is_kept_as_written() -> None:
    assert _one("<salary>30 000 - 35 000 € par an</salary>").salary == "30 000 - 35 000 € par an"


def test_location_parts_fill_the_city_postal_code_and_region() -> None:
    offer = _one(
        "<location><city>Annecy</city><state>Haute-Savoie</state>"
        "<postalcode>74000</postalcode></location>"
    )
    assert (offer.city, offer.postal_code, offer.region) == ("Annecy", "74000", "Haute-Savoie")
    assert offer.place == "Annecy, 74000, Haute-Savoie"
