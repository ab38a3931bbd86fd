"""Offers rendered the way France Travail's Offres d'emploi v2 API returns them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from exporters.francetravail import ft_datetime, to_francetravail
from schemas.offers import (
    Contract,
    Experience,
    ExperienceRequirement,
    Place,
    PlaceMatch,
    RomeCoding,
    Salary,
    SalaryPeriod,
)
from tests.store.factories import offer

BEGINNER, DESIRED, REQUIRED = (
    ExperienceRequirement.BEGINNER,
    ExperienceRequirement.DESIRED,
    ExperienceRequirement.REQUIRED,
)


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


def test_the_rome_coding_with_france_travails_short_appellation_label() -> None:
    rome = RomeCoding(
        code="M1801",
        label="Administrateur / Administratrice de systèmes d'information (SI)",
        appellation_code="200112",
        appellation_label=(
            "Administrateur / Administratrice système et réseaux d'information et de communication"
        ),
        confidence=0.9,
    )
    rendered = to_francetravail(offer(rome=rome))
    assert rendered["romeCode"] == "M1801"
    assert rendered["romeLibelle"] == rome.label
    assert rendered["appellationlibelle"] == (
        "Administratreur(trice) système & réseaux information et com"
    )


def test_no_rome_coding_no_rome_fields() -> None:
    rendered = to_francetravail(offer())
    assert not {"romeCode", "romeLibelle", "appellationlibelle"} & rendered.keys()


@pytest.mark.parametrize(
    ("experience", "exige", "libelle"),
    [
        (Experience(text="débutants bienvenus", requirement=BEGINNER), "D", "Débutant accepté"),
        (
            Experience(text="3 ans", requirement=REQUIRED, months=36),
            "E",
            "Expérience exigée de 3 An(s)",
        ),
        (Experience(requirement=DESIRED, months=6), "S", "Expérience souhaitée de 6 Mois"),
        (Experience(requirement=REQUIRED), "E", "Expérience exigée"),
    ],
)
def test_experience_in_france_travails_wording(
    experience: Experience, exige: str, libelle: str
) -> None:
    rendered = to_francetravail(offer(experience=experience))
    assert (rendered["experienceExige"], rendered["experienceLibelle"]) == (exige, libelle)


def test_unread_experience_keeps_its_text() -> None:
    rendered = to_francetravail(offer(experience=Experience(text="Une première expérience")))
    assert "experienceExige" not in rendered
    assert rendered["experienceLibelle"] == "Une première expérience"


def test_contract_nature_and_working_time() -> None:
    contract = Contract(
        type_contrat="CDD",
        type_contrat_label="Contrat à durée déterminée",
        duration_value=24,
        duration_unit="mois",
        nature="Contrat apprentissage",
        full_time=True,
        hours_per_week=37.5,
    )
    rendered = to_francetravail(offer(contract=contract))
    assert rendered["typeContrat"] == "CDD"
    assert rendered["natureContrat"] == "Contrat apprentissage"
    assert rendered["alternance"] is True
    assert rendered["dureeTravailLibelle"] == "37H30"
    assert rendered["dureeTravailLibelleConverti"] == "Temps plein"


def test_salary_with_its_months() -> None:
    salary = Salary(
        text="Annuel de 35000,00 Euros sur 12.0 mois",
        minimum=35000,
        maximum=35000,
        period=SalaryPeriod.YEAR,
        currency="EUR",
        months=12,
    )
    assert to_francetravail(offer(salary=salary))["salaire"] == {
        "libelle": "Annuel de 35000.00 Euros sur 12 mois"
    }


def test_unread_salary_is_a_comment() -> None:
    salary = Salary(text="Selon profil")
    assert to_francetravail(offer(salary=salary))["salaire"] == {"commentaire": "Selon profil"}


def test_a_contact_to_apply_to() -> None:
    rendered = to_francetravail(offer(url=None, apply_url=None, contact="Écrire à rh@acme.example"))
    assert rendered["contact"] == {"courriel": "rh@acme.example"}
    assert "urlOrigine" not in rendered["origineOffre"]


def test_the_apply_link_is_the_contacts_application_url() -> None:
    rendered = to_francetravail(offer(apply_url="https://acme.example/apply/1"))
    assert rendered["contact"] == {"urlPostulation": "https://acme.example/apply/1"}


def test_a_net_pay_goes_to_the_comment_as_written_not_to_the_gross_label() -> None:
    salary = Salary(
        text="2 100 € net mensuel, logé",
        minimum=2100,
        maximum=2100,
        period=SalaryPeriod.MONTH,
        currency="EUR",
    )
    assert to_francetravail(offer(salary=salary))["salaire"] == {
        "commentaire": "2 100 € net mensuel, logé"
    }


def test_a_net_pay_restated_gross_keeps_france_travails_label() -> None:
    salary = Salary(
        text="1 654 € net (2 120 € brut) par mois",
        minimum=2120,
        maximum=2120,
        period=SalaryPeriod.MONTH,
        currency="EUR",
    )
    assert to_francetravail(offer(salary=salary))["salaire"] == {
        "libelle": "Mensuel de 2120.00 Euros"
    }
