"""Community thread pages and their feeds."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from pipeline.publish import create_thread, deliver
from schemas.threads import Thread, ThreadFilter
from web.app import create_app

client = TestClient(create_app())


@pytest.fixture
def lyon_thread(catalogue: dict[str, int]) -> dict[str, int]:
    """A thread of the Rhône offers, delivered."""
    create_thread(
        Thread(
            slug="rhone", title="Emplois dans le Rhône", filter=ThreadFilter(departements=["69"])
        )
    )
    deliver("thread:rhone")
    return catalogue


def test_the_thread_page_lists_its_offers_newest_first(lyon_thread: dict[str, int]) -> None:
    html = client.get("/fils/rhone").text
    assert "<h1>Emplois dans le Rhône</h1>" in html
    assert html.index("Développeur Python H/F") < html.index("Développeuse Java F/H")
    assert "Cariste H/F" not in html.split("passerelles-title")[0]


def test_a_filter_narrows_the_thread(lyon_thread: dict[str, int]) -> None:
    html = client.get("/fils/rhone", params={"contrat": "CDD"}).text
    assert "Développeuse Java F/H" in html and "Développeur Python H/F" not in html


def test_keywords_narrow_the_thread(lyon_thread: dict[str, int]) -> None:
    html = client.get("/fils/rhone", params={"q": "java"}).text
    assert "1 offre" in html and "Développeuse Java F/H" in html


def test_keywords_in_a_thread_forgive_accents_case_and_endings(lyon_thread: dict[str, int]) -> None:
    html = client.get("/fils/rhone", params={"q": "DEVELOPPEURS pythons"}).text
    assert "1 offre" in html and "Développeur Python H/F" in html


def test_each_offer_shows_its_source_and_last_update(lyon_thread: dict[str, int]) -> None:
    html = client.get("/fils/rhone").text
    assert "Source : " in html and "mise à jour le" in html


def test_list_pages_carry_no_jobposting(lyon_thread: dict[str, int]) -> None:
    assert "application/ld+json" not in client.get("/fils/rhone").text
    assert "application/ld+json" not in client.get("/").text


def test_the_offer_page_carries_a_jobposting(lyon_thread: dict[str, int]) -> None:
    html = client.get(f"/offres/{lyon_thread['dev-lyon']}").text
    assert '<script type="application/ld+json" nonce="' in html and '"@type": "JobPosting"' in html


@pytest.mark.parametrize(
    "suffix, root", [(".rss", "rss"), (".atom", "{http://www.w3.org/2005/Atom}feed")]
)
def test_each_thread_has_feeds(lyon_thread: dict[str, int], suffix: str, root: str) -> None:
    response = client.get(f"/fils/rhone{suffix}")
    document = etree.fromstring(response.content)
    assert document.tag == root
    assert b"D\xc3\xa9veloppeur Python H/F" in response.content


def test_an_unknown_thread_is_a_404_page(lyon_thread: dict[str, int]) -> None:
    response = client.get("/fils/nulle-part")
    assert response.status_code == 404 and "existe pas" in response.text


def test_the_threads_are_listed(lyon_thread: dict[str, int]) -> None:
    assert 'href="/fils/rhone"' in client.get("/fils").text


def test_boards_can_pull_an_indeed_feed(lyon_thread: dict[str, int]) -> None:
    document = etree.fromstring(client.get("/flux/indeed.xml").content)
    assert [job.findtext("title") for job in document.iter("job")] == [
        "Développeur Python H/F",
        "Développeuse Java F/H",
        "Cariste H/F",
    ]


def test_a_withdrawn_offer_leaves_the_thread(lyon_thread: dict[str, int]) -> None:
    from store import models
    from store.db import session_scope

    with session_scope() as session:
        session.get_one(models.Offer, lyon_thread["dev-lyon"]).status = "withdrawn"
    html = client.get("/fils/rhone").text
    assert "Développeur Python H/F" not in html and "Développeuse Java F/H" in html


def test_an_offer_is_routed_to_a_thread_by_its_other_place(catalogue: dict[str, int]) -> None:
    from store.copies import upsert_offer
    from store.db import session_scope
    from store.sources import get_source
    from tests.store.factories import offer
    from tests.web.catalogue import LYON_3, RENNES

    item = offer("tech", "Technicien réseau H/F", place=RENNES, other_places=[LYON_3])
    with session_scope() as session:
        upsert_offer(session, get_source(session, "acme").id, item)
    create_thread(
        Thread(
            slug="rhone", title="Emplois dans le Rhône", filter=ThreadFilter(departements=["69"])
        )
    )
    deliver("thread:rhone")
    assert "Technicien réseau H/F" in client.get("/fils/rhone").text
    narrowed = client.get("/fils/rhone", params={"departement": "69"}).text
    assert "Technicien réseau H/F" in narrowed


def test_a_search_in_a_thread_stays_in_the_thread(lyon_thread: dict[str, int]) -> None:
    html = client.get("/fils/rhone", params={"lieu": "Rennes"}).text
    assert "0 offre" in html and "Cariste H/F" not in html.split("passerelles-title")[0]


def test_a_town_typed_by_name_narrows_the_thread(lyon_thread: dict[str, int]) -> None:
    html = client.get("/fils/rhone", params={"lieu": "villeurbanne", "distance": "0"}).text
    assert "1 offre" in html and "Développeuse Java F/H" in html
    assert "Développeur Python H/F" not in html


def test_the_thread_departement_filter_names_the_departement(lyon_thread: dict[str, int]) -> None:
    assert '<option value="69">69 – Rhône (2)</option>' in client.get("/fils/rhone").text


def test_the_thread_contract_filter_shows_labels(lyon_thread: dict[str, int]) -> None:
    html = client.get("/fils/rhone").text
    assert '<label for="contrat-CDI">CDI (1)</label>' in html


def test_the_thread_page_links_to_the_feeds_of_its_search(lyon_thread: dict[str, int]) -> None:
    html = client.get("/fils/rhone", params={"contrat": "CDD"}).text
    assert 'href="/fils/rhone.rss?contrat=CDD">RSS</a>' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/fils/rhone.atom?contrat=CDD">' in html


@pytest.mark.parametrize("suffix", [".rss", ".atom"])
def test_a_thread_feed_applies_the_search(lyon_thread: dict[str, int], suffix: str) -> None:
    response = client.get(f"/fils/rhone{suffix}", params={"contrat": "CDD"})
    assert b"D\xc3\xa9veloppeuse Java F/H" in response.content
    assert b"D\xc3\xa9veloppeur Python H/F" not in response.content


def test_a_thread_feed_of_a_metier_by_name(lyon_thread: dict[str, int]) -> None:
    response = client.get("/fils/rhone.rss", params={"metier": "cariste"})
    document = etree.fromstring(response.content)
    assert list(document.iter("item")) == []
    assert document.findtext("channel/title") == "Emplois dans le Rhône · Cariste"
