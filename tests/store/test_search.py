"""Searching offers, on SQLite and PostgreSQL alike: by keywords (accents, case and French endings
forgiven, through each database's full-text index), by place in each of the offer's places, and
with few statements whatever the number of offers."""

from __future__ import annotations

import os
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import MetaData, event, insert, select

from schemas.offers import Offer, Place, PlaceMatch
from store import migrate
from store.copies import upsert_offer
from store.db import engine_for, session_scope
from store.offers import get_offer
from store.search import (
    Around,
    OfferQuery,
    SearchTimeout,
    mark_time_limited,
    search,
    time_limit_settings,
    time_limited,
)
from store.sources import SourceNotFound, get_source
from tests.conftest import TEMPLATES
from tests.store.factories import offer, offer_row, register, source_row


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


def _developer_and_baker() -> None:
    _store(
        offer("dev", title="Développeur Python H/F", place=BORDEAUX),
        offer("baker", title="Boulanger", description_text="Pains et viennoiseries.", place=NANTES),
    )


@pytest.mark.parametrize("keyword", ["developpeur", "développeurs", "DEVELOPPEUR", "Développeur"])
def test_a_keyword_finds_its_word_whatever_the_accents_case_and_ending(
    database: str, keyword: str
) -> None:
    _developer_and_baker()
    assert _found(OfferQuery(keywords=[keyword])) == ["dev"]


@pytest.mark.parametrize(
    ("keyword", "title"),
    [
        ("vendeuse", "Vendeur H/F"),
        ("vendeur", "Vendeuse en boulangerie"),
        ("conducteur", "Conductrice de bus"),
        ("infirmier", "Infirmière de nuit"),
        ("boulangère", "Boulanger"),
        ("techniciennes", "Technicien de maintenance"),
        ("développeurs", "Développeuse Java F/H"),
    ],
)
def test_a_job_name_finds_the_offers_of_either_gender(
    database: str, keyword: str, title: str
) -> None:
    _store(offer("job", title=title), offer("other", title="Comptable"))
    assert _found(OfferQuery(keywords=[keyword])) == ["job"]


def test_a_keyword_finds_a_word_of_the_description(database: str) -> None:
    _developer_and_baker()
    assert _found(OfferQuery(keywords=["viennoiserie"])) == ["baker"]


def test_a_keyword_finds_the_company(database: str) -> None:
    _store(offer("dev", company_name="Fromagerie Éluère"), offer("other", company_name="Acme"))
    assert _found(OfferQuery(keywords=["eluere"])) == ["dev"]


def test_a_keyword_finds_the_place_name(database: str) -> None:
    nantes = NANTES.model_copy(update={"commune_name": "Nantes"})
    _store(offer("nantes", place=nantes), offer("bordeaux", place=BORDEAUX))
    assert _found(OfferQuery(keywords=["nantes"])) == ["nantes"]


def test_every_keyword_must_be_found(database: str) -> None:
    _store(
        offer("py", title="Développeur Python"),
        offer("java", title="Développeur Java", posted_at=datetime(2026, 11, 21, tzinfo=UTC)),
    )
    assert _found(OfferQuery(keywords=["développeurs", "python"])) == ["py"]


def test_a_changed_title_is_searched_by_its_new_words(database: str) -> None:
    _store(offer("job", title="Boulanger"))
    _store(offer("job", title="Pâtissier"))
    assert (
        _found(OfferQuery(keywords=["boulanger"])),
        _found(OfferQuery(keywords=["patissier"])),
    ) == ([], ["job"])


def test_keyword_search_reads_the_full_text_index(database: str) -> None:
    _developer_and_baker()
    statements = _statements_of(OfferQuery(keywords=["développeur"]))
    index = "offers_fts" if database.startswith("sqlite") else "search_vector @@"
    assert all("lower(" not in s and "LIKE" not in s for s in statements)
    assert any(index in s for s in statements)


def _statements_of(query: OfferQuery) -> list[str]:
    return [statement for statement, _ in _recorded(query)]


def _recorded(query: OfferQuery) -> list[tuple[str, Any]]:
    """The statements a search runs, with their parameters (but the statement timeout)."""
    seen: list[tuple[str, Any]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    engine = engine_for(_url())
    event.listen(engine, "before_cursor_execute", record)
    try:
        with session_scope() as session:
            search(session, query, 0, 149)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return [(s, p) for s, p in seen if not s.startswith("SET LOCAL")]


def _url() -> str:
    return os.environ["RELAIS_DATABASE_URL"]


def test_a_search_runs_two_statements_however_many_offers_match(database: str) -> None:
    _store(*[offer(f"job-{n}", place=BORDEAUX if n % 2 else TOULOUSE) for n in range(30)])
    query = OfferQuery(around=[Around(44.8624, -0.5848, 20)], communes=["33063"])
    assert len(_statements_of(query)) == 2


def test_a_radius_keeps_offers_within_it_not_in_the_corners_of_its_box(database: str) -> None:
    # 10 km north-east of Bordeaux's centre on both axes: inside the 10 km box, 14 km away.
    corner = _place("33999", "33", "75", 44.8624 + 0.09, -0.5848 + 0.127)
    _store(offer("corner", place=corner), offer("centre", place=BORDEAUX))
    assert _found(OfferQuery(around=[Around(44.8624, -0.5848, 10)])) == ["centre"]


def test_offers_sorted_by_distance_come_nearest_first(database: str) -> None:
    near = _place("33281", "33", "75", 44.80, -0.60)
    _store(
        offer("near", place=near, posted_at=datetime(2026, 11, 1, tzinfo=UTC)),
        offer("far", place=_place("33522", "33", "75", 44.95, -0.40)),
        offer("here", place=BORDEAUX, posted_at=datetime(2026, 10, 1, tzinfo=UTC)),
    )
    query = OfferQuery(
        communes=["33063"], around=[Around(44.8624, -0.5848, 30)], sort_by_distance=True
    )
    assert _found(query) == ["here", "near", "far"]


def test_a_page_of_live_offers_is_found_by_a_walk_of_the_index_newest_first(database: str) -> None:
    if database.startswith("sqlite"):
        pytest.skip("SQLite's planner has no switch to rule a sort out; PostgreSQL's has")
    _store(offer("one"), offer("two"))
    page_statement, parameters = _recorded(OfferQuery(types_contrat=["CDI"]))[0]
    with engine_for(_url()).connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM ANALYZE offers"  # as autovacuum leaves a table: its pages known all-visible
        )
        connection.exec_driver_sql("SET enable_sort = off")
        connection.exec_driver_sql("SET enable_seqscan = off")
        plan = " ".join(
            row[0] for row in connection.exec_driver_sql("EXPLAIN " + page_statement, parameters)
        )
    # The page's ids come in order from the index; only the page itself is sorted again.
    assert "using ix_offers_live_newest" in plan and plan.count("Sort Key") == 1


def _plans(query: OfferQuery) -> str:
    """The plans of the search's statements, as PostgreSQL makes them inside a search
    (`time_limited`'s settings), once the offers' table is analyzed."""
    recorded = _recorded(query)
    with engine_for(_url()).connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM ANALYZE offers"
        )
    with session_scope() as session, time_limited(session):
        connection = session.connection()
        return " ".join(
            row[0]
            for statement, parameters in recorded
            for row in connection.exec_driver_sql("EXPLAIN " + statement, parameters)
        )


@pytest.mark.parametrize(
    "query",
    [OfferQuery(keywords=["développeur"]), OfferQuery(communes=["33063"])],
    ids=["keywords", "commune"],
)
def test_no_statement_of_a_search_reads_every_offer(database: str, query: OfferQuery) -> None:
    if database.startswith("sqlite"):
        pytest.skip("SQLite's planner has no switch to rule a scan out; PostgreSQL's has")
    _store(*[offer(f"job-{n}", place=BORDEAUX if n % 2 else TOULOUSE) for n in range(20)])
    assert "Seq Scan on offers" not in _plans(query)


def test_a_search_by_commune_finds_the_ids_from_the_place_index_alone(database: str) -> None:
    if database.startswith("sqlite"):
        pytest.skip("SQLite's indexes hold their rows' ids: any index of the commune serves")
    _store(*[offer(f"job-{n}", place=BORDEAUX if n % 2 else TOULOUSE) for n in range(20)])
    plans = _plans(OfferQuery(communes=["33063"]))
    assert "Index Only Scan using ix_offers_live_place_insee_code" in plans


def test_a_count_past_the_exact_limit_is_an_estimate_on_postgresql(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("store.search.EXACT_COUNT_LIMIT", 3)
    _store(*[offer(f"job-{n}", place=BORDEAUX) for n in range(5)])
    with session_scope() as session:
        result = search(session, OfferQuery(), 0, 1)
    if database.startswith("sqlite"):
        assert (result.total, result.total_is_exact) == (5, True)  # SQLite counts them all
    else:
        assert result.total >= 3 and not result.total_is_exact


def test_a_deeper_page_of_a_rough_count_runs_the_page_statement_only(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if database.startswith("sqlite"):
        pytest.skip("SQLite counts every match: no rough answer to give again")
    monkeypatch.setattr("store.search.EXACT_COUNT_LIMIT", 3)
    monkeypatch.setattr("store.search._rough", OrderedDict())
    _store(*[offer(f"job-{n}", place=BORDEAUX) for n in range(8)])
    query = OfferQuery(communes=["33063"])
    with session_scope() as session:
        search(session, query, 0, 1)  # counted roughly, kept
    seen: list[str] = []
    engine = engine_for(_url())
    listener = lambda *args: seen.append(args[2])  # noqa: E731 - (conn, cursor, statement, …)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with session_scope() as session:
            deeper = search(session, query, 4, 5)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert not deeper.total_is_exact
    assert len([s for s in seen if s.lstrip().upper().startswith("SELECT")]) == 1


def test_a_search_held_past_its_time_limit_is_cancelled(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if database.startswith("sqlite"):
        pytest.skip("SQLite has no statement timeout; its writers never block readers (WAL)")
    monkeypatch.setattr("store.search.STATEMENT_TIMEOUT_MS", 200)
    _store(offer("one"))
    with engine_for(_url()).connect() as holder:
        holder.exec_driver_sql("LOCK TABLE offers IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(SearchTimeout), session_scope() as session:
            search(session, OfferQuery(), 0, 9)
        holder.rollback()


def test_settings_made_in_the_first_statement_hold_the_search_to_its_time_limit(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The API selects the search's settings with its token check (`time_limit_settings`):
    # the search then sets nothing again, and is still cancelled past its time limit.
    if database.startswith("sqlite"):
        pytest.skip("SQLite has no statement timeout; its writers never block readers (WAL)")
    monkeypatch.setattr("store.search.STATEMENT_TIMEOUT_MS", 200)
    _store(offer("one"))
    seen: list[str] = []
    engine = engine_for(_url())
    listener = lambda *args: seen.append(args[2])  # noqa: E731 - (conn, cursor, statement, …)
    with engine.connect() as holder:
        holder.exec_driver_sql("LOCK TABLE offers IN ACCESS EXCLUSIVE MODE")
        event.listen(engine, "before_cursor_execute", listener)
        try:
            with pytest.raises(SearchTimeout), session_scope() as session:
                settings = session.execute(select(*time_limit_settings())).one()
                mark_time_limited(session)
                search(session, OfferQuery(), 0, 9)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        holder.rollback()
    assert tuple(settings) == ("200ms", "off", "off")
    assert not [statement for statement in seen if statement.lstrip().upper().startswith("SET")]


def test_without_the_settings_a_search_sets_them_once_per_transaction(database: str) -> None:
    _store(offer("one"))
    seen: list[str] = []
    engine = engine_for(_url())
    listener = lambda *args: seen.append(args[2])  # noqa: E731 - (conn, cursor, statement, …)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with session_scope() as session:
            search(session, OfferQuery(), 0, 9)
            search(session, OfferQuery(), 0, 9)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    sets = [statement for statement in seen if statement.lstrip().upper().startswith("SET")]
    assert len(sets) == (1 if database.startswith("postgresql") else 0)


def test_offers_stored_before_the_full_text_migration_are_found_by_keyword(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The revision before full-text search (a copy of the run's template at it).
    url = TEMPLATES.sqlite(tmp_path / "before.db", "0015_intake_digest")
    now = datetime.now(UTC)
    with engine_for(url).begin() as connection:  # rows as that revision's schema held them
        tables = MetaData()
        tables.reflect(connection, only=["sources", "offers"])
        connection.execute(insert(tables.tables["sources"]), source_row(now))
        connection.execute(insert(tables.tables["offers"]), offer_row(now, "old", "Développeur"))
    migrate.upgrade(url)
    with session_scope(url) as session:
        found = search(session, OfferQuery(keywords=["developpeurs"]), 0, 9)
    assert [stored.offer.external_id for stored in found.offers] == ["old"]
