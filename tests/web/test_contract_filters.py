"""The community pages' `contrat` filter takes the names people write (any case, accents or
not) as well as the codes, and says in French when a value names no contract type instead of
silently listing every offer."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from fastapi.testclient import TestClient
from starlette.datastructures import QueryParams

from web.app import create_app
from web.search_form import read_search

client = TestClient(create_app())


def _titles(page: str) -> list[str]:
    return re.findall(r'<h2 id="offer-\d+"><a href="/offres/\d+">([^<]+)</a>', page)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("CDD", "CDD"),
        ("cdd", "CDD"),
        ("Intérim", "MIS"),
        ("interim", "MIS"),
        ("INTÉRIM", "MIS"),
        ("Saisonnier", "SAI"),
        ("saisonniere", "SAI"),
        ("cdi", "CDI"),
        ("CDD d'insertion", "DDI"),
        ("Contrat à durée déterminée", "CDD"),
    ],
)
def test_a_contract_is_read_by_its_code_or_its_name(written: str, code: str) -> None:
    search = read_search(QueryParams([("contrat", written)]))
    assert search.contrats == (code,) and search.unknown_contrats == ()
    assert search.params() == [("contrat", code)]


def test_a_value_naming_no_contract_is_kept_to_be_said() -> None:
    search = read_search(QueryParams("contrat=CDI&contrat=Temps+plein"))
    assert search.contrats == ("CDI",) and search.unknown_contrats == ("Temps plein",)
    assert not search.resolved and search.query() is None
    [problem] = search.contract_problems
    assert problem.startswith("« Temps plein » n'est pas un type de contrat")
    assert "Intérim" in problem and "Saisonnier" in problem


def test_contracts_named_in_the_url_narrow_the_page(catalogue: dict[str, int]) -> None:
    everything = _titles(client.get("/").text)
    for written in ("cdd", "CDD", "Contrat à durée déterminée"):
        titles = _titles(client.get("/", params={"contrat": written}).text)
        assert titles == ["Développeuse Java F/H", "Cariste H/F"], written
    assert _titles(client.get("/", params={"contrat": "cdi"}).text) == ["Développeur Python H/F"]
    assert len(everything) == 3
    assert _titles(client.get("/", params={"contrat": "Intérim"}).text) == []
    assert "Aucune offre ne correspond" in client.get("/", params={"contrat": "interim"}).text


def test_an_unknown_contract_is_said_on_the_page_and_lists_nothing(
    catalogue: dict[str, int],
) -> None:
    page = client.get("/", params={"contrat": "alternance"}).text
    said = html_lib.unescape(page)
    assert "« alternance » n'est pas un type de contrat" in said
    assert "nature du contrat" in said and 'role="alert"' in page
    assert _titles(page) == []
    assert "Précisez votre recherche" in said


def test_a_feed_of_an_unknown_contract_is_a_french_400(catalogue: dict[str, int]) -> None:
    response = client.get("/flux/offres.rss", params={"contrat": "stage"})
    assert response.status_code == 400
    assert "« stage » n'est pas un type de contrat" in html_lib.unescape(response.text)
    feed = client.get("/flux/offres.rss", params={"contrat": "Intérim"})
    assert feed.status_code == 200
