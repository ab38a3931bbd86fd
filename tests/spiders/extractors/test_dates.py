"""Each source's dates, read through its extractor and `parse_date`: day and month never swap.

Every date here has a day of 12 or less, so that a day-first reading of a year-first date (or the
reverse) would give another valid date and the test would show it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from normalizers.dates import parse_date
from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults
from schemas.source_offer import SourceOffer
from spiders.extractors import extract

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
URL = "https://careers.example.org/board"
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def utc(
    month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, year: int = 2026
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def first_offer(kind: str, body: bytes) -> SourceOffer:
    offer = extract(kind, body, URL)[0]
    assert isinstance(offer, SourceOffer), offer
    return offer


def fixture(path: str) -> bytes:
    return (FIXTURES / path).read_bytes()


@pytest.mark.parametrize(
    ("kind", "path", "field", "expected"),
    [
        # Greenhouse: ISO 8601 with an offset
        ("greenhouse", "ats/greenhouse_jobs.json", "posted_at", utc(11, 2, 14)),
        ("greenhouse", "ats/greenhouse_jobs.json", "updated_at", utc(11, 18, 15, 15)),
        # Lever: milliseconds since 1970
        ("lever", "ats/lever_page1.json", "posted_at", utc(11, 8, 8)),
        # Recruitee: "YYYY-MM-DD HH:MM:SS UTC"
        ("recruitee", "ats/recruitee_offers.json", "posted_at", utc(11, 10, 8, 30)),
        ("recruitee", "ats/recruitee_offers.json", "updated_at", utc(11, 12, 14)),
        # SmartRecruiters: ISO 8601 "…Z" with milliseconds
        (
            "smartrecruiters",
            "ats/smartrecruiters_postings_page1.json",
            "posted_at",
            utc(11, 5, 9, 12, 44),
        ),
        # Workable: a date alone, midnight in Paris
        ("workable", "ats/workable_account.json", "posted_at", utc(11, 7, 23)),
        # Ashby: ISO 8601 with milliseconds and an offset
        ("ashby", "ats/ashby_job_board.json", "posted_at", utc(11, 3, 8)),
        # RSS 2.0 pubDate (RFC 822), RSS 1.0 dc:date and Atom (RFC 3339)
        ("rss", "feeds/rss2_teamtailor_like.xml", "posted_at", utc(3, 3, 8, 30, year=2025)),
        ("rss", "feeds/rss1_jobs.xml", "posted_at", utc(1, 20, 9, year=2025)),
        ("atom", "feeds/atom_jobs.xml", "posted_at", utc(2, 10, 7, year=2025)),
        ("atom", "feeds/atom_jobs.xml", "updated_at", utc(2, 12, 16, 45, year=2025)),
        # JSON-LD datePosted: an ISO date alone, midnight in Paris
        ("jsonld", "sites/posting_boulanger.html", "posted_at", utc(11, 11, 23)),
        ("jsonld", "sites/posting_teletravail.html", "posted_at", utc(11, 9, 23)),
    ],
)
def test_source_dates_read_month_and_day_as_written(
    kind: str, path: str, field: str, expected: datetime
) -> None:
    offer = first_offer(kind, fixture(path))
    assert parse_date(getattr(offer, field), now=NOW) == expected


def test_recruitee_close_date_in_utc() -> None:
    offer = first_offer("recruitee", fixture("ats/recruitee_offers.json"))
    assert parse_date(offer.valid_through, now=NOW) == datetime(
        2026, 12, 31, 23, 59, 59, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2025-03-04T09:30:00.000Z", utc(3, 4, 9, 30, year=2025)),
        ("2026-11-12T08:00:00.000Z", utc(11, 12, 8)),
    ],
)
def test_france_travail_dates_read_month_and_day_as_written(
    written: str, expected: datetime
) -> None:
    answer = json.loads(fixture("ats/francetravail_search.json"))
    answer["resultats"][0]["dateCreation"] = written
    offer = first_offer("francetravail", json.dumps(answer).encode())
    assert parse_date(offer.posted_at, now=NOW) == expected


def test_recruitee_offer_published_before_the_collection_is_not_in_the_future() -> None:
    answer = json.loads(fixture("ats/recruitee_offers.json"))
    answer["offers"][0]["published_at"] = "2026-11-12 08:00:00 UTC"
    item = first_offer("recruitee", json.dumps(answer).encode())
    context = SourceContext(
        source="recruitee", attribution="Granit Froid", defaults=SourceDefaults(), fetched_at=NOW
    )
    offer = normalize_offer(item, context)
    assert isinstance(offer, Offer), offer
    assert offer.posted_at == utc(11, 12, 8)


def rss_item(pub_date: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<item><guid>1</guid><title>Cuisinier</title><pubDate>{pub_date}</pubDate></item>"
        "</channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("pub_date", "expected"),
    [
        ("Tue, 04 Mar 2025 09:30:00 GMT", utc(3, 4, 9, 30, year=2025)),
        ("Tue, 04 Mar 2025 09:30:00 +0100", utc(3, 4, 8, 30, year=2025)),
        ("Tue, 04 Mar 2025 09:30:00 EST", utc(3, 4, 14, 30, year=2025)),
        ("Tue, 04 Mar 2025 09:30:00 CET", utc(3, 4, 8, 30, year=2025)),
        ("Tue, 04 Mar 2025 09:30:00 +0100 (CET)", utc(3, 4, 8, 30, year=2025)),
        ("Tue, 04 Mar 2025 09:30:00 Europe/Paris", utc(3, 4, 8, 30, year=2025)),
        ("Tue, 04 Mar 2025 09:30:00 GMT+1", utc(3, 4, 8, 30, year=2025)),
        ("Tue, 4 Mar 25 09:30 Z", utc(3, 4, 9, 30, year=2025)),
        ("Tuesday, 04-Mar-25 09:30:00 GMT", utc(3, 4, 9, 30, year=2025)),
        ("Mar, 04 Mars 2025 09:30:00 +0100", utc(3, 4, 8, 30, year=2025)),
        ("mardi 04 mars 2025 09:30:00 CET", utc(3, 4, 8, 30, year=2025)),
        ("Jeu., 06 févr. 2025 10:00:00 +0100", utc(2, 6, 9, year=2025)),
        ("2025-03-04T09:30:00+01:00", utc(3, 4, 8, 30, year=2025)),
    ],
)
def test_rss_pub_dates_as_feeds_write_them(pub_date: str, expected: datetime) -> None:
    offer = first_offer("rss", rss_item(pub_date))
    assert parse_date(offer.posted_at, now=NOW) == expected


def jsonld_page(date_posted: str) -> bytes:
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Boulanger",
        "description": "Pain.",
        "datePosted": date_posted,
        "hiringOrganization": {"@type": "Organization", "name": "Fournil"},
    }
    script = json.dumps(posting)
    return (
        f'<html><head><script type="application/ld+json">{script}</script></head></html>'.encode()
    )


@pytest.mark.parametrize(
    ("date_posted", "expected"),
    [
        ("2026-11-04", utc(11, 3, 23)),
        ("2026-11-04T09:30", utc(11, 4, 8, 30)),
        ("2026-11-04T09:30:00", utc(11, 4, 8, 30)),
        ("2026-11-04T09:30:00+01:00", utc(11, 4, 8, 30)),
        ("2026-11-04T09:30:00Z", utc(11, 4, 9, 30)),
        ("2026-11-04T09:30:00.000-05:00", utc(11, 4, 14, 30)),
    ],
)
def test_jsonld_date_posted_with_or_without_time_and_offset(
    date_posted: str, expected: datetime
) -> None:
    offer = first_offer("jsonld", jsonld_page(date_posted))
    assert parse_date(offer.posted_at, now=NOW) == expected
