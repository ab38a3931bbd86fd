"""Where each fact was read and the field-versus-text disagreements, kept in the store."""

from __future__ import annotations

from schemas import Disagreement, FactOrigin, FactSource
from store import health
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
