"""Places in a title's tail as job boards write them (issue 16): "@" for "at" ("CDI @ Cluses"),
parts parted by commas ("Serveur (H/F), 74370, Charvonnex, CDI"), the postal code before the name
("74800 - AMANCY"), the département in words ("(dpt 74)") and the région after the place."""

from __future__ import annotations

import pytest

from normalizers.offer import SourceContext, normalize_offer
from normalizers.text_facts import FactKind, read_text_facts
from schemas import Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(source="test", attribution="Test", defaults=SourceDefaults())


def offer(title: str) -> Offer:
    item = SourceOffer(
        external_id="1", url="https://example.org/1", title=title, description="Un poste."
    )
    result = normalize_offer(item, CONTEXT)
    assert isinstance(result, Offer), result
    return result


@pytest.mark.parametrize(
    ("title", "insee"),
    [
        ("Électricien (H/F) - CDI @ Valence [82]", "82186"),  # not Valence in the Drôme
        (
            "Moniteur de ski (H/F) - CDD 5 mois @ Saint-Gervais-les-Bains "
            "(Haute-Savoie, Auvergne-Rhône-Alpes)",
            "74236",
        ),
        ("Régleur (H/F) - CDI temps partiel @ Cluses – Auvergne-Rhône-Alpes", "74081"),
        ("Cuisinier (H/F) - CDI @ Thônes (dpt 74)", "74280"),
        ("Maçon (H/F) - CDI @ Scientrier, 74930", "74262"),  # not 74930's main commune
        ("Comptable (H/F) - CDI @ Poisy (74), France", "74213"),
        ("Vendeur (H/F) @ Annemasse", "74012"),
    ],
)
def test_a_place_after_an_at_sign_is_the_place(title: str, insee: str) -> None:
    assert offer(title).place.insee_code == insee


@pytest.mark.parametrize(
    ("title", "insee"),
    [
        # The commune of that name among the postal code's communes, not the code's main one.
        ("Serveur (H/F), 74370, Charvonnex, CDI", "74062"),
        ("Garde d'enfants (H/F), 74150, Vallières-sur-Fier, CDD 6 mois", "74289"),
        ("Contrat à durée déterminée - Aide-soignant (H/F) - 74800 - AMANCY", "74007"),
        ("Agent d'accueil (H/F) - 74930 - Scientrier", "74262"),
    ],
)
def test_a_postal_code_written_before_its_name_is_that_commune(title: str, insee: str) -> None:
    assert offer(title).place.insee_code == insee


def test_a_postal_code_before_a_contract_gives_no_place_of_that_name() -> None:
    places = read_text_facts("Vendeur (H/F), 74000, CDI", None).of(FactKind.PLACE)
    assert [fact.text for fact in places] == ["74000"]


def test_the_postal_code_stays_with_the_name_before_it_when_that_name_is_the_commune() -> None:
    places = read_text_facts("Serveur (H/F) - Ville-la-Grand - 74100 - CDI", None)
    assert [fact.text for fact in places.of(FactKind.PLACE)] == ["Ville-la-Grand (74100)"]


@pytest.mark.parametrize(
    ("title", "insee"),
    [
        ("Plombier (H/F) - CDI - Cluses – Auvergne-Rhône-Alpes", "74081"),
        ("Vendeur (H/F) - Chaumont – Auvergne-Rhône-Alpes", "74065"),  # not Chaumont (52)
    ],
)
def test_a_place_followed_by_its_region_is_that_place(title: str, insee: str) -> None:
    assert offer(title).place.insee_code == insee
