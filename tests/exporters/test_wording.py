"""What a job seeker reads for an offer's pay, contract and working time: French words."""

import pytest

from exporters.wording import contract_wording, salary_wording, working_time_wording
from schemas.offers import Contract, Salary, SalaryPeriod


def test_a_pay_range_is_written_in_french_from_its_figures() -> None:
    salary = Salary(
        text="45000 - 55000 EUR per year",
        minimum=45000,
        maximum=55000,
        period=SalaryPeriod.YEAR,
        currency="EUR",
    )
    assert salary_wording(salary) == "De 45\u202f000\u00a0€ à 55\u202f000\u00a0€ par an"


def test_a_pay_floor_reads_a_partir_de() -> None:
    salary = Salary(
        text="from 24000 EUR per year", minimum=24000, period=SalaryPeriod.YEAR, currency="EUR"
    )
    assert salary_wording(salary) == "À partir de 24\u202f000\u00a0€ par an"


def test_an_hourly_rate_keeps_its_cents_and_months_are_said() -> None:
    hourly = Salary(
        text="11.88/h", minimum=11.88, maximum=11.88, period=SalaryPeriod.HOUR, currency="EUR"
    )
    monthly = Salary(
        text="2000 x 13",
        minimum=2000,
        maximum=2000,
        period=SalaryPeriod.MONTH,
        currency="EUR",
        months=13,
    )
    assert salary_wording(hourly) == "11,88\u00a0€ de l'heure"
    assert salary_wording(monthly) == "2\u202f000\u00a0€ par mois sur 13 mois"


def test_a_pay_without_figures_is_shown_as_written() -> None:
    assert salary_wording(Salary(text="Selon profil")) == "Selon profil"


def test_a_schema_org_employment_type_is_not_shown_as_the_contract() -> None:
    contract = Contract(text="FULL_TIME", full_time=True)
    assert contract_wording(contract) is None
    assert working_time_wording(contract) == "Temps plein"


def test_a_contractor_code_reads_independant() -> None:
    assert contract_wording(Contract(text="CONTRACTOR")) == "Indépendant"


def test_a_contract_type_and_its_duration_are_named() -> None:
    contract = Contract(
        text="CDD",
        type_contrat="CDD",
        type_contrat_label="Contrat à durée déterminée",
        duration_value=21,
        duration_unit="jour",
    )
    assert contract_wording(contract) == "Contrat à durée déterminée – 21 jours"


def test_weekly_hours_and_the_sources_schedule_are_both_shown() -> None:
    contract = Contract(full_time=True, hours_per_week=35, working_time_text="du lundi au vendredi")
    assert working_time_wording(contract) == "Temps plein – 35 h par semaine – du lundi au vendredi"


@pytest.mark.parametrize(
    ("written", "full_time", "hours"),
    [
        ("temps partiel, 28h/semaine", False, 28),
        ("à temps partiel, 24 heures par semaine", False, 24),
        ("Full-time, 35 hours per week", True, 35),
        ("17h30 / semaine", False, 17.5),
    ],
)
def test_the_sources_words_are_not_shown_when_they_only_repeat_the_time_and_hours(
    written: str, full_time: bool, hours: float
) -> None:
    contract = Contract(full_time=full_time, hours_per_week=hours, working_time_text=written)
    wording = working_time_wording(contract)
    assert wording is not None and written not in wording
    assert wording.count("par semaine") == 1


def test_the_sources_words_on_other_hours_than_those_shown_are_kept() -> None:
    contract = Contract(full_time=False, hours_per_week=24, working_time_text="20 à 24 h/semaine")
    assert working_time_wording(contract) == "Temps partiel – 24 h par semaine – 20 à 24 h/semaine"


def test_a_net_pay_is_said_net_on_the_page() -> None:
    salary = Salary(
        text="1 950 € net mensuel",
        minimum=1950,
        maximum=1950,
        period=SalaryPeriod.MONTH,
        currency="EUR",
    )
    assert salary_wording(salary) == "1\u202f950\u00a0€ net par mois"


def test_a_pay_for_a_unit_of_work_is_written_as_the_source_wrote_it() -> None:
    salary = Salary(text="90 € par soirée", minimum=90, maximum=90, currency="EUR")
    assert salary_wording(salary) == "90 € par soirée"
