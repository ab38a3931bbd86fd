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
        ("rss", {"board": "x"}, "board: Extra inputs are not permitted"),
        ("ashby", {}, "board: Field required"),
        ("workable", {"board": "../etc"}, "board: String should match pattern"),
        ("recruitee", {"board": "x", "api_base": "ftp://x"}, "api_base: URL scheme should be"),
        ("jsonld", {"follow": "(unclosed"}, "follow: Value error, not a valid regular expression"),
        ("html", {"links": "a"}, "fields: Field required"),
        ("html", {"links": "a", "fields": {"place": "p"}}, "fields.title: Field required"),
        ("francetravail", {"client_id": "c"}, "client_secret_env: Field required"),
    ],
)
def test_errors_name_the_setting(kind: str, settings: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as invalid:
        register(kind, settings)
    (problem,) = invalid.value.errors()
    assert problem["loc"] == ("settings",)
    assert message in problem["msg"] and f"(for a {kind} source)" in problem["msg"]
