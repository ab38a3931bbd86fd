"""The community page and the offer page, as HTML a reader gets."""

from __future__ import annotations

import html as html_lib
import re
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from schemas.offers import (
    Contract,
    OfferStatus,
    Place,
    PlaceMatch,
    Salary,
    SalaryPeriod,
    StartDate,
    StoredOffer,
)
from store import models
from store.copies import upsert_offer
from store.db import engine_for, session_scope
from tests.store.factories import offer, register
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
    history = html_lib.unescape(html[html.index("Historique de l'offre") :])
    assert "Publiée : vue d'abord sur acme" in history
    assert "Vue sur une autre source : aussi sur jobs-rhone" in history


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


def test_an_offer_read_from_schema_org_codes_is_shown_in_french() -> None:
    # An ATS page's JSON-LD says employmentType FULL_TIME and a salary floor only.
    seen = datetime(2026, 11, 20, tzinfo=UTC)
    stored = StoredOffer(
        id=1,
        status=OfferStatus.PUBLISHED,
        first_seen_at=seen,
        updated_at=seen,
        offer=offer(
            contract=Contract(text="FULL_TIME", full_time=True),
            salary=Salary(
                text="from 24000 EUR per year",
                minimum=24000,
                period=SalaryPeriod.YEAR,
                currency="EUR",
            ),
        ),
    )
    view = offer_view(stored)
    assert (view["contract"], view["working_time"]) == (None, "Temps plein")
    assert view["salary"] == "À partir de 24\u202f000\u00a0€ par an"


# The job seeker's search on the home page (catalogue: a Python developer in Lyon 3e, CDI, a
# day old; a Java developer in Villeurbanne, CDD, two days old; a cariste in Rennes, CDD, 40
# days old).


def _titles(html: str) -> list[str]:
    """The titles of the offers listed, in order."""
    return re.findall(r'<h2 id="offer-\d+"><a href="/offres/\d+">([^<]+)</a>', html)


def test_a_town_typed_by_name_finds_its_offers(catalogue: dict[str, int]) -> None:
    html = client.get("/", params={"lieu": "rennes"}).text
    assert _titles(html) == ["Cariste H/F"] and "1 offre" in html


def test_a_whole_city_takes_in_its_arrondissements(catalogue: dict[str, int]) -> None:
    html = client.get("/", params={"lieu": "Lyon", "distance": "0"}).text
    assert _titles(html) == ["Développeur Python H/F"]


def test_a_distance_around_a_town_reaches_its_neighbours(catalogue: dict[str, int]) -> None:
    alone = client.get("/", params={"lieu": "Villeurbanne", "distance": "0"}).text
    around = client.get("/", params={"lieu": "Villeurbanne", "distance": "10"}).text
    assert _titles(alone) == ["Développeuse Java F/H"]
    assert _titles(around) == ["Développeur Python H/F", "Développeuse Java F/H"]


def test_a_departement_typed_by_name_without_accents_finds_its_offers(
    catalogue: dict[str, int],
) -> None:
    assert _titles(client.get("/", params={"lieu": "ille et vilaine"}).text) == ["Cariste H/F"]


def test_a_region_typed_by_name_finds_its_offers(catalogue: dict[str, int]) -> None:
    html = client.get("/", params={"lieu": "auvergne-rhone-alpes"}).text
    assert _titles(html) == ["Développeur Python H/F", "Développeuse Java F/H"]


def test_a_name_of_several_places_asks_which_one(catalogue: dict[str, int]) -> None:
    html = client.get("/", params={"lieu": "Vienne"}).text
    assert "« Vienne » désigne plusieurs lieux" in html
    assert ">Vienne (département)</a>" in html and ">Vienne (38)</a>" in html
    assert _titles(html) == []


def test_a_choice_among_several_places_is_a_link_to_the_same_search(
    catalogue: dict[str, int],
) -> None:
    html = client.get("/", params={"lieu": "Saint-Denis", "contrat": "CDD"}).text
    assert 'href="/?lieu=Saint-Denis+%2893%29&amp;distance=10&amp;contrat=CDD"' in html


def test_a_place_that_names_nothing_says_so(catalogue: dict[str, int]) -> None:
    html = client.get("/", params={"lieu": "Lyonville-sur-Mer"}).text
    assert "Aucune commune, aucun département ni aucune région ne s'appelle" in html
    assert "« Lyonville-sur-Mer »" in html and _titles(html) == []


def test_a_place_typed_in_part_suggests_whole_names(catalogue: dict[str, int]) -> None:
    html = client.get("/", params={"lieu": "Villeurb"}).text
    assert "Vouliez-vous dire" in html and ">Villeurbanne (69)</a>" in html


def test_a_metier_typed_by_name_finds_its_offers(catalogue: dict[str, int]) -> None:
    html = client.get("/", params={"metier": "developpeuse informatique"}).text
    assert _titles(html) == ["Développeur Python H/F", "Développeuse Java F/H"]


def test_a_metier_name_of_several_metiers_asks_which_one(catalogue: dict[str, int]) -> None:
    html = client.get("/", params={"metier": "développeur"}).text
    assert "Plusieurs métiers correspondent à « développeur »" in html
    assert ">Développeur / Développeuse informatique</a>" in html


def test_a_domaine_is_chosen_by_its_name(catalogue: dict[str, int]) -> None:
    page = client.get("/").text
    assert re.search(r'<option value="N11">[^<]+ \(1\)</option>', page)
    assert _titles(client.get("/", params={"domaine": "N11"}).text) == ["Cariste H/F"]


def test_the_departement_choices_name_each_departement(catalogue: dict[str, int]) -> None:
    html = client.get("/").text
    assert '<option value="69">69 – Rhône (2)</option>' in html
    assert '<option value="35">35 – Ille-et-Vilaine (1)</option>' in html


def test_contract_choices_show_labels_and_counts(catalogue: dict[str, int]) -> None:
    html = client.get("/").text
    assert '<label for="contrat-CDD">CDD (2)</label>' in html


def test_several_contracts_can_be_chosen(catalogue: dict[str, int]) -> None:
    html = client.get("/?contrat=CDD&contrat=CDI&lieu=Villeurbanne").text
    assert _titles(html) == ["Développeur Python H/F", "Développeuse Java F/H"]


def test_the_date_posted_narrows_to_recent_offers(catalogue: dict[str, int]) -> None:
    html = client.get("/", params={"publiee": "7"}).text
    assert "Cariste H/F" not in _titles(html) and len(_titles(html)) == 2


def test_remote_work_narrows_to_remote_offers(catalogue: dict[str, int]) -> None:
    from schemas.offers import RemoteMode, RemoteWork
    from store.copies import upsert_offer
    from store.db import session_scope
    from store.sources import get_source

    remote = RemoteWork(text="Télétravail complet", mode=RemoteMode.FULL)
    with session_scope() as session:
        upsert_offer(
            session, get_source(session, "acme").id, offer("r", "Rédacteur H/F", remote=remote)
        )
    assert _titles(client.get("/", params={"teletravail": "complet"}).text) == ["Rédacteur H/F"]


def test_the_results_are_paged_with_the_filters_kept(database: str) -> None:
    from store.copies import upsert_offer
    from store.db import session_scope
    from tests.store.factories import register

    with session_scope() as session:
        source = register(session, "acme")
        for number in range(22):
            upsert_offer(session, source.id, offer(f"v{number}", f"Vendeur {number} H/F"))
    html = client.get("/", params={"q": "vendeur"}).text
    assert "22 offres · page 1 sur 2" in html
    assert 'href="/?q=vendeur&amp;page=2" rel="next"' in html
    assert len(_titles(client.get("/", params={"q": "vendeur", "page": "2"}).text)) == 2


def test_the_search_offers_its_feeds_with_the_same_filters(catalogue: dict[str, int]) -> None:
    html = client.get("/", params={"lieu": "Rennes"}).text
    assert 'href="/flux/offres.rss?lieu=Rennes&amp;distance=10">RSS</a>' in html
    assert 'href="/flux/offres.atom?lieu=Rennes&amp;distance=10">Atom</a>' in html


def test_the_feed_of_a_search_holds_its_offers(catalogue: dict[str, int]) -> None:
    response = client.get("/flux/offres.rss", params={"lieu": "Rennes", "distance": "10"})
    document = etree.fromstring(response.content)
    assert [item.findtext("title") for item in document.iter("item")] == ["Cariste H/F"]
    assert document.findtext("channel/title") == "Offres d'emploi · Relais · Rennes (35), 10 km"


def test_the_atom_feed_of_a_search_links_to_itself_with_its_filters(
    catalogue: dict[str, int],
) -> None:
    document = etree.fromstring(client.get("/flux/offres.atom?contrat=CDI").content)
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.findtext(f"{atom}title") for entry in document.iter(f"{atom}entry")]
    assert titles == ["Développeur Python H/F"]
    self_link = document.find(f"{atom}link[@rel='self']").get("href")
    assert self_link.endswith("/flux/offres.atom?contrat=CDI")


def test_the_feed_of_an_ambiguous_place_says_so(catalogue: dict[str, int]) -> None:
    response = client.get("/flux/offres.rss", params={"lieu": "Vienne"})
    assert response.status_code == 400 and "« Vienne »" in response.text


def test_hostile_search_parameters_are_left_out(catalogue: dict[str, int]) -> None:
    response = client.get("/", params={"publiee": "9999", "distance": "-3", "page": "x" * 50})
    assert response.status_code == 200 and len(_titles(response.text)) == 3


def test_a_hostile_contract_is_said_escaped_and_lists_nothing(catalogue: dict[str, int]) -> None:
    response = client.get("/", params={"contrat": "<b>"})
    assert response.status_code == 200 and _titles(response.text) == []
    assert "« &lt;b&gt; » n&#39;est pas un type de contrat" in response.text
    assert "<b>" not in response.text.split("<main", 1)[1]


def test_a_page_past_the_last_shows_the_last_page(catalogue: dict[str, int]) -> None:
    html = client.get("/", params={"contrat": "CDD", "page": "7"}).text
    assert _titles(html) == ["Développeuse Java F/H", "Cariste H/F"]


def test_a_search_the_database_cancels_is_a_french_503_page(
    catalogue: dict[str, int], database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if database.startswith("sqlite"):
        pytest.skip("SQLite has no statement timeout; its writers never block readers (WAL)")
    monkeypatch.setattr("store.search.STATEMENT_TIMEOUT_MS", 200)
    with engine_for(database).connect() as holder:
        holder.exec_driver_sql("LOCK TABLE offers IN ACCESS EXCLUSIVE MODE")
        response = client.get("/", params={"q": "cariste"})
        holder.rollback()
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "La recherche a pris trop de temps" in response.text


def _start_view(start: StartDate) -> str | None:
    seen = datetime(2026, 11, 20, tzinfo=UTC)
    stored = StoredOffer(
        id=1,
        status=OfferStatus.PUBLISHED,
        first_seen_at=seen,
        updated_at=seen,
        offer=offer(start=start, posted_at=seen),
    )
    words: str | None = offer_view(stored)["start"]
    return words


def test_an_offer_starting_on_a_day_shows_that_day() -> None:
    assert _start_view(StartDate(text="05/01/2027", day=date(2027, 1, 5))) == "5 janv. 2027"


def test_an_offer_starting_in_a_month_shows_the_words_not_a_made_up_day() -> None:
    assert _start_view(StartDate(text="janvier 2027", day=date(2027, 1, 1))) == "janvier 2027"


def test_an_immediate_start_shows_as_soon_as_possible() -> None:
    assert _start_view(StartDate(text="ASAP", immediate=True)) == "Dès que possible"


def test_an_offer_without_an_id_of_its_own_shows_no_hash_as_its_reference(database: str) -> None:
    hashed = "sha256:" + "1d12e0" * 10 + "abcd"
    with session_scope() as session:
        source = register(session, "sans-id")
        offer_id = upsert_offer(
            session, source.id, offer(hashed, "Agent polyvalent H/F", reference=None)
        ).offer_id
    html = client.get(f"/offres/{offer_id}").text
    assert "<h1>Agent polyvalent H/F</h1>" in html
    words = " ".join(etree.HTML(html).xpath("//body//text()"))  # what a person reads
    assert "Agent polyvalent H/F" in words
    assert "sha256" not in words and "référence" not in words


def _reference_shown(external_id: str) -> str | None:
    """The reference the offer page of an offer with this feed id (and no reference) shows."""
    with session_scope() as session:
        source = register(session, "guids")
        offer_id = upsert_offer(
            session, source.id, offer(external_id, "Agent polyvalent H/F", reference=None)
        ).offer_id
    words = " ".join(etree.HTML(client.get(f"/offres/{offer_id}").text).xpath("//body//text()"))
    found = re.search(r"référence (\S+)", words)
    return found[1] if found else None


@pytest.mark.parametrize(
    "guid",
    [
        "3f2a9c1e-1b2c-4d5e-8f90-1234567890ab",
        "urn:uuid:3f2a9c1e-1b2c-4d5e-8f90-1234567890ab",
        "https://acme.example/offres/12",
        "tag:acme.example,2026:offre-12",
    ],
)
def test_an_offer_identified_by_a_guid_shows_no_guid_as_its_reference(
    database: str, guid: str
) -> None:
    assert _reference_shown(guid) is None


def test_an_offer_identified_by_a_readable_id_shows_it_as_its_reference(database: str) -> None:
    assert _reference_shown("FROM-12") == "FROM-12"
