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


WEEK = SalaryPeriod.WEEK


def figures(text: str) -> tuple[float | None, float | None, str | None]:
    salary = parse_salary(text)
    assert salary is not None
    return (salary.minimum, salary.maximum, salary.period)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("40-42K€ selon expérience - 1 jour de télétravail / semaine", (40_000, 42_000, YEAR)),
        ("1 200 € brut mensuel (24h/semaine)", (1_200, 1_200, MONTH)),
        ("1 jour de télétravail par semaine, 38 000 € par an", (38_000, 38_000, YEAR)),
        ("CDD 6 mois, 2000€ brut mensuel", (2_000, 2_000, MONTH)),
        ("450 € par jour", (450, 450, DAY)),
        ("TJM 500€", (500, 500, DAY)),
        ("500 € par semaine", (500, 500, WEEK)),
        ("Taux horaire : 12 €", (12, 12, HOUR)),
        ("salaire mensuel brut : 2 000 €", (2_000, 2_000, MONTH)),
        ("Rémunération : 12,38 par heure brut", (12.38, 12.38, HOUR)),
        ("Technicien H/F, 1 poste, 2 100 € brut", (2_100, 2_100, MONTH)),
    ],
)
def test_the_period_is_the_one_written_next_to_the_amount(
    text: str, expected: tuple[float, float, str]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("36KE", (36_000, 36_000, YEAR)),
        ("45KE - 50KE", (45_000, 50_000, YEAR)),
        ("35 K€", (35_000, 35_000, YEAR)),
        ("35k", (35_000, 35_000, YEAR)),
        ("24KEUR", (24_000, 24_000, YEAR)),
        ("35 000€/an", (35_000, 35_000, YEAR)),
        ("35.000 €", (35_000, 35_000, YEAR)),
        ("2,5 k€ par mois", (2_500, 2_500, MONTH)),
        ("€35,000 - €40,000 per year", (35_000, 40_000, YEAR)),
    ],
)
def test_thousands_as_people_write_them(text: str, expected: tuple[float, float, str]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35 000 à 40 000 euros bruts annuels", (35_000, 40_000, YEAR)),
        ("rémunération de 35 à 40 k€ bruts annuels selon profil", (35_000, 40_000, YEAR)),
        ("de 35 à 40 000 € par an", (35_000, 40_000, YEAR)),
        ("entre 2 000 et 2 400 € brut par mois", (2_000, 2_400, MONTH)),
        ("Entre 2100€ et 2300€ brut mensuel selon expérience", (2_100, 2_300, MONTH)),
        ("30K€ – 35K€/an", (30_000, 35_000, YEAR)),
        ("28/34KE", (28_000, 34_000, YEAR)),
        ("entre 12.20€/h et 12,80€/h selon expérience", (12.2, 12.8, HOUR)),
        ("De 11,88 € à 13 € de l'heure", (11.88, 13, HOUR)),
        ("Mensuel de 774.77 Euros à 1808.8 Euros sur 13.3 mois", (774.77, 1_808.8, MONTH)),
        ("De 707,60 à 1 645,58 € par mois", (707.6, 1_645.58, MONTH)),
        ("jusqu'à 45 k€", (None, 45_000, YEAR)),
    ],
)
def test_ranges_as_people_write_them(text: str, expected: tuple[float, float, str]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "SMIC",
        "SMIC horaire",
        "SMIC + 10%",
        "selon convention collective",
        "Selon convention collective (coefficient 230)",
        "Salaire selon profil, 39h/semaine",
        "Rémunération évolutive de 60 à 90 % du chiffre d'affaires",
        "Salaire attractif + participation 1500 €",
    ],
)
def test_pay_without_figures_keeps_the_text_alone(text: str) -> None:
    assert parse_salary(text) == Salary(text=text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2000 € brut mensuel + prime de 500 €", (2_000, 2_000, MONTH)),
        ("Prime de 500 € + salaire de 2000 €/mois", (2_000, 2_000, MONTH)),
        ("Salaire : 1 900 € brut mensuel, tickets restaurant 9 €", (1_900, 1_900, MONTH)),
        ("tickets restaurant 9 €, salaire 1 900 € brut", (1_900, 1_900, MONTH)),
        ("Tickets restaurant de 9 € ; 2 100 € bruts par mois", (2_100, 2_100, MONTH)),
        ("45k€ fixe + 10k€ de variable", (45_000, 45_000, YEAR)),
        ("Package : 45k€ + variable 5k€", (45_000, 45_000, YEAR)),
        ("Casse-croûte de 5,86 EUR/j, 1 850 € brut par mois", (1_850, 1_850, MONTH)),
    ],
)
def test_a_bonus_or_a_benefit_is_not_the_salary(
    text: str, expected: tuple[float, float, str]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Fondée en 2005, notre société compte 120 restaurants et 56 000 collaborateurs.",
        "Poste basé à Marnaz (74460), au sein d'une équipe de 12 personnes.",
        "Un chiffre d'affaires de 23,2 milliards d'euros en 2023.",
        "Recrute 1 Data Engineer F/H pour son client.",
    ],
)
def test_figures_of_a_sentence_not_written_as_money_are_not_pay(text: str) -> None:
    salary = parse_salary(text)
    assert salary is not None and (salary.minimum, salary.maximum) == (None, None)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("13ème mois, 2 200 € brut mensuel", 13),
        ("2 200 € brut mensuel + 13ème mois", 13),
        ("CDD de 6 mois, 2 200 € brut mensuel sur 13 mois", 13),
    ],
)
def test_months_a_year_in_a_sentence(text: str, months: float) -> None:
    salary = parse_salary(text)
    assert salary is not None and (salary.minimum, salary.months) == (2_200, months)


def test_a_rate_written_with_four_decimals_keeps_them() -> None:
    assert figures("Rémunération : 12.6079 €/H + prime de 10€ brut par vacation") == (
        12.6079,
        12.6079,
        "hour",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de 2502 € (1er échelon) à 3093 € (7ème échelon), brut mensuel", (2502, 3093, MONTH)),
        (
            "Comprise : 1 578,42€ nets/ mensuels (1 964,94€ bruts) [sans expérience] et "
            "2 457,54€ nets/ mensuels (3 057,79€ bruts) [+ 15 ans expérience]",
            (1578.42, 2457.54, MONTH),
        ),
        ("35 000 € (débutant) à 42 000 € (confirmé) brut par an", (35_000, 42_000, YEAR)),
        ("12 € (selon profil) - 14 € de l'heure", (12, 14, HOUR)),
    ],
)
def test_a_note_in_brackets_beside_a_bound_does_not_break_the_range(
    text: str, expected: tuple[float, float, str]
) -> None:
    salary = parse_salary(text)
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.period) == expected


def test_an_amount_inside_a_note_is_not_the_other_bound() -> None:
    salary = parse_salary("12 €/h (soit 1 820 € brut par mois)")
    assert salary is not None
    assert (salary.minimum, salary.maximum) != (12, 1820)


def test_an_hourly_rate_restated_monthly_gives_the_monthly_salary() -> None:
    salary = parse_salary("12 €/h (soit 1 820 € brut par mois)")
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.period) == (1820, 1820, MONTH)


def test_a_net_pay_restated_gross_gives_the_gross_pay() -> None:
    salary = parse_salary("1 654 € net mensuel (2 120 € brut)")
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.period) == (2120, 2120, MONTH)


def test_a_monthly_amount_that_cannot_be_the_hourly_pay_is_no_restatement() -> None:
    salary = parse_salary("15 €/h, primes jusqu'à 30 € brut par mois")
    assert salary is not None
    assert (salary.minimum, salary.period) == (15, HOUR)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,5 k€ par mois", (2_500, 2_500, MONTH)),
        ("36KE", (36_000, 36_000, YEAR)),
        ("11,88 € de l'heure", (11.88, 11.88, HOUR)),
        ("2073,33 bruts pour 35 heures hebdomadaires", (2073.33, 2073.33, MONTH)),
    ],
)
def test_pay_as_the_issue_writes_it(text: str, expected: tuple[float, float, str]) -> None:
    salary = parse_salary(text)
    assert salary is not None
    assert (salary.minimum, salary.maximum, salary.period) == expected


@pytest.mark.parametrize(
    "text",
    [
        "90 € par soirée",
        "60 € l'intervention",
        "110 € la nuit",
        "75 € brut par service",
        "40 € par séance",
        "160 € la garde de 24h",
        "130 € / vacation",
    ],
)
def test_pay_for_a_unit_of_work_that_is_no_time_has_no_period(text: str) -> None:
    salary = parse_salary(text)
    assert salary is not None and salary.minimum is not None and salary.period is None


def test_pay_by_the_hour_keeps_its_period_beside_the_piece_words() -> None:
    salary = parse_salary("13 € de l'heure pour chaque service")
    assert salary is not None and salary.period == HOUR
