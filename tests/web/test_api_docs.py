"""/docs: the API's documentation page and its OpenAPI description, for French readers."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def http() -> TestClient:
    from web.app import create_app

    return TestClient(create_app())


def test_the_docs_page_is_declared_french(http: TestClient) -> None:
    assert '<html lang="fr">' in http.get("/docs").text


def test_the_docs_page_has_a_french_title(http: TestClient) -> None:
    title = re.search(r"<title>(.*)</title>", http.get("/docs").text)
    assert title is not None and title.group(1) == "Relais · Documentation de l'API"


def test_the_openapi_description_introduces_the_api_in_french(http: TestClient) -> None:
    info = http.get("/openapi.json").json()["info"]
    assert info["summary"].startswith("Les offres d'emploi des entreprises d'un territoire")
    assert "**Se connecter** : « Authorize »" in info["description"]
