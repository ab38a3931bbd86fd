"""The job seeker's search form: names of places and métiers, contract labels, URL values."""

from __future__ import annotations

from starlette.datastructures import QueryParams

from normalizers.contracts import TYPE_LABELS
from web.lookup import departement_label, find_metier, find_place
from web.search_form import CONTRACT_LABELS, contract_label, read_search


def test_every_contract_code_of_the_referential_has_a_short_french_label() -> None:
    assert set(CONTRACT_LABELS) == set(TYPE_LABELS)


def test_interim_and_seasonal_contracts_read_as_job_seekers_say_them() -> None:
    assert (contract_label("MIS"), contract_label("SAI")) == ("Intérim", "Saisonnier")


def test_a_departement_is_labelled_with_its_code_and_name() -> None:
    assert departement_label("69") == "69 – Rhône"


def test_a_commune_is_found_whatever_its_accents_and_case() -> None:
    found = find_place("SAINT-ETIENNE").found
    assert found is not None and (found.kind, found.code) == ("commune", "42218")


def test_a_departement_is_found_by_the_label_of_the_list() -> None:
    found = find_place("69 – Rhône").found
    assert found is not None and (found.kind, found.code) == ("departement", "69")


def test_a_region_is_found_by_a_common_short_name() -> None:
    found = find_place("PACA").found
    assert found is not None and (found.kind, found.code) == ("region", "93")


def test_paris_is_the_commune_so_that_a_distance_applies() -> None:
    found = find_place("Paris").found
    assert found is not None and (found.kind, found.code) == ("commune", "75056")


def test_a_region_of_one_departement_is_that_departement() -> None:
    found = find_place("guyane").found
    assert found is not None and (found.kind, found.code) == ("departement", "973")


def test_communes_of_one_name_are_told_apart_by_their_departement() -> None:
    lookup = find_place("Saint-Denis")
    assert lookup.found is None and "Saint-Denis (93)" in [c.label for c in lookup.choices]


def test_a_choice_label_typed_back_finds_that_place() -> None:
    found = find_place("Saint-Denis (974)").found
    assert found is not None and found.code == "97411"


def test_a_commune_can_be_made_precise_by_its_postal_code() -> None:
    found = find_place("Saint-Denis (93200)").found
    assert found is not None and found.code == "93066"


def test_an_unknown_place_finds_nothing_and_suggests_nothing() -> None:
    lookup = find_place("Qwxzt")
    assert lookup.found is None and lookup.choices == []


def test_a_metier_is_found_by_one_of_its_appellations() -> None:
    found = find_metier("cariste d'entrepot").found
    assert found is not None and found.code == "N1101"


def test_the_metiers_with_offers_come_first_among_several() -> None:
    lookup = find_metier("boulanger", preferred=frozenset({"D1108"}))
    assert lookup.found is None and lookup.choices[0].code == "D1108"


def test_values_outside_the_forms_choices_are_left_out() -> None:
    search = read_search(QueryParams("contrat=XYZ&departement=999&publiee=2&teletravail=oui"))
    assert search.params() == []


def test_older_links_asking_for_full_remote_still_work() -> None:
    search = read_search(QueryParams("teletravail=true"))
    query = search.query()
    assert query is not None and query.remote == "full"


def test_a_departement_typed_and_another_chosen_match_nothing() -> None:
    search = read_search(QueryParams("lieu=Rhône&departement=35"))
    assert search.resolved and search.query() is None


def test_a_departement_is_found_by_its_code() -> None:
    found = find_place("2a").found
    assert found is not None and (found.kind, found.code) == ("departement", "2A")


def test_a_postal_code_finds_its_commune() -> None:
    found = find_place("35000").found
    assert found is not None and found.code == "35238"


def test_a_postal_code_of_a_big_city_finds_its_arrondissement() -> None:
    found = find_place("69003").found
    assert found is not None and found.code == "69383"
