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
    assert "**Se connecter** : le bouton « Se connecter »" in info["description"]


# Words of English that French prose does not use; code between backticks is left out.
ENGLISH = re.compile(
    r"\b(the|returns?|with|of|and|is|are|or|to|for|by|its|it|every|when|what|which|how|from"
    r"|each|must|only|never|already|successful|response|error|validation|offers?|threads?"
    r"|search|read|list|show|add|register|delete|put|post|seconds?|wrong|such|too|many"
    r"|feed|resume|health|intake|registration|operators?|access|token|dry|run"
    r"|created|updated|withdrawn|rejected|keywords|around|up|at|most|one|no|not|than"
    r"|why|this|was|chosen|kind|name|status|body|expires|grant|detected|would"
    r"|live|next|last|started|input|context|location|field|reason|paused|settings|in)\b",
    re.IGNORECASE,
)


def _readable_texts(document: object, where: str = "") -> list[tuple[str, str]]:
    """Every (place, text) a reader of /docs sees: summaries, descriptions and titles (of the
    API, operations, parameters, bodies, responses, headers, schemas, properties, schemes) and
    the operations' group names (tags)."""
    found: list[tuple[str, str]] = []
    if isinstance(document, dict):
        for key, value in document.items():
            place = f"{where}/{key}"
            if key in {"summary", "description", "title"} and isinstance(value, str):
                found.append((place, value))
            elif key == "tags" and isinstance(value, list):
                found += [(place, tag) for tag in value if isinstance(tag, str)]
                found += _readable_texts([tag for tag in value if isinstance(tag, dict)], place)
            elif key == "name" and "/tags" in where and isinstance(value, str):
                found.append((place, value))
            else:
                found += _readable_texts(value, place)
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _readable_texts(value, f"{where}[{index}]")
    return found


def _english(text: str) -> list[str]:
    return ENGLISH.findall(re.sub(r"`[^`]*`", "", text))


def test_the_english_detector_finds_an_english_summary() -> None:
    document = {"paths": {"/x": {"get": {"summary": "Search Offers", "tags": ["Opérateurs"]}}}}
    assert [_english(text) for _, text in _readable_texts(document)] == [["Search", "Offers"], []]


def test_the_english_detector_reads_schema_titles() -> None:
    document = {"components": {"schemas": {"X": {"title": "Access Token"}}}}
    assert [_english(text) for _, text in _readable_texts(document)] == [["Access", "Token"]]


def test_every_text_of_the_openapi_description_is_french(http: TestClient) -> None:
    english = {
        place: words
        for place, text in _readable_texts(http.get("/openapi.json").json())
        if (words := _english(text))
    }
    assert english == {}


def test_every_schema_has_a_french_title_and_keeps_its_key(http: TestClient) -> None:
    schemas = http.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["AccessToken"]["title"] == "Jeton d'accès"
    assert [key for key, schema in schemas.items() if schema["title"] == key] == []


def test_properties_are_titled_in_french_by_their_unchanged_names(http: TestClient) -> None:
    token = http.get("/openapi.json").json()["components"]["schemas"]["AccessToken"]
    assert token["properties"]["expires_in"]["title"] == "durée de vie (secondes)"


def test_no_title_is_derived_from_a_python_name(http: TestClient) -> None:
    """Neither a route's function name ("Response List Sources Api V1 Sources Get") nor a
    field's ("Expires In") titles a schema."""
    derived = re.compile(r"^(Response [A-Z]|Body_|[A-Z][a-z]+( [A-Z][a-z]+)+$)")
    titles = [
        text
        for place, text in _readable_texts(http.get("/openapi.json").json())
        if place.endswith("/title") and derived.match(text)
    ]
    assert titles == []


def test_every_operation_is_in_a_named_group(http: TestClient) -> None:
    """Swagger UI puts an operation without tags under « default »."""
    paths = http.get("/openapi.json").json()["paths"]
    untagged = [
        f"{method.upper()} {path}"
        for path, operations in paths.items()
        for method, operation in operations.items()
        if not operation.get("tags")
    ]
    assert untagged == []
