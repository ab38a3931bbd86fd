"""A job seeker searching offers in a real headless chromium, on a laptop and on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.browser import watched_tab

pytestmark = pytest.mark.browser

SCREENS = {"ordinateur": (1280, 800), "téléphone": (390, 844)}


@pytest.fixture(params=list(SCREENS))
def tab(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A fresh page, laptop- or phone-sized."""
    with watched_tab(browser, *SCREENS[request.param]) as page:
        yield page


@pytest.fixture
def site(catalogue: dict[str, int]) -> Iterator[str]:
    """The app on loopback, with the catalogue's offers (Lyon 3e, Villeurbanne, Rennes)."""
    from tests.support.webserver import serving
    from web.app import create_app

    with serving(create_app()) as url:
        yield url


def _titles(page: Any) -> list[str]:
    return page.locator("ol.offers h2").all_inner_texts()


def _more_criteria(page: Any) -> None:
    """Open the form's further criteria (métier, contract…)."""
    page.get_by_text("Plus de critères").click()


def _search(page: Any) -> None:
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()


def test_a_job_seeker_finds_an_offer_by_a_keyword(tab: Any, site: str) -> None:
    tab.goto(site + "/")
    tab.get_by_label("Mots-clés").fill("java")
    _search(tab)
    tab.wait_for_url("**q=java**")
    assert _titles(tab) == ["Développeuse Java F/H"]
    assert tab.get_by_role("status").inner_text() == "1 offre"


def test_a_job_seeker_finds_offers_by_a_keyword_typed_without_accents(tab: Any, site: str) -> None:
    tab.goto(site + "/")
    tab.get_by_label("Mots-clés").fill("DEVELOPPEURS")
    _search(tab)
    tab.wait_for_url("**q=DEVELOPPEURS**")
    assert sorted(_titles(tab)) == ["Développeur Python H/F", "Développeuse Java F/H"]


def test_a_job_seeker_finds_offers_by_a_towns_name(tab: Any, site: str) -> None:
    tab.goto(site + "/")
    tab.get_by_label("Commune, département ou région").fill("rennes")
    _search(tab)
    tab.wait_for_url("**lieu=rennes**")
    assert _titles(tab) == ["Cariste H/F"]


def test_a_job_seeker_finds_offers_by_metier(tab: Any, site: str) -> None:
    tab.goto(site + "/")
    _more_criteria(tab)
    tab.get_by_label("Métier", exact=True).fill("Développeur / Développeuse informatique")
    _search(tab)
    tab.wait_for_url("**metier=**")
    assert _titles(tab) == ["Développeur Python H/F", "Développeuse Java F/H"]


def test_a_filtered_address_reloads_the_same_search(tab: Any, site: str) -> None:
    tab.goto(site + "/")
    tab.get_by_label("Commune, département ou région").fill("Villeurbanne")
    tab.get_by_label("Autour de la commune").select_option(label="La commune seule")
    _more_criteria(tab)
    tab.get_by_label("CDD (2)").check()
    _search(tab)
    tab.wait_for_url("**contrat=CDD**")
    shared = tab.url
    tab.goto(site + "/")
    tab.goto(shared)
    assert _titles(tab) == ["Développeuse Java F/H"]
    assert tab.get_by_label("Commune, département ou région").input_value() == "Villeurbanne"
    assert tab.get_by_label("CDD (2)").is_checked()


def test_an_ambiguous_place_offers_its_choices(tab: Any, site: str) -> None:
    tab.goto(site + "/")
    tab.get_by_label("Commune, département ou région").fill("Saint-Denis")
    _search(tab)
    alert = tab.get_by_role("alert")
    assert "désigne plusieurs lieux" in alert.inner_text()
    box = alert.bounding_box()
    assert box["y"] + box["height"] <= tab.viewport_size["height"]  # seen without scrolling
    tab.get_by_role("link", name="Saint-Denis (93)").click()
    tab.wait_for_url("**Saint-Denis+%2893%29**")
    assert tab.get_by_role("status").inner_text() == "0 offre"


def test_the_search_form_fits_the_screen(tab: Any, site: str) -> None:
    tab.goto(site + "/")
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= tab.viewport_size["width"]
