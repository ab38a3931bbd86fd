"""A thread's filter is checked against the referentials: names become codes, the rest refused."""

from __future__ import annotations

import pytest

from pipeline.thread_filters import ThreadFilterError, checked_filter
from schemas.threads import CommuneRadius, ThreadFilter


def test_a_departement_written_by_its_name_becomes_its_code() -> None:
    assert checked_filter(ThreadFilter(departements=["Drôme", "hautes alpes"])).departements == [
        "26",
        "05",
    ]


def test_a_departement_code_of_one_digit_is_read_with_its_leading_zero() -> None:
    assert checked_filter(ThreadFilter(departements=["1", "2a"])).departements == ["01", "2A"]


def test_a_region_written_by_its_current_or_former_name_becomes_its_code() -> None:
    assert checked_filter(ThreadFilter(regions=["Bretagne", "Rhône-Alpes"])).regions == [
        "53",
        "84",
    ]


def test_a_contract_type_written_as_people_name_it_becomes_its_type_contrat_code() -> None:
    criteria = ThreadFilter(types_contrat=["Intérim", "cdi", "Saisonnier"])
    assert checked_filter(criteria).types_contrat == ["MIS", "CDI", "SAI"]


def test_every_value_that_matches_nothing_is_named_in_one_refusal() -> None:
    with pytest.raises(ThreadFilterError) as refused:
        checked_filter(ThreadFilter(departements=["99"], regions=["Bretagn"]))
    first, second = refused.value.problems
    assert first.startswith("« 99 » n'est pas un département")
    assert second.startswith("« Bretagn » n'est pas une région")


def test_alternance_is_refused_as_a_contract_type_saying_it_is_a_nature() -> None:
    with pytest.raises(ThreadFilterError) as refused:
        checked_filter(ThreadFilter(types_contrat=["Alternance"]))
    assert "France Travail range l'alternance dans la nature du contrat" in str(refused.value)


def test_an_insee_code_of_no_commune_is_refused() -> None:
    with pytest.raises(ThreadFilterError, match="« 99999 » n'est le code INSEE d'aucune commune"):
        checked_filter(ThreadFilter(communes=[CommuneRadius(insee_code="99999")]))
