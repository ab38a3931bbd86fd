"""Pydantic's errors told in French, each setting named by its French label."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from schemas.sources import SourceKind, SourceRegistration, validate_settings
from schemas.validation_fr import field_label, french_problems


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
