"""Offers rendered the way France Travail's Offres d'emploi v2 API returns them."""

from __future__ import annotations

from datetime import UTC, datetime

from exporters.francetravail import ft_datetime, to_francetravail
from schemas.offers import Contract, Place, PlaceMatch, Salary, SalaryPeriod
from tests.store.factories import offer


def test_timestamps_are_utc_with_milliseconds() -> None:
    assert ft_datetime(datetime(2024, 12, 29, 3, 49, 31, 120000, tzinfo=UTC)) == (
        "2024-12-29T03:49:31.120Z"
    )


def test_a_place_becomes_lieu_travail() -> None:
    place = Place(
        text="Lyon 4e",
        match=PlaceMatch.COMMUNE,
        label="69 - LYON 04",
        insee_code="69384",
        postal_code="69004",
        latitude=45.77,
        longitude=4.83,
    )
    assert to_francetravail(offer(place=place))["lieuTravail"] == {
        "libelle": "69 - LYON 04",
        "latitude": 45.77,
        "longitude": 4.83,
        "codePostal": "69004",
        "commune": "69384",
    }


def test_a_cdd_carries_its_duration_in_the_label() -> None:
    contract = Contract(
        text="CDD 6 mois",
        type_contrat="CDD",
        type_contrat_label="Contrat à durée déterminée",
        duration_value=6,
        duration_unit="mois",
        nature="Contrat travail",
        full_time=True,
    )
    rendered = to_francetravail(offer(contract=contract))
    assert rendered["typeContratLibelle"] == "Contrat à durée déterminée - 6 Mois"
    assert rendered["dureeTravailLibelleConverti"] == "Temps plein"


def test_salary_in_france_travails_wording() -> None:
    salary = Salary(
        text="35 à 40 k€", minimum=35000, maximum=40000, period=SalaryPeriod.YEAR, currency="EUR"
    )
    assert to_francetravail(offer(salary=salary))["salaire"] == {
        "libelle": "Annuel de 35000.00 Euros à 40000.00 Euros"
    }


def test_unknown_salary_is_an_empty_object_as_at_france_travail() -> None:
    assert to_francetravail(offer())["salaire"] == {}


def test_the_origin_is_the_offers_own_page_at_its_source() -> None:
    rendered = to_francetravail(offer("job-9"))
    assert rendered["origineOffre"]["urlOrigine"] == "https://acme.example/jobs/job-9"
    assert rendered["origineOffre"]["origine"] == "2"
