"""Searching offers by place finds an offer in each of its places, on SQLite and PostgreSQL."""

from __future__ import annotations

from schemas.offers import Offer, Place, PlaceMatch
from store.copies import upsert_offer
from store.db import session_scope
from store.offers import get_offer
from store.search import Around, OfferQuery, search
from store.sources import SourceNotFound, get_source
from tests.store.factories import offer, register


def _place(insee: str, dep: str, region: str, lat: float, lon: float) -> Place:
    return Place(
        text=insee, match=PlaceMatch.COMMUNE, insee_code=insee, departement_code=dep,
        region_code=region, latitude=lat, longitude=lon, country_code="FR",
    )  # fmt: skip


BORDEAUX = _place("33063", "33", "75", 44.8624, -0.5848)
TOULOUSE = _place("31555", "31", "76", 43.6007, 1.4328)
NANTES = _place("44109", "44", "52", 47.2316, -1.5483)
LYON_3 = _place("69383", "69", "84", 45.7597, 4.8422)


def _store(*offers: Offer) -> dict[str, int]:
    with session_scope() as session:
        try:
            source = get_source(session, "acme")
        except SourceNotFound:
            source = register(session, "acme")
        return {
            item.external_id: upsert_offer(session, source.id, item).offer_id for item in offers
        }


def _found(query: OfferQuery) -> list[str]:
    with session_scope() as session:
        result = search(session, query, 0, 49)
    return [stored.offer.external_id for stored in result.offers]


def _bordeaux_or_toulouse() -> Offer:
    return offer("two-cities", place=BORDEAUX, other_places=[TOULOUSE])


def test_an_offer_is_found_by_the_commune_of_its_other_place(database: str) -> None:
    _store(_bordeaux_or_toulouse(), offer("nantes", place=NANTES))
    assert _found(OfferQuery(communes=["31555"])) == ["two-cities"]


def test_an_offer_is_found_by_the_departement_of_its_other_place(database: str) -> None:
    _store(_bordeaux_or_toulouse(), offer("nantes", place=NANTES))
    assert _found(OfferQuery(departements=["31"])) == ["two-cities"]


def test_an_offer_is_found_by_the_region_of_its_other_place(database: str) -> None:
    _store(_bordeaux_or_toulouse(), offer("nantes", place=NANTES))
    assert _found(OfferQuery(region="76")) == ["two-cities"]


def test_an_offer_is_found_around_its_other_place(database: str) -> None:
    _store(_bordeaux_or_toulouse(), offer("nantes", place=NANTES))
    near_toulouse = Around(latitude=43.6045, longitude=1.4440, radius_km=10)
    assert _found(OfferQuery(around=[near_toulouse])) == ["two-cities"]


def test_an_offer_is_found_once_by_its_main_place(database: str) -> None:
    _store(_bordeaux_or_toulouse())
    assert _found(OfferQuery(communes=["33063", "31555"])) == ["two-cities"]


def test_a_whole_city_code_finds_offers_in_its_arrondissements(database: str) -> None:
    _store(offer("lyon-3", place=LYON_3), offer("nantes", place=NANTES))
    assert _found(OfferQuery(communes=["69123"])) == ["lyon-3"]


def test_a_whole_city_code_finds_other_places_in_its_arrondissements(database: str) -> None:
    _store(offer("nantes-or-lyon", place=NANTES, other_places=[LYON_3]))
    assert _found(OfferQuery(communes=["69123"])) == ["nantes-or-lyon"]


def test_the_other_places_are_read_back_in_order(database: str) -> None:
    ids = _store(offer("three", place=BORDEAUX, other_places=[TOULOUSE, NANTES]))
    with session_scope() as session:
        stored = get_offer(session, ids["three"])
    assert stored is not None
    assert [p.insee_code for p in stored.offer.other_places] == ["31555", "44109"]


def test_a_place_dropped_from_the_offer_no_longer_finds_it(database: str) -> None:
    _store(_bordeaux_or_toulouse())
    _store(offer("two-cities", title="Développeur Python (Bordeaux)", place=BORDEAUX))
    assert _found(OfferQuery(communes=["31555"])) == []
    assert _found(OfferQuery(communes=["33063"])) == ["two-cities"]
