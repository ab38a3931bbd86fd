"""Remote work read from a remote field, a place or a description; perks are not remote jobs."""

from __future__ import annotations

import pytest

from normalizers.remote import parse_remote, with_remote_place
from schemas.offers import RemoteMode

FULL, HYBRID, ON_SITE = RemoteMode.FULL, RemoteMode.HYBRID, RemoteMode.ON_SITE


@pytest.mark.parametrize(
    ("text", "mode", "days"),
    [
        ("Remote", FULL, None),
        ("Full remote", FULL, None),
        ("Télétravail total", FULL, None),
        ("100 % télétravail", FULL, None),
        ("Télétravail occasionnel", HYBRID, None),
        ("Hybride", HYBRID, None),
        ("2 jours de télétravail par semaine", HYBRID, 2),
        ("Télétravail partiel (3j/semaine)", HYBRID, 3),
        ("Pas de télétravail", ON_SITE, None),
        ("On-site", ON_SITE, None),
        ("false", ON_SITE, None),
    ],
)
def test_remote_field(text: str, mode: RemoteMode, days: float | None) -> None:
    remote = parse_remote(text)
    assert (remote.mode, remote.days_per_week) == (mode, days)
    assert remote.text == text


def test_a_perk_in_the_description_makes_the_job_hybrid_not_remote() -> None:
    description = "Avantages : 2 jours de télétravail possibles, tickets restaurant, mutuelle."
    remote = parse_remote(None, description=description)
    assert (remote.mode, remote.days_per_week) == (HYBRID, 2)


@pytest.mark.parametrize(
    ("description", "mode"),
    [
        ("Ce poste est en full remote, partout en France.", FULL),
        ("Poste 100% télétravail.", FULL),
        ("Accord de télétravail et RTT.", HYBRID),
        ("Le télétravail n'est pas possible sur ce poste.", ON_SITE),
        ("Vous assurez le support à distance des utilisateurs.", None),
        ("Vous travaillerez au sein de l'équipe réseau.", None),
    ],
)
def test_description(description: str, mode: RemoteMode | None) -> None:
    assert parse_remote(None, description=description).mode == mode


def test_the_place_says_it_too() -> None:
    assert parse_remote(None, place="Paris (télétravail partiel)").mode == HYBRID


def test_the_remote_field_wins_over_the_description() -> None:
    remote = parse_remote("Hybride", description="Poste en full remote.")
    assert remote.mode == HYBRID


def test_nothing_said_is_unknown() -> None:
    assert parse_remote(None).model_dump() == {"text": None, "mode": None, "days_per_week": None}


@pytest.mark.parametrize("place", ["Remote - France", "Télétravail (France)", "France - Remote"])
def test_a_place_that_is_remote_work_open_to_a_country_is_a_fully_remote_job(place: str) -> None:
    remote = with_remote_place(parse_remote(None, place=place), place_is_remote=True, field=None)
    assert remote.mode == FULL


def test_a_remote_field_saying_hybrid_is_kept_beside_a_remote_place() -> None:
    remote = parse_remote("Hybrid", place="Remote - France")
    assert with_remote_place(remote, place_is_remote=True, field="Hybrid").mode == HYBRID
