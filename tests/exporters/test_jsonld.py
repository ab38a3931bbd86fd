"""Offer pages carry a JobPosting with the properties Google's job search requires."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from exporters.jsonld import script_json, to_jobposting
from schemas.offers import (
    Contract,
    OfferStatus,
    Place,
    PlaceMatch,
    Salary,
    SalaryPeriod,
    StartDate,
    StoredOffer,
)
from tests.store.factories import offer

SEEN = datetime(2026, 11, 20, tzinfo=UTC)


def stored(**fields) -> StoredOffer:  # type: ignore[no-untyped-def]
    return StoredOffer(
        id=7,
        status=OfferStatus.PUBLISHED,
        first_seen_at=SEEN,
        updated_at=SEEN,
        offer=offer(**fields),
    )


def test_google_required_properties_are_present() -> None:
    lyon = Place(text="Lyon", match=PlaceMatch.COMMUNE, commune_name="Lyon", postal_code="69003")
    posting = to_jobposting(stored(place=lyon))
    assert {
        "title",
        "description",
        "datePosted",
        "hiringOrganization",
        "jobLocation",
    } <= posting.keys()
    assert posting["jobLocation"]["address"]["addressLocality"] == "Lyon"


def test_a_remote_offer_says_telecommute_instead_of_a_location() -> None:
    posting = to_jobposting(stored(place=Place(text="Full remote", match=PlaceMatch.REMOTE)))
    assert posting["jobLocationType"] == "TELECOMMUTE" and "jobLocation" not in posting
    assert posting["applicantLocationRequirements"]["name"] == "France"


def test_an_offer_in_several_places_lists_every_job_location() -> None:
    bordeaux = Place(text="Bordeaux", match=PlaceMatch.COMMUNE, commune_name="Bordeaux")
    toulouse = Place(text="Toulouse", match=PlaceMatch.COMMUNE, commune_name="Toulouse")
    posting = to_jobposting(stored(place=bordeaux, other_places=[toulouse]))
    localities = [location["address"]["addressLocality"] for location in posting["jobLocation"]]
    assert localities == ["Bordeaux", "Toulouse"]


def test_a_remote_offer_open_to_a_zone_says_so() -> None:
    eu = Place(text="Remote - EU", match=PlaceMatch.REMOTE, zone="Union européenne")
    posting = to_jobposting(stored(place=eu))
    assert posting["applicantLocationRequirements"] == {
        "@type": "AdministrativeArea",
        "name": "Union européenne",
    }


def test_salary_and_employment_type() -> None:
    posting = to_jobposting(
        stored(
            salary=Salary(
                text="35-40 k€",
                minimum=35000,
                maximum=40000,
                period=SalaryPeriod.YEAR,
                currency="EUR",
            ),
            contract=Contract(type_contrat="CDD", full_time=False),
        )
    )
    assert posting["baseSalary"]["value"] == {
        "@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 35000, "maxValue": 40000,
    }  # fmt: skip
    assert posting["employmentType"] == ["TEMPORARY", "PART_TIME"]


def test_the_script_block_cannot_be_closed_by_the_content() -> None:
    text = script_json({"description": "</script><script>alert(1)</script>"})
    assert "</script>" not in text and json.loads(text)["description"].startswith("</script>")


def test_a_salary_given_from_a_minimum_stays_a_minimum() -> None:
    posting = to_jobposting(
        stored(
            salary=Salary(
                text="from 24000 EUR per year",
                minimum=24000,
                period=SalaryPeriod.YEAR,
                currency="EUR",
            )
        )
    )
    assert posting["baseSalary"]["value"] == {
        "@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 24000,
    }  # fmt: skip


def test_a_start_day_is_the_job_start_date() -> None:
    posting = to_jobposting(stored(start=StartDate(text="5 janvier 2027", day=date(2027, 1, 5))))
    assert posting["jobStartDate"] == "2027-01-05"
    assert "jobImmediateStart" not in posting


def test_as_soon_as_possible_is_an_immediate_start() -> None:
    posting = to_jobposting(stored(start=StartDate(text="dès que possible", immediate=True)))
    assert posting["jobImmediateStart"] is True
    assert "jobStartDate" not in posting


def test_the_employer_is_the_offers_company() -> None:
    posting = to_jobposting(stored(company_name="Boulangerie Martin"))
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "Boulangerie Martin"}


def test_without_a_company_the_employer_is_confidential_not_the_club_or_the_host() -> None:
    posting = to_jobposting(stored(company_name=None, attribution="Club RH Outre-mer · 127.0.0.1"))
    assert posting["hiringOrganization"] == "confidential"
    assert "Club RH" not in json.dumps(posting["hiringOrganization"])
