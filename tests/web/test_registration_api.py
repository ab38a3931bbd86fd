"""The registration API: organizations register and steer their own sources, and only those."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from store import models, organizations
from store.db import session_scope
from tests.support.loopback import LoopbackSite
from tests.web.conftest import api_client

FEEDS = Path(__file__).resolve().parents[1] / "pipeline" / "fixtures"


@pytest.fixture(autouse=True)
def no_politeness_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELAIS_DOWNLOAD_DELAY", "0")


def org_client(name: str) -> TestClient:
    """An HTTP client of the app holding the organization's token."""
    from web.app import create_app

    with session_scope() as session:
        issued = organizations.add_organization(session, name)
    return TestClient(create_app(), headers={"Authorization": f"Bearer {issued.token}"})


def _sources() -> int:
    with session_scope() as session:
        return session.scalar(select(func.count()).select_from(models.Source)) or 0


RSS = {"url": "https://acme.example/jobs.rss", "kind": "rss", "name": "acme"}


def test_an_organization_registers_a_source(database: str) -> None:
    response = org_client("Acme").post(
        "/api/v1/sources",
        json={
            **RSS,
            "schedule_minutes": 30,
            "defaults": {"company_name": "Acme", "place": "Lyon", "contract": "CDI"},
        },
    )
    assert response.status_code == 201, response.text
    source = response.json()["source"]
    assert (source["name"], source["organization"], source["schedule_minutes"]) == (
        "acme",
        "Acme",
        30,
    )
    assert source["defaults"] == {"company_name": "Acme", "place": "Lyon", "contract": "CDI"}


def test_registering_the_same_url_again_returns_the_source(database: str) -> None:
    http = org_client("Acme")
    http.post("/api/v1/sources", json=RSS)
    again = http.post("/api/v1/sources", json={**RSS, "name": "other-name"})
    assert again.status_code == 200
    assert (again.json()["created"], again.json()["source"]["name"]) == (False, "acme")
    assert _sources() == 1


def test_another_organizations_url_is_a_conflict(database: str) -> None:
    org_client("Acme").post("/api/v1/sources", json=RSS)
    assert org_client("Fournil").post("/api/v1/sources", json=RSS).status_code == 409
    assert _sources() == 1


def test_the_kind_is_detected_when_not_given(database: str, site: LoopbackSite) -> None:
    url = site.add("/jobs.rss", (FEEDS / "jobs.rss").read_bytes())
    response = org_client("Acme").post("/api/v1/sources", json={"url": url})
    assert response.status_code == 201, response.text
    assert response.json()["source"]["kind"] == "rss"
    assert response.json()["detected"]
    assert response.json()["source"]["name"].startswith("127.0.0.1")


def test_validation_errors_name_the_field_and_why(database: str) -> None:
    response = org_client("Acme").post(
        "/api/v1/sources",
        json={"url": "ftp://acme.example/jobs", "kind": "rss", "schedule_minutes": 1},
    )
    assert response.status_code == 422
    problems = {tuple(p["loc"]): p["msg"] for p in response.json()["detail"]}
    assert set(problems) == {("body", "url"), ("body", "schedule_minutes")}
    assert "au moins 5" in problems[("body", "schedule_minutes")]


def test_a_missing_kind_setting_is_named(database: str) -> None:
    response = org_client("Acme").post(
        "/api/v1/sources", json={"url": "https://careers.acme.example/", "kind": "greenhouse"}
    )
    assert response.status_code == 422
    ((problem),) = response.json()["detail"]
    assert problem["loc"] == ["body", "settings"]
    assert "identifiant du compte (board) : obligatoire, absent" in problem["msg"]


def test_an_unknown_thread_is_named(database: str) -> None:
    response = org_client("Acme").post("/api/v1/sources", json={**RSS, "threads": ["nope"]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "threads", 0]
    assert _sources() == 0


def test_a_dry_run_says_what_would_be_imported_and_rejected_and_stores_nothing(
    database: str, site: LoopbackSite
) -> None:
    url = site.add("/jobs.rss", (FEEDS / "jobs.rss").read_bytes())
    response = org_client("Acme").post("/api/v1/sources/dry-run", json={"url": url})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["kind"], body["would_import"], body["would_reject"]) == ("rss", 2, 1)
    (rejected,) = body["rejections"]
    assert rejected["external_id"] == "acme-3"
    assert [reason["field"] for reason in rejected["reasons"]] == ["title"]
    assert _sources() == 0


def test_an_organization_lists_only_its_sources(database: str) -> None:
    acme, fournil = org_client("Acme"), org_client("Fournil")
    acme.post("/api/v1/sources", json=RSS)
    fournil.post("/api/v1/sources", json={**RSS, "url": "https://f.example/a.rss", "name": "f"})
    assert [s["name"] for s in acme.get("/api/v1/sources").json()] == ["acme"]
    assert [s["name"] for s in fournil.get("/api/v1/sources").json()] == ["f"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/sources/acme"),
        ("post", "/api/v1/sources/acme/pause"),
        ("post", "/api/v1/sources/acme/resume"),
        ("get", "/api/v1/sources/acme/offers"),
        ("get", "/api/v1/sources/acme/rejections"),
    ],
)
def test_another_organizations_source_is_not_found(database: str, method: str, path: str) -> None:
    org_client("Acme").post("/api/v1/sources", json=RSS)
    response = getattr(org_client("Fournil"), method)(path)
    assert response.status_code == 404
    with session_scope() as session:
        assert session.scalars(select(models.Source.paused)).one() is False


def test_an_organization_pauses_and_resumes_its_source(database: str) -> None:
    http = org_client("Acme")
    http.post("/api/v1/sources", json=RSS)
    paused = http.post("/api/v1/sources/acme/pause", json={"reason": "site en travaux"})
    assert (paused.json()["paused"], paused.json()["paused_reason"]) == (True, "site en travaux")
    assert http.post("/api/v1/sources/acme/resume").json()["paused"] is False


@pytest.mark.parametrize("header", [None, "Bearer relais_org_wrong", "Bearer ", "Basic abc"])
def test_a_bad_token_is_unauthorized(database: str, header: str | None) -> None:
    from web.app import create_app

    http = TestClient(create_app())
    headers = {"Authorization": header} if header else {}
    assert http.get("/api/v1/sources", headers=headers).status_code == 401
    assert http.post("/api/v1/sources", json=RSS, headers=headers).status_code == 401
    assert _sources() == 0


def test_an_operator_sees_every_organizations_sources(database: str) -> None:
    org_client("Acme").post("/api/v1/sources", json=RSS)
    org_client("Fournil").post(
        "/api/v1/sources", json={**RSS, "url": "https://f.example/a.rss", "name": "f"}
    )
    operator = api_client("api_offresdemploiv2 operator")
    assert [s["name"] for s in operator.get("/api/v1/sources").json()] == ["acme", "f"]
    assert operator.get("/api/v1/sources/f").status_code == 200


def test_an_api_client_without_operator_scope_sees_nothing(database: str) -> None:
    assert api_client().get("/api/v1/sources").status_code == 401


def test_the_registration_api_is_described_in_openapi(database: str) -> None:
    from web.app import create_app

    paths = TestClient(create_app()).get("/openapi.json").json()["paths"]
    assert {"/api/v1/sources", "/api/v1/sources/dry-run", "/api/v1/sources/{name}/pause"} <= set(
        paths
    )
    assert "422" in paths["/api/v1/sources"]["post"]["responses"]


@pytest.mark.parametrize(
    "spelling",
    [
        "https://acme.example/jobs.rss?",
        "https://acme.example/jobs.rss#offres",
        "https://acme.example//jobs.rss",
        "https://acme.example/jobs.rss?utm_source=x",
        "https://acme.example/%6Aobs.rss",
        "https://ACME.example/jobs.rss",
        "https://acme.example:443/jobs.rss",
        "https://acme.example/emplois/../jobs.rss",
    ],
)
def test_another_spelling_of_a_registered_url_is_the_same_source(
    database: str, spelling: str
) -> None:
    org_client("Acme").post("/api/v1/sources", json=RSS)
    taken = org_client("Fournil").post(
        "/api/v1/sources", json={"url": spelling, "kind": "rss", "name": "fournil"}
    )
    assert taken.status_code == 409
    assert _sources() == 1


def test_a_url_differing_by_a_real_parameter_is_another_source(database: str) -> None:
    org_client("Acme").post("/api/v1/sources", json=RSS)
    other = {"url": "https://acme.example/jobs.rss?ville=lyon", "kind": "rss", "name": "lyon"}
    assert org_client("Fournil").post("/api/v1/sources", json=other).status_code == 201


def test_the_rejections_carry_the_title_and_a_french_explanation(
    database: str, site: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.web.recruiting import source_without_a_way_to_apply

    http = org_client("Fromagerie")
    source_without_a_way_to_apply(site, "Fromagerie", "fromagerie")
    (rejected,) = http.get("/api/v1/sources/fromagerie/rejections").json()
    assert rejected["libelle"] == "« Fromager affineur H/F » (réf. FROM-12)"
    assert [(r["code"], r["explication"][:38]) for r in rejected["reasons"]] == [
        ("no_way_to_apply", "L'offre ne dit pas comment postuler. À")
    ]
