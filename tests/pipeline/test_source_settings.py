"""Each kind's registration settings are checked, and errors name the setting at fault."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from schemas.sources import SourceKind, SourceRegistration, validate_settings


def register(kind: str, settings: dict[str, Any]) -> SourceRegistration:
    return SourceRegistration(name="s", kind=kind, url="https://x.example/", settings=settings)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "settings"),
    [
        ("rss", {}),
        ("greenhouse", {"board": "atelierlumiere"}),
        ("lever", {"board": "cordee", "api_base": "https://api.eu.lever.co", "page_size": "50"}),
        ("smartrecruiters", {"board": "RoulottesDuSud", "details": "false"}),
        ("jsonld", {"discovery": "sitemap", "follow": r"/jobs/\d+"}),
        ("html", {"links": "a.job", "fields": {"title": "//h1"}}),
        ("francetravail", {"client_id": "c", "client_secret_env": "FT_SECRET"}),
    ],
)
def test_usable_settings_are_kept_converted(kind: str, settings: dict[str, Any]) -> None:
    kept = register(kind, settings).settings
    assert set(kept) == set(settings)
    assert kept == validate_settings(SourceKind(kind), settings)


def test_values_given_as_text_are_converted() -> None:
    kept = register("smartrecruiters", {"board": "R", "page_size": "20", "details": "no"}).settings
    assert kept == {"board": "R", "page_size": 20, "details": False}


@pytest.mark.parametrize(
    ("kind", "settings", "message"),
    [
        (
            "rss",
            {"board": "x"},
            "identifiant du compte (board) : réglage inconnu pour ce type de source",
        ),
        ("ashby", {}, "identifiant du compte (board) : obligatoire, absent"),
        ("workable", {"board": "../etc"}, "identifiant du compte (board) : forme refusée"),
        (
            "recruitee",
            {"board": "x", "api_base": "ftp://x"},
            "racine de l'API (api_base) : schéma d'adresse refusé",
        ),
        (
            "jsonld",
            {"follow": "(unclosed"},
            "motif des liens d'offres (follow) : expression régulière invalide",
        ),
        ("html", {"links": "a"}, "sélecteurs des champs (fields) : obligatoire, absent"),
        (
            "html",
            {"links": "a", "fields": {"place": "p"}},
            "sélecteurs des champs > intitulé (fields.title) : obligatoire, absent",
        ),
        (
            "francetravail",
            {"client_id": "c"},
            "variable d'environnement du secret (client_secret_env) : obligatoire, absent",
        ),
    ],
)
def test_errors_name_the_setting(kind: str, settings: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as invalid:
        register(kind, settings)
    (problem,) = invalid.value.errors()
    assert problem["loc"] == ("settings",)
    assert message in problem["msg"] and f"(pour une source de type {kind})" in problem["msg"]
