"""`relais normalize` reads places as people write them, and keeps every place of an offer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.pipeline.test_cli import relais

FIXTURES = Path(__file__).parent / "fixtures"
# The careers-site page the JSON-LD extractor's own tests read, through the CLI here.
SITE_PAGES = Path(__file__).parents[1] / "spiders" / "fixtures" / "sites"


@pytest.fixture(scope="module")
def rss_offers() -> dict[str, dict[str, Any]]:
    result = relais("normalize", "--kind", "rss", str(FIXTURES / "places.rss"))
    assert result.returncode == 0, result.stderr
    offers = [json.loads(line) for line in result.stdout.splitlines()]
    return {offer["external_id"]: offer for offer in offers}


def test_a_feed_item_naming_two_cities_keeps_both(rss_offers: dict[str, Any]) -> None:
    offer = rss_offers["rt-1"]
    assert offer["place"]["insee_code"] == "33063"
    assert [place["insee_code"] for place in offer["other_places"]] == ["31555"]


def test_a_namesake_is_told_apart_by_the_description(rss_offers: dict[str, Any]) -> None:
    assert rss_offers["rt-2"]["place"]["insee_code"] == "07288"  # Saint-Priest, Ardèche


def test_a_remote_job_in_the_eu_has_no_french_commune(rss_offers: dict[str, Any]) -> None:
    place = rss_offers["rt-3"]["place"]
    assert (place["match"], place["zone"], place["insee_code"]) == (
        "remote",
        "Union européenne",
        None,
    )


def test_a_former_commune_gives_the_commune_nouvelle(rss_offers: dict[str, Any]) -> None:
    place = rss_offers["rt-4"]["place"]
    assert (place["insee_code"], place["commune_name"]) == ("50129", "Cherbourg-en-Cotentin")


def _json_ld_offer(page: Path, base_url: str) -> dict[str, Any]:
    """The one offer `relais normalize --kind jsonld` reads from a careers-site page."""
    result = relais("normalize", "--kind", "jsonld", "--base-url", base_url, str(page))
    (offer,) = [json.loads(line) for line in result.stdout.splitlines()]
    return offer


def test_every_job_location_of_a_json_ld_posting_is_kept() -> None:
    offer = _json_ld_offer(
        SITE_PAGES / "posting_plusieurs_lieux.html",
        "https://banque.example/carrieres/conseiller-clientele",
    )
    assert offer["place"]["insee_code"] == "33063"
    assert [place["insee_code"] for place in offer["other_places"]] == ["31555", "33281"]


@pytest.fixture(scope="module")
def shoe_seller() -> dict[str, Any]:
    """A shoe shop's posting in Saint-Paul, whose employer's address is in Haute-Vienne."""
    return _json_ld_offer(
        FIXTURES / "posting_company_address.html", "https://chaussures.example/emplois/vendeur"
    )


def test_the_employer_s_address_tells_a_namesake_apart(shoe_seller: dict[str, Any]) -> None:
    assert shoe_seller["place"]["insee_code"] == "87174"  # Saint-Paul, Haute-Vienne, not La Réunion


def test_a_json_ld_valid_through_day_is_open_all_that_day(shoe_seller: dict[str, Any]) -> None:
    assert shoe_seller["valid_through"] == "2026-12-15T22:59:59Z"


@pytest.fixture(scope="module")
def title_offers() -> dict[str, dict[str, Any]]:
    """A feed whose titles alone say where each job is."""
    result = relais("normalize", "--kind", "rss", str(FIXTURES / "places_in_titles.rss"))
    assert result.returncode == 0, result.stderr
    offers = [json.loads(line) for line in result.stdout.splitlines()]
    return {offer["external_id"]: offer for offer in offers}


def test_a_ville_nouvelle_is_not_read_as_a_small_commune_named_like_part_of_it(
    title_offers: dict[str, Any],
) -> None:
    place = title_offers["hz-1"]["place"]
    assert place["insee_code"] is None and place["departement_code"] != "44"  # not La Marne


def test_a_renamed_commune_s_old_name_gives_the_renamed_commune_unsurely(
    title_offers: dict[str, Any],
) -> None:
    place = title_offers["hz-2"]["place"]
    assert place["insee_code"] == "91228"  # Évry-Courcouronnes, not Évry in the Yonne
    assert place["confidence"] < 1


def test_corsica_s_old_departement_number_agrees_with_its_towns(
    title_offers: dict[str, Any],
) -> None:
    assert title_offers["hz-3"]["place"]["insee_code"] == "2B033"  # Bastia


def test_every_place_a_title_lists_is_kept(title_offers: dict[str, Any]) -> None:
    offer = title_offers["hz-4"]
    assert offer["place"]["insee_code"] == "57463"  # Metz
    assert [place["insee_code"] for place in offer["other_places"]] == ["54395"]  # Nancy


def test_a_title_saying_remote_in_france_is_a_fully_remote_job(
    title_offers: dict[str, Any],
) -> None:
    offer = title_offers["hz-5"]
    assert (offer["place"]["match"], offer["remote"]["mode"]) == ("remote", "full")


def test_a_json_ld_address_abroad_gives_its_country_not_a_departement() -> None:
    offer = _json_ld_offer(
        FIXTURES / "posting_adresse_etrangere.html", "https://musterfirma.example/jobs/buchhalter"
    )
    place = offer["place"]
    assert (place["match"], place["country_code"], place["departement_code"]) == (
        "country",
        "DE",
        None,
    )
