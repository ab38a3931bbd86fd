"""Place text resolved against the INSEE communes, départements and régions."""

from __future__ import annotations

import pytest

from normalizers.places import resolve_place, resolve_places
from schemas import PlaceMatch


@pytest.mark.parametrize(
    ("text", "insee", "label"),
    [
        ("Lyon 3e", "69383", "69 - LYON 03"),
        ("LYON 03", "69383", "69 - LYON 03"),
        ("69 - LYON 04", "69384", "69 - LYON 04"),
        ("Lyon 3ème arrondissement", "69383", "69 - LYON 03"),
        ("Marseille 15e Arrondissement", "13215", "13 - MARSEILLE 15"),
        ("Paris 15", "75115", "75 - PARIS 15"),
        ("Paris 1er", "75101", "75 - PARIS 01"),
        ("75015 Paris", "75115", "75 - PARIS 15"),
        ("Marseille 13008", "13208", "13 - MARSEILLE 08"),
        ("69004", "69384", "69 - LYON 04"),
    ],
)
def test_arrondissements(text: str, insee: str, label: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.insee_code, place.label) == (PlaceMatch.COMMUNE, insee, label)


@pytest.mark.parametrize("text", ["Paris", "Paris (75)", "75 - PARIS"])
def test_paris_alone_is_the_whole_commune(text: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.insee_code, place.label) == (
        PlaceMatch.COMMUNE,
        "75056",
        "75 - PARIS",
    )


@pytest.mark.parametrize(
    ("text", "insee"),
    [
        ("Saint-Martin-d'Hères (38)", "38421"),
        ("ST MARTIN D HERES", "38421"),
        ("Saint Martin d’Hères", "38421"),
        ("St-Étienne", "42218"),
        ("SAINT ETIENNE", "42218"),
        ("Ste-Foy-lès-Lyon", "69202"),
        ("Évry-Courcouronnes", "91228"),
        ("EVRY COURCOURONNES", "91228"),
        ("Marcq-en-Barœul", "59378"),
        ("Toulouse Cedex 9", "31555"),
        ("Nantes, FR", "44109"),
        ("Lyon, Auvergne-Rhône-Alpes, France", "69123"),
        ("12 rue de la Paix, 75002 Paris, France", "75102"),
        ("Rennes, Bretagne", "35238"),
        ("44 - Sorinières", "44198"),  # France Travail drops the article
        ("17 - Rochelle", "17300"),
        ("Lyon et alentours", "69123"),
        ("Paris (télétravail partiel)", "75056"),
        ("Hybride - Lyon", "69123"),
    ],
)
def test_communes_as_written(text: str, insee: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.insee_code) == (PlaceMatch.COMMUNE, insee)


def test_commune_fields_are_filled() -> None:
    place = resolve_place("Saint-Martin-d'Hères (38)")
    assert place.label == "38 - ST MARTIN D HERES"
    assert place.commune_name == "Saint-Martin-d'Hères"
    assert place.postal_code == "38400"
    assert (place.departement_code, place.departement_name) == ("38", "Isère")
    assert (place.region_code, place.region_name) == ("84", "Auvergne-Rhône-Alpes")
    assert place.country_code == "FR"
    assert place.latitude and place.longitude
    assert place.text == "Saint-Martin-d'Hères (38)"


def test_the_postal_code_written_is_kept() -> None:
    assert resolve_place("31500 Toulouse").postal_code == "31500"


def test_without_a_postal_code_the_main_one_is_given() -> None:
    assert resolve_place("Toulouse").postal_code == "31000"


def test_separate_fields_are_used_together() -> None:
    place = resolve_place(None, city="Saint-Ouen", postal_code="80610", country="France")
    assert (place.match, place.insee_code) == (PlaceMatch.COMMUNE, "80711")
    assert place.text == "Saint-Ouen, 80610, France"


@pytest.mark.parametrize(
    ("text", "insee"),
    [
        ("80 - Saint-Ouen", "80711"),
        ("Saint-Ouen (41)", "41226"),
        ("Saint-Ouen, Hauts-de-France", "80711"),
        ("Sainte-Colombe (33)", "33390"),
        ("Beaulieu (Cantal)", "15020"),
        ("Valence (26)", "26362"),
        ("Vienne (38)", "38544"),
        ("974 - ST PAUL", "97415"),
        ("Saint-Denis, La Réunion", "97411"),
    ],
)
def test_homonyms_are_told_apart_by_the_other_clues(text: str, insee: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.insee_code) == (PlaceMatch.COMMUNE, insee)


@pytest.mark.parametrize(
    ("text", "insee", "namesakes"),
    [
        ("Saint-Ouen", "93070", 3),  # Saint-Ouen-sur-Seine, called Saint-Ouen until 2018
        ("Valence", "26362", 3),
        ("Saint-Priest", "69290", 3),
        ("St-Priest", "69290", 3),
        ("Saint-Denis", "97411", 4),
        ("Sainte-Colombe", "69189", 12),
    ],
)
def test_namesakes_without_clues_give_the_most_populous(
    text: str, insee: str, namesakes: int
) -> None:
    place = resolve_place(text)
    assert (place.match, place.insee_code) == (PlaceMatch.COMMUNE, insee)
    assert len(place.candidates) == namesakes and insee in place.candidates


def test_a_namesake_chosen_by_population_says_it_is_not_sure() -> None:
    assert resolve_place("Valence").confidence < 0.7  # type: ignore[operator]


def test_a_commune_named_alone_is_sure() -> None:
    place = resolve_place("Valence (26)")
    assert (place.confidence, place.candidates) == (1.0, [])


@pytest.mark.parametrize(
    ("context", "insee"),
    [
        ("Entreprise de transport installée dans l'Ardèche.", "07288"),
        ("Agence de Saint-Priest, 69800.", "69290"),
        ("Poste dans la Creuse (23), près de Guéret.", "23234"),
        ("Notre siège : 82400 Valence d'Agen.", "82186"),
    ],
)
def test_namesakes_are_told_apart_by_the_text_given_beside(context: str, insee: str) -> None:
    name = "Valence" if insee.startswith("82") else "Saint-Priest"
    place = resolve_place(name, context=context)
    assert (place.match, place.insee_code) == (PlaceMatch.COMMUNE, insee)


def test_a_namesake_told_apart_by_the_context_is_surer_than_by_population() -> None:
    by_context = resolve_place("Saint-Priest", context="Ardèche")
    assert by_context.confidence > resolve_place("Saint-Priest").confidence  # type: ignore[operator]


def test_a_longer_name_in_the_context_is_not_read_as_the_shorter_one() -> None:
    place = resolve_place("Auberive", context="Village de la Haute-Marne")
    assert place.insee_code == "52023"  # not Auberive (Marne), the more populous


def test_a_context_naming_no_namesake_leaves_the_most_populous() -> None:
    assert resolve_place("Valence", context="Poste en CDI, 35 h.").insee_code == "26362"


def test_the_context_never_overrides_what_the_place_itself_says() -> None:
    assert resolve_place("Valence (82)", context="Drôme (26)").insee_code == "82186"


@pytest.mark.parametrize(
    ("text", "insee"),
    [
        ("Cherbourg-Octeville (50)", "50129"),
        ("Cherbourg-Octeville", "50129"),
        ("50 - CHERBOURG OCTEVILLE", "50129"),
        ("Annecy-le-Vieux", "74010"),
        ("Seynod", "74010"),
        ("Meythet (74)", "74010"),
        ("85340 Olonne-sur-Mer", "85194"),
        ("Andard", "49307"),
    ],
)
def test_former_names_of_merged_communes_give_the_commune_nouvelle(text: str, insee: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.insee_code) == (PlaceMatch.COMMUNE, insee)


def test_a_name_a_commune_bears_today_is_that_commune_not_a_former_one() -> None:
    # Pringy (Haute-Savoie) merged into Annecy; Pringy of Seine-et-Marne and of the Marne remain.
    place = resolve_place("Pringy")
    assert place.departement_code in ("77", "51")


def test_a_code_beside_a_name_today_s_communes_bear_picks_the_former_commune() -> None:
    assert resolve_place("Pringy (74)").insee_code == "74010"


def test_a_departement_named_beside_a_name_today_s_communes_bear_picks_the_former_one() -> None:
    assert resolve_place("Pringy, Haute-Savoie").insee_code == "74010"


def test_postal_code_shared_by_several_communes_gives_the_most_populous() -> None:
    place = resolve_place("51300")
    assert (place.match, place.insee_code) == (PlaceMatch.COMMUNE, "51649")
    assert len(place.candidates) > 40 and place.confidence < 0.7  # type: ignore[operator]


def test_a_name_picks_one_commune_of_a_shared_postal_code() -> None:
    place = resolve_place("51300 Vitry-le-François")
    assert (place.match, place.insee_code) == (PlaceMatch.COMMUNE, "51649")


def test_areas_that_are_not_communes_are_ambiguous_between_their_communes() -> None:
    place = resolve_place("Paris La Défense")
    assert place.match == PlaceMatch.AMBIGUOUS
    assert place.candidates == ["92026", "92050", "92062"]
    assert place.departement_code == "92"


@pytest.mark.parametrize(
    ("text", "code", "label"),
    [
        ("Rhône", "69", "69 - Rhône"),
        ("69 - Rhône", "69", "69 - Rhône"),
        ("Hauts-de-Seine", "92", "92 - Hauts-de-Seine"),
        ("92 - Hauts de Seine", "92", "92 - Hauts-de-Seine"),
        ("75 - Paris (Dept.)", "75", "75 - Paris (Dept.)"),
        ("31 - Garonne (Haute)", "31", "31 - Haute-Garonne"),
        ("67 - Rhin (Bas)", "67", "67 - Bas-Rhin"),
        ("974 - La Réunion", "974", "974 - La Réunion"),
        ("Corse-du-Sud", "2A", "2A - Corse-du-Sud"),
        ("86 - Vienne", "86", "86 - Vienne"),
        ("Landes", "40", "40 - Landes"),
        ("69", "69", "69 - Rhône"),
    ],
)
def test_departements(text: str, code: str, label: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.departement_code, place.label) == (
        PlaceMatch.DEPARTEMENT,
        code,
        label,
    )
    assert place.region_code is not None and place.insee_code is None


def test_departement_contradicting_the_commune_gives_the_departement() -> None:
    place = resolve_place("Lyon (38)")
    assert (place.match, place.departement_code) == (PlaceMatch.DEPARTEMENT, "38")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Île-de-France", "11"),
        ("Ile-de-France", "11"),
        ("Auvergne-Rhône-Alpes", "84"),
        ("Hauts-de-France", "32"),
        ("PACA", "93"),
        ("Rhône-Alpes", "84"),
        ("Bretagne", "53"),
    ],
)
def test_regions(text: str, code: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.region_code, place.country_code) == (PlaceMatch.REGION, code, "FR")


def test_france_is_the_country() -> None:
    place = resolve_place("France")
    assert (place.match, place.label, place.country_code) == (PlaceMatch.COUNTRY, "France", "FR")


@pytest.mark.parametrize(
    "text",
    ["Télétravail complet", "100% remote", "Full remote", "Fully remote", "Remote", "Télétravail"],
)
def test_remote(text: str) -> None:
    assert resolve_place(text).match == PlaceMatch.REMOTE


def test_full_remote_wins_over_a_city() -> None:
    assert resolve_place("Lyon - 100% télétravail").match == PlaceMatch.REMOTE


def test_remote_in_france() -> None:
    place = resolve_place("Remote, France")
    assert (place.match, place.country_code) == (PlaceMatch.REMOTE, "FR")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Berlin, Germany", "DE"),
        ("London, UK", "GB"),
        ("London", "GB"),
        ("Montréal, Canada", "CA"),
        ("Québec Canada", "CA"),
        ("Luxembourg (Frontalier)", "LU"),
        ("Genève", "CH"),
    ],
)
def test_abroad(text: str, country: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.country_code, place.insee_code) == (
        PlaceMatch.COUNTRY,
        country,
        None,
    )


def test_a_french_commune_named_like_a_foreign_city_stays_french() -> None:
    assert resolve_place("Montréal (11)").insee_code == "11254"


@pytest.mark.parametrize("text", ["xyzzy", "Quelque part"])
def test_unknown(text: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.text) == (PlaceMatch.UNKNOWN, text)


@pytest.mark.parametrize("text", [None, "", "   "])
def test_missing(text: str | None) -> None:
    assert resolve_place(text).match == PlaceMatch.MISSING


@pytest.mark.parametrize(
    "text",
    ["(((", "- - -", "75 - ", "() (38)", "0" * 5000, "Paris " * 1000, "\x00", "99999", "2A 2B"],
)
def test_odd_text_never_raises(text: str) -> None:
    resolve_place(text)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Remote - EU", "Union européenne"),
        ("Remote (EMEA)", "EMEA"),
        ("Full remote - Europe", "Europe"),
        ("Remote, worldwide", "Monde"),
        ("Work from anywhere", "Monde"),
    ],
)
def test_remote_in_a_zone_is_open_to_the_zone_and_no_commune(text: str, zone: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.zone, place.insee_code) == (PlaceMatch.REMOTE, zone, None)


@pytest.mark.parametrize(
    ("text", "country", "zone"),
    [("Remote (UK)", "GB", "Royaume-Uni"), ("Remote - France", "FR", "France")],
)
def test_remote_in_a_country_is_open_to_the_country(text: str, country: str, zone: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.country_code, place.zone) == (PlaceMatch.REMOTE, country, zone)


@pytest.mark.parametrize(
    ("text", "zone"),
    [("EMEA", "EMEA"), ("Europe", "Europe"), ("EU", "Union européenne"), ("Worldwide", "Monde")],
)
def test_zones_are_not_communes(text: str, zone: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.zone, place.insee_code) == (PlaceMatch.ZONE, zone, None)


@pytest.mark.parametrize(("text", "country"), [("US", "US"), ("Hybrid – IT", "IT")])
def test_country_codes_in_capitals_are_not_communes(text: str, country: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.country_code, place.insee_code) == (
        PlaceMatch.COUNTRY,
        country,
        None,
    )


@pytest.mark.parametrize("text", ["Eu", "76 - EU", "Eu (76)"])
def test_the_commune_eu_written_as_a_commune_stays_a_commune(text: str) -> None:
    assert resolve_place(text).insee_code == "76255"


@pytest.mark.parametrize("text", ["France entière", "Toute la France", "France métropolitaine"])
def test_the_whole_of_france_is_the_country(text: str) -> None:
    place = resolve_place(text)
    assert (place.match, place.country_code, place.insee_code) == (PlaceMatch.COUNTRY, "FR", None)


@pytest.mark.parametrize(
    ("text", "insee"),
    [
        ("Lyon (69003)", "69383"),
        ("Paris 15ème", "75115"),
        ("Marseille 8e arrondissement", "13208"),
        ("69 - LYON 03", "69383"),
        ("Saint Etienne", "42218"),
        ("69441 Lyon Cedex 03", "69123"),
        ("CS 70001 - 33000 Bordeaux Cedex", "33063"),
        ("12 rue X, 69002 Lyon", "69382"),
    ],
)
def test_more_ways_of_writing_a_commune(text: str, insee: str) -> None:
    assert resolve_place(text).insee_code == insee


@pytest.mark.parametrize(
    ("text", "match", "code"),
    [
        ("Région lyonnaise", PlaceMatch.DEPARTEMENT, "69"),
        ("Agglomération nantaise", PlaceMatch.DEPARTEMENT, "44"),
        ("Grand Paris", PlaceMatch.REGION, "11"),
    ],
)
def test_a_city_area_is_its_departement_or_region(text: str, match: PlaceMatch, code: str) -> None:
    place = resolve_place(text)
    assert place.match == match and code in (place.departement_code, place.region_code)
    assert place.insee_code is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("Nord Isère", "38"), ("Secteur Sud Gironde", "33"), ("Haute-Savoie Nord", "74")],
)
def test_a_compass_part_of_a_departement_is_that_departement_less_surely(
    text: str, code: str
) -> None:
    place = resolve_place(text)
    assert (place.match, place.departement_code, place.insee_code) == (
        PlaceMatch.DEPARTEMENT,
        code,
        None,
    )
    assert place.confidence is not None and place.confidence < 1


def test_a_compass_part_of_a_departement_is_not_the_commune_its_name_spells() -> None:
    assert resolve_place("Secteur Sud Loire").insee_code is None  # not Loiré (49)


@pytest.mark.parametrize(
    ("text", "insees"),
    [
        ("Bordeaux ou Toulouse", ["33063", "31555"]),
        ("Paris, Lyon et Nantes", ["75056", "69123", "44109"]),
        ("Lille / Roubaix", ["59350", "59512"]),
        ("Bordeaux (33) / Mérignac", ["33063", "33281"]),
        ("Lyon 3e ; Lyon 7e", ["69383", "69387"]),
    ],
)
def test_every_place_of_a_list_is_kept_in_order(text: str, insees: list[str]) -> None:
    assert [place.insee_code for place in resolve_places(text)] == insees


def test_the_first_place_of_a_list_is_the_main_one() -> None:
    assert resolve_place("Bordeaux ou Toulouse").insee_code == "33063"


@pytest.mark.parametrize(
    "text",
    [
        "Lyon, Auvergne-Rhône-Alpes, France",
        "12 rue de la Paix, 75002 Paris, France",
        "Tour First, 1 place des Saisons, 92400 Courbevoie, France",
        "Saint-Ouen, 80610, France",
        "Saint-Denis, La Réunion",
        "Lyon et alentours",
        "London, UK",
        "Paris, télétravail partiel",
    ],
)
def test_one_place_written_in_parts_is_one_place(text: str) -> None:
    assert len(resolve_places(text)) == 1


def test_a_commune_whose_name_has_et_is_not_a_list() -> None:
    places = resolve_places("ST JEAN ET ST PAUL")
    assert [place.insee_code for place in places] == ["12232"]


def test_a_departement_whose_name_has_et_written_without_hyphens_is_one_departement() -> None:
    places = resolve_places("Saône et Loire (71)")
    assert [(place.match, place.departement_code) for place in places] == [
        (PlaceMatch.DEPARTEMENT, "71")
    ]


def test_places_of_other_countries_are_listed_too() -> None:
    places = resolve_places("London ou Berlin")
    assert [(place.match, place.country_code) for place in places] == [
        (PlaceMatch.COUNTRY, "GB"),
        (PlaceMatch.COUNTRY, "DE"),
    ]


def test_an_address_line_naming_a_commune_among_other_words_is_not_another_place() -> None:
    places = resolve_places("Tour First, 1 place des Saisons, 92400 Courbevoie, France")
    assert [place.insee_code for place in places] == ["92026"]


def test_a_long_list_keeps_at_most_twenty_places() -> None:
    text = ", ".join(f"Paris {n}e" for n in range(1, 21)) + ", Lyon, Nantes"
    assert len(resolve_places(text)) == 20


def test_a_missing_text_gives_one_missing_place() -> None:
    assert [place.match for place in resolve_places(None)] == [PlaceMatch.MISSING]


# Names of places that are no commune: villes nouvelles, agglomerations, business districts.


@pytest.mark.parametrize(
    ("text", "departement"),
    [("Marne-la-Vallée", "77"), ("Marne la Vallée", "77"), ("Paris-Saclay", "91")],
)
def test_a_name_that_is_no_commune_is_not_a_small_commune_named_like_part_of_it(
    text: str, departement: str
) -> None:
    # Not La Marne (Loire-Atlantique) nor Saclay alone: the area, in its département.
    place = resolve_place(text)
    assert (place.match, place.insee_code) == (PlaceMatch.AMBIGUOUS, None)
    assert place.departement_code == departement


def test_a_name_after_en_that_is_no_commune_gives_that_departement_unsurely() -> None:
    place = resolve_place("Bellevue-en-Yvelines")
    assert (place.match, place.departement_code) == (PlaceMatch.DEPARTEMENT, "78")
    assert place.confidence is not None and place.confidence < 1


def test_a_ville_nouvelle_is_its_communes_in_its_departement_unsurely() -> None:
    place = resolve_place("Saint-Quentin-en-Yvelines")
    assert (place.match, place.departement_code) == (PlaceMatch.AMBIGUOUS, "78")
    assert "78297" in place.candidates  # Guyancourt
    assert place.confidence is not None and place.confidence < 1


def test_an_agglomeration_of_communes_of_one_departement_is_read_there_unsurely() -> None:
    place = resolve_place("Cergy-Pontoise")
    assert place.departement_code == "95"
    assert {"95127", "95500"} <= set(place.candidates)
    assert place.confidence is not None and place.confidence < 1


def test_a_commune_nouvelle_newer_than_the_referential_is_read_as_its_largest_commune() -> None:
    place = resolve_place("Oullins-Pierre-Bénite")  # created in 2024, with Oullins' code
    assert place.insee_code == "69149"
    assert place.confidence is not None and place.confidence < 1


def test_a_departement_code_beside_an_unknown_name_still_gives_the_departement() -> None:
    place = resolve_place("Pôle Chalembert (77)")
    assert (place.match, place.departement_code) == (PlaceMatch.DEPARTEMENT, "77")


def test_a_commune_read_beside_other_proper_names_is_not_sure() -> None:
    place = resolve_place("Lyon Part-Dieu")
    assert place.insee_code == "69123"
    assert place.confidence is not None and place.confidence < 1


def test_a_town_read_from_a_name_that_is_no_commune_is_kept() -> None:
    place = resolve_place("Aéroport de Nice")
    assert place.insee_code == "06088"
    assert place.confidence is not None and place.confidence < 1


def test_a_village_bearing_one_word_of_a_longer_name_is_not_that_place() -> None:
    # Val Thorens is a ski resort of Les Belleville (Savoie), not Le Val (Var); "Val Morin"
    # names no place Relais knows.
    assert resolve_place("Val Thorens").insee_code == "73257"
    assert resolve_place("Val Morin").match == PlaceMatch.UNKNOWN


def test_a_longer_name_that_is_no_commune_keeps_the_departement_written_beside_it() -> None:
    place = resolve_place("Val Morin (73)")
    assert (place.match, place.departement_code) == (PlaceMatch.DEPARTEMENT, "73")


def test_a_first_word_that_begins_many_communes_names_places_no_longer_name() -> None:
    # "Port" is a commune of the Ain, and the first word of Port-Vendres, Port-Louis…
    assert resolve_place("Port Camargue").insee_code is None


def test_a_commune_whose_name_begins_no_other_places_the_longer_name_it_begins() -> None:
    place = resolve_place("Morzine Pleney")
    assert place.insee_code == "74191"
    assert place.confidence is not None and place.confidence < 1
    assert resolve_place("Morzine Avoriaz").confidence == 1.0  # Avoriaz lies in Morzine


def test_a_commune_with_words_of_an_area_around_it_stays_sure() -> None:
    place = resolve_place("Lyon et alentours")
    assert (place.insee_code, place.confidence) == ("69123", 1.0)


# Towns renamed or merged into a compound name, still called by their first words.


def test_an_old_name_of_a_town_gives_the_town_among_its_village_namesakes() -> None:
    place = resolve_place("Evry")
    assert place.insee_code == "91228"  # Évry-Courcouronnes, not Évry (Yonne)
    assert "89162" in place.candidates
    assert place.confidence is not None and place.confidence < 1


def test_the_village_of_that_name_is_read_when_its_departement_is_written() -> None:
    assert resolve_place("Évry (89)").insee_code == "89162"


def test_a_small_compound_commune_does_not_take_the_name_of_a_village() -> None:
    assert resolve_place("Vailly (74)").insee_code == "74287"
    assert "02758" not in resolve_place("Vailly").candidates  # Vailly-sur-Aisne, 2,000 people


# Corsica's old département number.


@pytest.mark.parametrize(
    ("text", "insee"),
    [("Bastia (20)", "2B033"), ("Ajaccio (20)", "2A004"), ("20 - Porto-Vecchio", "2A247")],
)
def test_corsica_s_old_number_agrees_with_its_communes(text: str, insee: str) -> None:
    assert resolve_place(text).insee_code == insee


def test_corsica_s_old_number_alone_is_the_region_of_corsica() -> None:
    place = resolve_place("20")
    assert (place.match, place.region_code) == (PlaceMatch.REGION, "94")
