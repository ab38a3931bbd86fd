"""The operators' page: only operator clients get in; they see every source and steer it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from store import access, models
from store.db import session_scope
from tests.store.factories import register
from tests.store.test_health import add_offer, add_run
from tests.support.loopback import LoopbackSite
from tests.web.recruiting import organization_token, source_without_a_way_to_apply

SAME_SITE = {"Origin": "http://testserver"}  # what a browser sends with a form of the site


def _client(scopes: str) -> access.NewClient:
    with session_scope() as session:
        return access.add_client(session, f"ops-{len(scopes)}", scopes)


def signed_in() -> TestClient:
    from web.app import create_app

    created = _client("api_offresdemploiv2 operator")
    http = TestClient(create_app(), headers=SAME_SITE)
    response = http.post(
        "/operateur/connexion",
        data={"client_id": created.client_id, "client_secret": created.client_secret},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "samesite=strict" in response.headers["set-cookie"].lower()
    return http


def _watched() -> None:
    with session_scope() as session:
        acme = register(session, "acme", organization="Acme")
        register(session, "fournil", organization="Fournil")
        add_run(session, acme, "failed", 0, http_status=500, error="HTTP 500 from the server")
        add_offer(session, acme, "a1", rome_code="H2913")


def test_the_page_needs_an_operator(database: str) -> None:
    from web.app import create_app

    response = TestClient(create_app(), headers=SAME_SITE).get("/operateur", follow_redirects=False)
    assert response.headers["location"] == "/operateur/connexion"


def test_a_client_without_the_operator_scope_is_refused(database: str) -> None:
    from web.app import create_app

    created = _client("api_offresdemploiv2")
    response = TestClient(create_app(), headers=SAME_SITE).post(
        "/operateur/connexion",
        data={"client_id": created.client_id, "client_secret": created.client_secret},
    )
    assert response.status_code == 401


def test_the_page_shows_every_source_with_its_last_run(database: str) -> None:
    _watched()
    page = signed_in().get("/operateur").text
    assert 'data-source="acme"' in page and 'data-source="fournil"' in page
    assert "HTTP 500 (erreur interne du serveur)" in page and "échec" in page


def test_the_page_names_each_sources_kind_in_words_not_its_code(database: str) -> None:
    _watched()
    page = signed_in().get("/operateur").text
    assert "<small>flux RSS" in page and "<small>rss" not in page


def test_the_page_shows_an_error_stored_in_english_in_french(database: str) -> None:
    _watched()  # acme's failed run's error was stored in English by an older version
    assert "from the server" not in signed_in().get("/operateur").text


def test_the_page_says_what_the_last_crawl_repaired(database: str) -> None:
    note = (
        "encodage déclaré utf-8, lu comme windows-1252 pour 6 octets qui ne se lisent pas en utf-8"
    )
    with session_scope() as session:
        add_run(session, register(session, "acme"), "ok", 0, http_status=200, notes=[note])
    page = signed_in().get("/operateur").text
    assert "Notes de la dernière collecte" in page
    assert f"<li><small>{note}</small></li>" in page


def test_the_page_shows_fill_rates(database: str) -> None:
    _watched()
    page = signed_in().get("/operateur").text
    assert '<tr data-scope="catalogue"><th scope="row">Tout le catalogue</th><td>1</td>' in page


def test_the_page_shows_the_share_of_sure_rome_codes(database: str) -> None:
    _watched()
    with session_scope() as session:
        offer = session.scalars(select(models.Offer)).one()
        offer.rome_confidence = 0.12
    page = signed_in().get("/operateur").text
    row = page.split('<tr data-scope="catalogue">')[1].split("</tr>")[0]
    assert "dont sûrs</th>" in page
    assert "<td>100 %</td><td>0 %</td>" in row


def test_an_operator_pauses_and_resumes_a_source(database: str) -> None:
    _watched()
    http = signed_in()
    http.post("/operateur/sources/fournil/pause", data={"reason": "flux cassé"})
    with session_scope() as session:
        source = session.scalars(select(models.Source).where(models.Source.name == "fournil")).one()
        assert (source.paused, source.paused_reason) == (True, "flux cassé")
    http.post("/operateur/sources/fournil/reprise")
    with session_scope() as session:
        assert (
            session.scalars(
                select(models.Source.paused).where(models.Source.name == "fournil")
            ).one()
            is False
        )


def test_a_pause_from_another_site_is_refused(database: str) -> None:
    _watched()
    response = signed_in().post(
        "/operateur/sources/fournil/pause", headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403


def test_the_page_lists_uncertain_rome_codes_with_the_next_best(database: str) -> None:
    with session_scope() as session:
        acme = register(session, "acme", organization="Acme")
        add_offer(
            session,
            acme,
            "a1",
            rome_code="H1516",
            rome_label="Expert / Experte métrologue",
            rome_confidence=0.3,
            rome_alternatives=[
                {"code": "A1407", "label": "Eleveur / Eleveuse de bovins"},
                {"code": "H1502", "label": "Responsable qualité en industrie"},
            ],
        )
        add_offer(session, acme, "a2", rome_code="H2913", rome_confidence=0.9)
    page = signed_in().get("/operateur").text
    section = page.split('id="uncertain-rome-title"')[1].split("</section>")[0]
    assert "Codes ROME incertains (1)" in section
    assert section.count("<tr data-offer=") == 1
    assert "Expert / Experte métrologue (H1516)" in section and "30 %" in section
    assert "Eleveur / Eleveuse de bovins (A1407) ou Responsable qualité en industrie (H1502)" in (
        section
    )


def test_the_fill_rates_count_offers_whose_fields_and_text_disagree(database: str) -> None:
    _watched()
    with session_scope() as session:
        acme = session.scalars(select(models.Source).where(models.Source.name == "acme")).one()
        add_offer(session, acme, "a2", disagreement_count=2)
    page = signed_in().get("/operateur").text
    assert "Désaccords champ / texte" in page
    assert '<tr data-scope="acme">' in page and "<td>1</td></tr>" in page


@pytest.fixture
def quarantined(database: str, site: LoopbackSite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELAIS_DOWNLOAD_DELAY", "0")
    organization_token("Fromagerie")
    source_without_a_way_to_apply(site, "Fromagerie", "fromagerie")


def test_the_quarantine_names_the_offer_and_reads_in_french(quarantined: None) -> None:
    page = signed_in().get("/operateur").text
    assert "« Fromager affineur H/F » (réf. FROM-12)" in page
    assert "L&#39;offre ne dit pas comment postuler. À corriger dans votre flux" in page
    assert "no way to apply" not in page and "url :" not in page


def test_a_replay_says_in_french_what_it_did(quarantined: None) -> None:
    http = signed_in()
    response = http.post("/operateur/sources/fromagerie/rejouer", follow_redirects=False)
    assert response.headers["location"] == "/operateur"
    page = http.get("/operateur").text
    assert "Source fromagerie : 1 élément rejoué ; il n&#39;est pas encore accepté." in page
    assert "Rejouer la quarantaine de la source fromagerie" in page


def test_the_replay_message_shows_once(quarantined: None) -> None:
    http = signed_in()
    http.post("/operateur/sources/fromagerie/rejouer")
    assert "1 élément rejoué" not in http.get("/operateur").text


def test_a_crafted_link_cannot_put_text_on_the_page(database: str) -> None:
    page = signed_in().get("/operateur?info=Votre+compte+est+suspendu").text
    assert "Votre compte est suspendu" not in page


@pytest.mark.parametrize(
    ("replayed", "released", "said"),
    [
        (0, 0, "Source s : rien à rejouer, sa quarantaine est vide."),
        (1, 1, "Source s : 1 élément rejoué, il est maintenant accepté."),
        (3, 3, "Source s : 3 éléments rejoués, tous sont maintenant acceptés."),
        (3, 0, "Source s : 3 éléments rejoués ; aucun n'est encore accepté."),
        (
            3,
            1,
            "Source s : 3 éléments rejoués : 1 est maintenant accepté, 2 restent en quarantaine.",
        ),
        (
            3,
            2,
            "Source s : 3 éléments rejoués : 2 sont maintenant acceptés, 1 reste en quarantaine.",
        ),
    ],
)
def test_the_replay_message_agrees_in_number(replayed: int, released: int, said: str) -> None:
    from web.operator_page import replay_notice

    assert replay_notice("s", replayed, released) == said
