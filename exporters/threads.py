"""Which community threads an offer belongs to: a thread's filter applied to one offer."""

from __future__ import annotations

import re
from collections.abc import Iterable

from normalizers.referentials import communes, rome_mobilities
from normalizers.text import fold
from schemas.offers import Offer, Place, PlaceMatch, RemoteMode
from schemas.threads import CommuneRadius, ThreadFilter
from store.search import distance_km

# Paris, Lyon and Marseille: a filter on the city takes in its arrondissements.
_CITY_OF_ARRONDISSEMENT = [("751", "75056"), ("6938", "69123"), ("132", "13055")]
_WORD = re.compile(r"[0-9A-Z]+")


def _city(insee: str) -> str:
    for prefix, city in _CITY_OF_ARRONDISSEMENT:
        if insee.startswith(prefix) and insee != city:
            return city
    return insee


def _near(place: Place, wanted: CommuneRadius) -> bool:
    """In the commune (a city takes in its arrondissements), or within the radius of its centre."""
    if place.insee_code and wanted.insee_code in (place.insee_code, _city(place.insee_code)):
        return True
    if wanted.radius_km <= 0 or place.latitude is None or place.longitude is None:
        return False
    centre = communes().get(wanted.insee_code)
    if centre is None or centre.latitude is None or centre.longitude is None:
        return False
    reach = distance_km(centre.latitude, centre.longitude, place.latitude, place.longitude)
    return reach <= wanted.radius_km


def _words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def _mentions(offer: Offer, keywords: list[str]) -> bool:
    words = _words(f"{offer.title} {offer.description_text}")
    return any(_words(keyword) <= words for keyword in keywords if _words(keyword))


def is_fully_remote(offer: Offer) -> bool:
    """No workplace to go to: the place says so, or the remote-work text does."""
    return offer.place.match == PlaceMatch.REMOTE or offer.remote.mode == RemoteMode.FULL


def thread_matches(criteria: ThreadFilter, offer: Offer) -> bool:
    """True when the offer passes every criterion the thread sets."""
    rome = offer.rome.code if offer.rome else None
    places = [offer.place, *offer.other_places]  # the offer is in each of its places
    checks = [
        not criteria.domaines or (rome is not None and rome.startswith(tuple(criteria.domaines))),
        not criteria.metiers or rome in criteria.metiers,
        not criteria.departements
        or any(place.departement_code in criteria.departements for place in places),
        not criteria.regions or any(place.region_code in criteria.regions for place in places),
        not criteria.communes
        or any(_near(place, wanted) for wanted in criteria.communes for place in places),
        not criteria.types_contrat or offer.contract.type_contrat in criteria.types_contrat,
        not criteria.keywords or _mentions(offer, criteria.keywords),
        criteria.remote is not True or is_fully_remote(offer),
    ]
    return all(checks)


def related_metiers(rome_codes: Iterable[str], limit: int = 12) -> list[str]:
    """Métiers a person doing one of these can move to (ROME "passerelles"), best first."""
    own = set(rome_codes)
    related: list[str] = []
    for code in sorted(own):
        for target in rome_mobilities().get(code, ()):
            if target not in own and target not in related:
                related.append(target)
    return related[:limit]
