"""A start written as the first day of a range, a school start or "à partir de" a month."""

from __future__ import annotations

from datetime import UTC, date, datetime

from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults, SourceOffer, StartDate

CONTEXT = SourceContext(
    source="test",
    attribution="Test",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)


def start_of(description: str) -> StartDate | None:
    item = SourceOffer(
        external_id="1", url="https://example.org/1", title="Employé H/F", description=description
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer)
    return offer.start


def test_a_dated_contract_starts_on_the_first_day_of_its_range() -> None:
    start = start_of("<p>CDD saisonnier du 20 décembre 2026 au 20 mars 2027, 35h.</p>")
    assert start is not None and start.day == date(2026, 12, 20)


def test_a_school_start_month_is_the_start_of_an_apprenticeship() -> None:
    start = start_of("<p>Contrat d'apprentissage de 2 ans. Rentrée en octobre 2027.</p>")
    assert start is not None and start.day == date(2027, 10, 1)


def test_from_a_month_is_that_month_s_first_day() -> None:
    start = start_of("<p>Stage de 6 mois à partir de mars 2027.</p>")
    assert start is not None and start.day == date(2027, 3, 1)


def test_from_an_amount_is_no_start() -> None:
    assert start_of("<p>Salaire à partir de 1.800 € brut.</p>") is None
