"""Places the tryout of issue 16 missed: islands, namesakes told apart by an island group,
employers that name their town, business nouns before "à <ville>"."""

from __future__ import annotations

import pytest

from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(source="test", attribution="Test", defaults=SourceDefaults())


def offer(title: str = "Vendeur H/F", description: str = "Un poste.", **fields: str) -> Offer:
    item = SourceOffer(
        external_id="1", url="https://example.org/1", title=title, description=description, **fields
    )
    result = normalize_offer(item, CONTEXT)
    assert isinstance(result, Offer), result
    return result


@pytest.mark.parametrize(
    ("written", "departement"),
    [
        ("Les Saintes", "971"),
        ("Marie-Galante", "971"),
        ("Île de Marie-Galante", "971"),
        ("Belle-Île-en-Mer", "56"),
        ("Belle-Île", "56"),
        ("Île de Ré", "17"),
        ("Île d'Oléron", "17"),
        ("Noirmoutier", "85"),
    ],
)
def test_an_island_of_several_communes_is_the_island_not_a_commune_its_words_begin(
    written: str, departement: str
) -> None:
    read = offer(description=f"Lieu : {written}.\nNous recrutons.")
    assert read.place.departement_code == departement
    assert read.place.insee_code is None or read.place.insee_code.startswith(departement)


def test_st_barth_is_saint_barthelemy() -> None:
    assert offer(description="Lieu : St Barth\nHôtel de luxe.").place.insee_code == "97701"


@pytest.mark.parametrize("group", ["Antilles", "Antilles françaises"])
def test_an_island_group_in_brackets_tells_a_namesake_apart(group: str) -> None:
    read = offer(description=f"Lieu : Saint-Martin ({group}).\nNous recrutons.")
    assert read.place.insee_code == "97801"


def test_corse_in_brackets_keeps_the_corsican_namesake() -> None:
    read = offer(description="Lieu : Santa-Maria-Poggio (Corse)\nNous recrutons.")
    assert read.place.departement_code == "2B"
