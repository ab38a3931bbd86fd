"""`relais normalize` on feeds whose contract and pay are written in words (issue 16): a
contract with a qualifier or a prospect, a pay grid named with no amount, categories as facts,
an internship's length, a job type "temporary" beside an interim, a pay in two currencies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "contract_pay_words"


def normalize(kind: str, name: str) -> dict[str, dict[str, Any]]:
    """The offers `relais normalize --kind KIND FILE --format relais` prints, by id."""
    arguments = ["normalize", "--kind", kind, "--format", "relais", str(FIXTURES / name)]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    offers = [json.loads(line) for line in result.stdout.splitlines()]
    return {offer["external_id"]: offer for offer in offers}


@pytest.fixture(scope="module")
def rss_offers() -> dict[str, dict[str, Any]]:
    return normalize("rss", "rss_contract_pay.xml")


@pytest.fixture(scope="module")
def indeed_offers() -> dict[str, dict[str, Any]]:
    return normalize("indeed-xml", "indeed_contract_pay.xml")


def test_a_replacement_cdd_with_a_cdi_prospect_is_a_cdd(rss_offers: dict[str, Any]) -> None:
    contract = rss_offers["moniteur-chambery"]["contract"]
    assert (contract["type_contrat"], contract["duration_value"]) == ("CDD", 4)


def test_a_pay_grid_named_without_an_amount_gives_no_figures(rss_offers: dict[str, Any]) -> None:
    salary = rss_offers["moniteur-chambery"]["salary"]
    assert (salary["minimum"], salary["maximum"]) == (None, None)
    assert salary["text"] == "selon la grille de la CCN 66, coefficient 411"


def test_a_seasonal_cdd_is_a_seasonal_contract_with_its_length(
    rss_offers: dict[str, Any],
) -> None:
    contract = rss_offers["accueil-camping"]["contract"]
    assert (contract["type_contrat"], contract["duration_value"]) == ("SAI", 5)


def test_rss_categories_give_contract_working_time_and_place(rss_offers: dict[str, Any]) -> None:
    offer = rss_offers["assistant-commercial"]
    assert offer["contract"]["type_contrat"] == "CDI"
    assert offer["contract"]["full_time"] is False
    assert offer["place"]["insee_code"] == "64445"


def test_an_internship_named_by_the_title_says_stage_and_its_length(
    rss_offers: dict[str, Any],
) -> None:
    contract = rss_offers["stage-communication"]["contract"]
    assert (contract["text"], contract["type_contrat"], contract["duration_value"]) == (
        "Stage",
        None,
        5,
    )


def test_an_indeed_internship_reads_its_length_from_the_description(
    indeed_offers: dict[str, Any],
) -> None:
    contract = indeed_offers["VAL-STAGE-3"]["contract"]
    assert (contract["text"], contract["duration_value"], contract["duration_unit"]) == (
        "internship",
        4,
        "mois",
    )


def test_an_indeed_temporary_job_is_the_interim_its_description_names(
    indeed_offers: dict[str, Any],
) -> None:
    offer = indeed_offers["VAL-PREP-8"]
    assert (offer["contract"]["type_contrat"], offer["contract"]["duration_value"]) == ("MIS", 2)
    assert offer["disagreements"] == []


def test_an_indeed_salary_naming_a_grid_and_a_bonus_gives_no_figures(
    indeed_offers: dict[str, Any],
) -> None:
    salary = indeed_offers["VAL-AMP-2"]["salary"]
    assert (salary["minimum"], salary["maximum"]) == (None, None)
    assert salary["text"] == "Selon grille CCN 51 + prime Ségur (206 € net/mois)"


def test_an_indeed_salary_in_pounds_and_euros_gives_the_euros(
    indeed_offers: dict[str, Any],
) -> None:
    salary = indeed_offers["VAL-PM-1"]["salary"]
    assert (salary["minimum"], salary["maximum"], salary["currency"]) == (46000, 55000, "EUR")
