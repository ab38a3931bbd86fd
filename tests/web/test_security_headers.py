"""Every response carries the browser protections: CSP with a per-request nonce, nosniff,
a referrer policy and frame protection."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def http(offers: dict[str, int]) -> TestClient:
    from web.app import create_app

    return TestClient(create_app())


def _nonce(policy: str) -> str:
    found = re.search(r"script-src 'nonce-([^']+)'", policy)
    assert found, policy
    return found[1]


@pytest.mark.parametrize("path", ["/", "/fils", "/espace/connexion", "/operateur/connexion"])
def test_pages_forbid_scripts_framing_and_sniffing(http: TestClient, path: str) -> None:
    headers = http.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_the_jsonld_block_carries_the_nonce_of_its_response(
    http: TestClient, offers: dict[str, int]
) -> None:
    response = http.get(f"/offres/{offers['a']}")
    nonce = _nonce(response.headers["Content-Security-Policy"])
    assert f'<script type="application/ld+json" nonce="{nonce}">' in response.text


def test_each_response_has_a_fresh_nonce(http: TestClient, offers: dict[str, int]) -> None:
    policies = {http.get(f"/offres/{offers['a']}").headers["Content-Security-Policy"] for _ in "ab"}
    assert len({_nonce(policy) for policy in policies}) == 2


def test_api_answers_and_errors_are_not_sniffed_or_framed(http: TestClient) -> None:
    response = http.get("/partenaire/offresdemploi/v2/offres/search")
    assert response.status_code == 401
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_feeds_are_not_sniffed(http: TestClient) -> None:
    assert http.get("/flux/indeed.xml").headers["X-Content-Type-Options"] == "nosniff"


def test_the_api_docs_load_nothing_from_other_sites(http: TestClient) -> None:
    response = http.get("/docs")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert "https:" not in policy and "https://" not in response.text
    assert http.get("/docs/swagger-ui/swagger-ui-bundle.js").status_code == 200
