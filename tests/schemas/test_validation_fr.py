"""Pydantic's errors told in French, each setting named by its French label."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from schemas.source_offer import SourceOffer
from schemas.sources import SourceKind, SourceRegistration, validate_settings
from schemas.validation_fr import field_label, french_problems, french_reason_of


def test_a_bound_is_told_with_its_value() -> None:
    with pytest.raises(ValueError) as refused:
        validate_settings(SourceKind.JSONLD, {"max_pages": 0})
    assert str(refused.value) == "nombre maximal de pages (max_pages) : doit valoir au moins 1"


def test_a_wrong_type_is_told_in_french() -> None:
    with pytest.raises(ValueError) as refused:
        validate_settings(SourceKind.SMARTRECRUITERS, {"board": "x", "details": "peut-être"})
    assert str(refused.value) == (
        "lire chaque annonce (details) : oui ou non (true ou false) est attendu"
    )


def test_a_nested_setting_names_each_level() -> None:
    assert field_label(("fields", "title")) == "sélecteurs des champs > intitulé (fields.title)"


def test_a_registration_field_is_named_in_french() -> None:
    with pytest.raises(ValidationError) as refused:
        SourceRegistration.model_validate(
            {"name": "a", "kind": "rss", "url": "https://a.example/", "threads": "x" * 3}
        )
    ((label, message),) = french_problems(refused.value.errors())
    assert label == "fils de diffusion (threads)" and message == "une liste est attendue"


def _thread_problems(**fields: object) -> list[tuple[str, str]]:
    from schemas.threads import Thread

    with pytest.raises(ValidationError) as refused:
        Thread.model_validate({"slug": "dev", "title": "Dev", **fields})
    return french_problems(refused.value.errors())


def test_a_thread_filter_s_bad_metier_is_named_and_told_in_french() -> None:
    assert _thread_problems(filter={"metiers": ["M1805", "dev"]}) == [
        (
            "filtre > métiers ROME > n° 2 (filter.metiers.1)",
            "« dev » n'est pas un code métier ROME comme M1805",
        )
    ]


def test_a_thread_filter_s_bad_domaine_is_told_in_french() -> None:
    ((label, message),) = _thread_problems(filter={"domaines": ["informatique"]})
    assert label.startswith("filtre > domaines ROME")
    assert message == "« informatique » n'est pas un domaine ROME comme M ou M18"


def test_a_thread_filter_s_commune_is_named_by_its_code_and_radius() -> None:
    problems = _thread_problems(filter={"communes": [{"insee_code": "Lyon", "radius_km": 500}]})
    assert problems == [
        (
            "filtre > communes > n° 1 > code INSEE (filter.communes.0.insee_code)",
            "« Lyon » n'est pas un code INSEE de commune (5 caractères, par ex. 69123 ou 2A004)",
        ),
        (
            "filtre > communes > n° 1 > rayon (km) (filter.communes.0.radius_km)",
            "doit valoir au plus 200",
        ),
    ]


def test_every_thread_filter_field_has_a_french_label() -> None:
    from schemas.threads import CommuneRadius, Thread, ThreadFilter
    from schemas.validation_fr import FIELD_LABELS

    fields = {*Thread.model_fields, *ThreadFilter.model_fields, *CommuneRadius.model_fields}
    assert sorted(fields - set(FIELD_LABELS)) == []


def test_a_thread_s_bad_address_says_what_it_may_hold() -> None:
    ((label, message),) = _thread_problems(slug="Dév Lyon")
    assert label == "adresse du fil (slug)"
    assert message.startswith("« Dév Lyon » ne convient pas : lettres minuscules sans accent")


def test_a_source_offer_without_id_is_refused_in_french() -> None:
    with pytest.raises(ValidationError) as caught:
        SourceOffer(external_id="", title="Agent")
    assert french_reason_of(caught.value) == (
        "identifiant de l'offre (external_id) : trop court (au moins 1 caractère(s))"
    )
