"""Offers are upserted by (source, external id); an unchanged content hash writes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from schemas.offers import (
    Contract,
    Experience,
    ExperienceRequirement,
    Place,
    PlaceMatch,
    RemoteMode,
    RemoteWork,
    RomeCoding,
    Salary,
    SalaryPeriod,
)
from store import models
from store.copies import UpsertOutcome, upsert_offer
from store.db import session_scope
from store.offers import fresh_offers, get_offer
from tests.store.factories import offer, register


def test_a_new_offer_is_inserted_with_its_provenance(database: str) -> None:
    with session_scope() as session:
        source = register(session)
        result = upsert_offer(session, source.id, offer())
    assert result.outcome is UpsertOutcome.NEW
    with session_scope() as session:
        provenance = session.scalars(select(models.OfferSource)).one()
        assert (provenance.offer_id, provenance.external_id) == (result.offer_id, "job-1")


def test_the_same_content_twice_writes_nothing(database: str) -> None:
    with session_scope() as session:
        source = register(session)
        first = upsert_offer(session, source.id, offer())
    with session_scope() as session:
        before = session.get_one(models.Offer, first.offer_id).updated_at
        again = upsert_offer(session, source.id, offer())
        assert again.outcome is UpsertOutcome.UNCHANGED
        assert not session.dirty and not session.new
    with session_scope() as session:
        assert session.get_one(models.Offer, first.offer_id).updated_at == before


def test_changed_content_updates_the_same_offer(database: str) -> None:
    with session_scope() as session:
        source = register(session)
        first = upsert_offer(session, source.id, offer())
        second = upsert_offer(session, source.id, offer(title="Développeuse Python senior H/F"))
    assert (second.outcome, second.offer_id) == (UpsertOutcome.UPDATED, first.offer_id)
    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(models.Offer)) == 1
        assert get_offer(session, first.offer_id).offer.title == "Développeuse Python senior H/F"


def test_the_same_external_id_in_two_sources_for_two_jobs_makes_two_offers(database: str) -> None:
    with session_scope() as session:
        one, two = register(session, "acme"), register(session, "globex")
        a = upsert_offer(session, one.id, offer())
        b = upsert_offer(
            session, two.id, offer(source="globex", title="Comptable", company_name="Globex")
        )
    assert a.offer_id != b.offer_id


def test_nested_fields_round_trip_through_the_row(database: str) -> None:
    original = offer(
        place=Place(
            text="Lyon 3e",
            match=PlaceMatch.COMMUNE,
            label="69 - LYON 03",
            insee_code="69383",
            postal_code="69003",
            departement_code="69",
            latitude=45.76,
            longitude=4.85,
        ),
        contract=Contract(
            text="CDD 6 mois", type_contrat="CDD", duration_value=6, duration_unit="mois"
        ),
        salary=Salary(
            text="2 000 € par mois", minimum=2000, period=SalaryPeriod.MONTH, currency="EUR"
        ),
    )
    with session_scope() as session:
        source = register(session)
        offer_id = upsert_offer(session, source.id, original).offer_id
    with session_scope() as session:
        assert get_offer(session, offer_id).offer == original


def test_read_fields_round_trip_through_the_row(database: str) -> None:
    original = offer(
        rome=RomeCoding(
            code="M1811",
            label="Data engineer",
            appellation_code="404278",
            appellation_label="Data engineer",
            confidence=0.42,
        ),
        experience=Experience(
            text="Expérience exigée de 3 An(s)",
            requirement=ExperienceRequirement.REQUIRED,
            months=36,
        ),
        remote=RemoteWork(text="2 jours de télétravail", mode=RemoteMode.HYBRID, days_per_week=2),
        language="fr",
        url=None,
        contact="rh@acme.example",
    )
    with session_scope() as session:
        source = register(session)
        offer_id = upsert_offer(session, source.id, original).offer_id
    with session_scope() as session:
        assert get_offer(session, offer_id).offer == original
        row = session.get_one(models.Offer, offer_id)
        assert (row.experience_requirement, row.remote_mode, row.rome_confidence) == (
            "E",
            "hybrid",
            0.42,
        )


def test_an_offer_that_says_nothing_of_experience_or_remote_work(database: str) -> None:
    with session_scope() as session:
        source = register(session)
        offer_id = upsert_offer(session, source.id, offer()).offer_id
    with session_scope() as session:
        stored = get_offer(session, offer_id).offer
        assert (stored.experience, stored.remote, stored.rome) == (
            Experience(),
            RemoteWork(),
            None,
        )


def test_fresh_offers_come_newest_first(database: str) -> None:
    from datetime import UTC, datetime

    with session_scope() as session:
        source = register(session)
        for day, external_id in [(10, "old"), (20, "new"), (15, "middle")]:
            upsert_offer(
                session,
                source.id,
                offer(external_id, posted_at=datetime(2026, 11, day, tzinfo=UTC)),
            )
    with session_scope() as session:
        assert [o.offer.external_id for o in fresh_offers(session)] == ["new", "middle", "old"]
