"""A feed that dates an offer after its collection keeps the offer, its date unknown, said."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from normalizers.offer import Normalized, RunNotes, SourceContext, normalize_noted
from schemas import Offer, SourceDefaults, SourceOffer
from spiders.extractors import read_document

FEED = Path(__file__).parents[1] / "spiders" / "fixtures" / "feeds" / "rss_pubdate_in_future.xml"
COLLECTED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
CONTEXT = SourceContext(
    source="logistique",
    attribution="emplois.example.fr",
    defaults=SourceDefaults(place="Saint-Quentin-Fallavier"),
    base_url="https://emplois.example.fr/offres.rss",
    fetched_at=COLLECTED,
)


@pytest.fixture(scope="module")
def normalized() -> list[tuple[str, Normalized]]:
    reading = read_document("rss", FEED.read_bytes(), "https://emplois.example.fr/offres.rss")
    items = [result for result in reading.results if isinstance(result, SourceOffer)]
    return [(item.external_id, normalize_noted(item, CONTEXT)) for item in items]


def test_every_offer_is_kept_the_one_dated_after_its_collection_without_its_date(
    normalized: list[tuple[str, Normalized]],
) -> None:
    offers = [reading.result for _, reading in normalized]
    assert all(isinstance(offer, Offer) for offer in offers), offers
    assert [(offer.title, offer.posted_at) for offer in offers if isinstance(offer, Offer)] == [
        ("Cariste H/F", datetime(2026, 11, 23, 7, 0, tzinfo=UTC)),
        ("Préparateur de commandes H/F", None),
        ("Chef d'équipe logistique H/F", datetime(2026, 12, 1, 5, 0, tzinfo=UTC)),  # within a day
    ]


def test_the_offer_dated_after_its_collection_is_noted_in_french(
    normalized: list[tuple[str, Normalized]],
) -> None:
    assert [reading.notes for _, reading in normalized] == [
        (),
        (
            "date de publication du flux (2027-01-15) postérieure à la collecte (2026-11-30) : "
            "l'offre est gardée, sa date de publication laissée inconnue",
        ),
        (),
    ]


def test_the_run_says_it_once_naming_the_offer(normalized: list[tuple[str, Normalized]]) -> None:
    notes = RunNotes()
    for external_id, reading in normalized:
        notes.add(external_id, reading)
    assert notes.notes() == [
        "1 offre se dit publiée après sa collecte (la première, « https://emplois.example.fr/f-2 "
        "», le 2027-01-15) : gardée, sa date de publication laissée inconnue"
    ]
