"""Pay text read as figures, period, currency and months; France Travail's wording of it."""

from __future__ import annotations

import pytest

from normalizers.salary import ft_salary_label, parse_salary
from schemas import Salary, SalaryPeriod

YEAR, MONTH, HOUR, DAY = SalaryPeriod.YEAR, SalaryPeriod.MONTH, SalaryPeriod.HOUR, SalaryPeriod.DAY


@pytest.mark.parametrize(
    ("text", "minimum", "maximum", "period"),
    [
        ("32 000 € - 40 000 € brut par an", 32_000, 40_000, YEAR),
        ("1 802 € brut mensuel", 1_802, 1_802, MONTH),
        ("12,50 €/h", 12.5, 12.5, HOUR),
        ("15 € de l'heure", 15, 15, HOUR),
        ("45k€", 45_000, 45_000, YEAR),
        ("45-55K€", 45_000, 55_000, YEAR),
        ("40k-50k€ + variable 10%", 40_000, 50_000, YEAR),
        ("Entre 38K et 45K", 38_000, 45_000, YEAR),
        ("De 40 000 à 50 000 €", 40_000, 50_000, YEAR),
        ("Annuel de 35000,00 Euros à 40000,00 Euros sur 12.0 mois", 35_000, 40_000, YEAR),
        ("Mensuel de 1900.00 Euros sur 12 mois", 1_900, 1_900, MONTH),
        ("Horaire de 11.88 Euros sur 12 mois", 11.88, 11.88, HOUR),
        ("1.802,50 € mensuel", 1_802.5, 1_802.5, MONTH),
        ("2 000 € net / mois, 35h", 2_000, 2_000, MONTH),
        ("500 € / jour", 500, 500, DAY),
        ("TJM 450€", 450, 450, DAY),
    ],
)
def test_figures_and_period(text: str, minimum: float, maximum: float, period: str) -> None:
    salary = parse_salary(text)
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.period) == (minimum, maximum, period)
    assert salary.currency == "EUR"
    assert salary.text == text


def test_from_gives_a_minimum_only() -> None:
    salary = parse_salary("à partir de 2000€ /mois")
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.period) == (2000, None, MONTH)


def test_up_to_gives_a_maximum_only() -> None:
    salary = parse_salary("jusqu'à 3000 € par mois")
    assert salary is not None
    assert (salary.minimum, salary.maximum) == (None, 3000)


@pytest.mark.parametrize(
    ("text", "period"),
    [("35 000", YEAR), ("2 200 €", MONTH), ("12 €", HOUR), ("400 €", None), ("11 000 €", MONTH)],
)
def test_unstated_period_is_inferred_from_the_magnitude(text: str, period: str | None) -> None:
    salary = parse_salary(text)
    assert salary is not None and salary.period == period


@pytest.mark.parametrize(
    ("text", "currency"),
    [("$80,000 - $100,000 a year", "USD"), ("£30,000 per annum", "GBP"), ("40000 EUR", "EUR")],
)
def test_currency(text: str, currency: str) -> None:
    salary = parse_salary(text)
    assert salary is not None and salary.currency == currency


def test_thousands_with_commas() -> None:
    salary = parse_salary("$80,000 - $100,000 a year")
    assert salary is not None and (salary.minimum, salary.maximum) == (80_000, 100_000)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Annuel de 35000,00 Euros sur 12.0 mois", 12),
        ("50 000€ sur 13 mois", 13),
        ("35 - 40 k€ brut annuel + 13e mois", 13),
        ("Salaire : 2500€ brut x 13", 13),
        ("2500 € brut", None),
    ],
)
def test_months(text: str, months: float | None) -> None:
    salary = parse_salary(text)
    assert salary is not None and salary.months == months


@pytest.mark.parametrize("text", ["selon profil", "A négocier", "Annuel de", "Selon expérience"])
def test_text_without_figures_is_kept_alone(text: str) -> None:
    assert parse_salary(text) == Salary(text=text)


@pytest.mark.parametrize("text", [None, "", "  "])
def test_nothing_written_is_none(text: str | None) -> None:
    assert parse_salary(text) is None


@pytest.mark.parametrize("text", ["€€€", "9" * 400, "1,2,3,4,5", "k k k", "-5 €", "0 €"])
def test_odd_text_never_raises(text: str) -> None:
    parse_salary(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Annuel de 35000,00 Euros à 40000,00 Euros",
            "Annuel de 35000.00 Euros à 40000.00 Euros",
        ),
        (
            "Annuel de 35000.0 Euros à 40000.0 Euros sur 12.0 mois",
            "Annuel de 35000.00 Euros à 40000.00 Euros sur 12 mois",
        ),
        ("1 802 € brut mensuel", "Mensuel de 1802.00 Euros"),
        ("Mensuel de 1900.00 Euros sur 12 mois", "Mensuel de 1900.00 Euros sur 12 mois"),
        ("12,50 €/h", "Horaire de 12.50 Euros"),
        ("45-55K€", "Annuel de 45000.00 Euros à 55000.00 Euros"),
        ("à partir de 2000€ /mois", "Mensuel de 2000.00 Euros"),
        ("50 000€ sur 13,5 mois", "Annuel de 50000.00 Euros sur 13.5 mois"),
    ],
)
def test_france_travail_label(text: str, label: str) -> None:
    assert ft_salary_label(parse_salary(text)) == label


@pytest.mark.parametrize("text", ["selon profil", "500 € / jour", "$80,000 a year", "400 €"])
def test_no_france_travail_label_without_its_wording(text: str) -> None:
    assert ft_salary_label(parse_salary(text)) is None


def test_no_label_for_no_salary() -> None:
    assert ft_salary_label(None) is None
