"""Reasons older versions stored in English read in French wherever they are shown."""

from __future__ import annotations

from sqlalchemy import insert, update

from schemas.legacy_text import french_reason
from store import copies, history, models
from store.copies import upsert_offer
from store.db import session_scope
from store.models import utcnow
from tests.store.factories import offer, register


def _offer_with_old_event(reason: str) -> int:
    """An offer, and an event row written the way Relais wrote it before its reasons were French."""
    with session_scope() as session:
        source = register(session, "acme")
        offer_id = upsert_offer(session, source.id, offer("acme-1")).offer_id
        session.execute(
            insert(models.OfferEvent).values(
                offer_id=offer_id,
                created_at=utcnow(),
                kind="updated",
                status="published",
                reason=reason,
                source_id=source.id,
            )
        )
    return offer_id


def _last_reason(offer_id: int) -> str | None:
    with session_scope() as session:
        return history.events(session, offer_id)[-1].reason


def test_an_old_first_seen_event_reads_in_french(database: str) -> None:
    offer_id = _offer_with_old_event("first seen on acme")
    assert _last_reason(offer_id) == "vue d'abord sur acme"


def test_an_old_merge_event_reads_in_french_with_its_words(database: str) -> None:
    offer_id = _offer_with_old_event("same offer as on board (apply link): now offer 12")
    assert _last_reason(offer_id) == (
        "même offre que sur board (lien de candidature) : c'est maintenant l'offre 12"
    )


def test_an_old_withdrawal_told_on_the_offer_reads_in_french(database: str) -> None:
    offer_id = _offer_with_old_event("acme: no longer listed by the source (2026-11-20)")
    assert _last_reason(offer_id) == "acme : plus publiée par la source (2026-11-20)"


def test_an_old_copy_status_reads_in_french(database: str) -> None:
    offer_id = _offer_with_old_event("first seen on acme")
    with session_scope() as session:
        session.execute(
            update(models.OfferSource)
            .where(models.OfferSource.offer_id == offer_id)
            .values(
                status="withdrawn", status_reason="older than 60 days, the source's maximum age"
            )
        )
    with session_scope() as session:
        (copy,) = copies.copies_of(session, offer_id)
    assert copy.status_reason == "plus vieille que 60 jours, l'âge maximal de la source"


def test_a_near_duplicate_s_likeness_reads_in_french() -> None:
    assert french_reason("also on feed (same title, company, place and text, 93% alike)") == (
        "aussi sur feed (même intitulé, entreprise, lieu et texte, semblables à 93%)"
    )


def test_a_reason_an_operator_typed_is_shown_as_typed() -> None:
    typed = "split from offer 7: not the same shop"
    assert french_reason(typed) == "séparée de l'offre 7 : not the same shop"
    assert french_reason("pas la même boutique") == "pas la même boutique"


def test_a_french_reason_is_left_as_it_is() -> None:
    assert french_reason("plus sur acme : valable jusqu'au 2026-11-20") == (
        "plus sur acme : valable jusqu'au 2026-11-20"
    )
