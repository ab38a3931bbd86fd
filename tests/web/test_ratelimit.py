"""Failed sign-ins are limited per client id and per address: 429 with Retry-After."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from store import access
from store.db import session_scope
from web.ratelimit import FAILURES_PER_ADDRESS, FAILURES_PER_CLIENT, SignInAttempts

TOKEN_URL = "/connexion/oauth2/access_token?realm=/partenaire"


def _app(attempts: SignInAttempts | None = None) -> TestClient:
    from web.app import create_app

    app = create_app()
    if attempts is not None:
        app.state.sign_in_attempts = attempts
    return TestClient(app)


def _ask(http: TestClient, client_id: str, secret: str):  # type: ignore[no-untyped-def]
    return http.post(
        TOKEN_URL,
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )


@pytest.fixture
def partner(database: str) -> access.NewClient:
    with session_scope() as session:
        return access.add_client(session, "partner")


def test_wrong_secrets_past_the_limit_get_429_with_retry_after(partner: access.NewClient) -> None:
    http = _app()
    answers = [_ask(http, partner.client_id, "guess").status_code for _ in range(12)]
    assert answers == [401] * FAILURES_PER_CLIENT.amount + [429] * (12 - FAILURES_PER_CLIENT.amount)
    refused = _ask(http, partner.client_id, "guess")
    assert 0 < int(refused.headers["Retry-After"]) <= FAILURES_PER_CLIENT.get_expiry()
    assert refused.json()["error"] == "temporarily_unavailable"


def test_a_limited_client_is_refused_even_with_its_right_secret(partner: access.NewClient) -> None:
    http = _app()
    for _ in range(FAILURES_PER_CLIENT.amount):
        _ask(http, partner.client_id, "guess")
    assert _ask(http, partner.client_id, partner.client_secret).status_code == 429


def test_right_secrets_are_never_limited(partner: access.NewClient) -> None:
    http = _app()
    answers = {_ask(http, partner.client_id, partner.client_secret).status_code for _ in range(15)}
    assert answers == {200}


def test_one_address_trying_many_client_ids_is_limited(partner: access.NewClient) -> None:
    http = _app()
    for n in range(FAILURES_PER_ADDRESS.amount):
        assert _ask(http, f"relais_guess{n}", "guess").status_code == 401
    assert _ask(http, partner.client_id, partner.client_secret).status_code == 429


def test_workers_sharing_redis_share_the_count(partner: access.NewClient) -> None:
    storage = "redis://127.0.0.1:6379/0"
    prefix = f"relais-test-{uuid.uuid4()}"
    workers = [_app(SignInAttempts(storage, prefix)) for _ in range(2)]
    for n in range(FAILURES_PER_CLIENT.amount):
        _ask(workers[n % 2], partner.client_id, "guess")
    assert _ask(workers[0], partner.client_id, "guess").status_code == 429
    assert _ask(workers[1], partner.client_id, "guess").status_code == 429


def test_the_operator_sign_in_is_limited_too(database: str) -> None:
    with session_scope() as session:
        operator = access.add_client(session, "ops", "api_offresdemploiv2 operator")
    http = _app()
    form = {"client_id": operator.client_id, "client_secret": "guess"}
    origin = {"Origin": "http://testserver"}
    for _ in range(FAILURES_PER_CLIENT.amount):
        assert http.post("/operateur/connexion", data=form, headers=origin).status_code == 401
    refused = http.post("/operateur/connexion", data=form, headers=origin)
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert "Trop d'échecs" in refused.text or "Trop d&#39;échecs" in refused.text
