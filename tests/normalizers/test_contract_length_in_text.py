"""A contract field that names the type only: the description's length fills the duration."""

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


def contract_of(field: str, description: str) -> Contract:
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title="Réceptionniste H/F",
        description=description,
        contract=field,
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer)
    assert offer.contract is not None
    return offer.contract


def test_a_temporary_job_type_takes_the_length_of_the_cdd_the_text_names() -> None:
    contract = contract_of("FULL_TIME, TEMPORARY", "<p>Poste en CDD de 7 mois.</p>")
    assert (contract.type_contrat, contract.duration_value, contract.duration_unit) == (
        "CDD",
        7,
        "mois",
    )


def test_a_cdd_field_takes_the_length_written_in_the_description() -> None:
    contract = contract_of("CDD", "<p>Accueil des clients. Contrat de 5 mois renouvelable.</p>")
    assert (contract.duration_value, contract.duration_unit) == (5, "mois")


def test_a_cdi_field_takes_no_length_from_the_text() -> None:
    assert contract_of("CDI", "<p>Contrat de 3 mois.</p>").duration_value is None


def test_a_seasonal_field_takes_the_months_its_season_runs() -> None:
    contract = contract_of("Saisonnier", "<p>Saisonnier, de mai à août.</p>")
    assert (contract.duration_value, contract.duration_unit) == (4, "mois")


def test_a_cdd_field_takes_the_length_of_the_dated_seasonal_contract() -> None:
    contract = contract_of("CDD", "<p>CDD saisonnier du 10 novembre 2026 au 10 mars 2027.</p>")
    assert (contract.duration_value, contract.duration_unit) == (4, "mois")


def test_a_range_over_whole_months_counts_them() -> None:
    contract = parse_contract("CDD du 1er juillet au 31 août 2027")
    assert (contract.duration_value, contract.duration_unit) == (2, "mois")


def test_a_freelance_field_takes_the_length_in_english() -> None:
    contract = contract_of("Freelance", "<p>Freelance, 6 months.</p>")
    assert (contract.type_contrat, contract.duration_value) == ("LIB", 6)
