"""The community page and the offer page, as HTML a reader gets."""

from __future__ import annotations

from fastapi.testclient import TestClient

from web.app import create_app

client = TestClient(create_app())


def test_the_community_page_lists_offers_newest_first(offers: dict[str, int]) -> None:
    html = client.get("/").text
    positions = [
        html.index(title)
        for title in (
            "Technicien de maintenance H/F",
            "Comptable fournisseurs F/H",
            "Développeur Python H/F",
        )
    ]
    assert positions == sorted(positions)


def test_each_offer_shows_place_contract_date_source_and_apply_link(offers: dict[str, int]) -> None:
    html = client.get("/").text
    assert "69 - LYON 03" in html
    assert "Contrat à durée indéterminée" in html
    assert "20 nov. 2026" in html
    assert "Source : " in html and "Acme · acme.example" in html
    assert 'href="https://acme.example/jobs/a"' in html


def test_the_offer_page_shows_the_whole_offer(offers: dict[str, int]) -> None:
    response = client.get(f"/offres/{offers['a']}")
    assert response.status_code == 200
    assert "<h1>Développeur Python H/F</h1>" in response.text
    assert "Une belle équipe." in response.text


def test_hostile_html_is_neutralized_on_the_offer_page(offers: dict[str, int]) -> None:
    html = client.get(f"/offres/{offers['c']}").text
    description = html[html.index('<section class="description"') :]
    assert "<script" not in description and "onerror" not in description
    assert "javascript:" not in html


def test_an_unknown_offer_is_a_404(offers: dict[str, int]) -> None:
    assert client.get("/offres/999999").status_code == 404


def test_an_empty_catalogue_says_so(database: str) -> None:
    assert "Aucune offre pour le moment" in client.get("/").text
