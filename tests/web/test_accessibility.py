"""The pages as a person meets them, in Debian's headless chromium: the API docs work without
internet, no page is wider than a laptop or a phone, buttons look like the site's, and axe-core
(from the npm registry, pinned in tests/web/axe, installed by `make test`) finds no serious or
critical accessibility violation."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from pipeline.publish import create_thread, deliver
from schemas.rejections import Rejection, RejectionReason
from schemas.threads import Thread, ThreadFilter
from store import access, models, quarantine
from store import runs as run_store
from store.copies import upsert_offer
from store.db import session_scope
from tests.store.factories import Record, offer, register
from tests.store.test_health import add_run
from tests.support.browser import watched_tab
from tests.web.catalogue import make_catalogue
from tests.web.recruiting import organization_token

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
LAPTOP = (1280, 800)
PHONE = (390, 844)
LONG_URL = (
    "https://recrutement.atelier-numerique-de-la-vallee.example"
    "/offres/flux-des-offres-d-emploi-et-de-stage.xml"
)
LONG_ERROR = f"HTTP 503 Service Unavailable from {LONG_URL} after 3 attempts"


def _offline(tab: Any) -> list[str]:
    """Aborts every request that leaves the machine; the list of those refused."""
    refused: list[str] = []

    def route(request_route: Any) -> None:
        if urlsplit(request_route.request.url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    tab.route("**/*", route)
    return refused


@pytest.fixture
def laptop(browser):  # type: ignore[no-untyped-def]
    with watched_tab(browser, *LAPTOP) as tab:
        _offline(tab)
        yield tab


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    with watched_tab(browser, *PHONE) as tab:
        _offline(tab)
        yield tab


# The pages: each builds what it shows, signs in where it must, and opens it in the tab.


def _home(tab: Any, server: str) -> None:
    make_catalogue()
    tab.goto(server + "/")


def _thread(tab: Any, server: str) -> None:
    make_catalogue()
    create_thread(
        Thread(
            slug="rhone", title="Emplois dans le Rhône", filter=ThreadFilter(departements=["69"])
        )
    )
    deliver("thread:rhone")
    tab.goto(server + "/fils/rhone")


def _offer(tab: Any, server: str) -> None:
    offer_id = make_catalogue()["dev-lyon"]
    tab.goto(f"{server}/offres/{offer_id}")


def _organization_with_sources(organization: str) -> None:
    """A collected source with two live offers (in a thread) and an item refused for want of
    a title, and a source whose last run failed with a long error on a long URL."""
    with session_scope() as session:
        source = register(session, "atelier-numerique-de-la-vallee", organization=organization)
        add_run(session, source, "succeeded", 0, http_status=200, offers_new=2, items_rejected=1)
        for external_id, title in [("a1", "Développeur Python H/F"), ("a2", "Comptable F/H")]:
            upsert_offer(session, source.id, offer(external_id, title, source=source.name))
        run = run_store.start_run(session, source)
        run_store.store_raw_items(session, run, [Record("sans-titre", "<item/>")])
        raw_item = session.scalars(select(models.RawItem)).one()
        reason = RejectionReason(field="title", code="missing", message="the offer has no title")
        quarantine.quarantine(
            session,
            raw_item,
            Rejection(source=source.name, external_id="sans-titre", reasons=[reason]),
        )
        failing = register(
            session, "atelier-recrutement-flux-principal", url=LONG_URL, organization=organization
        )
        add_run(session, failing, "failed", 0, http_status=503, error=LONG_ERROR)
    create_thread(Thread(slug="tout", title="Toutes les offres"))
    deliver("thread:tout")


def _espace(tab: Any, server: str) -> None:
    organization = "Atelier numérique de la vallée"
    _organization_with_sources(organization)
    token = organization_token(organization)
    tab.goto(server + "/espace")
    tab.get_by_label("Jeton de l'organisation").fill(token)
    tab.get_by_role("button", name="Se connecter").click()
    tab.wait_for_url(server + "/espace")


def _operateur(tab: Any, server: str) -> None:
    _organization_with_sources("Atelier numérique de la vallée")
    with session_scope() as session:
        client = access.add_client(session, "ops", "api_offresdemploiv2 operator")
    tab.goto(server + "/operateur")
    tab.get_by_label("Identifiant du client").fill(client.client_id)
    tab.get_by_label("Secret").fill(client.client_secret)
    tab.get_by_role("button", name="Se connecter").click()
    tab.wait_for_url(server + "/operateur")


PAGES: dict[str, Callable[[Any, str], None]] = {
    "accueil": _home,
    "fil": _thread,
    "offre": _offer,
    "espace": _espace,
    "operateur": _operateur,
}


@pytest.fixture
def open_page(app_server: str) -> Callable[[Any, str], None]:
    """Opens one of PAGES (by name) in a tab, its data made and its reader signed in."""
    return lambda tab, name: PAGES[name](tab, app_server)


def _page_width(tab: Any) -> int:
    return int(tab.evaluate("document.documentElement.scrollWidth"))


@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_is_wider_than_a_laptop_or_a_phone(laptop, open_page, name: str) -> None:  # type: ignore[no-untyped-def]
    open_page(laptop, name)
    widths = {LAPTOP[0]: _page_width(laptop)}
    laptop.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    widths[PHONE[0]] = _page_width(laptop)
    assert widths == {LAPTOP[0]: LAPTOP[0], PHONE[0]: PHONE[0]}


def test_the_recruiters_sources_table_fits_a_phone_without_scrolling(phone, open_page) -> None:  # type: ignore[no-untyped-def]
    open_page(phone, "espace")
    table = phone.locator("table.sources")
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0]
    assert phone.get_by_role("button", name="Mettre en pause").first.is_visible()


def test_the_operators_wide_tables_scroll_in_their_own_box_by_keyboard(laptop, open_page) -> None:  # type: ignore[no-untyped-def]
    # A table wider than the page scrolls inside a labelled region a keyboard user can focus.
    laptop.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    open_page(laptop, "operateur")
    region = laptop.get_by_role("region", name="Tableau des sources")
    assert region.evaluate("box => box.scrollWidth > box.clientWidth")
    region.focus()
    laptop.keyboard.press("ArrowRight")
    # Chromium scrolls smoothly: wait for the box to move (failing after the usual 30 s).
    laptop.wait_for_function("box => box.scrollLeft > 0", arg=region.element_handle())


@pytest.mark.parametrize("name", ["espace", "operateur"])
def test_buttons_wear_the_sites_style_not_the_browsers(laptop, open_page, name: str) -> None:  # type: ignore[no-untyped-def]
    open_page(laptop, name)
    styles = laptop.evaluate(
        """() => {
            const body = getComputedStyle(document.body).fontFamily;
            return [...document.querySelectorAll("button")].map(button => {
                const style = getComputedStyle(button);
                return [button.textContent.trim(), style.backgroundColor,
                        style.fontFamily === body, style.borderStyle];
            });
        }"""
    )
    browser_grey = "rgb(239, 239, 239)"  # chromium's own button face
    assert styles and all(
        background != browser_grey and same_font and border != "outset"
        for _, background, same_font, border in styles
    ), styles


def _serious_violations(tab: Any) -> list[str]:
    """axe-core's serious and critical violations on the tab's page, each as 'rule (impact):
    help -> the first elements at fault'. axe is evaluated through the DevTools protocol, which
    the page's Content-Security-Policy does not govern."""
    tab.evaluate(AXE.read_text())
    return tab.evaluate(
        """async () => {
            const results = await axe.run(document);
            return results.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id} (${v.impact}): ${v.help} -> ` +
                          v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "));
        }"""
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_accessibility_violation(laptop, open_page, name: str) -> None:  # type: ignore[no-untyped-def]
    assert AXE.exists(), "axe-core is missing: `make axe` (which `make test` runs) installs it"
    open_page(laptop, name)
    found = {"laptop": _serious_violations(laptop)}
    laptop.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    found["phone"] = _serious_violations(laptop)
    assert found == {"laptop": [], "phone": []}


# The API documentation, served by Relais itself.


def test_the_api_docs_render_with_the_network_blocked(browser, app_server: str) -> None:  # type: ignore[no-untyped-def]
    with watched_tab(browser, *LAPTOP) as tab:
        refused = _offline(tab)
        tab.goto(app_server + "/docs")
        tab.get_by_role("heading", name="Relais").wait_for()
        assert tab.get_by_role("button", name="Se connecter").is_visible()
        assert tab.locator(".opblock-summary-path", has_text="/offres/search").count() == 1
    assert refused == []


def test_an_authorized_request_from_the_api_docs_succeeds(laptop, app_server: str) -> None:  # type: ignore[no-untyped-def]
    make_catalogue()
    with session_scope() as session:
        client = access.add_client(session, "partner")
    laptop.goto(app_server + "/docs")
    laptop.get_by_role("button", name="Se connecter").first.click()
    laptop.get_by_label("client_id:").fill(client.client_id)
    laptop.get_by_label("client_secret:").fill(client.client_secret)
    laptop.get_by_role("button", name="Appliquer les identifiants OAuth2 saisis").click()
    laptop.get_by_role("button", name="Retirer la connexion").first.wait_for()
    laptop.get_by_role("button", name="Fermer").first.click()

    operation = laptop.locator(
        "#operations-France_Travail_v2-search_offers_partenaire_offresdemploi_v2_offres_search_get"
    )
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Essayer").click()
    operation.get_by_role("button", name="Exécuter").click()
    status = operation.locator(".live-responses-table tr.response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() in {"200", "206"}


# Swagger UI's own words, which web/static/swagger-ui-fr.js makes French.
SWAGGER_ENGLISH = re.compile(
    r"\b(Try it out|Execute|Authorize|Cancel|Close|Clear|Parameters|Responses|Request body"
    r"|Schemas|Response body|Server response|Request URL|Example Value|No parameters|Links"
    r"|Name|Media type|Undocumented|Available authorizations|Logout|Scopes"
    r"|Additional properties|forbidden|allowed|read-only|write-only|deprecated)\b"
)


def _english_labels(tab: Any) -> list[str]:
    """Swagger UI's English words still shown: in the visible text and the buttons' names."""
    shown = tab.locator("#swagger-ui").inner_text()
    buttons = tab.locator("#swagger-ui button").evaluate_all(
        "all => all.map(b => [b.innerText, b.getAttribute('aria-label') || ''].join(' '))"
    )
    return SWAGGER_ENGLISH.findall(" ".join([shown, *buttons]))


def test_the_api_docs_interface_is_french(laptop, app_server: str) -> None:  # type: ignore[no-untyped-def]
    laptop.goto(app_server + "/docs")
    laptop.get_by_role("button", name="Se connecter").first.click()
    laptop.get_by_role("heading", name="Connexions possibles").wait_for()
    english = _english_labels(laptop)
    laptop.get_by_role("button", name="Fermer").first.click()
    operation = laptop.locator(
        "#operations-France_Travail_v2-search_offers_partenaire_offresdemploi_v2_offres_search_get"
    )
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Essayer").click()
    operation.get_by_role("button", name="Exécuter").click()
    operation.locator(".live-responses-table").first.wait_for()
    laptop.get_by_role("button", name="Schémas").first.wait_for()
    with_body = laptop.locator(
        "#operations-Inscription_des_sources-register_source_api_v1_sources_post"
    )
    with_body.locator(".opblock-summary").click()  # an operation with a request body
    with_body.get_by_text("Corps de la requête").wait_for()
    models = laptop.locator("section.models")
    models.get_by_text("Source inscrite", exact=True).click()  # a model, its properties shown
    models.get_by_text("Propriétés supplémentaires").first.wait_for()
    assert english + _english_labels(laptop) == []
