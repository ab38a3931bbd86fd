"""Application deadlines written without their year: the next such day, never a past year."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from normalizers.dates import next_yearless_day
from normalizers.offer import YEARLESS_DEADLINE_CONFIDENCE, SourceContext, normalize_offer
from schemas import Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(
    source="test",
    attribution="Test",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)
PUBLISHED = datetime(2026, 11, 20, 8, tzinfo=UTC)


def offer_of(description: str, **fields: str) -> Offer:
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title="Comptable",
        description=description,
        **fields,
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer)
    return offer


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15 janvier", (2027, 1, 15)),
        ("1er mars", (2027, 3, 1)),
        ("3/02", (2027, 2, 3)),
        ("03.02", (2027, 2, 3)),
        ("lundi 7 décembre", (2026, 12, 7)),
        ("March 3", (2027, 3, 3)),
        ("20 novembre", (2026, 11, 20)),
        ("19 novembre", (2027, 11, 19)),
        ("29 février", (2028, 2, 29)),
    ],
)
def test_a_yearless_day_is_the_next_one_on_or_after_the_publication(
    text: str, day: tuple[int, int, int]
) -> None:
    found = next_yearless_day(text, after=PUBLISHED)
    assert found is not None
    assert found.astimezone(UTC).date().timetuple()[:3] == day


def test_a_yearless_deadline_is_open_all_its_day_in_paris() -> None:
    assert next_yearless_day("15 janvier", after=PUBLISHED) == datetime(
        2027, 1, 15, 22, 59, 59, tzinfo=UTC
    )


@pytest.mark.parametrize("text", ["15 janvier 2027", "15/01/2027", "31/02", "sous 15 jours"])
def test_a_day_with_its_year_or_no_day_is_not_a_yearless_day(text: str) -> None:
    assert next_yearless_day(text, after=PUBLISHED) is None


def test_a_deadline_without_year_in_a_sentence_follows_the_publication() -> None:
    offer = offer_of("Un poste.\nCandidatures jusqu'au 15 janvier.", posted_at="2026-11-20")
    assert offer.valid_through == datetime(2027, 1, 15, 22, 59, 59, tzinfo=UTC)


def test_a_numeric_deadline_without_year_is_read_day_first() -> None:
    offer = offer_of("Un poste.\nMerci de postuler avant le 3/02.", posted_at="2026-11-20")
    assert offer.valid_through == datetime(2027, 2, 3, 22, 59, 59, tzinfo=UTC)


def test_a_labelled_deadline_without_year_is_read() -> None:
    offer = offer_of("Un poste.\nDate limite de candidature : 15 décembre", posted_at="2026-11-20")
    assert offer.valid_through == datetime(2026, 12, 15, 22, 59, 59, tzinfo=UTC)


def test_without_a_publication_date_the_collection_dates_it() -> None:
    offer = offer_of("Un poste.\nCandidatures jusqu'au 10 décembre.")
    assert offer.valid_through == datetime(2026, 12, 10, 22, 59, 59, tzinfo=UTC)


def test_a_yearless_deadline_is_read_with_a_lower_confidence() -> None:
    offer = offer_of("Un poste.\nCandidatures jusqu'au 15 janvier.")
    source = offer.fact_sources["deadline"]
    assert (source.text, source.confidence) == ("15 janvier", YEARLESS_DEADLINE_CONFIDENCE)


def test_a_yearless_deadline_passed_since_the_publication_is_this_year_s() -> None:
    # Published 20 November, collected 30 November: the 25th is past, and the offer expires
    offer = offer_of("Un poste.\nDate limite de candidature : 25 novembre", posted_at="2026-11-20")
    assert offer.valid_through == datetime(2026, 11, 25, 22, 59, 59, tzinfo=UTC)


def test_a_structured_deadline_wins_over_the_text() -> None:
    offer = offer_of("Un poste.\nCandidatures jusqu'au 15 janvier.", valid_through="2026-12-20")
    assert offer.valid_through == datetime(2026, 12, 20, 22, 59, 59, tzinfo=UTC)
    assert "deadline" not in offer.fact_sources
