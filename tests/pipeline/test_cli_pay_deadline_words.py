"""`relais normalize` on a feed whose deadline, contract and pay are written in words (issue
16): a past application deadline is said to have expired (the offer kept, to be recorded
expired), a labelled contract wins over a
sentence that stays visible as a disagreement, a pay a broken encoding wrote "1¿850 ¿"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main

FEED = Path(__file__).parent / "fixtures" / "pay_deadline_words" / "rss_pay_deadline.xml"


@pytest.fixture(scope="module")
def result() -> Result:
    arguments = ["normalize", "--kind", "rss", "--format", "relais", str(FEED)]
    return CliRunner().invoke(main, arguments)


@pytest.fixture(scope="module")
def offers(result: Result) -> dict[str, dict[str, Any]]:
    found = [json.loads(line) for line in result.stdout.splitlines()]
    return {offer["external_id"]: offer for offer in found}


def test_an_offer_past_its_written_deadline_is_said_expired_with_its_date(
    result: Result,
) -> None:
    notes = [line for line in result.stderr.splitlines() if "date limite" in line]
    assert len(notes) == 1, result.stderr
    assert "enregistrée comme expirée" in notes[0] and "14/03/2024" in notes[0]


def test_an_offer_past_its_written_deadline_is_kept_not_refused(
    result: Result, offers: dict[str, dict[str, Any]]
) -> None:
    assert "refusé" not in result.stderr
    assert "espaces-verts" in offers


def test_a_labelled_contract_wins_over_a_seasonal_sentence(
    offers: dict[str, dict[str, Any]],
) -> None:
    offer = offers["serveur-plage"]
    assert offer["contract"]["type_contrat"] == "CDD"
    assert [(d["fact"], d["text_value"]) for d in offer["disagreements"]] == [
        ("contract", "CDD saisonnier à pourvoir au restaurant de la plage")
    ]


def test_a_pay_a_broken_encoding_wrote_is_read(offers: dict[str, dict[str, Any]]) -> None:
    salary = offers["serveur-plage"]["salary"]
    assert (salary["minimum"], salary["maximum"], salary["period"]) == (1850, 1850, "month")
