"""The community page and the offer page, as HTML a reader gets."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from schemas.offers import OfferStatus, Place, PlaceMatch, StoredOffer
from store import models
from tests.store.factories import offer
from web.app import create_app
from web.pages import offer_view

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


def _same_offer_on_a_second_source(offers: dict[str, int]) -> int:
    """The Python developer offer, listed again by a job board; returns the board's copy id."""
    from store.copies import upsert_offer
    from store.db import session_scope
    from tests.store.factories import offer, register

    lyon = Place(text="Lyon 3e", match=PlaceMatch.COMMUNE, label="69 - LYON 03", insee_code="69383")
    with session_scope() as session:
        board = register(session, "jobs-rhone")
        copy = offer(
            "JR-1",
            "Développeur Python (H/F)",
            place=lyon,
            attribution="Jobs Rhône",
            url="https://jobs-rhone.example/offres/1",
            posted_at=datetime(2026, 11, 18, 9, tzinfo=UTC),
        )
        result = upsert_offer(session, board.id, copy)
    assert result.offer_id == offers["a"]
    return result.copy_id


def test_the_offer_page_says_where_else_the_offer_is(offers: dict[str, int]) -> None:
    _same_offer_on_a_second_source(offers)
    html = client.get(f"/offres/{offers['a']}").text
    also_on = html[html.index("Aussi publiée sur") :]
    assert 'href="https://jobs-rhone.example/offres/1"' in also_on and "Jobs Rhône" in also_on


def test_the_offer_page_shows_the_offers_history(offers: dict[str, int]) -> None:
    _same_offer_on_a_second_source(offers)
    html = client.get(f"/offres/{offers['a']}").text
    history = html[html.index("Historique de l'offre") :]
    assert "Publiée : first seen on acme" in history
    assert "Vue sur une autre source : also on jobs-rhone" in history


def test_the_community_page_shows_a_merged_offer_once(offers: dict[str, int]) -> None:
    _same_offer_on_a_second_source(offers)
    html = client.get("/").text
    assert html.count('id="offer-') == 3
    assert html.count(f'<a href="/offres/{offers["a"]}">') == 1


def test_a_merged_offers_page_redirects_to_the_offer_it_joined(offers: dict[str, int]) -> None:
    from store import copies
    from store.db import session_scope

    copy_id = _same_offer_on_a_second_source(offers)
    with session_scope() as session:
        split = copies.split_copy(session, offers["a"], copy_id, "test").id
        # …then an operator merges it back by hand: its page leads to the one that carries on.
        session.get_one(models.Offer, split).merged_into_id = offers["a"]
    response = client.get(f"/offres/{split}", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"].endswith(f"/offres/{offers['a']}")


def test_an_offer_in_several_places_shows_each_of_them() -> None:
    seen = datetime(2026, 11, 20, tzinfo=UTC)
    bordeaux = Place(text="Bordeaux", match=PlaceMatch.COMMUNE, label="33 - BORDEAUX")
    toulouse = Place(text="Toulouse", match=PlaceMatch.COMMUNE, label="31 - TOULOUSE")
    stored = StoredOffer(
        id=1,
        status=OfferStatus.PUBLISHED,
        first_seen_at=seen,
        updated_at=seen,
        offer=offer(place=bordeaux, other_places=[toulouse]),
    )
    assert offer_view(stored)["place"] == "33 - BORDEAUX, 31 - TOULOUSE"
