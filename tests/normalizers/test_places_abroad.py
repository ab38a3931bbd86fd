"""Addresses abroad (issue 16): a foreign postal code is no French département when the address's
country field or its words name another country."""

from __future__ import annotations

import pytest

from normalizers.places import field_country, resolve_place
from schemas import PlaceMatch


@pytest.mark.parametrize(
    ("city", "postal_code", "country", "code"),
    [
        ("Dallas", "75201", "US", "US"),
        ("Münster", "48143", "Deutschland", "DE"),
        ("Köln", "50667", "DE", "DE"),
        ("Lausanne", "1003", "CH", "CH"),
        ("Namur", "5000", "Belgique", "BE"),
    ],
)
def test_a_postal_code_beside_a_foreign_country_field_gives_the_country(
    city: str, postal_code: str, country: str, code: str
) -> None:
    place = resolve_place(city, postal_code=postal_code, country=country)
    assert (place.match, place.country_code, place.departement_code) == (
        PlaceMatch.COUNTRY,
        code,
        None,
    )


def test_a_foreign_country_written_in_the_address_text_gives_the_country() -> None:
    place = resolve_place("Bielefeld, 33602, Nordrhein-Westfalen, Deutschland")
    assert (place.match, place.country_code) == (PlaceMatch.COUNTRY, "DE")


def test_a_french_commune_its_postal_code_serves_stays_french_beside_another_country() -> None:
    place = resolve_place("Saint-Genis-Pouilly", postal_code="01630", country="CH")
    assert (place.match, place.departement_code) == (PlaceMatch.COMMUNE, "01")


def test_a_french_country_field_keeps_the_postal_code() -> None:
    place = resolve_place("Nantes", postal_code="44000", country="FR")
    assert place.insee_code == "44109"


def test_a_postal_code_la_poste_does_not_know_beside_an_unknown_name_is_no_departement() -> None:
    assert resolve_place("33699 Hinterwaldheim").departement_code is None


@pytest.mark.parametrize(
    ("written", "code"),
    [("us", "US"), ("Deutschland", "DE"), ("España", "ES"), ("Nederland", "NL"), ("France", "FR")],
)
def test_field_country_reads_codes_and_names_in_neighbouring_languages(
    written: str, code: str
) -> None:
    assert field_country(written) == code


def test_field_country_of_a_town_is_none() -> None:
    assert field_country("Lyon") is None
