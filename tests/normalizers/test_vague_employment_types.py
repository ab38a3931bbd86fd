"""schema.org's vague employmentType values (CONTRACTOR, TEMPORARY, OTHER, PER_DIEM) name no
French contract surely: the contract the title or description names wins, and the field's
reading is kept as a disagreement that says the text was kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from normalizers.facts import vague_employment_type
from normalizers.offer import SourceContext, normalize_offer
from pipeline.cli_offers import fact_lines
from schemas import Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(
    source="test",
    attribution="Test",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)


def offer_of(field: str, description: str, title: str = "Couvreur zingueur H/F") -> Offer:
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title=title,
        description=description,
        contract=field,
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer)
    return offer


def test_contractor_and_temporary_yield_to_an_interim_mission_in_the_title() -> None:
    offer = offer_of(
        "TEMPORARY, CONTRACTOR",
        "<p>Chantier de rénovation à Mérignac (33700).</p>",
        title="Couvreur zingueur - intérim longue durée",
    )
    assert offer.contract.type_contrat == "MIS"
    assert offer.fact_sources["contract"].origin == "title"
    [disagreement] = offer.disagreements
    assert (disagreement.field_value, disagreement.kept) == ("LIB", "text")


def test_contractor_yields_to_the_contract_row_of_the_description() -> None:
    offer = offer_of(
        "CONTRACTOR",
        "<p>Le rectorat recrute des enseignants contractuels.</p><table>"
        "<tr><td>Contrat</td><td>CDD - 18 mois</td></tr></table>",
        title="Professeur des écoles contractuel H/F",
    )
    contract = offer.contract
    assert (contract.type_contrat, contract.duration_value, contract.duration_unit) == (
        "CDD",
        18,
        "mois",
    )
    lines = fact_lines(
        {k: v.model_dump(mode="json") for k, v in offer.fact_sources.items()},
        [d.model_dump(mode="json") for d in offer.disagreements],
    )
    assert any("le texte est gardé" in line and "CDD - 18 mois" in line for line in lines)
    assert not any("le champ est gardé" in line for line in lines)


@pytest.mark.parametrize("field", ["TEMPORARY", "OTHER", "PER_DIEM", "full_time, contractor"])
def test_a_vague_field_yields_to_a_cdi_the_description_states(field: str) -> None:
    offer = offer_of(field, "<p>Poste en CDI, équipe de 12 personnes.</p>")
    assert offer.contract.type_contrat == "CDI"


def test_a_temporary_field_fitting_the_text_is_no_disagreement() -> None:
    offer = offer_of(
        "TEMPORARY", "<p>Chargement des camions.</p>", title="Agent de quai – CDD 2 mois"
    )
    assert (offer.contract.type_contrat, offer.contract.duration_value) == ("CDD", 2)
    assert offer.disagreements == []


def test_a_vague_field_alone_still_says_something_but_less_surely() -> None:
    offer = offer_of("CONTRACTOR", "<p>Belle équipe, projets variés.</p>")
    assert offer.contract.type_contrat == "LIB"
    assert offer.fact_sources["contract"].confidence < 1
    assert offer_of("TEMPORARY", "<p>Belle équipe.</p>").contract.type_contrat == "CDD"


def test_a_named_field_still_wins_over_the_text() -> None:
    offer = offer_of("CDD", "<p>Poste en CDI.</p>")
    assert offer.contract.type_contrat == "CDD"
    assert [d.kept for d in offer.disagreements] == ["field"]


@pytest.mark.parametrize(
    ("field", "vague"),
    [
        ("CONTRACTOR", True),
        ("TEMPORARY, FULL_TIME", True),
        ("Per diem", True),
        ("FULL_TIME", False),
        ("INTERN", False),
        ("CDD", False),
        ("Freelance", False),
        ("TEMPORARY, Intérim", False),
    ],
)
def test_which_fields_are_vague(field: str, vague: bool) -> None:
    assert vague_employment_type(field) is vague
