"""The recruiters' page and form, over HTTP: each organization sees and steers only its own."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from store import models
from store.db import session_scope
from tests.support.loopback import LoopbackSite
from tests.web.recruiting import (
    collected_source,
    organization_token,
    source_without_a_way_to_apply,
)

SAME_SITE = {"Origin": "http://testserver"}  # what a browser sends with a form of the site


@pytest.fixture(autouse=True)
def no_politeness_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELAIS_DOWNLOAD_DELAY", "0")


def signed_in(token: str) -> TestClient:
    from web.app import create_app

    http = TestClient(create_app(), headers=SAME_SITE)
    response = http.post("/espace/connexion", data={"token": token}, follow_redirects=False)
    assert response.status_code == 303
    return http


def _paused(name: str) -> bool:
    with session_scope() as session:
        return session.scalars(select(models.Source.paused).where(models.Source.name == name)).one()


@pytest.fixture
def two_organizations(database: str, site: LoopbackSite) -> dict[str, str]:
    tokens = {"Acme": organization_token("Acme"), "Fournil": organization_token("Fournil")}
    collected_source(site, "Acme", "acme-jobs")
    collected_source(site, "Fournil", "fournil-jobs")
    return tokens


def test_the_page_needs_a_sign_in(database: str) -> None:
    from web.app import create_app

    response = TestClient(create_app(), headers=SAME_SITE).get("/espace", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/espace/connexion")


def test_a_bad_token_is_refused_at_sign_in(database: str) -> None:
    from web.app import create_app

    response = TestClient(create_app(), headers=SAME_SITE).post(
        "/espace/connexion", data={"token": "nope"}
    )
    assert response.status_code == 401
    assert "relais_espace" not in response.cookies


def test_the_session_cookie_is_httponly_and_strict(database: str) -> None:
    from web.app import create_app

    response = TestClient(create_app(), headers=SAME_SITE).post(
        "/espace/connexion", data={"token": organization_token("Acme")}, follow_redirects=False
    )
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_a_sign_in_from_another_site_is_refused(database: str) -> None:
    from web.app import create_app

    response = TestClient(create_app(), headers=SAME_SITE).post(
        "/espace/connexion",
        data={"token": organization_token("Acme")},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403


def test_the_page_shows_only_the_organizations_sources(two_organizations: dict[str, str]) -> None:
    page = signed_in(two_organizations["Acme"]).get("/espace").text
    assert "acme-jobs" in page
    assert "fournil-jobs" not in page


def test_the_page_shows_live_offers_and_rejections_in_plain_words(
    two_organizations: dict[str, str],
) -> None:
    page = signed_in(two_organizations["Acme"]).get("/espace").text
    assert "Développeur Python H/F" in page
    assert "acme-3" in page and "L&#39;offre n&#39;a pas de titre." in page


def test_the_page_says_which_rome_codes_are_uncertain_and_what_else_they_may_be(
    two_organizations: dict[str, str],
) -> None:
    with session_scope() as session:
        offer = session.scalars(
            select(models.Offer).where(models.Offer.title == "Comptable fournisseurs F/H")
        ).one()
        offer.rome_confidence = 0.3
        offer.rome_alternatives = [
            {"code": "M1206", "label": "Responsable comptabilité"},
            {"code": "M1607", "label": "Secrétaire"},
        ]
    page = signed_in(two_organizations["Acme"]).get("/espace").text
    assert (
        "métier : Comptable (M1203) — code incertain, ou peut-être : "
        "Responsable comptabilité (M1206) ou Secrétaire (M1607)"
    ) in page
    assert "métier : Développeur / Développeuse informatique (M1805)</span>" in page


def test_the_page_says_where_offers_were_republished(two_organizations: dict[str, str]) -> None:
    page = signed_in(two_organizations["Acme"]).get("/espace").text
    assert '<a href="/fils/tout">Toutes les offres</a> : 2 offres publiées' in page


def test_an_organization_pauses_its_source_from_the_page(
    two_organizations: dict[str, str],
) -> None:
    http = signed_in(two_organizations["Acme"])
    assert http.post("/espace/sources/acme-jobs/pause", follow_redirects=False).status_code == 303
    assert _paused("acme-jobs") is True
    http.post("/espace/sources/acme-jobs/reprise")
    assert _paused("acme-jobs") is False


def test_another_organizations_source_cannot_be_paused(two_organizations: dict[str, str]) -> None:
    response = signed_in(two_organizations["Acme"]).post("/espace/sources/fournil-jobs/pause")
    assert response.status_code == 404
    assert _paused("fournil-jobs") is False


def test_the_form_names_each_kind_in_words_and_sends_its_code(database: str) -> None:
    form = signed_in(organization_token("Acme")).get("/espace/sources/nouvelle").text
    assert '<option value="rss">flux RSS</option>' in form


def test_the_form_shows_errors_beside_their_fields(database: str) -> None:
    response = signed_in(organization_token("Acme")).post(
        "/espace/sources/nouvelle",
        data={"url": "pas une adresse", "kind": "rss", "schedule_minutes": "2"},
    )
    assert response.status_code == 422
    assert 'id="url-error">Ce n&#39;est pas une adresse web valide' in response.text
    assert 'id="schedule_minutes-error">Au moins 5.' in response.text


def test_the_form_says_to_write_the_scheme_of_an_address_without_it(database: str) -> None:
    response = signed_in(organization_token("Acme")).post(
        "/espace/sources/nouvelle", data={"url": "acme.example/jobs.rss", "kind": "rss"}
    )
    assert response.status_code == 422
    assert "écrivez https://acme.example/jobs.rss" in response.text


def test_the_form_registers_a_source(database: str) -> None:
    http = signed_in(organization_token("Acme"))
    response = http.post(
        "/espace/sources/nouvelle",
        data={"url": "https://acme.example/jobs.rss", "kind": "rss", "company_name": "Acme"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    with session_scope() as session:
        source = session.scalars(select(models.Source)).one()
        assert (source.organization.name, source.defaults) == ("Acme", {"company_name": "Acme"})


def test_the_form_does_not_register_a_url_twice(database: str) -> None:
    http = signed_in(organization_token("Acme"))
    form = {"url": "https://acme.example/jobs.rss", "kind": "rss"}
    http.post("/espace/sources/nouvelle", data=form)
    page = http.post("/espace/sources/nouvelle", data=form).text
    assert "Cette adresse était déjà enregistrée" in page
    with session_scope() as session:
        assert len(session.scalars(select(models.Source)).all()) == 1


def test_the_form_dry_run_stores_nothing(database: str, site: LoopbackSite) -> None:
    from tests.web.recruiting import FEEDS

    url = site.add("/jobs.rss", (FEEDS / "jobs.rss").read_bytes())
    response = signed_in(organization_token("Acme")).post(
        "/espace/sources/nouvelle", data={"url": url, "kind": "auto", "action": "check"}
    )
    assert response.status_code == 200
    assert "2 offres seraient importées, 1 refusée" in response.text
    with session_scope() as session:
        assert session.scalars(select(models.Source)).all() == []


def test_a_rejection_names_the_offer_by_its_title_and_says_what_to_change_in_french(
    database: str, site: LoopbackSite
) -> None:
    token = organization_token("Fromagerie")
    source_without_a_way_to_apply(site, "Fromagerie", "fromagerie")
    page = signed_in(token).get("/espace").text
    assert "« Fromager affineur H/F » (réf. FROM-12)" in page
    assert "L&#39;offre ne dit pas comment postuler. À corriger dans votre flux" in page
    assert "The offer" not in page and "no_way_to_apply" not in page and "apply_url" not in page


def test_the_registration_message_comes_from_the_server_not_the_link(database: str) -> None:
    http = signed_in(organization_token("Acme"))
    crafted = http.get("/espace?enregistree=Votre+compte+est+suspendu").text
    assert "Votre compte est suspendu" not in crafted
    form = {"url": "https://acme.example/j.rss", "kind": "rss", "name": "acme-jobs"}
    page = http.post("/espace/sources/nouvelle", data=form).text
    assert "Source acme-jobs enregistrée : elle sera collectée à sa prochaine échéance." in page
    assert "Source acme-jobs enregistrée" not in http.get("/espace").text


def test_an_offer_without_a_place_says_why_it_reaches_no_thread(
    two_organizations: dict[str, str],
) -> None:
    with session_scope() as session:
        offer = session.scalars(
            select(models.Offer).where(models.Offer.title == "Comptable fournisseurs F/H")
        ).one()
        offer.place_match, offer.place_text = "missing", None
    page = signed_in(two_organizations["Acme"]).get("/espace").text
    assert (
        "Aucun lieu indiqué : elle n&#39;entre dans aucun fil régional ou départemental. "
        "Indiquez dans votre flux la commune du poste"
    ) in page


def test_an_offer_with_an_unknown_place_names_it_and_says_how_to_write_it(
    two_organizations: dict[str, str],
) -> None:
    with session_scope() as session:
        offer = session.scalars(
            select(models.Offer).where(models.Offer.title == "Comptable fournisseurs F/H")
        ).one()
        offer.place_match, offer.place_text = "unknown", "Zone Nord"
    page = signed_in(two_organizations["Acme"]).get("/espace").text
    assert "Lieu « Zone Nord » non reconnu : elle n&#39;entre dans aucun fil régional" in page


def test_a_dry_run_of_a_missing_page_says_so_in_french_without_none(
    database: str, site: LoopbackSite
) -> None:
    response = signed_in(organization_token("Acme")).post(
        "/espace/sources/nouvelle",
        data={"url": site.url("/absente.rss"), "kind": "auto", "action": "check"},
    )
    result = response.text.split('id="essai"', 1)[1].split("</section>", 1)[0]
    assert "La source n'a pas pu être lue : HTTP 404 (page introuvable). Vérifiez" in result
    assert "None" not in result and "Not Found" not in result and "fetched" not in result


def test_an_error_and_a_pause_stored_in_english_read_in_french(database: str) -> None:
    from tests.store.factories import register as add_source
    from tests.store.test_health import add_run

    token = organization_token("Acme")
    with session_scope() as session:
        source = add_source(session, "acme-jobs", organization="Acme")
        add_run(session, source, "failed", 0, http_status=404, error="HTTP 404 Not Found")
        source.paused, source.paused_reason = True, "paused by its organization"
    page = signed_in(token).get("/espace").text
    assert "HTTP 404 (page introuvable)" in page and "mise en pause par son organisation" in page
    assert "Not Found" not in page and "paused by" not in page
