"""`relais normalize` on a feed whose contracts say their length in other words than a length
(issue 16): a temporary work agency's "mission de 3 semaines", a CDD "jusqu'au 31/08/2027",
an alternance of 24 months with its rhythm, a CDD "du 10/12/2026 au 20/04/2027"; and
publication dates written relative to when the feed was read, counted from `--collected-at`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main

FEED = Path(__file__).parent / "fixtures" / "contract_terms" / "rss_contract_terms.xml"
COLLECTED = "2026-11-30T10:00+01:00"


def _run(*options: str) -> Result:
    arguments = ["normalize", "--kind", "rss", "--collected-at", COLLECTED, *options, str(FEED)]
    return CliRunner().invoke(main, arguments)


@pytest.fixture(scope="module")
def offers() -> dict[str, dict[str, Any]]:
    result = _run("--format", "relais")
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.stdout.splitlines()]
    return {offer["external_id"]: offer for offer in found}


def _contract(offer: dict[str, Any]) -> tuple[Any, ...]:
    contract = offer["contract"]
    return (
        contract["type_contrat"],
        contract["nature"],
        contract["duration_value"],
        contract["duration_unit"],
    )


def test_an_agency_s_mission_of_three_weeks_is_an_interim_mission(
    offers: dict[str, dict[str, Any]],
) -> None:
    assert _contract(offers["preparateur"]) == ("MIS", "Contrat travail", 21, "jour")


def test_a_cdd_until_a_day_lasts_from_its_publication(offers: dict[str, dict[str, Any]]) -> None:
    # published "hier" (29 November 2026), until 31 August 2027: 9 months
    assert _contract(offers["assistant-rh"]) == ("CDD", "Contrat travail", 9, "mois")


def test_an_alternance_keeps_its_length_not_its_rhythm(offers: dict[str, dict[str, Any]]) -> None:
    assert _contract(offers["alternance"]) == ("CDD", "Contrat apprentissage", 24, "mois")


def test_a_numeric_range_gives_the_start_and_the_length(
    offers: dict[str, dict[str, Any]],
) -> None:
    offer = offers["vendeur"]
    assert offer["start"]["day"] == "2026-12-10"
    assert _contract(offer) == ("CDD", "Contrat travail", 132, "jour")


@pytest.mark.parametrize(
    ("external_id", "posted_at", "origin", "confidence"),
    [
        ("preparateur", "2026-11-26T23:00:00Z", "field", 0.8),  # "il y a 3 jours": 27/11
        ("assistant-rh", "2026-11-28T23:00:00Z", "description", 0.8),  # "Publiée hier": 29/11
        ("vendeur", "2026-10-30T23:00:00Z", "field", 0.5),  # "30+ days ago": 31/10 or before
    ],
)
def test_a_relative_publication_date_counts_back_from_the_collection(
    offers: dict[str, dict[str, Any]],
    external_id: str,
    posted_at: str,
    origin: str,
    confidence: float,
) -> None:
    offer = offers[external_id]
    assert offer["posted_at"] == posted_at
    source = offer["fact_sources"]["posted"]
    assert (source["origin"], source["confidence"]) == (origin, confidence)
    assert source["counted_from"] == "2026-11-30T09:00:00Z"


def test_a_full_publication_date_says_no_provenance(offers: dict[str, dict[str, Any]]) -> None:
    assert offers["alternance"]["posted_at"] == "2026-11-23T08:00:00Z"
    assert "posted" not in offers["alternance"]["fact_sources"]


def test_france_travail_s_form_says_the_length_as_its_label_does() -> None:
    result = _run("--format", "francetravail")
    assert result.exit_code == 0, result.output
    labels = [json.loads(line)["typeContratLibelle"] for line in result.stdout.splitlines()]
    assert "Contrat à durée déterminée - 9 Mois" in labels
    assert "Mission intérimaire - 21 Jour(s)" in labels


def test_a_collection_time_that_is_no_date_is_refused_in_french() -> None:
    arguments = ["normalize", "--kind", "rss", "--collected-at", "hier", str(FEED)]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 2
    assert "n'est pas une date ISO 8601" in result.stderr
