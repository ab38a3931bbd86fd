"""`relais normalize` reads the places an RSS feed writes only in words (issue 16)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.pipeline.test_cli import relais

FEED = Path(__file__).parent / "fixtures" / "places_in_words.rss"


@pytest.fixture(scope="module")
def normalized() -> subprocess.CompletedProcess[str]:
    result = relais("normalize", "--kind", "rss", str(FEED))
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def offers(normalized: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    read = [json.loads(line) for line in normalized.stdout.splitlines()]
    return {offer["external_id"]: offer for offer in read}


def test_a_title_place_after_a_preposition_is_the_offer_s_place(offers: dict[str, Any]) -> None:
    assert offers["pw-1"]["place"]["insee_code"] == "33039"  # "Électricien H/F à Bègles"


def test_the_job_s_place_wins_over_the_head_office(offers: dict[str, Any]) -> None:
    assert offers["pw-2"]["place"]["insee_code"] == "86194"  # Poitiers, not Niort


def test_a_mission_s_place_in_a_sentence_is_read(offers: dict[str, Any]) -> None:
    assert offers["pw-3"]["place"]["insee_code"] == "16015"


def test_a_workplace_abroad_gives_its_country(offers: dict[str, Any]) -> None:
    place = offers["pw-4"]["place"]
    assert (place["match"], place["country_code"], place["insee_code"]) == ("country", "CH", None)


def test_the_run_says_in_french_why_an_offer_has_no_french_commune(
    normalized: subprocess.CompletedProcess[str],
) -> None:
    assert "hors de France (la première, « pw-4 », pays : Suisse)" in normalized.stderr


def test_a_region_s_listed_towns_are_all_kept(offers: dict[str, Any]) -> None:
    offer = offers["pw-5"]
    assert [offer["place"]["insee_code"]] + [p["insee_code"] for p in offer["other_places"]] == [
        "49007",
        "49099",
        "49328",
    ]


def test_a_departement_named_in_parentheses_tells_the_namesake(offers: dict[str, Any]) -> None:
    assert offers["pw-6"]["place"]["insee_code"] == "82186"  # Valence (Tarn-et-Garonne)
