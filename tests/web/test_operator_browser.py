"""The operators' page in a real headless chromium: sign in, read a failing source, steer it."""

from __future__ import annotations

import pytest

from store import access
from store.db import session_scope
from tests.pipeline.test_replay import _fix_the_selector, wrong_selector  # noqa: F401
from tests.store.factories import register
from tests.store.test_health import add_run
from tests.support.browser import watched_tab

pytestmark = pytest.mark.browser


@pytest.fixture
def tab(browser):  # type: ignore[no-untyped-def]
    """A fresh browser context (no cookies) and its page, laptop-sized."""
    with watched_tab(browser, 1280, 800) as page:
        yield page


@pytest.fixture
def operator(database: str) -> access.NewClient:
    with session_scope() as session:
        return access.add_client(session, "ops", "api_offresdemploiv2 operator")


def _sign_in(tab, server: str, client: access.NewClient) -> None:  # type: ignore[no-untyped-def]
    tab.goto(server + "/operateur")
    tab.get_by_label("Identifiant du client").fill(client.client_id)
    tab.get_by_label("Secret").fill(client.client_secret)
    tab.get_by_role("button", name="Se connecter").click()
    tab.wait_for_url(server + "/operateur")


def test_a_wrong_secret_is_said_beside_the_field(tab, app_server: str, operator) -> None:  # type: ignore[no-untyped-def]
    tab.goto(app_server + "/operateur")
    tab.get_by_label("Identifiant du client").fill(operator.client_id)
    tab.get_by_label("Secret").fill("not the secret")
    tab.get_by_role("button", name="Se connecter").click()

    secret = tab.get_by_label("Secret")
    assert secret.get_attribute("aria-invalid") == "true"
    assert tab.locator("#login-error").is_visible()


def test_an_operator_sees_a_failing_source_and_its_error(tab, app_server: str, operator) -> None:  # type: ignore[no-untyped-def]
    with session_scope() as session:
        acme = register(session, "acme", organization="Acme")
        add_run(session, acme, "failed", 0, http_status=500, error="HTTP 500 from the server")
    _sign_in(tab, app_server, operator)

    row = tab.locator("tr[data-source='acme']")
    assert "HTTP 500 (erreur interne du serveur)" in row.locator("td.run-status").inner_text()
    assert row.locator("td.state").inner_text() == "active"


def test_an_operator_pauses_then_resumes_a_source_with_the_buttons(
    tab,  # type: ignore[no-untyped-def]
    app_server: str,
    operator,  # type: ignore[no-untyped-def]
) -> None:
    with session_scope() as session:
        register(session, "fournil", organization="Fournil")
    _sign_in(tab, app_server, operator)
    state = tab.locator("tr[data-source='fournil'] td.state")

    tab.get_by_role("button", name="Mettre fournil en pause").click()
    tab.get_by_role("button", name="Reprendre fournil").wait_for()
    assert state.inner_text() == "en pause : mise en pause par un opérateur"

    tab.get_by_role("button", name="Reprendre fournil").click()
    tab.get_by_role("button", name="Mettre fournil en pause").wait_for()
    assert state.inner_text() == "active"


def test_an_operator_replays_a_quarantine_after_a_fix(
    tab,  # type: ignore[no-untyped-def]
    app_server: str,
    operator,  # type: ignore[no-untyped-def]
    wrong_selector: None,  # noqa: F811
) -> None:
    _fix_the_selector()
    _sign_in(tab, app_server, operator)
    assert tab.get_by_role("heading", name="Quarantaine (3)").is_visible()

    tab.get_by_role("button", name="Rejouer la quarantaine de la source chene").click()

    notice = tab.get_by_role("status")
    notice.wait_for()
    said = "Source chene : 3 éléments rejoués, tous sont maintenant acceptés."
    assert notice.inner_text() == said
    assert tab.url.endswith("/operateur")  # the message is not in the address
    assert tab.get_by_text("Rien en quarantaine.").is_visible()
