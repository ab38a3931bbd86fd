"""Contracts as French and English postings write them, in a label, a sentence or a title."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from normalizers.contracts import parse_contract
from normalizers.offer import SourceContext, normalize_offer
from schemas import Contract, Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(
    source="test",
    attribution="Test",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Intérim de 3 mois", ("MIS", "Contrat travail", 3)),
        ("Mission intérim", ("MIS", "Contrat travail", None)),
        ("CDD de remplacement", ("CDD", "Contrat travail", None)),
        ("CDI de chantier", ("CDI", "CDI de chantier ou d'opération", None)),
        ("contrat d'apprentissage", ("CDD", "Contrat apprentissage", None)),
        ("alternance", ("CDD", "Contrat apprentissage", None)),
        ("Contrat saisonnier été 2026", ("SAI", "Contrat travail", None)),
        ("Saison d'été 2026", ("SAI", "Contrat travail", None)),
        ("Job d'été", ("SAI", "Contrat travail", None)),
        ("Freelance / portage", ("LIB", "Emploi non salarié", None)),
        ("Permanent", ("CDI", "Contrat travail", None)),
        ("Fixed-term", ("CDD", "Contrat travail", None)),
        ("Temporary", ("CDD", "Contrat travail", None)),
    ],
)
def test_a_contract_wording_gives_its_code(
    text: str, expected: tuple[str, str, int | None]
) -> None:
    contract = parse_contract(text)
    assert (contract.type_contrat, contract.nature, contract.duration_value) == expected


@pytest.mark.parametrize("text", ["Stage de 6 mois", "Internship", "Service civique"])
def test_wordings_that_name_no_contract_of_work_get_no_code(text: str) -> None:
    assert parse_contract(text).type_contrat is None


def test_a_part_time_with_its_hours() -> None:
    contract = parse_contract("Temps partiel 24h")
    assert (contract.full_time, contract.hours_per_week) == (False, 24)


def read_contract(description: str) -> Contract:
    item = SourceOffer(
        external_id="1", url="https://example.org/1", title="Vendeur", description=description
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer), offer
    return offer.contract


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("This is a permanent, full-time position in our Lyon shop.", "CDI"),
        ("We offer a permanent contract.", "CDI"),
        ("Fixed-term contract (6 months), full-time.", "CDD"),
        ("Job d'été : vendeur en boutique de plage.", "SAI"),
        ("Poste en intérim de 3 mois.", "MIS"),
    ],
)
def test_a_sentence_s_contract_is_read(sentence: str, code: str) -> None:
    assert read_contract(f"Un poste de vendeur.\n{sentence}").type_contrat == code


@pytest.mark.parametrize(
    "sentence", ["Nous proposons un stage de 6 mois.", "Internship of 6 months in Lyon."]
)
def test_a_sentence_s_internship_keeps_its_length_and_no_code(sentence: str) -> None:
    contract = read_contract(f"Un poste de vendeur.\n{sentence}")
    assert (contract.type_contrat, contract.duration_value, contract.duration_unit) == (
        None,
        6,
        "mois",
    )


def test_an_onboarding_course_is_no_internship() -> None:
    contract = read_contract("Poste en CDI. Vous suivrez un stage d'intégration de 2 semaines.")
    assert contract.type_contrat == "CDI"
