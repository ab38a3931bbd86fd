"""A contract named with a qualifier or a prospect, "temporary", a public-service "contractuel",
and an internship's length (issue 16)."""

from __future__ import annotations

import pytest

from normalizers.contracts import internship_length, parse_contract


@pytest.mark.parametrize(
    "text",
    ["CDD saisonnier", "Contrat saisonnier en CDD", "CDD - Saisonnier", "CDD / saisonnière"],
)
def test_a_seasonal_cdd_is_france_travails_seasonal_contract(text: str) -> None:
    assert parse_contract(text).type_contrat == "SAI"


def test_a_seasonal_cdd_keeps_its_length() -> None:
    contract = parse_contract("CDD saisonnier (4 mois)")
    assert (contract.type_contrat, contract.duration_value, contract.duration_unit) == (
        "SAI",
        4,
        "mois",
    )


def test_a_seasonal_interim_mission_is_an_interim_mission() -> None:
    assert parse_contract("Mission d'intérim saisonnière").type_contrat == "MIS"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Intérim (possibilité d'embauche en CDI)", "MIS"),
        ("Intérim en vue d'une embauche en CDI", "MIS"),
        ("CDD évolutif en CDI", "CDD"),
        ("CDD 6 mois, pouvant déboucher sur un CDI", "CDD"),
        ("CDD de 3 mois puis CDI", "CDD"),
        ("Fixed term, leading to a permanent contract", "CDD"),
    ],
)
def test_a_contract_offered_with_a_prospect_is_the_contract_offered(text: str, code: str) -> None:
    assert parse_contract(text).type_contrat == code


def test_a_contract_with_a_prospect_keeps_the_offered_contracts_length() -> None:
    contract = parse_contract("CDD de 8 mois évolutif en CDI")
    assert (contract.duration_value, contract.duration_unit) == (8, "mois")


def test_two_contracts_offered_side_by_side_stay_undecided() -> None:
    assert parse_contract("CDD ou CDI selon profil").type_contrat is None


@pytest.mark.parametrize("text", ["Contractuel (catégorie C)", "Agent contractuel de droit public"])
def test_a_public_service_contractuel_is_fixed_term(text: str) -> None:
    assert parse_contract(text).type_contrat == "CDD"


def test_a_contractuel_offered_a_cdi_is_a_cdi() -> None:
    assert parse_contract("Contractuel en CDI de droit public").type_contrat == "CDI"


def test_a_post_open_to_titulaires_and_contractuels_gets_no_type() -> None:
    assert parse_contract("Titulaire ou contractuel").type_contrat is None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Stage de 4 mois", 4, "mois"),
        ("Internship (5 months)", 5, "mois"),
        ("A 3-month internship in our lab", 3, "mois"),
        ("Vous rejoignez l'équipe pour un stage de 10 semaines.", 70, "jour"),
    ],
)
def test_an_internships_length_is_read(text: str, value: int, unit: str) -> None:
    assert internship_length(text)[1:] == (value, unit)  # type: ignore[index]


def test_years_of_experience_are_no_internships_length() -> None:
    assert internship_length("Stage ; 2 ans d'expérience souhaités") is None


def test_temporary_work_beside_another_contract_stays_undecided() -> None:
    text = "Nous recrutons en travail temporaire et en placement CDD"
    assert parse_contract(text).type_contrat is None


def test_temporary_alone_is_fixed_term_by_default() -> None:
    assert parse_contract("Temporaire").type_contrat == "CDD"
