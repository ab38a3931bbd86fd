"""Figures that are not the pay: a collective agreement's numbers, figures with no currency or
period, a bonus; and a pay written in several currencies (issue 16)."""

from __future__ import annotations

import pytest

from normalizers.salary import parse_salary
from schemas import SalaryPeriod


@pytest.mark.parametrize(
    "text",
    [
        "Selon la grille de la CCN 51",
        "Rémunération selon CCNT 66",
        "Salaire selon la convention collective du 31 octobre 1951",
        "Selon Convention 66, reprise d'ancienneté",
        "IDCC 2941, 380 points",
        "Coefficient 329 de la grille",
        "Indice brut 372",
        "Salaire : 38-42",
        "Rémunération : 12",
    ],
)
def test_numbers_without_a_currency_or_a_period_are_no_pay(text: str) -> None:
    salary = parse_salary(text)
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.text) == (None, None, text)


@pytest.mark.parametrize(
    "text",
    [
        "Grille CCN 51 + Ségur (206 € net/mois)",
        "Selon CC66 + prime Ségur de 238 € net par mois",
        "Selon grille, + CTI (49 points, 238 € net mensuels)",
    ],
)
def test_a_bonus_beside_an_agreements_grid_is_not_the_salary(text: str) -> None:
    salary = parse_salary(text)
    assert salary is not None
    assert (salary.minimum, salary.maximum) == (None, None)


@pytest.mark.parametrize(
    ("text", "low", "high", "period"),
    [
        ("38-42 k€", 38_000, 42_000, SalaryPeriod.YEAR),
        ("2 150 €", 2150, 2150, SalaryPeriod.MONTH),
        ("13 €/h", 13, 13, SalaryPeriod.HOUR),
        ("Salaire : 1 950 brut", 1950, 1950, SalaryPeriod.MONTH),
        ("CCN 66 : 2 050 € brut mensuel", 2050, 2050, SalaryPeriod.MONTH),
    ],
)
def test_pay_written_as_money_is_still_read(
    text: str, low: float, high: float, period: SalaryPeriod
) -> None:
    salary = parse_salary(text)
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.period) == (low, high, period)


def test_a_pay_in_pounds_and_euros_gives_the_euro_amount() -> None:
    salary = parse_salary("£38k–£44k / €44k–€51k")
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.currency) == (44_000, 51_000, "EUR")


def test_a_pay_in_pounds_only_says_pounds() -> None:
    salary = parse_salary("£38k–£44k per annum")
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.currency) == (38_000, 44_000, "GBP")
