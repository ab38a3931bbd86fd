"""Contract wordings that mislead a plain reading: a contract word opening a sentence, a
contract named as not offered or as the replaced employee's, a freelance mission's length."""

from __future__ import annotations

from datetime import UTC, datetime

from normalizers.contracts import parse_contract
from normalizers.offer import SourceContext, normalize_offer
from schemas import Contract, Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(
    source="test",
    attribution="Test",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)


def contract_of(description: str, title: str = "Magasinier H/F") -> Contract:
    item = SourceOffer(
        external_id="1", url="https://example.org/1", title=title, description=description
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer)
    assert offer.contract is not None
    return offer.contract


def test_a_sentence_opening_with_interim_before_a_town_is_an_interim_mission() -> None:
    assert contract_of("<p>Intérim à Grenoble.</p>").type_contrat == "MIS"


def test_a_sentence_opening_with_cdd_and_its_length_before_a_town_gives_both() -> None:
    contract = contract_of("<p>Entrepôt moderne. CDD 3 mois à Valence.</p>")
    assert (contract.type_contrat, contract.duration_value) == ("CDD", 3)


def test_the_replaced_employee_s_cdi_is_not_the_offer_s_contract() -> None:
    contract = contract_of("<p>Remplacement d'une collègue en CDI, contrat de 5 mois.</p>")
    assert (contract.type_contrat, contract.duration_value, contract.duration_unit) == (
        "CDD",
        5,
        "mois",
    )


def test_a_contract_named_as_not_offered_does_not_count() -> None:
    assert contract_of("<p>Pas de CDD : uniquement CDI.</p>").type_contrat == "CDI"


def test_a_negated_interim_leaves_the_cdd_stated_beside_it() -> None:
    assert parse_contract("Pas d'intérim, CDD de 8 mois").type_contrat == "CDD"


def test_a_freelance_mission_is_a_liberal_profession_with_its_length() -> None:
    contract = contract_of("<p>Mission freelance / portage salarial, 2 mois.</p>")
    assert (contract.type_contrat, contract.duration_value, contract.duration_unit) == (
        "LIB",
        2,
        "mois",
    )
