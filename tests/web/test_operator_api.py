"""Operators create threads and watch the outbox through the API."""

from __future__ import annotations

from tests.web.conftest import api_client


def test_an_operator_creates_a_thread_and_live_offers_are_queued(catalogue: dict[str, int]) -> None:
    http = api_client("api_offresdemploiv2 operator")
    response = http.post(
        "/api/v1/threads",
        json={"slug": "dev", "title": "Développement", "filter": {"domaines": ["M18"]}},
    )
    assert response.status_code == 201 and response.json()["queued"] == 2
    assert [t["slug"] for t in http.get("/api/v1/threads").json()] == ["dev"]
    (status,) = http.get("/api/v1/outbox").json()
    assert (status["target"], status["pending"]) == ("thread:dev", 2)


def test_a_bad_filter_is_refused_naming_the_field(catalogue: dict[str, int]) -> None:
    http = api_client("api_offresdemploiv2 operator")
    response = http.post(
        "/api/v1/threads", json={"slug": "dev", "title": "Dev", "filter": {"metiers": ["dev"]}}
    )
    assert response.status_code == 422
    ((problem),) = response.json()["detail"]
    assert problem["loc"] == ["body", "filter", "metiers", 0]
    assert problem["label"] == "filtre > métiers ROME > n° 1 (filter.metiers.0)"
    assert problem["msg"] == "« dev » n'est pas un code métier ROME comme M1805"


def test_a_filter_on_a_departement_no_offer_can_carry_is_refused(
    catalogue: dict[str, int],
) -> None:
    http = api_client("api_offresdemploiv2 operator")
    response = http.post(
        "/api/v1/threads", json={"slug": "x", "title": "X", "filter": {"departements": ["99"]}}
    )
    assert response.status_code == 422
    assert "« 99 » n'est pas un département" in response.json()["message"]


def test_a_filter_written_with_names_is_stored_with_codes(catalogue: dict[str, int]) -> None:
    http = api_client("api_offresdemploiv2 operator")
    response = http.post(
        "/api/v1/threads", json={"slug": "x", "title": "X", "filter": {"regions": ["Bretagne"]}}
    )
    assert response.status_code == 201 and response.json()["filter"]["regions"] == ["53"]


def test_a_client_without_the_operator_scope_is_refused(catalogue: dict[str, int]) -> None:
    response = api_client().post("/api/v1/threads", json={"slug": "dev", "title": "Dev"})
    assert response.status_code == 403
    assert "droit d'opérateur" in response.json()["message"]


def test_the_same_slug_twice_is_a_conflict(catalogue: dict[str, int]) -> None:
    http = api_client("api_offresdemploiv2 operator")
    http.post("/api/v1/threads", json={"slug": "dev", "title": "Dev"})
    again = http.post("/api/v1/threads", json={"slug": "dev", "title": "Dev"})
    assert again.status_code == 409
    assert again.json()["message"] == "Le fil 'dev' existe déjà."
