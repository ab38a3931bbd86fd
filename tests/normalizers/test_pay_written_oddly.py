"""Pay as recruiters and broken feeds write it: odd digit-group separators, a fixed pay and its
variable part, bounds in words, foreign currencies; read alike in a label, a sentence and a
title."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from normalizers.offer import SourceContext, normalize_offer
from normalizers.salary import parse_salary
from schemas import Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(
    source="test",
    attribution="Test",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)


def figures(text: str) -> tuple[float | None, float | None, str | None, str | None]:
    salary = parse_salary(text)
    assert salary is not None
    period = salary.period.value if salary.period else None
    return salary.minimum, salary.maximum, period, salary.currency


@pytest.mark.parametrize(
    "text",
    [
        "2¿500 € brut par mois",  # a no-break space a broken encoding turned into "¿"
        "2¿500 ¿ brut par mois",  # and the euro sign too
        "2\u202f500 € brut par mois",  # narrow no-break space
        "2\u2009500 € brut par mois",  # thin space
        "2'500 € brut par mois",
        "2’500 € brut par mois",
        "2.500 € brut par mois",
    ],
)
def test_digit_groups_however_separated_give_one_amount(text: str) -> None:
    assert figures(text) == (2500, 2500, "month", "EUR")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fixe + variable (30 k€ + 5 k€)", (30_000, 30_000, "year", "EUR")),
        ("Salaire + primes (1 900 € + 200 €)", (1_900, 1_900, "month", "EUR")),
        ("Salaire : à partir de 2 100 € brut", (2_100, None, "month", "EUR")),
        ("jusqu'à 45K", (None, 45_000, "year", "EUR")),
        ("TJM 450-550 €", (450, 550, "day", "EUR")),
        ("Taux horaire : 11,88", (11.88, 11.88, "hour", "EUR")),
        ("32/38K€", (32_000, 38_000, "year", "EUR")),
        ("€35k–€40k", (35_000, 40_000, "year", "EUR")),
        ("entre 1800 et 2000 euros", (1_800, 2_000, "month", "EUR")),
        ("Salaire: 24000 - 28000 EUR par an", (24_000, 28_000, "year", "EUR")),
    ],
)
def test_pay_as_recruiters_write_it(
    text: str, expected: tuple[float | None, float | None, str, str]
) -> None:
    assert figures(text) == expected


def test_a_pay_in_pounds_keeps_its_currency_and_gives_no_euros() -> None:
    assert figures("£30,000")[3] == "GBP"


def read_pay(title: str, description: str) -> tuple[float | None, float | None, str | None]:
    item = SourceOffer(
        external_id="1", url="https://example.org/1", title=title, description=description
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer), offer
    assert offer.salary is not None
    period = offer.salary.period.value if offer.salary.period else None
    return offer.salary.minimum, offer.salary.maximum, period


PAYS = [
    ("entre 1800 et 2000 euros brut par mois", (1_800, 2_000, "month")),
    ("jusqu'à 45K", (None, 45_000, "year")),
    ("€35k–€40k", (35_000, 40_000, "year")),
    ("2¿000 € brut mensuel", (2_000, 2_000, "month")),
    ("fixe + variable (30 k€ + 5 k€)", (30_000, 30_000, "year")),
]


@pytest.mark.parametrize(("pay", "expected"), PAYS)
def test_a_title_s_pay_is_read(pay: str, expected: tuple[float, float, str]) -> None:
    assert read_pay(f"Vendeur H/F - {pay}", "Un poste de vendeur en boutique.") == expected


@pytest.mark.parametrize(("pay", "expected"), PAYS)
def test_a_sentence_s_pay_is_read(pay: str, expected: tuple[float, float, str]) -> None:
    description = f"Un poste de vendeur. Nous proposons une rémunération de {pay}. Mutuelle."
    assert read_pay("Vendeur", description) == expected


def test_a_sentence_s_pay_in_pounds_is_kept_in_pounds() -> None:
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title="Sales assistant",
        description="A role in our London shop. The salary is £30,000 a year.",
    )
    offer = normalize_offer(item, CONTEXT)
    assert isinstance(offer, Offer) and offer.salary is not None
    assert (offer.salary.currency, offer.salary.minimum) == ("GBP", 30_000)


def test_a_range_inside_brackets_keeps_both_bounds() -> None:
    assert figures("£35k-£45k (approx. €40k-€52k)") == (40_000, 52_000, "year", "EUR")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€21.90 an hour", (21.9, 21.9, "hour")),
        ("€12.55 – €14.00 an hour", (12.55, 14.0, "hour")),
        ("12 - 14 an hour", (12.0, 14.0, "hour")),
    ],
)
def test_english_an_hour_is_a_period_not_years(
    text: str, expected: tuple[float, float, str]
) -> None:
    """ "an hour" follows the amount: not "21 ans" (years), which is no pay."""
    assert figures(text)[:3] == expected


def test_years_after_a_number_are_still_no_pay() -> None:
    assert (
        parse_salary("Expérience : 2 ans minimum") is None
        or figures("Expérience : 2 ans minimum")[0] is None
    )
