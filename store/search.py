"""Searching live offers by France Travail's criteria: keywords, métier, place, contract, dates."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, Select, and_, case, func, or_, select, text, union
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, joinedload

from normalizers.referentials import communes
from schemas.offers import OfferStatus, StoredOffer
from store import fulltext, models
from store.community_search import community_conditions
from store.offers import stored_offer

EARTH_RADIUS_KM = 6371.0
UNREACHABLE_KM = 1e9
# Matches counted exactly on PostgreSQL before the total becomes an estimate: as far as
# France Travail's search pages go (items 0 to 3,149), so every page reachable is counted right.
EXACT_COUNT_LIMIT = 3_150
# How long one statement of a search may run on PostgreSQL before the database cancels it.
STATEMENT_TIMEOUT_MS = 5_000
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
    """A page of a search: `total` matches (an estimate when `total_is_exact` is False), the
    page's offers, and per facet name its (value, count) pairs."""

    total: int
    offers: list[StoredOffer]
    facets: dict[str, list[tuple[str, int]]]
    total_is_exact: bool = True


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


def _in_places(
    offer_conditions: list[ColumnElement[bool]], other_conditions: list[ColumnElement[bool]]
) -> ColumnElement[bool]:
    """The offer meets one of `offer_conditions` by its main place or one of
    `other_conditions` by another place (`offer_places`): its id is in the union of the ids each
    condition finds through its own index, however few the matches (no scan of every offer)."""
    live = models.Offer.status == OfferStatus.PUBLISHED.value
    found = union(
        *[select(models.Offer.id).where(live, condition) for condition in offer_conditions],
        *[select(models.OfferPlace.offer_id).where(condition) for condition in other_conditions],
    )
    return models.Offer.id.in_(found)


def in_communes(insee_codes: list[str]) -> ColumnElement[bool]:
    """The offer is in one of these communes, by any of its places (a whole city's code takes in
    its arrondissements)."""
    codes = with_arrondissements(insee_codes)
    return _in_places(
        [models.Offer.place_insee_code.in_(codes)], [models.OfferPlace.insee_code.in_(codes)]
    )


def in_departements(codes: list[str]) -> ColumnElement[bool]:
    """The offer is in one of these départements, by any of its places."""
    return _in_places(
        [models.Offer.place_departement_code.in_(codes)],
        [models.OfferPlace.departement_code.in_(codes)],
    )


def in_region(code: str) -> ColumnElement[bool]:
    """The offer is in this région, by any of its places."""
    return _in_places(
        [models.Offer.place_region_code == code], [models.OfferPlace.region_code == code]
    )


def _box(point: Around, latitude: Any, longitude: Any) -> ColumnElement[bool]:
    """A bounding box around the point that the coordinates' index serves (degrees of latitude
    are 111 km; degrees of longitude shrink with the cosine of the latitude)."""
    dlat = point.radius_km / 111.0
    dlon = point.radius_km / max(1e-6, 111.0 * math.cos(math.radians(point.latitude)))
    return and_(
        latitude.between(point.latitude - dlat, point.latitude + dlat),
        longitude.between(point.longitude - dlon, point.longitude + dlon),
    )


def distance_sql(point: Around, latitude: Any, longitude: Any) -> ColumnElement[float]:
    """Great-circle distance in km from the point to the coordinates, in SQL (the haversine
    formula, as `distance_km`); NULL when the coordinates are."""
    half_dlat = func.radians(latitude - point.latitude) / 2
    half_dlon = func.radians(longitude - point.longitude) / 2
    a = func.sin(half_dlat) * func.sin(half_dlat) + math.cos(
        math.radians(point.latitude)
    ) * func.cos(func.radians(latitude)) * func.sin(half_dlon) * func.sin(half_dlon)
    return 2 * EARTH_RADIUS_KM * func.asin(func.sqrt(a))


def _within(point: Around, latitude: Any, longitude: Any) -> ColumnElement[bool]:
    return and_(
        _box(point, latitude, longitude),
        distance_sql(point, latitude, longitude) <= point.radius_km,
    )


def keyword_condition(dialect: str, keywords: list[str]) -> ColumnElement[bool]:
    """Every keyword is in the offer's title, company, place names or description, accents,
    case and French endings forgiven (`store.fulltext`); a keyword with no letter or digit is
    in no offer."""
    return fulltext.matches(dialect, keywords, models.Offer.id)


def _conditions(
    query: OfferQuery, dialect: str, driving: str | None = None
) -> list[ColumnElement[bool]]:
    """The query's conditions; `driving` (`_driving_places`'s name) left out, with the live
    status, when a page is found through that place filter's own ids."""
    offer = models.Offer
    where: list[ColumnElement[bool]] = [offer.status == OfferStatus.PUBLISHED.value]
    if query.keywords:
        where.append(keyword_condition(dialect, query.keywords))
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
    if query.departements and driving != "departements":
        where.append(in_departements(query.departements))
    if query.region and driving != "region":
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
    if (query.communes or query.around) and driving != "near":
        where.append(_near(query))
    if driving is not None:
        where.pop(0)  # the live status: each branch of the place filter has it
    return where


def _near_conditions(
    query: OfferQuery,
) -> tuple[list[ColumnElement[bool]], list[ColumnElement[bool]]]:
    """`_near`'s conditions: on the offer's main place, on its other places."""
    offer, other = models.Offer, models.OfferPlace
    mine: list[ColumnElement[bool]] = []
    theirs: list[ColumnElement[bool]] = []
    if query.communes:
        codes = with_arrondissements(query.communes)
        mine.append(offer.place_insee_code.in_(codes))
        theirs.append(other.insee_code.in_(codes))
    for point in query.around:
        mine.append(_within(point, offer.place_latitude, offer.place_longitude))
        theirs.append(_within(point, other.latitude, other.longitude))
    return mine, theirs


def _driving_places(
    query: OfferQuery,
) -> tuple[str, list[ColumnElement[bool]], list[ColumnElement[bool]]] | None:
    """The place filter a page is found through (communes and radius, else départements, else
    région): its name and its conditions on the main place and on other places; None without
    one."""
    offer, other = models.Offer, models.OfferPlace
    if query.communes or query.around:
        return ("near", *_near_conditions(query))
    if query.departements:
        codes = query.departements
        return (
            "departements",
            [offer.place_departement_code.in_(codes)],
            [other.departement_code.in_(codes)],
        )
    if query.region:
        region = query.region
        return ("region", [offer.place_region_code == region], [other.region_code == region])
    return None


def _placed_ids(
    offer_conditions: list[ColumnElement[bool]], other_conditions: list[ColumnElement[bool]]
) -> Any:
    """The live offers meeting one of the conditions (`_in_places`), as a subquery of their
    `id` and `created` (`created_at`): on PostgreSQL each branch is an index-only scan of a
    live place index, which includes the dates (revision 0027), so that a page of them is
    sorted from the index alone, not from a read of each match's row."""
    offer, other = models.Offer, models.OfferPlace
    live = offer.status == OfferStatus.PUBLISHED.value
    return union(
        *[
            select(offer.id.label("id"), created_at().label("created")).where(live, condition)
            for condition in offer_conditions
        ],
        *[
            select(other.offer_id.label("id"), created_at().label("created"))
            .join(offer, offer.id == other.offer_id)
            .where(live, condition)
            for condition in other_conditions
        ],
    ).subquery("placed")


def _near(query: OfferQuery) -> ColumnElement[bool]:
    """In one of the communes, or within reach of one of the points, by any of its places."""
    return _in_places(*_near_conditions(query))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _least(dialect: str, values: list[ColumnElement[float]]) -> ColumnElement[float]:
    """The smallest of the values (NULL ones count as unreachable)."""
    known = [func.coalesce(value, UNREACHABLE_KM) for value in values]
    if len(known) == 1:
        return known[0]
    return func.least(*known) if dialect == "postgresql" else func.min(*known)


def _nearest_km(query: OfferQuery, dialect: str) -> ColumnElement[float]:
    """Distance from the offer's nearest place within reach to the nearest searched point
    (0 in a searched commune), for sort=2."""
    offer, other = models.Offer, models.OfferPlace
    candidates: list[ColumnElement[float]] = []
    if query.communes:
        codes = with_arrondissements(query.communes)
        candidates.append(case((offer.place_insee_code.in_(codes), 0.0), else_=None))
        candidates.append(
            select(func.min(0.0))
            .where(other.offer_id == offer.id, other.insee_code.in_(codes))
            .scalar_subquery()
        )
    for point in query.around:
        main = distance_sql(point, offer.place_latitude, offer.place_longitude)
        candidates.append(case((main <= point.radius_km, main), else_=None))
        theirs = distance_sql(point, other.latitude, other.longitude)
        candidates.append(
            select(func.min(theirs))
            .where(
                other.offer_id == offer.id,
                _box(point, other.latitude, other.longitude),
                theirs <= point.radius_km,
            )
            .scalar_subquery()
        )
    return _least(dialect, candidates)


FACETS: dict[str, Any] = {
    "typeContrat": models.Offer.contract_type_contrat,
    "experience": _EXPERIENCE_LEVEL,
    "natureContrat": models.Offer.contract_nature,
}


def search(session: Session, query: OfferQuery, start: int, end: int) -> SearchResult:
    """Offers matching the query, newest first (or nearest first), items start..end inclusive
    (0-based), with their count and the count of each value of `FACETS` among them.

    Two statements, three when the matches are many: the page (an index walk), then the count
    and the facets in one pass. On PostgreSQL the pass stops at `EXACT_COUNT_LIMIT` matches;
    beyond, the total is the planner's estimate (never below the limit) and the facets are those
    of the first `EXACT_COUNT_LIMIT` matches the indexes give (not always the newest: ordering
    a keyword's matches would read every match) scaled to it, and `total_is_exact` is False;
    such a rough answer is given again to the same query for `ROUGH_SECONDS`. Each statement
    may run `STATEMENT_TIMEOUT_MS` on PostgreSQL; past it, `SearchTimeout`.
    """
    dialect = session.get_bind().dialect.name
    with time_limited(session):
        page = _page(session, query, dialect, start, end)
        total, facets, exact = _count_and_facets(session, query, dialect)
    return SearchResult(
        total=total,
        offers=[stored_offer(row) for row in page],
        facets=facets,
        total_is_exact=exact,
    )


@dataclass(frozen=True)
class RowsResult:
    """A page of a search as rows of the columns asked for (`search_rows`), with the same
    `total`, `facets` and `total_is_exact` as `SearchResult`."""

    total: int
    rows: list[RowMapping]
    facets: dict[str, list[tuple[str, int]]]
    total_is_exact: bool = True


def search_rows(
    session: Session, query: OfferQuery, start: int, end: int, columns: Sequence[str]
) -> RowsResult:
    """`search`, its page read as rows of the offer's `id` and these `offers` columns (by name)
    only, with no offer object built: for answers made straight from the columns, such as
    France Travail's (`offers.ft_document`). Same order, count, facets and time limit as
    `search`; an unknown column name is a KeyError. The statements run on the session's
    connection, without the ORM's layer (nothing here is an ORM object)."""
    dialect = session.get_bind().dialect.name
    table = models.Offer.__table__.c
    where = _conditions(query, dialect)
    with time_limited(session):
        connection = session.connection()
        statement = _page_statement(
            query, dialect, where, start, end, [table[name] for name in columns]
        )
        rows = list(connection.execute(statement).mappings().all())
        total, facets, exact = _count_and_facets(connection, query, dialect, where)
    return RowsResult(total=total, rows=rows, facets=facets, total_is_exact=exact)


class SearchTimeout(Exception):
    """The search took longer than `STATEMENT_TIMEOUT_MS`: the database cancelled it."""


def time_limit_values() -> dict[str, str]:
    """The settings of a search's transaction on PostgreSQL (`time_limited`): name → value."""
    return {"statement_timeout": str(STATEMENT_TIMEOUT_MS), "jit": "off", "enable_seqscan": "off"}


_TIME_LIMITED = "relais_search_time_limited"


def time_limit_settings() -> tuple[ColumnElement[Any], ...]:
    """`time_limit_values` as `set_config(name, value, true)` expressions: selected in the
    transaction's first statement (`store.access.client_id_for_token`), they give the rest of
    the transaction a search's settings without a round trip of their own; then call
    `mark_time_limited`, and `time_limited` sets nothing again. PostgreSQL only; the same
    expressions at each call while the settings stay (statements built from them are built
    once)."""
    return _settings_expressions(tuple(time_limit_values().items()))


@cache
def _settings_expressions(values: tuple[tuple[str, str], ...]) -> tuple[ColumnElement[Any], ...]:
    return tuple(func.set_config(name, value, True) for name, value in values)


def mark_time_limited(session: Session) -> None:
    """The session's current transaction has the settings of `time_limit_settings`."""
    session.info[_TIME_LIMITED] = session.get_transaction()


@contextmanager
def time_limited(session: Session) -> Iterator[None]:
    """On PostgreSQL, every statement of the block (and of the rest of the session's transaction:
    `SET LOCAL`) may run `STATEMENT_TIMEOUT_MS` milliseconds, without JIT (compiling a plan costs
    more than these index walks take) and with sequential scans ruled out while an index serves
    (a capped pass, `LIMIT EXACT_COUNT_LIMIT`, looks cheap to scan for when the planner expects
    many matches: a keyword's scan then reads every row's search vector until it has found
    them); a statement cancelled for the time limit raises `SearchTimeout`.
    SQLite has no statement timeout: the block runs as is. Nothing is set when the
    transaction has the settings already (`mark_time_limited`)."""
    transaction = session.get_transaction()
    already = transaction is not None and session.info.get(_TIME_LIMITED) is transaction
    if session.get_bind().dialect.name == "postgresql" and not already:
        settings = time_limit_values().items()
        session.execute(text("; ".join(f"SET LOCAL {name} = {value}" for name, value in settings)))
        mark_time_limited(session)
    try:
        yield
    except OperationalError as error:
        if _is_timeout(error):
            raise SearchTimeout from error
        raise


def _is_timeout(error: OperationalError) -> bool:
    return getattr(error.orig, "sqlstate", None) == "57014"  # query_canceled


def page_statement(
    query: OfferQuery,
    dialect: str,
    start: int,
    end: int,
    columns: Sequence[ColumnElement[Any]] | None = None,
) -> Select[Any]:
    """The statement of a page of the search: offers start..end, newest (or nearest) first.

    The page's ids are found first (on PostgreSQL an index-only walk of `ix_offers_live_newest`
    when the filters allow), then only those offers are read: whole, as `models.Offer` with its
    source, or, given `columns`, as rows of the offers' id and these columns."""
    return _page_statement(query, dialect, _conditions(query, dialect), start, end, columns)


def _page_statement(
    query: OfferQuery,
    dialect: str,
    where: list[ColumnElement[bool]],
    start: int,
    end: int,
    columns: Sequence[ColumnElement[Any]] | None = None,
) -> Select[Any]:
    """`page_statement`, the query's conditions (`_conditions`) given."""
    order: list[Any] = [created_at().desc(), models.Offer.id.desc()]
    by_distance = query.sort_by_distance and (query.around or query.communes)
    driving = None if by_distance else _driving_places(query)
    if by_distance:
        order.insert(0, _nearest_km(query, dialect))
    if driving is not None:
        # The page's ids sorted among the place filter's own (id, date) pairs, read from its
        # indexes; the offers' rows are read only to test the other conditions, newest first.
        name, mine, theirs = driving
        # Sorted in a subquery of its own: PostgreSQL then tests the other conditions on the
        # newest first and stops at the page's end (it does not sort a join's side itself).
        union_ = _placed_ids(mine, theirs)
        placed = (
            select(union_.c.id, union_.c.created)
            .order_by(union_.c.created.desc(), union_.c.id.desc())
            .subquery("newest")
        )
        others = _conditions(query, dialect, driving=name)
        found = select(placed.c.id)
        if others:
            found = found.join(models.Offer, models.Offer.id == placed.c.id).where(*others)
        ids = (
            found.order_by(placed.c.created.desc(), placed.c.id.desc())
            .offset(start)
            .limit(end - start + 1)
            .subquery()
        )
    else:
        ids = (
            select(models.Offer.id)
            .where(*where)
            .order_by(*order)
            .offset(start)
            .limit(end - start + 1)
            .subquery()
        )
    if columns is not None:
        offer = models.Offer
        return select(offer.id, *columns).join(ids, offer.id == ids.c.id).order_by(*order)
    return (
        select(models.Offer)
        .join(ids, models.Offer.id == ids.c.id)
        .options(joinedload(models.Offer.source))
        .order_by(*order)
    )


def _page(
    session: Session, query: OfferQuery, dialect: str, start: int, end: int
) -> list[models.Offer]:
    return list(session.scalars(page_statement(query, dialect, start, end)))


def facets_statement(
    query: OfferQuery, dialect: str, where: list[ColumnElement[bool]] | None = None
) -> Select[Any]:
    """The count and facets' pass: matches grouped by every facet at once, with their number;
    on PostgreSQL over the first `EXACT_COUNT_LIMIT` matches only. `where`: the query's
    conditions (`_conditions`), when the caller has them already."""
    if where is None:
        where = _conditions(query, dialect)
    matching = select(*[column.label(name) for name, column in FACETS.items()]).where(*where)
    if dialect == "postgresql":
        matching = matching.limit(EXACT_COUNT_LIMIT)
    rows = matching.subquery()
    return select(*rows.c, func.count()).group_by(*rows.c)


# The rough answers (`_count_and_facets` past `EXACT_COUNT_LIMIT` matches: an estimated
# total, facets scaled from a sample), by database and query, with when each was made: one is
# given again for `ROUGH_SECONDS`, at most `ROUGH_KEPT` of them (the oldest go first).
# Exact counts are never kept: they are made at each request.
ROUGH_SECONDS = 30.0
ROUGH_KEPT = 1024
Counted = tuple[int, dict[str, list[tuple[str, int]]], bool]
_rough: OrderedDict[tuple[Any, str], tuple[float, Counted]] = OrderedDict()
_rough_lock = threading.Lock()


def _count_and_facets(
    connection: Connection | Session,
    query: OfferQuery,
    dialect: str,
    where: list[ColumnElement[bool]] | None = None,
) -> Counted:
    """The number of matches and the facets, from one pass (`facets_statement`); past
    `EXACT_COUNT_LIMIT` matches on PostgreSQL, the rough answer made for the same query less
    than `ROUGH_SECONDS` ago, if any (a popular search's pages then cost a page each)."""
    bind = connection.get_bind() if isinstance(connection, Session) else connection
    key = (bind.engine.url, repr(query))
    now = time.monotonic()
    if dialect == "postgresql":
        with _rough_lock:
            kept = _rough.get(key)
        if kept is not None and now - kept[0] < ROUGH_SECONDS and kept[1][0] >= EXACT_COUNT_LIMIT:
            return kept[1]
    if where is None:
        where = _conditions(query, dialect)
    groups = connection.execute(facets_statement(query, dialect, where)).all()
    counted = sum(row[-1] for row in groups)
    total, exact = counted, True
    if dialect == "postgresql" and counted >= EXACT_COUNT_LIMIT:
        total, exact = max(counted, _estimate(connection, where)), False
    scale = total / counted if counted else 0.0
    facets: dict[str, list[tuple[str, int]]] = {}
    for position, name in enumerate(FACETS):
        counts: dict[str, int] = {}
        for row in groups:
            if row[position] is not None:
                counts[str(row[position])] = counts.get(str(row[position]), 0) + row[-1]
        facets[name] = [(value, round(n * scale)) for value, n in sorted(counts.items())]
    if not exact:
        with _rough_lock:
            _rough[key] = (now, (total, facets, exact))
            _rough.move_to_end(key)
            while len(_rough) > ROUGH_KEPT:
                _rough.popitem(last=False)
    return total, facets, exact


def _estimate(connection: Connection | Session, where: list[ColumnElement[bool]]) -> int:
    """PostgreSQL's estimate of the number of matches (EXPLAIN, nothing read)."""
    bind = connection.get_bind() if isinstance(connection, Session) else connection
    statement = select(models.Offer.id).where(*where)
    compiled = statement.compile(dialect=bind.dialect, compile_kwargs={"render_postcompile": True})
    runner = connection.connection() if isinstance(connection, Session) else connection
    plan = runner.exec_driver_sql(
        "EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params
    ).scalar_one()
    return int(plan[0]["Plan"]["Plan Rows"])
