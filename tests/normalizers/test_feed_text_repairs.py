"""A feed whose text was encoded twice ("OrlÃ©ans") is read as written before; an impossible
publication date ("Tue, 31 Nov 2026") leaves the offer undated, and both are said in French."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from normalizers.offer import Normalized, RunNotes, SourceContext, normalize_noted
from schemas import Offer, SourceDefaults, SourceOffer
from spiders.extractors import read_document

FEED = Path(__file__).parents[1] / "spiders" / "fixtures" / "feeds"
FEED = FEED / "rss_double_encoded_and_bad_dates.xml"
CONTEXT = SourceContext(
    source="centre",
    attribution="emplois.example.fr",
    defaults=SourceDefaults(),
    base_url="https://emplois.example.fr/offres.rss",
    fetched_at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
)


@pytest.fixture(scope="module")
def normalized() -> list[Normalized]:
    reading = read_document("rss", FEED.read_bytes(), "https://emplois.example.fr/offres.rss")
    items = [result for result in reading.results if isinstance(result, SourceOffer)]
    return [normalize_noted(item, CONTEXT) for item in items]


def offers(normalized: list[Normalized]) -> list[Offer]:
    kept = [reading.result for reading in normalized]
    assert all(isinstance(offer, Offer) for offer in kept), kept
    return [offer for offer in kept if isinstance(offer, Offer)]


def test_double_encoded_text_is_read_as_written(normalized: list[Normalized]) -> None:
    first, second, _ = offers(normalized)
    assert first.description_text == (
        "Lieu : Orléans – Contrat : CDD 3 mois – Salaire : 1 850 € brut"
    )
    assert second.title == "Préparateur de commandes H/F"


def test_repaired_text_gives_its_facts(normalized: list[Normalized]) -> None:
    first, second, _ = offers(normalized)
    assert first.place is not None and first.place.commune_name == "Orléans"
    assert second.place is not None and second.place.commune_name == "Tours"
    assert first.salary is not None and first.salary.minimum == 1850


def test_text_written_in_french_is_left_as_it_is(normalized: list[Normalized]) -> None:
    third = offers(normalized)[2]
    assert third.title == "Chef d'équipe à Blois"
    assert normalized[2].repaired_texts == 0


def test_impossible_publication_dates_leave_the_offers_undated(
    normalized: list[Normalized],
) -> None:
    assert [offer.posted_at for offer in offers(normalized)] == [
        datetime(2026, 11, 23, 7, 0, tzinfo=UTC),
        None,
        None,
    ]


def test_each_item_says_what_was_repaired_or_unreadable(normalized: list[Normalized]) -> None:
    assert [reading.notes for reading in normalized] == [
        ("1 texte en double encodage UTF-8 réparé",),
        (
            "date de publication illisible : « Tue, 31 Nov 2026 08:00:00 +0100 » ; offre gardée "
            "sans date de publication",
            "1 texte en double encodage UTF-8 réparé",
        ),
        (
            "date de publication illisible : « le trente-deux brumaire » ; offre gardée sans "
            "date de publication",
        ),
    ]


def test_the_run_says_it_once_in_french(normalized: list[Normalized]) -> None:
    noted = RunNotes()
    for external_id, reading in zip(["m31", "m32", "m33"], normalized, strict=True):
        noted.add(external_id, reading)
    assert noted.notes() == [
        "2 textes en double encodage UTF-8 réparés",
        "date de publication illisible : 2 offres gardées sans date de publication (la "
        "première, « m32 », dit « Tue, 31 Nov 2026 08:00:00 +0100 »)",
    ]
