"""A thread's filter decides which offers it shows."""

from __future__ import annotations

import pytest

from exporters.threads import related_metiers, thread_matches
from schemas.offers import Contract, Place, PlaceMatch, RomeCoding
from schemas.threads import CommuneRadius, ThreadFilter
from tests.store.factories import offer

LYON_3 = Place(
    text="Lyon 3e", match=PlaceMatch.COMMUNE, insee_code="69383", departement_code="69",
    region_code="84", latitude=45.7597, longitude=4.8422,
)  # fmt: skip
VILLEURBANNE = Place(
    text="Villeurbanne", match=PlaceMatch.COMMUNE, insee_code="69266", departement_code="69",
    region_code="84", latitude=45.7719, longitude=4.8902,
)  # fmt: skip
GRENOBLE = Place(
    text="Grenoble", match=PlaceMatch.COMMUNE, insee_code="38185", departement_code="38",
    region_code="84", latitude=45.1842, longitude=5.7155,
)  # fmt: skip
DEV = RomeCoding(code="M1805", label="Études et développement informatique", confidence=0.9)
DEV_OFFER = offer(
    title="Développeur Python H/F",
    description_text="Équipe produit, télétravail partiel.",
    place=LYON_3,
    rome=DEV,
    contract=Contract(text="CDI", type_contrat="CDI"),
)


@pytest.mark.parametrize(
    "criteria, expected",
    [
        (ThreadFilter(), True),
        (ThreadFilter(domaines=["M18"]), True),
        (ThreadFilter(domaines=["N"]), False),
        (ThreadFilter(metiers=["M1805", "M1810"]), True),
        (ThreadFilter(metiers=["M1810"]), False),
        (ThreadFilter(departements=["38", "69"]), True),
        (ThreadFilter(regions=["11"]), False),
        (ThreadFilter(types_contrat=["cdd"]), False),
        (ThreadFilter(types_contrat=["CDI"]), True),
        (ThreadFilter(keywords=["developpeur"]), True),
        (ThreadFilter(keywords=["équipe produit"]), True),
        (ThreadFilter(keywords=["java", "rust"]), False),
        (ThreadFilter(remote=True), False),
        (ThreadFilter(domaines=["M18"], departements=["38"]), False),
    ],
)
def test_filters(criteria: ThreadFilter, expected: bool) -> None:
    assert thread_matches(criteria, DEV_OFFER) is expected


def test_a_city_takes_in_its_arrondissements() -> None:
    lyon = ThreadFilter(communes=[CommuneRadius(insee_code="69123")])
    assert thread_matches(lyon, DEV_OFFER)


def test_a_radius_reaches_neighbouring_communes_only() -> None:
    around_villeurbanne = ThreadFilter(communes=[CommuneRadius(insee_code="69266", radius_km=10)])
    assert thread_matches(around_villeurbanne, DEV_OFFER)
    assert not thread_matches(around_villeurbanne, offer(place=GRENOBLE))


def test_a_commune_without_radius_is_that_commune() -> None:
    only_villeurbanne = ThreadFilter(communes=[CommuneRadius(insee_code="69266")])
    assert not thread_matches(only_villeurbanne, DEV_OFFER)
    assert thread_matches(only_villeurbanne, offer(place=VILLEURBANNE))


def test_remote_threads_take_fully_remote_offers() -> None:
    remote = offer(place=Place(text="Télétravail complet", match=PlaceMatch.REMOTE))
    assert thread_matches(ThreadFilter(remote=True), remote)


def test_an_offer_without_rome_code_is_not_in_a_metier_thread() -> None:
    assert not thread_matches(ThreadFilter(domaines=["M18"]), offer())


def test_passerelles_come_from_the_rome_mobility_links() -> None:
    related = related_metiers(["M1805"])
    assert related and "M1805" not in related
    assert all(len(code) == 5 for code in related)


def test_a_filter_refuses_codes_that_are_not_rome_codes() -> None:
    with pytest.raises(ValueError, match="ROME"):
        ThreadFilter(metiers=["developer"])


LYON_OR_GRENOBLE = offer(
    "lyon-or-grenoble",
    place=LYON_3,
    other_places=[GRENOBLE],
    rome=DEV,
    contract=Contract(text="CDI", type_contrat="CDI"),
)


def test_a_departement_thread_takes_an_offer_by_its_other_place() -> None:
    assert thread_matches(ThreadFilter(departements=["38"]), LYON_OR_GRENOBLE)


def test_a_commune_thread_takes_an_offer_by_its_other_place() -> None:
    grenoble = ThreadFilter(communes=[CommuneRadius(insee_code="38185")])
    assert thread_matches(grenoble, LYON_OR_GRENOBLE)


def test_a_thread_around_a_commune_takes_an_offer_whose_other_place_is_near() -> None:
    near_grenoble = ThreadFilter(communes=[CommuneRadius(insee_code="38421", radius_km=10)])
    assert thread_matches(near_grenoble, LYON_OR_GRENOBLE)


def test_a_thread_elsewhere_still_leaves_an_offer_of_several_places_out() -> None:
    assert not thread_matches(ThreadFilter(departements=["35"]), LYON_OR_GRENOBLE)
