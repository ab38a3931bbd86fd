"""The intake's Idempotency-Key: the same request again gets the same answer, another is refused."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.web.conftest import api_client

INTAKE = "/partenaire/offresdemploi/v2/intake/offres"


def _offer(title: str = "Comptable H/F") -> dict[str, Any]:
    return {
        "intitule": title,
        "description": "Tenue de la comptabilité d'une PME lyonnaise, CDI à temps plein.",
        "typeContrat": "CDI",
        "lieuTravail": {"libelle": "69 - Lyon 3e Arrondissement", "commune": "69383"},
        "entreprise": {"nom": "Fiducial Lyon"},
        "origineOffre": {"urlOrigine": "https://fiducial.example/offres/compta-1"},
    }


def _pusher(database: str) -> TestClient:
    return api_client("api_offresdemploiv2 intake")


def test_the_same_push_again_under_its_key_gets_the_same_answer(database: str) -> None:
    pusher = _pusher(database)
    first = pusher.put(f"{INTAKE}/compta-1", json=_offer(), headers={"Idempotency-Key": "k-1"})
    again = pusher.put(f"{INTAKE}/compta-1", json=_offer(), headers={"Idempotency-Key": "k-1"})
    assert first.status_code == 201, first.text
    assert (again.status_code, again.json()) == (201, first.json())


def test_a_key_reused_for_another_offer_body_is_refused_in_french(database: str) -> None:
    pusher = _pusher(database)
    pusher.put(f"{INTAKE}/compta-1", json=_offer(), headers={"Idempotency-Key": "k-2"})
    other = pusher.put(
        f"{INTAKE}/compta-1",
        json=_offer("Comptable senior H/F"),
        headers={"Idempotency-Key": "k-2"},
    )
    assert other.status_code == 422
    (reason,) = other.json()["reasons"]
    assert reason["code"] == "idempotency_key_reused"
    assert "a déjà servi pour une autre requête" in reason["message"]


def test_a_key_of_a_push_reused_to_withdraw_does_not_replay_the_push(database: str) -> None:
    pusher = _pusher(database)
    pusher.put(f"{INTAKE}/compta-1", json=_offer(), headers={"Idempotency-Key": "k-3"})
    withdrawal = pusher.delete(f"{INTAKE}/compta-1", headers={"Idempotency-Key": "k-3"})
    assert withdrawal.status_code == 422
    assert withdrawal.json()["reference"] == "compta-1"
    # The offer was not withdrawn: a withdrawal under a key of its own still finds it live.
    fresh = pusher.delete(f"{INTAKE}/compta-1", headers={"Idempotency-Key": "k-4"})
    assert (fresh.status_code, fresh.json()["status"]) == (200, "withdrawn")
