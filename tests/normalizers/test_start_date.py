"""When a job starts, read from a field or from the words of the offer."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from normalizers.offer import SourceContext, normalize_offer
from normalizers.start_date import parse_start_date, read_start_date
from schemas import Offer, SourceDefaults, SourceOffer

POSTED = datetime(2026, 11, 30, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05/01/2027", date(2027, 1, 5)),
        ("04/03/2027", date(2027, 3, 4)),
        ("4.3.27", date(2027, 3, 4)),
        ("2027-03-04", date(2027, 3, 4)),
        ("2027-03-04T00:00:00+01:00", date(2027, 3, 4)),
        ("5 janvier 2027", date(2027, 1, 5)),
        ("lundi 1er mars 2027", date(2027, 3, 1)),
        ("March 4, 2027", date(2027, 3, 4)),
        ("4th March 2027", date(2027, 3, 4)),
    ],
)
def test_a_day_written_in_full_is_read_day_first_unless_year_first(text: str, day: date) -> None:
    read = read_start_date(text, now=POSTED)
    assert read is not None
    assert (read.start.day, read.start.immediate, read.precision) == (day, False, 1.0)


def test_a_day_without_a_year_is_the_next_one_after_the_posting() -> None:
    read = read_start_date("à pourvoir dès le 5 janvier", now=POSTED)
    assert read is not None
    assert read.start.day == date(2027, 1, 5)
    assert read.precision < 1


def test_a_day_without_a_year_a_few_days_past_stays_in_its_year() -> None:
    read = read_start_date("le 20 novembre", now=POSTED)
    assert read is not None
    assert read.start.day == date(2026, 11, 20)


@pytest.mark.parametrize("text", ["janvier 2027", "début janvier 2027", "01/2027"])
def test_a_month_is_its_first_day_with_a_lower_confidence(text: str) -> None:
    read = read_start_date(text, now=POSTED)
    assert read is not None
    assert read.start.day == date(2027, 1, 1)
    assert read.precision == 0.7


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("en septembre", date(2027, 9, 1)),
        ("mi-mars", date(2027, 3, 15)),
        ("fin janvier", date(2027, 1, 31)),
        ("sous 15 jours", date(2026, 12, 15)),
        ("dans 2 semaines", date(2026, 12, 14)),
        ("Rentrée 2027", date(2027, 9, 1)),
    ],
)
def test_a_vague_start_is_a_day_read_with_little_confidence(text: str, day: date) -> None:
    read = read_start_date(text, now=POSTED)
    assert read is not None
    assert (read.start.day, read.precision) == (day, 0.6)


@pytest.mark.parametrize(
    "text",
    ["dès que possible", "Dès que possible à Nantes", "ASAP", "Immédiatement", "au plus tôt",
     "as soon as possible"],
)  # fmt: skip
def test_as_soon_as_possible_is_an_immediate_start(text: str) -> None:
    read = read_start_date(text, now=POSTED)
    assert read is not None
    assert (read.start.day, read.start.immediate, read.start.text) == (None, True, text)


def test_the_first_start_written_wins() -> None:
    read = read_start_date("du 5 janvier 2027 au 30 juin 2027", now=POSTED)
    assert read is not None
    assert read.start.day == date(2027, 1, 5)


@pytest.mark.parametrize(
    "text", ["à pourvoir à Lyon", "à définir", "né le 01/02/1990", "you may apply", None, ""]
)
def test_words_naming_no_start_give_none(text: str | None) -> None:
    assert read_start_date(text, now=POSTED) is None


def test_a_field_naming_no_readable_start_keeps_its_words() -> None:
    read = parse_start_date("selon disponibilité", now=POSTED)
    assert read is not None
    assert (read.start.text, read.start.day, read.start.immediate) == (
        "selon disponibilité",
        None,
        None,
    )


def test_json_ld_immediate_start_is_as_soon_as_possible() -> None:
    read = parse_start_date("immediate", now=POSTED)
    assert read is not None
    assert read.start.immediate is True


CONTEXT = SourceContext(
    source="test", attribution="Test", defaults=SourceDefaults(), fetched_at=POSTED
)


def normalized(**fields: str) -> Offer:
    values = {"external_id": "1", "url": "https://example.org/1", "title": "Comptable H/F"}
    result = normalize_offer(SourceOffer(**(values | fields)), CONTEXT)
    assert isinstance(result, Offer), result
    return result


def test_a_start_sentence_of_the_description_is_read() -> None:
    read = normalized(description="CDI à pourvoir dès que possible à Nantes.")
    assert read.start is not None and read.start.immediate is True
    source = read.fact_sources["start"]
    assert (source.origin, source.confidence) == ("description", 0.7)


def test_a_start_label_of_the_description_is_read() -> None:
    read = normalized(description="Le poste.\nDate de début : 05/01/2027\nLieu : Lyon")
    assert read.start is not None and read.start.day == date(2027, 1, 5)
    assert read.fact_sources["start"].confidence == 0.9


def test_a_month_in_a_label_is_less_sure_than_the_label() -> None:
    read = normalized(description="Le poste.\nPrise de poste : janvier 2027")
    assert read.start is not None and read.start.day == date(2027, 1, 1)
    assert read.fact_sources["start"].confidence == 0.7


def test_a_day_without_a_year_counts_from_the_posting_date() -> None:
    read = normalized(description="Démarrage le 5 mars.", posted_at="2026-02-01")
    assert read.start is not None and read.start.day == date(2026, 3, 5)  # not 2027's


def test_the_start_field_wins_over_the_description() -> None:
    read = normalized(description="Date de début : 05/01/2027", start_date="2027-02-01")
    assert read.start is not None and read.start.day == date(2027, 2, 1)
    assert read.fact_sources["start"].origin == "field"


def test_a_start_up_is_not_a_start() -> None:
    read = normalized(description="Nous sommes une start-up créée en mars.")
    assert read.start is None


def test_an_offer_without_a_start_keeps_the_content_hash_it_had() -> None:
    read = normalized(description="Un poste de comptable.")
    assert read.start is None
    assert "start" not in read.model_dump(mode="json", exclude_none=True)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Début : 2027/03/04", date(2027, 3, 4)),
        ("Début : 2027.03.04", date(2027, 3, 4)),
        ("à partir du 2027-03-04", date(2027, 3, 4)),
    ],
)
def test_a_year_first_start_is_never_read_day_first(text: str, day: date) -> None:
    read = read_start_date(text, now=POSTED)
    assert read is not None and read.start.day == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("à partir du 01/09", date(2027, 9, 1)),
        ("dès le 04/03", date(2027, 3, 4)),
        ("Début : 2 janvier", date(2027, 1, 2)),
    ],
)
def test_a_day_and_month_without_a_year_is_day_first_and_next(text: str, day: date) -> None:
    read = read_start_date(text, now=POSTED)
    assert read is not None
    assert (read.start.day, read.precision) == (day, 0.9)


def test_a_year_and_month_written_iso_is_that_month() -> None:
    read = read_start_date("Prise de poste : 2027-03", now=POSTED)
    assert read is not None and read.start.day == date(2027, 3, 1)


@pytest.mark.parametrize("text", ["ASAP", "dès que possible", "Prise de poste : dès que possible"])
def test_as_soon_as_possible_is_immediate(text: str) -> None:
    read = read_start_date(text, now=POSTED)
    assert read is not None and read.start.immediate
