"""The places of a normalized offer: the main one first, every other one kept."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, PlaceMatch, SourceDefaults, SourceOffer


def _offer(defaults: SourceDefaults | None = None, **fields: Any) -> Offer:
    values: dict[str, Any] = {
        "external_id": "42",
        "title": "Conseiller clientèle H/F",
        "description": "<p>Accueil et conseil des clients.</p>",
        "url": "https://acme.example/jobs/42",
        **fields,
    }
    context = SourceContext(
        source="acme",
        attribution="Acme",
        defaults=defaults or SourceDefaults(),
        fetched_at=datetime(2026, 11, 30, tzinfo=UTC),
    )
    result = normalize_offer(SourceOffer.model_validate(values), context)
    assert isinstance(result, Offer), result
    return result


def test_a_place_listing_two_cities_gives_the_first_as_the_main_place() -> None:
    offer = _offer(place="Bordeaux ou Toulouse")
    assert offer.place.insee_code == "33063"
    assert [place.insee_code for place in offer.other_places] == ["31555"]


def test_the_other_places_given_apart_are_kept_in_order() -> None:
    offer = _offer(place="Lille", other_places=["Roubaix", "Tourcoing"])
    assert [p.insee_code for p in (offer.place, *offer.other_places)] == [
        "59350",
        "59512",
        "59599",
    ]


def test_a_place_named_twice_is_kept_once() -> None:
    offer = _offer(place="Lille", other_places=["Lille (59)", "59000 Lille"])
    assert offer.other_places == []


def test_without_a_main_place_the_first_other_place_is_the_main_one() -> None:
    offer = _offer(other_places=["Nantes", "Rennes"])
    assert (offer.place.insee_code, [p.insee_code for p in offer.other_places]) == (
        "44109",
        ["35238"],
    )


def test_a_single_place_has_no_other_place() -> None:
    assert _offer(place="Lyon, Auvergne-Rhône-Alpes, France").other_places == []


def test_the_description_tells_namesakes_apart() -> None:
    offer = _offer(place="Valence", description="<p>Agence de Tarn-et-Garonne (82).</p>")
    assert offer.place.insee_code == "82186"


def test_the_title_tells_namesakes_apart() -> None:
    offer = _offer(place="Saint-Priest", title="Chauffeur (Ardèche)")
    assert offer.place.insee_code == "07288"


def test_the_company_address_tells_namesakes_apart() -> None:
    company = SourceDefaults(place="Zone artisanale, 23000 Guéret")
    assert _offer(company, place="Saint-Priest").place.insee_code == "23234"


def test_a_namesake_nothing_tells_apart_is_the_most_populous_and_said_unsure() -> None:
    place = _offer(place="Valence").place
    assert (place.match, place.insee_code) == (PlaceMatch.COMMUNE, "26362")
    assert place.confidence is not None and place.confidence < 0.7
