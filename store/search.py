"""Searching live offers by France Travail's criteria: keywords, métier, place, contract, dates."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from normalizers.referentials import communes
from schemas.offers import OfferStatus, StoredOffer
from store import models
from store.community_search import community_conditions
from store.offers import stored_offer

EARTH_RADIUS_KM = 6371.0
# Paris, Lyon and Marseille: the whole commune's INSEE code, and the prefix of its arrondissements'.
CITY_ARRONDISSEMENTS = {"75056": "751", "69123": "6938", "13055": "132"}


@dataclass(frozen=True)
class Around:
    """Offers within `radius_km` of a point (a commune's centre)."""

    latitude: float
    longitude: float
    radius_km: float


@dataclass(frozen=True)
class OfferQuery:
    """Criteria of a search; every list is "any of", and criteria add up."""

    keywords: list[str] = field(default_factory=list)
    rome_codes: list[str] = field(default_factory=list)
    appellation_codes: list[str] = field(default_factory=list)
    domaine: str | None = None  # a domaine professionnel, e.g. "M18"
    grand_domaine: str | None = None  # "A" … "N"
    communes: list[str] = field(default_factory=list)  # exact INSEE codes
    around: list[Around] = field(default_factory=list)  # or near one of these points
    departements: list[str] = field(default_factory=list)
    region: str | None = None
    types_contrat: list[str] = field(default_factory=list)
    natures_contrat: list[str] = field(default_factory=list)
    full_time: bool | None = None
    experience: int | None = None  # 1: under a year, 2: one to three years, 3: more
    created_after: datetime | None = None
    created_before: datetime | None = None
    sort_by_distance: bool = False
    thread_id: int | None = None  # published in this community thread
    remote: str | None = None  # store.community_search.REMOTE_FULL or REMOTE_SOME


@dataclass(frozen=True)
class SearchResult:
    total: int
    offers: list[StoredOffer]
    facets: dict[str, list[tuple[str, int]]]


def created_at() -> ColumnElement[datetime]:
    """When an offer was created, as a reader sees it: posted at its source, else first seen."""
    return func.coalesce(models.Offer.posted_at, models.Offer.first_seen_at)


_MONTHS = models.Offer.experience_months
EXPERIENCE_LEVELS: dict[int, ColumnElement[bool]] = {
    1: or_(_MONTHS < 12, and_(_MONTHS.is_(None), models.Offer.experience_requirement == "D")),
    2: _MONTHS.between(12, 36),
    3: _MONTHS > 36,
}
_EXPERIENCE_LEVEL = case(
    (_MONTHS < 12, "1"),
    (_MONTHS <= 36, "2"),
    (_MONTHS > 36, "3"),
    (models.Offer.experience_requirement == "D", "1"),
    else_=None,
)


def with_arrondissements(insee_codes: list[str]) -> list[str]:
    """The codes, with the arrondissements of Paris, Lyon and Marseille when the whole commune is
    among them (69123 → 69123, 69381 … 69389), as France Travail's search does."""
    codes = list(dict.fromkeys(insee_codes))
    for city in CITY_ARRONDISSEMENTS:
        if city in codes:
            codes.extend(_arrondissements(city))
    return codes


@cache
def _arrondissements(city: str) -> tuple[str, ...]:
    prefix = CITY_ARRONDISSEMENTS[city]
    return tuple(sorted(c for c in communes() if c.startswith(prefix) and c != city))


def _in_other_places(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """The offer has another place (`offer_places`) meeting the conditions."""
    other = models.OfferPlace
    return exists().where(other.offer_id == models.Offer.id, *conditions)


def in_communes(insee_codes: list[str]) -> ColumnElement[bool]:
    """The offer is in one of these communes, by any of its places (a whole city's code takes in
    its arrondissements)."""
    codes = with_arrondissements(insee_codes)
    return or_(
        models.Offer.place_insee_code.in_(codes),
        _in_other_places(models.OfferPlace.insee_code.in_(codes)),
    )


def in_departements(codes: list[str]) -> ColumnElement[bool]:
    """The offer is in one of these départements, by any of its places."""
    return or_(
        models.Offer.place_departement_code.in_(codes),
        _in_other_places(models.OfferPlace.departement_code.in_(codes)),
    )


def in_region(code: str) -> ColumnElement[bool]:
    """The offer is in this région, by any of its places."""
    return or_(
        models.Offer.place_region_code == code,
        _in_other_places(models.OfferPlace.region_code == code),
    )


def _like_any(columns: list[Any], words: list[str]) -> ColumnElement[bool]:
    """Every keyword appears in one of the columns (case-insensitive); `%` and `_` in a
    keyword are the characters themselves, not LIKE wildcards."""
    return and_(
        *[
            or_(*[func.lower(column).contains(word.lower(), autoescape=True) for column in columns])
            for word in words
        ]
    )


def _conditions(query: OfferQuery) -> list[ColumnElement[bool]]:
    offer = models.Offer
    where: list[ColumnElement[bool]] = [offer.status == OfferStatus.PUBLISHED.value]
    if query.keywords:
        where.append(
            _like_any([offer.title, offer.description_text, offer.company_name], query.keywords)
        )
    if query.rome_codes:
        where.append(offer.rome_code.in_(query.rome_codes))
    if query.appellation_codes:
        where.append(offer.rome_appellation_code.in_(query.appellation_codes))
    # A thread, remote work: the community pages' own criteria.
    where.extend(community_conditions(query.thread_id, query.remote))
    if query.domaine:
        where.append(offer.rome_code.startswith(query.domaine))
    if query.grand_domaine:
        where.append(offer.rome_code.startswith(query.grand_domaine))
    if query.departements:
        where.append(in_departements(query.departements))
    if query.region:
        where.append(in_region(query.region))
    if query.types_contrat:
        where.append(offer.contract_type_contrat.in_(query.types_contrat))
    if query.natures_contrat:
        where.append(offer.contract_nature.in_(query.natures_contrat))
    if query.full_time is not None:
        where.append(offer.contract_full_time.is_(query.full_time))
    if query.experience is not None:
        where.append(EXPERIENCE_LEVELS[query.experience])
    if query.created_after:
        where.append(created_at() >= query.created_after)
    if query.created_before:
        where.append(created_at() <= query.created_before)
    places: list[ColumnElement[bool]] = []
    if query.communes:
        places.append(in_communes(query.communes))
    other = models.OfferPlace
    for point in query.around:
        # A bounding box the database can use; the exact distance is checked afterwards.
        dlat = point.radius_km / 111.0
        dlon = point.radius_km / max(1e-6, 111.0 * math.cos(math.radians(point.latitude)))
        latitudes = (point.latitude - dlat, point.latitude + dlat)
        longitudes = (point.longitude - dlon, point.longitude + dlon)
        places.append(
            or_(
                and_(
                    offer.place_latitude.between(*latitudes),
                    offer.place_longitude.between(*longitudes),
                ),
                _in_other_places(
                    other.latitude.between(*latitudes), other.longitude.between(*longitudes)
                ),
            )
        )
    if places:
        where.append(or_(*places))
    return where


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _nearest(
    query: OfferQuery, communes: set[str], insee: str | None, lat: float | None, lon: float | None
) -> float:
    """Distance to the nearest searched place, or infinity when the offer is not within reach."""
    if insee is not None and insee in communes:
        return 0.0
    if lat is None or lon is None:
        return math.inf
    reach = [
        d
        for point in query.around
        if (d := distance_km(point.latitude, point.longitude, lat, lon)) <= point.radius_km
    ]
    return min(reach, default=math.inf)


FACETS: dict[str, Any] = {
    "typeContrat": models.Offer.contract_type_contrat,
    "experience": _EXPERIENCE_LEVEL,
    "natureContrat": models.Offer.contract_nature,
}


def search(session: Session, query: OfferQuery, start: int, end: int) -> SearchResult:
    """Offers matching the query, newest first (or nearest first), items start..end inclusive."""
    where = _conditions(query)
    if query.around:
        # Exact distances are computed here, so the whole candidate list is read (ids and points).
        candidates = session.execute(
            select(
                models.Offer.id,
                models.Offer.place_insee_code,
                models.Offer.place_latitude,
                models.Offer.place_longitude,
            )
            .where(*where)
            .order_by(created_at().desc(), models.Offer.id.desc())
        ).all()
        communes = set(with_arrondissements(query.communes))
        points: dict[int, list[tuple[Any, Any, Any]]] = {row[0]: [row[1:]] for row in candidates}
        for offer_id, insee, latitude, longitude in _other_points(session, list(points)):
            points[offer_id].append((insee, latitude, longitude))
        kept = [
            (offer_id, min(_nearest(query, communes, *point) for point in offer_points))
            for offer_id, offer_points in points.items()
        ]
        kept = [(offer_id, d) for offer_id, d in kept if d != math.inf]
        if query.sort_by_distance:
            kept.sort(key=lambda pair: pair[1])
        ids = [offer_id for offer_id, _ in kept]
        total, page_ids = len(ids), ids[start : end + 1]
        rows = {
            row.id: row
            for row in session.scalars(select(models.Offer).where(models.Offer.id.in_(page_ids)))
        }
        page = [rows[i] for i in page_ids]
        facet_filter = models.Offer.id.in_(ids)
        facets = {
            name: _facet(session, select(column, func.count()).where(facet_filter), column)
            for name, column in FACETS.items()
        }
    else:
        total = session.scalar(select(func.count()).select_from(models.Offer).where(*where)) or 0
        page = list(
            session.scalars(
                select(models.Offer)
                .where(*where)
                .order_by(created_at().desc(), models.Offer.id.desc())
                .offset(start)
                .limit(end - start + 1)
            )
        )
        facets = {
            name: _facet(session, select(column, func.count()).where(*where), column)
            for name, column in FACETS.items()
        }
    return SearchResult(total=total, offers=[stored_offer(row) for row in page], facets=facets)


def _other_points(session: Session, offer_ids: list[int]) -> list[Any]:
    """(offer id, INSEE code, latitude, longitude) of the other places of these offers."""
    other = models.OfferPlace
    rows: list[Any] = []
    for start in range(0, len(offer_ids), 500):
        rows.extend(
            session.execute(
                select(other.offer_id, other.insee_code, other.latitude, other.longitude).where(
                    other.offer_id.in_(offer_ids[start : start + 500])
                )
            ).all()
        )
    return rows


def _facet(session: Session, statement: Any, column: Any) -> list[tuple[str, int]]:
    rows = session.execute(statement.where(column.is_not(None)).group_by(column).order_by(column))
    return [(str(value), int(count)) for value, count in rows]
