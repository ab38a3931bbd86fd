"""The recruiters' sign-in and registration form in a real headless chromium."""

from __future__ import annotations

import pytest

from tests.support.browser import watched_tab
from tests.web.recruiting import organization_token

pytestmark = pytest.mark.browser


@pytest.fixture
def tab(browser):  # type: ignore[no-untyped-def]
    """A fresh browser context (no cookies) and its page, phone-sized."""
    with watched_tab(browser, 390, 844) as page:
        yield page


def _sign_in(tab, server: str, token: str) -> None:  # type: ignore[no-untyped-def]
    tab.goto(server + "/espace")
    tab.get_by_label("Jeton de l'organisation").fill(token)
    tab.get_by_role("button", name="Se connecter").click()
    tab.wait_for_url(server + "/espace")


def test_the_form_shows_validation_errors_beside_the_fields(tab, app_server: str) -> None:  # type: ignore[no-untyped-def]
    _sign_in(tab, app_server, organization_token("Acme"))
    tab.get_by_role("link", name="Enregistrer une source").click()
    tab.get_by_label("Adresse du flux ou du site carrières").fill("pas une adresse")
    tab.get_by_label("Type de source").select_option("rss")
    tab.get_by_label("Collecter toutes les (minutes)").fill("2")
    tab.get_by_role("button", name="Enregistrer", exact=True).click()

    url_field = tab.get_by_label("Adresse du flux ou du site carrières")
    assert url_field.get_attribute("aria-invalid") == "true"
    assert url_field.input_value() == "pas une adresse"
    assert tab.locator("#url-error").inner_text().startswith("Ce n'est pas une adresse web")
    assert tab.locator("#schedule_minutes-error").inner_text() == "Au moins 5."


def test_a_recruiter_registers_a_source_and_sees_it_listed(tab, app_server: str) -> None:  # type: ignore[no-untyped-def]
    _sign_in(tab, app_server, organization_token("Acme"))
    tab.goto(app_server + "/espace/sources/nouvelle")
    tab.get_by_label("Adresse du flux ou du site carrières").fill("https://acme.example/jobs.rss")
    tab.get_by_label("Type de source").select_option("rss")
    tab.get_by_label("Nom (facultatif)").fill("acme-jobs")
    tab.get_by_label("Entreprise").fill("Acme")
    tab.get_by_role("button", name="Enregistrer", exact=True).click()
    tab.wait_for_url("**/espace")
    assert tab.get_by_role("status").inner_text() == (
        "Source acme-jobs enregistrée : elle sera collectée à sa prochaine échéance."
    )
    assert tab.locator("table.sources tbody th").all_inner_texts()[0].startswith("acme-jobs")


def test_a_recruiter_does_not_see_another_organizations_sources(tab, app_server: str) -> None:  # type: ignore[no-untyped-def]
    from pipeline.register import register
    from schemas.registration import SourceRequest

    register(
        SourceRequest(url="https://f.example/a.rss", kind="rss", name="fournil-jobs"), "Fournil"
    )  # type: ignore[arg-type]
    _sign_in(tab, app_server, organization_token("Acme"))
    assert tab.get_by_text("Aucune source enregistrée pour le moment.").is_visible()
    assert tab.get_by_text("fournil-jobs").count() == 0


def test_the_dry_run_says_it_is_working_while_it_works(tab, app_server: str) -> None:  # type: ignore[no-untyped-def]
    _sign_in(tab, app_server, organization_token("Fromagerie"))
    tab.goto(app_server + "/espace/sources/nouvelle")
    tab.get_by_label("Adresse du flux ou du site carrières").fill(
        "https://fromagerie.example/o.rss"
    )
    # Keep the page as it is once the form is sent: its status is what a person sees meanwhile.
    tab.evaluate(
        "document.querySelector('form.register')"
        ".addEventListener('submit', (event) => event.preventDefault())"
    )
    tab.get_by_role("button", name="Essayer sans enregistrer").click()
    status = tab.get_by_role("status")
    assert status.inner_text().startswith(
        "Essai en cours : Relais lit la source comme le fera la collecte ; cela prend souvent "
        "15 à 30 secondes ("
    )
    assert status.is_visible()


def test_the_dry_run_result_is_in_view_on_a_phone_and_in_french(  # type: ignore[no-untyped-def]
    tab, app_server: str, site
) -> None:
    from tests.web.recruiting import NO_WAY_TO_APPLY

    url = site.add("/fromagerie.rss", NO_WAY_TO_APPLY.encode())
    _sign_in(tab, app_server, organization_token("Fromagerie"))
    tab.goto(app_server + "/espace/sources/nouvelle")
    tab.get_by_label("Adresse du flux ou du site carrières").fill(url)
    tab.get_by_label("Type de source").select_option("rss")
    tab.get_by_role("button", name="Essayer sans enregistrer").click()
    tab.wait_for_url("**/espace/sources/nouvelle#essai")
    result = tab.locator("#essai")
    box = result.bounding_box()
    assert box is not None and -1 <= box["y"] < 844  # at the top of the phone's screen
    text = result.inner_text()
    assert "Type de source : flux RSS" in text and "None" not in text
    assert "0 offre serait importée, 1 refusée." in text
    assert "« Fromager affineur H/F » (réf. FROM-12)" in text
    assert "L'offre ne dit pas comment postuler." in text
