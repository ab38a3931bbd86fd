"""Students', summer and week-end jobs read as the France Travail contract they are."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from normalizers.contracts import NATURE_WORK, parse_contract
from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(
    source="test",
    attribution="Test",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)


def offer_of(title: str, description: str, **fields: str) -> Offer:
    item = SourceOffer(
        external_id="1", url="https://example.org/1", title=title, description=description, **fields
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer)
    return offer


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Job étudiant", "CDD"),
        ("Contrat étudiant", "CDD"),
        ("CDD étudiant", "CDD"),
        ("Emploi étudiant", "CDD"),
        ("Student job", "CDD"),
        ("Job week-end", "CDD"),
        ("Contrat week-end", "CDD"),
        ("CDI étudiant", "CDI"),
        ("CDI week-end", "CDI"),
        ("Job d'été", "SAI"),
        ("Emploi d'été", "SAI"),
        ("Job de vacances", "SAI"),
        ("Emploi saisonnier étudiant", "SAI"),
        ("Job étudiant en intérim", "MIS"),
    ],
)
def test_a_student_s_job_gets_its_contract_s_code(text: str, code: str) -> None:
    assert parse_contract(text).type_contrat == code


def test_a_student_s_job_is_a_contract_of_work() -> None:
    assert parse_contract("Job étudiant").nature == NATURE_WORK


def test_a_week_end_alone_names_no_contract() -> None:
    assert parse_contract("Travail le week-end").type_contrat is None


def test_a_summer_job_keeps_the_length_its_dates_give() -> None:
    contract = parse_contract("Job d'été du 3 au 20 juillet")
    assert (contract.type_contrat, contract.duration_value, contract.duration_unit) == (
        "SAI",
        18,
        "jour",
    )


def test_a_title_s_student_job_is_a_cdd() -> None:
    offer = offer_of("Vendeur H/F - Job étudiant", "<p>Vente en magasin.</p>")
    assert offer.contract.type_contrat == "CDD"


def test_a_sentence_s_week_end_job_is_a_cdd() -> None:
    offer = offer_of("Hôte de caisse", "<p>Job week-end : samedi et dimanche.</p>")
    assert offer.contract.type_contrat == "CDD"


def test_a_student_s_job_takes_the_type_another_sentence_names() -> None:
    offer = offer_of("Serveur", "<p>Job étudiant.</p><p>Contrat saisonnier de 2 mois.</p>")
    assert (offer.contract.type_contrat, offer.contract.duration_value) == ("SAI", 2)


def test_a_student_s_job_field_takes_the_length_of_the_description() -> None:
    offer = offer_of("Serveur", "<p>Mission du 3 au 20 mars.</p>", contract="Job étudiant")
    assert (offer.contract.type_contrat, offer.contract.duration_value) == ("CDD", 18)
