"""Dates as sources write them, read as aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from normalizers.dates import date_problems, parse_closing_date, parse_date, published_after

NOW = datetime(2024, 11, 10, 15, 30, tzinfo=UTC)


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 05 Nov 2024 09:30:00 +0100", utc(2024, 11, 5, 8, 30)),
        ("Tue, 05 Nov 2024 09:30:00 GMT", utc(2024, 11, 5, 9, 30)),
        ("Tue, 05 Nov 2024 09:30:00 EST", utc(2024, 11, 5, 14, 30)),
        ("Wed, 06 Nov 2024 10:00:00 CET", utc(2024, 11, 6, 9, 0)),
        ("05 Nov 2024 09:30 -0000", utc(2024, 11, 5, 9, 30)),
    ],
)
def test_rfc_822(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-11-05T09:30:00Z", utc(2024, 11, 5, 9, 30)),
        ("2024-12-29T03:49:31.000Z", utc(2024, 12, 29, 3, 49, 31)),
        ("2024-11-05T09:30:00+02:00", utc(2024, 11, 5, 7, 30)),
        ("2024-11-05T09:30:00+0100", utc(2024, 11, 5, 8, 30)),
        ("2024-11-05T09:30:00", utc(2024, 11, 5, 8, 30)),  # Paris wall time, winter
        ("2024-07-05T09:30:00", utc(2024, 7, 5, 7, 30)),  # Paris wall time, summer
        ("2024-11-05", utc(2024, 11, 4, 23, 0)),  # midnight in Paris
    ],
)
def test_iso_8601(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        "5 novembre 2024",
        "mardi 5 novembre 2024",
        "5 nov. 2024",
        "05/11/2024",
        "05-11-2024",
        "05/11/24",
        "le 05/11/2024",
        "Publié le 5 novembre 2024",
        "November 5, 2024",
        "Nov 5th, 2024",
        "2024/11/05",
    ],
)
def test_written_dates_are_day_first_in_paris(text: str) -> None:
    assert parse_date(text, now=NOW) == utc(2024, 11, 4, 23, 0)


def test_first_of_the_month() -> None:
    assert parse_date("1er mars 2024", now=NOW) == utc(2024, 2, 29, 23, 0)


def test_written_date_with_a_time() -> None:
    assert parse_date("05.11.2024 à 14h30", now=NOW) == utc(2024, 11, 5, 13, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("il y a 3 jours", utc(2024, 11, 6, 23, 0)),
        ("Publié il y a 2 semaines", utc(2024, 10, 26, 22, 0)),
        ("il y a un mois", utc(2024, 10, 9, 22, 0)),
        ("aujourd'hui", utc(2024, 11, 9, 23, 0)),
        ("Aujourd’hui", utc(2024, 11, 9, 23, 0)),
        ("hier", utc(2024, 11, 8, 23, 0)),
        ("3 days ago", utc(2024, 11, 6, 23, 0)),
        ("30+ days ago", utc(2024, 10, 10, 22, 0)),
        ("today", utc(2024, 11, 9, 23, 0)),
        ("Posted 2 hours ago", utc(2024, 11, 10, 13, 0)),
        ("il y a 5 minutes", utc(2024, 11, 10, 15, 0)),
    ],
)
def test_relative_dates_count_back_from_now(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


def test_relative_dates_agree_when_read_again_later_the_same_day() -> None:
    later = datetime(2024, 11, 10, 21, 0, tzinfo=UTC)
    assert parse_date("il y a 3 jours", now=NOW) == parse_date("il y a 3 jours", now=later)


def test_relative_date_without_now_uses_the_current_time() -> None:
    parsed = parse_date("hier")
    assert parsed is not None and (datetime.now(UTC) - parsed).days <= 2


@pytest.mark.parametrize(("text"), ["1730799000", "1730799000000"])
def test_unix_timestamps(text: str) -> None:
    assert parse_date(text, now=NOW) == utc(2024, 11, 5, 9, 30)


def test_result_is_aware_utc() -> None:
    parsed = parse_date("2024-11-05T09:30:00+05:30", now=NOW)
    assert parsed is not None and parsed.tzinfo == UTC


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "garbage",
        "3",
        "2024",
        "Dec 2024",
        "31/02/2024",
        "2024-13-45",
        "Tue, 32 Nov 2024 09:30:00 +0100",
        "il y a 99999999999 jours",
        "\x00\x01",
        "9" * 500,
    ],
)
def test_unreadable_is_none(text: str | None) -> None:
    assert parse_date(text, now=NOW) is None


@pytest.mark.parametrize("text", ["1970-01-01", "1989-12-31", "9999-12-31", "2027-01-01"])
def test_absurd_dates_are_none(text: str) -> None:
    assert parse_date(text, now=NOW) is None


def test_next_year_is_plausible() -> None:
    assert parse_date("2025-12-31", now=NOW) is not None


def test_consistent_dates_have_no_problem() -> None:
    assert date_problems(utc(2024, 11, 5), utc(2024, 11, 6), utc(2024, 12, 31)) == []


def test_a_publication_after_the_collection_is_said_not_refused() -> None:
    assert date_problems(utc(2025, 3, 1), None, None) == []
    assert published_after(utc(2025, 3, 1), NOW) == (
        "date de publication du flux (2025-03-01) postérieure à la collecte (2024-11-10) : "
        "l'offre est gardée, sa date de publication laissée inconnue"
    )


def test_a_publication_within_a_day_of_the_collection_is_no_note() -> None:
    assert published_after(utc(2024, 11, 11, 12, 0), NOW) is None


def test_closing_before_the_publication_makes_no_sense() -> None:
    ((field, code, _),) = date_problems(utc(2024, 11, 5), None, utc(2024, 10, 1))
    assert (field, code) == ("valid_through", "before_posted")


def test_an_update_before_the_publication_makes_no_sense() -> None:
    ((field, code, _),) = date_problems(utc(2024, 11, 5), utc(2024, 9, 1), None)
    assert (field, code) == ("updated_at", "before_posted")


def test_a_day_of_slack_is_no_contradiction() -> None:
    posted = utc(2024, 11, 10, 20, 0)  # a few hours after the collection, by another clock
    closing_day = utc(2024, 11, 9, 23, 0)  # "2024-11-10" read as Paris midnight
    assert date_problems(posted, None, closing_day) == []


def test_every_contradiction_is_reported() -> None:
    problems = date_problems(utc(2025, 6, 1), utc(2025, 1, 1), utc(2025, 2, 1))
    assert [code for _, code, _ in problems] == ["before_posted", "before_posted"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-04 09:30:00 UTC", utc(2024, 3, 4, 9, 30)),  # Recruitee
        ("2024-03-04 09:30 UTC", utc(2024, 3, 4, 9, 30)),
        ("2024-03-04 09:30:00 +0000", utc(2024, 3, 4, 9, 30)),
        ("2024-03-04 09:30:00 UTC+01:00", utc(2024, 3, 4, 8, 30)),
        ("2024-03-04 09:30:00 Europe/Paris", utc(2024, 3, 4, 8, 30)),
        ("2024-03-04T09:30:00.000Z", utc(2024, 3, 4, 9, 30)),  # France Travail, SmartRecruiters
        ("2024-03-04T09:30:00.1234567Z", datetime(2024, 3, 4, 9, 30, 0, 123456, tzinfo=UTC)),
        ("2024-3-4", utc(2024, 3, 3, 23, 0)),
        ("2024/03/04 09:30", utc(2024, 3, 4, 8, 30)),
        ("20240304", utc(2024, 3, 3, 23, 0)),
        ("20240304T093000Z", utc(2024, 3, 4, 9, 30)),
    ],
)
def test_year_first_dates_are_never_read_day_first(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04/03/2024", utc(2024, 3, 3, 23, 0)),
        ("4/3/24", utc(2024, 3, 3, 23, 0)),
        ("04.03.2024 09:30", utc(2024, 3, 4, 8, 30)),
        ("4 mars 2024", utc(2024, 3, 3, 23, 0)),
        ("lundi 4 mars 2024 à 9h30", utc(2024, 3, 4, 8, 30)),
    ],
)
def test_day_first_forms_are_read_day_first(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar, 05 Nov 2024 09:30:00 +0100", utc(2024, 11, 5, 8, 30)),
        ("mardi 05 novembre 2024 09:30:00 CET", utc(2024, 11, 5, 8, 30)),
        ("Mer., 06 nov. 2024 10:00:00 GMT", utc(2024, 11, 6, 10, 0)),
        ("Tuesday, 05-Nov-24 09:30:00 GMT", utc(2024, 11, 5, 9, 30)),
        ("Tue, 05 Nov 2024 09:30:00 +0100 (CET)", utc(2024, 11, 5, 8, 30)),
        ("Tue, 05 Nov 2024 09:30:00 Europe/Paris", utc(2024, 11, 5, 8, 30)),
        ("Tue, 05 Nov 2024 09:30:00 GMT+1", utc(2024, 11, 5, 8, 30)),
        ("Tue, 05 Nov 2024 09:30:00 PDT", utc(2024, 11, 5, 16, 30)),
    ],
)
def test_rfc_822_with_french_names_and_odd_zones(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


def test_year_first_publication_before_the_collection_is_not_in_the_future() -> None:
    collected = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    posted_at = parse_date("2026-11-12 08:00:00 UTC", now=collected)
    assert published_after(posted_at, collected) is None


@pytest.mark.parametrize("text", ["2024-12-05", "05/12/2024", "5 décembre 2024"])
def test_a_closing_date_without_a_time_is_open_all_that_day(text: str) -> None:
    # 23:59:59 in Paris, winter time (UTC+1)
    assert parse_closing_date(text, now=NOW) == datetime(2024, 12, 5, 22, 59, 59, tzinfo=UTC)


def test_a_closing_date_with_its_time_keeps_it() -> None:
    assert parse_closing_date("2024-12-05T10:00:00Z", now=NOW) == datetime(
        2024, 12, 5, 10, 0, tzinfo=UTC
    )


def test_a_date_that_can_only_be_month_first_is_read_month_first() -> None:
    assert parse_date("11/30/2024", now=NOW + timedelta(days=30)) == utc(2024, 11, 29, 23)


def test_an_ambiguous_numeric_date_is_read_day_first() -> None:
    assert parse_date("04/03/2024", now=NOW) == utc(2024, 3, 3, 23)


@pytest.mark.parametrize(
    "text",
    ["jusqu'au 2024-12-05", "le 2024/12/05", "Candidatures avant le 2024.12.05", "2024/12/05"],
)
def test_a_year_first_date_among_words_is_never_read_day_first(text: str) -> None:
    assert parse_date(text, now=NOW) == utc(2024, 12, 4, 23, 0)


def test_a_year_first_date_with_its_time_among_words() -> None:
    assert parse_date("mercredi 2024/12/04 à 12h", now=NOW) == utc(2024, 12, 4, 11, 0)
