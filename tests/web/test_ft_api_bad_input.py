"""Hostile or absurd requests to the API and the pages get a clear 4xx, never a 500 or a reset."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.store.factories import offer, register
from tests.support.webserver import serving
from tests.web.conftest import api_client
from web.ft_api import MAX_KEYWORD_LENGTH, MAX_KEYWORDS

API = "/partenaire/offresdemploi/v2"
BEYOND_64_BITS = str(2**64 + 1)
BEYOND_32_BITS = str(2**31)


@pytest.fixture
def client(catalogue: dict[str, int]) -> TestClient:
    return api_client()


@pytest.mark.parametrize("offer_id", [BEYOND_64_BITS, BEYOND_32_BITS, "0", "9" * 40])
def test_an_api_offer_id_beyond_any_stored_id_is_404(client: TestClient, offer_id: str) -> None:
    response = client.get(f"{API}/offres/{offer_id}")
    assert response.status_code == 404
    assert response.json()["codeHttp"] == 404


def test_an_api_offer_id_in_other_digits_is_404(client: TestClient) -> None:
    # "²" and "٣" are digits to str.isdigit, not to int().
    for offer_id in ("²", "٣"):
        assert client.get(f"{API}/offres/{offer_id}").status_code == 404


@pytest.mark.parametrize("offer_id", [BEYOND_64_BITS, BEYOND_32_BITS, "-1"])
def test_an_offer_page_beyond_any_stored_id_is_404(offers: dict[str, int], offer_id: str) -> None:
    from web.app import create_app

    response = TestClient(create_app()).get(f"/offres/{offer_id}")
    assert response.status_code == 404
    assert "Cette offre n" in response.text


def test_too_many_keywords_is_400_naming_the_limit(client: TestClient) -> None:
    words = ",".join(f"mot{n}" for n in range(300))
    response = client.get(f"{API}/offres/search", params={"motsCles": words})
    assert response.status_code == 400
    assert str(MAX_KEYWORDS) in response.json()["message"]


def test_as_many_keywords_as_allowed_are_searched(client: TestClient) -> None:
    words = ",".join(["développeur"] * MAX_KEYWORDS)
    response = client.get(f"{API}/offres/search", params={"motsCles": words})
    assert response.status_code == 200


def test_a_too_long_keyword_is_400_naming_the_limit(client: TestClient) -> None:
    word = "a" * (MAX_KEYWORD_LENGTH + 1)
    response = client.get(f"{API}/offres/search", params={"motsCles": word})
    assert response.status_code == 400
    assert str(MAX_KEYWORD_LENGTH) in response.json()["message"]


@pytest.mark.parametrize("keyword", ["%%", "__", "%_"])
def test_like_wildcards_in_keywords_match_only_themselves(client: TestClient, keyword: str) -> None:
    assert client.get(f"{API}/offres/search", params={"motsCles": keyword}).status_code == 204


def test_a_keyword_with_a_percent_sign_finds_the_offer_that_has_it(database: str) -> None:
    from store.copies import upsert_offer
    from store.db import session_scope

    with session_scope() as session:
        source = register(session, "acme", organization="Acme")
        upsert_offer(session, source.id, offer("p", "Vendeur commission 100% H/F"))
        upsert_offer(session, source.id, offer("q", "Vendeur 1000 H/F"))
    response = api_client().get(f"{API}/offres/search", params={"motsCles": "100%"})
    assert [item["intitule"] for item in response.json()["resultats"]] == [
        "Vendeur commission 100% H/F"
    ]


def _send_slowly(port: int, target: str) -> bytes:
    """Send a GET in 4 KiB pieces, as a real network delivers it; the answer's first bytes."""
    request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        for start in range(0, len(request), 4096):
            connection.sendall(request[start : start + 4096])
            time.sleep(0.001)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


@pytest.fixture(params=["h11", "httptools"])
def served(request: pytest.FixtureRequest, catalogue: dict[str, int]) -> Iterator[int]:
    """The app on loopback with each of uvicorn's HTTP parsers; its port."""
    from web.app import create_app

    with serving(create_app(), http=request.param) as url:
        yield int(url.rsplit(":", 1)[1])


def test_a_64000_character_query_string_is_414_in_francetravail_shape(served: int) -> None:
    answer = _send_slowly(served, f"{API}/offres/search?motsCles={'a' * 64_000}")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414")
    assert b'"codeHttp":414' in body


def test_a_64000_character_page_address_is_414(served: int) -> None:
    answer = _send_slowly(served, f"/fils/tout?q={'a' * 64_000}")
    assert answer.startswith(b"HTTP/1.1 414")


@pytest.mark.parametrize(
    "method, path",
    [("GET", f"{API}/nulle-part"), ("DELETE", f"{API}/offres/search")],
)
def test_router_errors_on_francetravail_routes_are_json_in_french(
    client: TestClient, method: str, path: str
) -> None:
    response = client.request(method, path)
    body = response.json()
    assert body["codeHttp"] == response.status_code and body["message"].startswith("Cette ")


def test_a_malformed_body_on_a_francetravail_route_is_400_in_its_shape(database: str) -> None:
    pusher = api_client("api_offresdemploiv2 intake")
    response = pusher.put(f"{API}/intake/offres/ref-1", json=["pas", "un", "objet"])
    assert response.status_code == 400
    assert response.json()["codeHttp"] == 400 and "body" in response.json()["message"]
