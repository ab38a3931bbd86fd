"""`relais normalize` reads places no cue word introduces or that are no commune (issue 16): a
town and its département's number in a sentence, a ski resort, a région of before 2016, a
ville nouvelle, and an address abroad whose ZIP code is no Paris arrondissement."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.pipeline.test_cli import relais

FEED = Path(__file__).parent / "fixtures" / "places_written_anywhere.rss"


@pytest.fixture(scope="module")
def offers() -> dict[str, dict[str, Any]]:
    result = relais("normalize", "--kind", "rss", str(FEED))
    assert result.returncode == 0, result.stderr
    read = [json.loads(line) for line in result.stdout.splitlines()]
    return {offer["external_id"]: offer["place"] for offer in read}


def test_a_town_and_its_number_in_a_sentence_is_the_place(offers: dict[str, Any]) -> None:
    assert (offers["pa-1"]["match"], offers["pa-1"]["insee_code"]) == ("commune", "42218")


def test_a_ski_resort_is_the_commune_it_lies_in(offers: dict[str, Any]) -> None:
    assert offers["pa-2"]["insee_code"] == "73257"  # Les Belleville


def test_a_former_region_is_today_s(offers: dict[str, Any]) -> None:
    assert (offers["pa-3"]["match"], offers["pa-3"]["region_code"]) == ("region", "76")


def test_a_us_address_is_the_united_states(offers: dict[str, Any]) -> None:
    place = offers["pa-4"]
    assert (place["match"], place["country_code"], place["insee_code"]) == ("country", "US", None)


def test_a_ville_nouvelle_is_its_departement_no_commune(offers: dict[str, Any]) -> None:
    place = offers["pa-5"]
    assert (place["departement_code"], place["insee_code"]) == ("77", None)
