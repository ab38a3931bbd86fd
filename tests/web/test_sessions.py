"""Page sessions: the cookie is a session id, not a token; sign-out, rotation and revocation
end it; form posts must show they come from the site."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from store import access, organizations, sessions
from store.db import session_scope
from store.models import utcnow
from tests.web.recruiting import organization_token

SITE = "http://testserver"
SAME_SITE = {"Origin": SITE}


def _app() -> TestClient:
    from web.app import create_app

    return TestClient(create_app(), headers=SAME_SITE)


def _recruiter(token: str) -> tuple[TestClient, str]:
    """A signed-in recruiter's client and the session cookie it holds."""
    http = _app()
    response = http.post("/espace/connexion", data={"token": token}, follow_redirects=False)
    assert response.status_code == 303
    return http, response.cookies["relais_espace"]


def _opens_the_page(cookie: str, page: str = "/espace", name: str = "relais_espace") -> bool:
    """Whether a browser holding only this cookie (a copy of it) gets the page."""
    copy = _app()
    copy.cookies.set(name, cookie)
    return copy.get(page, follow_redirects=False).status_code == 200


@pytest.fixture
def operator(database: str) -> access.NewClient:
    with session_scope() as session:
        return access.add_client(session, "ops", "api_offresdemploiv2 operator")


def _operator_cookie(client: access.NewClient) -> tuple[TestClient, str]:
    http = _app()
    response = http.post(
        "/operateur/connexion",
        data={"client_id": client.client_id, "client_secret": client.client_secret},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return http, response.cookies["relais_operateur"]


def test_the_cookie_is_not_the_organizations_token(database: str) -> None:
    token = organization_token("Acme")
    _, cookie = _recruiter(token)
    assert cookie != token and token not in cookie


def test_the_cookie_is_no_api_token(database: str) -> None:
    _, cookie = _recruiter(organization_token("Acme"))
    api = _app().get("/api/v1/sources", headers={"Authorization": f"Bearer {cookie}"})
    assert api.status_code == 401


def test_the_session_id_is_stored_hashed(database: str) -> None:
    _, cookie = _recruiter(organization_token("Acme"))
    with session_scope() as session:
        stored = list(session.scalars(select(sessions.WebSession.session_hash)))
    assert len(stored) == 1 and cookie not in stored[0]


def test_signing_out_ends_the_session_for_every_copy_of_the_cookie(database: str) -> None:
    http, cookie = _recruiter(organization_token("Acme"))
    assert _opens_the_page(cookie)
    http.post("/espace/deconnexion")
    assert not _opens_the_page(cookie)


def test_a_new_token_ends_the_sessions_opened_with_the_old_one(database: str) -> None:
    _, cookie = _recruiter(organization_token("Acme"))
    with session_scope() as session:
        organizations.new_token(session, "Acme")
    assert not _opens_the_page(cookie)


def test_a_session_ends_after_its_lifetime(database: str) -> None:
    token = organization_token("Acme")
    with session_scope() as session:
        live = organizations.live_token(session, token)
        assert live is not None
        session_id = sessions.open_organization_session(session, live)
    later = utcnow() + sessions.SESSION_LIFETIME + timedelta(seconds=1)
    with session_scope() as session:
        assert sessions.session_holder(session, session_id) is not None
        assert sessions.session_holder(session, session_id, now=later) is None


def test_an_operator_signing_out_ends_the_session(operator: access.NewClient) -> None:
    http, cookie = _operator_cookie(operator)
    assert _opens_the_page(cookie, "/operateur", "relais_operateur")
    http.post("/operateur/deconnexion")
    assert not _opens_the_page(cookie, "/operateur", "relais_operateur")


def test_revoking_the_operators_client_ends_its_sessions(operator: access.NewClient) -> None:
    _, cookie = _operator_cookie(operator)
    with session_scope() as session:
        access.revoke_client(session, "ops")
    assert not _opens_the_page(cookie, "/operateur", "relais_operateur")


def test_an_operator_sign_in_issues_no_api_token(operator: access.NewClient) -> None:
    _operator_cookie(operator)
    with session_scope() as session:
        assert list(session.scalars(select(access.ApiToken))) == []


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Referer": "https://evil.example/page"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "cross-site", "Origin": SITE},
        {"Origin": "null"},
    ],
    ids=["nothing", "foreign-referer", "sibling-site", "cross-site", "opaque-origin"],
)
def test_a_form_post_that_does_not_show_it_comes_from_the_site_is_refused(
    database: str, headers: dict[str, str]
) -> None:
    from web.app import create_app

    response = TestClient(create_app()).post(
        "/espace/connexion", data={"token": organization_token("Acme")}, headers=headers
    )
    assert response.status_code == 403
    assert "ne vient pas de ce site" in response.text


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": SITE},
        {"Sec-Fetch-Site": "same-origin"},
        {"Referer": f"{SITE}/espace/connexion"},
    ],
    ids=["origin", "fetch-metadata", "referer"],
)
def test_a_form_post_from_the_site_is_accepted(database: str, headers: dict[str, str]) -> None:
    from web.app import create_app

    response = TestClient(create_app()).post(
        "/espace/connexion",
        data={"token": organization_token("Acme")},
        headers=headers,
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_expired_sessions_are_cleared_when_another_opens(database: str) -> None:
    token = organization_token("Acme")
    with session_scope() as session:
        live = organizations.live_token(session, token)
        assert live is not None
        sessions.open_organization_session(session, live, now=utcnow() - timedelta(days=2))
        sessions.open_organization_session(session, live)
        assert len(list(session.scalars(select(sessions.WebSession)))) == 1
