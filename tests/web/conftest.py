"""Web fixtures: offers in the store, and the app served on loopback for the browser."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from schemas.offers import Contract, Place, PlaceMatch
from store.copies import upsert_offer
from store.db import session_scope
from tests.store.factories import offer, register
from tests.support.browser import CHROMIUM, FLAGS
from tests.support.webserver import serving
from tests.web.catalogue import make_catalogue

HOSTILE = (
    '<p>Bienvenue</p><script>document.title="pwned"</script>'
    "<img src=x onerror=\"document.title='pwned'\">"
    "<a href=\"javascript:document.title='pwned'\">clic</a>"
)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless chromium, launched once per test process; each test opens its own
    context (no cookies, no storage shared with another test)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is missing: `make test` installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def offers(database: str) -> dict[str, int]:
    """Three live offers of one source, the hostile one the newest."""
    lyon = Place(text="Lyon 3e", match=PlaceMatch.COMMUNE, label="69 - LYON 03", insee_code="69383")
    ids = {}
    with session_scope() as session:
        source = register(session, "acme", organization="Acme")
        for external_id, title, day, extra in [
            ("a", "Développeur Python H/F", 18, {"place": lyon}),
            (
                "b",
                "Comptable fournisseurs F/H",
                19,
                {
                    "contract": Contract(
                        text="CDI",
                        type_contrat="CDI",
                        type_contrat_label="Contrat à durée indéterminée",
                    )
                },
            ),
            ("c", "Technicien de maintenance H/F", 20, {"description_html": HOSTILE}),
        ]:
            posted = datetime(2026, 11, day, 9, tzinfo=UTC)
            ids[external_id] = upsert_offer(
                session, source.id, offer(external_id, title, posted_at=posted, **extra)
            ).offer_id
    return ids


@pytest.fixture
def catalogue(database: str) -> dict[str, int]:
    """Offers of several places, contracts and métiers (see tests/web/catalogue.py)."""
    return make_catalogue()


@pytest.fixture
def live_server(offers: dict[str, int]) -> Iterator[str]:
    """The web app on a free loopback port, reading the test database."""
    from web.app import create_app

    with serving(create_app()) as url:
        yield url


@pytest.fixture
def app_server(database: str) -> Iterator[str]:
    """The web app on a free loopback port, on an empty test database."""
    from web.app import create_app

    with serving(create_app()) as url:
        yield url


def api_client(scopes: str = "api_offresdemploiv2") -> TestClient:
    """An HTTP client of the app holding a valid bearer token with these scopes."""
    from store import access
    from web.app import create_app

    http = TestClient(create_app())
    with session_scope() as session:
        created = access.add_client(session, f"client-{len(scopes)}-{id(http)}", scopes)
    token = http.post(
        "/connexion/oauth2/access_token?realm=/partenaire",
        data={
            "grant_type": "client_credentials",
            "client_id": created.client_id,
            "client_secret": created.client_secret,
        },
    ).json()["access_token"]
    http.headers["Authorization"] = f"Bearer {token}"
    return http
