"""Careers pages read with registered CSS / XPath selectors, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import FeedError, ItemError, extract, extractor_for

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"
URL = "https://menuiserie-chene.example/emplois/menuisier-poseur.html"
CSS = {
    "links": "a.job-link",
    "fields": {
        "title": "h1.titre",
        "description": ".description",
        "place": ".lieu",
        "contract": ".contrat",
        "salary": ".salaire",
        "posted_at": "time.publie",
        "apply_url": "a.postuler",
    },
}


def read(settings: dict[str, Any]) -> SourceOffer:
    (offer,) = extract("html", (SITES / "html_posting.html").read_bytes(), URL, settings)
    assert isinstance(offer, SourceOffer), offer
    return offer


def test_css_selectors_pick_each_field() -> None:
    offer = read(CSS)
    assert (offer.title, offer.place, offer.contract, offer.salary) == (
        "Menuisier poseur H/F",
        "Annecy (74)",
        "CDI",
        "2200 € brut par mois",
    )
    assert offer.posted_at == "2026-11-16"  # the datetime attribute, not the words
    assert offer.apply_url == "https://menuiserie-chene.example/postuler?offre=menuisier-poseur"
    assert (offer.external_id, offer.url) == (URL, URL)


def test_the_description_keeps_its_markup_for_the_sanitizer() -> None:
    description = read(CSS).description
    assert description is not None
    assert description.startswith('<div class="description"><p>Pose de menuiseries <b>bois</b>')


def test_xpath_expressions_and_attribute_selections() -> None:
    settings = {
        "links": "//a[@class='job-link']/@href",
        "fields": {
            "title": "//h1/text()",
            "place": "//p[@class='lieu']",
            "apply_url": "a.postuler::attr(href)",
        },
    }
    offer = read(settings)
    assert (offer.title, offer.place) == ("Menuisier poseur H/F", "Annecy (74)")
    assert offer.apply_url == "https://menuiserie-chene.example/postuler?offre=menuisier-poseur"


def test_a_container_is_stored_instead_of_the_whole_page() -> None:
    extractor = extractor_for("html", settings={**CSS, "container": "main.offre"})
    (record,) = extractor.split((SITES / "html_posting.html").read_bytes(), URL)
    assert record.payload.startswith('<main class="offre">')
    assert "toutes nos offres" not in record.payload
    assert extractor.read(record.payload, URL).title == "Menuisier poseur H/F"


def test_a_missing_container_fails_the_page_saying_which() -> None:
    extractor = extractor_for("html", settings={**CSS, "container": "section.absente"})
    refusal = "aucun élément ne correspond au conteneur « section.absente »"
    with pytest.raises(FeedError, match=refusal):
        list(extractor.split((SITES / "html_posting.html").read_bytes(), URL))


def test_a_malformed_selector_is_named() -> None:
    settings = {"links": "a", "fields": {"title": "h1[[["}}
    with pytest.raises(ItemError, match=r"le sélecteur CSS « h1\[\[\[ » est inutilisable"):
        extractor_for("html", settings=settings).read("<html><h1>x</h1></html>", URL)


@pytest.mark.parametrize(
    ("expression", "said"),
    [
        ("h1[", "le sélecteur CSS « h1[ » est inutilisable : syntaxe CSS invalide au caractère 4"),
        ("//h1[", "l'expression XPath « //h1[ » est inutilisable : syntaxe XPath invalide"),
    ],
)
def test_a_malformed_selector_is_said_in_french(expression: str, said: str) -> None:
    settings = {"links": "a", "fields": {"title": expression}}
    with pytest.raises(ItemError) as refused:
        extractor_for("html", settings=settings).read("<html><h1>x</h1></html>", URL)
    assert str(refused.value) == said


def test_settings_without_title_selector_are_refused() -> None:
    with pytest.raises(FeedError, match="fields.title"):
        extractor_for("html", settings={"links": "a", "fields": {}})


def test_a_field_the_page_lacks_is_left_empty() -> None:
    offer = read({"links": "a", "fields": {"title": "h1", "company": ".entreprise"}})
    assert offer.company is None
