"""Where each fact was read and the field-versus-text disagreements, kept in the store."""

from __future__ import annotations

from datetime import date

from schemas import Disagreement, FactOrigin, FactSource, StartDate
from store import health, history
from store.copies import upsert_offer
from store.db import session_scope
from store.offers import get_offer
from tests.store.factories import offer, register

DISAGREEMENT = Disagreement(
    fact="contract", field_value="CDI", text_value="CDD", text_origin=FactOrigin.TITLE
)


def test_fact_sources_and_disagreements_round_trip_through_the_row(database: str) -> None:
    original = offer(
        fact_sources={
            "place": FactSource(origin=FactOrigin.TITLE, confidence=0.8, text="Lyon 3e"),
            "contract": FactSource(origin=FactOrigin.FIELD, confidence=1.0),
        },
        disagreements=[DISAGREEMENT],
    )
    with session_scope() as session:
        offer_id = upsert_offer(session, register(session).id, original).offer_id
    with session_scope() as session:
        assert get_offer(session, offer_id).offer == original


def test_the_fill_rates_count_the_offers_with_a_disagreement(database: str) -> None:
    with session_scope() as session:
        acme = register(session, "acme")
        upsert_offer(session, acme.id, offer("a1", disagreements=[DISAGREEMENT]))
        upsert_offer(session, acme.id, offer("a2"))
    with session_scope() as session:
        rates = {rate.scope: rate for rate in health.fill_rates(session)}
    assert (rates["acme"].disagreements, rates["catalogue"].disagreements) == (1, 1)


def test_the_start_and_where_it_was_read_round_trip_through_the_row(database: str) -> None:
    original = offer(
        start=StartDate(text="à pourvoir dès le 5 janvier", day=date(2027, 1, 5), immediate=False),
        fact_sources={
            "start": FactSource(
                origin=FactOrigin.DESCRIPTION, confidence=0.7, text="à pourvoir dès le 5 janvier"
            )
        },
    )
    with session_scope() as session:
        offer_id = upsert_offer(session, register(session).id, original).offer_id
    with session_scope() as session:
        assert get_offer(session, offer_id).offer == original


def test_an_immediate_start_round_trips_through_the_row(database: str) -> None:
    original = offer(start=StartDate(text="dès que possible", immediate=True))
    with session_scope() as session:
        offer_id = upsert_offer(session, register(session).id, original).offer_id
    with session_scope() as session:
        assert get_offer(session, offer_id).offer.start == original.start


def test_a_start_read_later_is_a_new_version_of_the_offer(database: str) -> None:
    with session_scope() as session:
        source_id = register(session).id
        offer_id = upsert_offer(session, source_id, offer()).offer_id
    started = offer(start=StartDate(text="5 janvier 2027", day=date(2027, 1, 5), immediate=False))
    with session_scope() as session:
        upsert_offer(session, source_id, started.model_copy(update={"content_hash": "1" * 64}))
    with session_scope() as session:
        latest = history.versions(session, offer_id)[-1]
    assert latest.changes["start_day"] == [None, "2027-01-05"]


def test_the_source_s_own_key_of_a_fact_round_trips_through_the_row(database: str) -> None:
    place = FactSource(
        origin=FactOrigin.FIELD,
        confidence=1.0,
        text="Villeurbanne",
        field="city",
        key="jobLocation.address.addressLocality",
    )
    original = offer(fact_sources={"place": place})
    with session_scope() as session:
        offer_id = upsert_offer(session, register(session).id, original).offer_id
    with session_scope() as session:
        assert get_offer(session, offer_id).offer.fact_sources["place"].key == place.key
