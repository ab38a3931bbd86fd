"""A contract's length read from the dates it runs between, as people write them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from normalizers.contracts import parse_contract, period_length
from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(
    source="test",
    attribution="Test",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("CDD du 3 au 20 mars", (18, "jour")),
        ("CDD du 1er au 15 juillet 2027", (15, "jour")),
        ("Saisonnier du 15 juin au 31 août", (78, "jour")),
        ("Saisonnier de mi-juin à fin août", (78, "jour")),
        ("Saisonnier de début juillet à fin août", (2, "mois")),
        ("Saisonnier juillet-août", (2, "mois")),
        ("Saisonnier juillet/août", (2, "mois")),
        ("Contrat saisonnier en juillet et août", (2, "mois")),
        ("Saisonnier de novembre à mars", (5, "mois")),
        ("Seasonal job from mid-June to end of August", (78, "jour")),
    ],
)
def test_a_range_of_dates_gives_the_contract_s_length(text: str, length: tuple) -> None:
    contract = parse_contract(text)
    assert (contract.duration_value, contract.duration_unit) == length


def test_a_range_whose_end_day_is_not_said_gives_no_length() -> None:
    assert parse_contract("CDD du 15 juin à septembre").duration_value is None


def test_a_written_length_wins_over_the_months_named() -> None:
    contract = parse_contract("CDD 6 mois, démarrage janvier/février")
    assert (contract.duration_value, contract.duration_unit) == (6, "mois")


def test_a_mission_s_dates_in_the_description_give_its_length() -> None:
    assert period_length("Renfort en boutique.\nMission du 3 au 20 mars.") == (18, "jour")


def test_the_dates_of_the_applications_are_no_length() -> None:
    assert period_length("Candidatures du 1er au 15 mars, mission en magasin.") is None


def test_a_range_without_words_of_work_is_no_length() -> None:
    assert period_length("Fermeture annuelle du 3 au 20 août.") is None


def test_a_cdd_of_the_title_takes_the_length_of_the_description_s_dates() -> None:
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title="Caissier H/F - CDD",
        description="<p>Accueil des clients.</p><p>Période : du 15 juin au 31 août.</p>",
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer)
    assert (offer.contract.type_contrat, offer.contract.duration_value) == ("CDD", 78)


def test_a_cdi_takes_no_length_from_dates() -> None:
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title="Caissier H/F - CDI",
        description="<p>Poste disponible du 15 juin au 31 août puis en continu.</p>",
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer)
    assert (offer.contract.type_contrat, offer.contract.duration_value) == ("CDI", None)
