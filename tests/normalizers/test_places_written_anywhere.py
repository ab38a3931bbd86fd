"""Places people write that no cue word introduces or that are no commune (issue 16): a town and
its département's number anywhere in a sentence, villes nouvelles, business districts, ski
resorts and lieux-dits, régions of before 2016, a town called by its first word, and addresses
abroad whose numbers are no French postal code."""

from __future__ import annotations

import pytest

from normalizers.offer import SourceContext, normalize_offer
from normalizers.place_names import AREAS, LOCALITIES
from normalizers.places import commune_named_in, names_a_locality, region_named, resolve_place
from normalizers.referentials import communes
from schemas import Offer, PlaceMatch, SourceDefaults, SourceOffer

CONTEXT = SourceContext(source="test", attribution="Test", defaults=SourceDefaults())


def offer(title: str = "Agent d'entretien H/F", description: str = "Un poste.") -> Offer:
    item = SourceOffer(
        external_id="1", url="https://example.org/1", title=title, description=description
    )
    result = normalize_offer(item, CONTEXT)
    assert isinstance(result, Offer), result
    return result


# A town and its département's number, anywhere in a sentence ----------


@pytest.mark.parametrize(
    ("description", "insee"),
    [
        (
            "Rejoignez l'équipe Saint-Étienne (42) pour assurer la maintenance des machines.\n"
            "Vous travaillerez en horaires de journée.",
            "42218",
        ),
        ("Saint-Étienne (42) : notre atelier recherche un technicien confirmé.", "42218"),
        (
            "Pour nos agences Vannes (56) et Lorient (56), nous cherchons un conseiller.\n"
            "Permis B exigé.",
            "56260",
        ),
        ("Pour renforcer l'agence Valence (26), nous cherchons un technicien.", "26362"),
        ("L'agence Valence (82) cherche un technicien itinérant.", "82186"),
        ("Notre client, une PME, La Roche-sur-Yon (85), cherche un technicien.", "85191"),
        ("Vous rejoindrez le dépôt Bastia (20) dès janvier.", "2B033"),
    ],
)
def test_a_town_and_its_departement_number_is_read_without_a_cue(
    description: str, insee: str
) -> None:
    place = offer(title="Technicien de maintenance H/F", description=description).place
    assert (place.match, place.insee_code) == (PlaceMatch.COMMUNE, insee)
    assert place.confidence is not None and place.confidence >= 0.8


def test_every_town_of_a_list_with_numbers_is_kept() -> None:
    read = offer(
        title="Conseiller clientèle H/F",
        description="Postes ouverts dans nos agences Vannes (56) et Lorient (56).",
    )
    codes = [read.place.insee_code, *(p.insee_code for p in read.other_places)]
    assert codes[:2] == ["56260", "56121"]


@pytest.mark.parametrize(
    "description",
    [
        "Poste (35h) en CDI, travail en équipe (2x8).",
        "Nous cherchons un technicien. Chambéry (74) est une belle ville.",  # Chambéry is 73
        "Vous couvrirez la Savoie (73) et la Haute-Savoie (74).",  # départements, no town
    ],
)
def test_a_number_in_brackets_that_confirms_no_town_gives_no_commune(description: str) -> None:
    assert offer(title="Technicien H/F", description=description).place.insee_code is None


def test_a_labelled_place_outweighs_a_town_and_number_written_in_passing() -> None:
    read = offer(
        title="Comptable H/F",
        description="Lieu de travail : Annecy\nNotre groupe, fondé à Lyon (69), a 300 salariés.",
    )
    assert read.place.insee_code == "74010"


def test_commune_named_in_needs_the_name_and_the_departement_to_agree() -> None:
    assert commune_named_in("Vannes", "56") == "56260"
    assert commune_named_in("Vannes", "35") is None
    assert commune_named_in("Savoie", "73") is None  # a département's name


# Places that are no commune: villes nouvelles, business districts, resorts, old régions ----------


@pytest.mark.parametrize(
    ("title", "departement"),
    [
        ("Chef de projet H/F - Marne-la-Vallée", "77"),
        ("Comptable H/F - Cergy-Pontoise", "95"),
        ("Ingénieur qualité H/F - Saint-Quentin-en-Yvelines", "78"),
        ("Développeur H/F - Sophia Antipolis", "06"),
        ("Juriste H/F - La Défense", "92"),
        ("Chercheur H/F - Plateau de Saclay", "91"),
        ("Serveur H/F - La Plagne", "73"),
    ],
)
def test_an_area_of_several_communes_in_a_title_gives_its_departement(
    title: str, departement: str
) -> None:
    place = offer(title=title, description="Un poste en CDI.\nPrise de poste rapide.").place
    assert (place.match, place.departement_code, place.insee_code) == (
        PlaceMatch.AMBIGUOUS,
        departement,
        None,
    )
    assert place.confidence is not None and place.confidence < 1


@pytest.mark.parametrize(
    ("place_text", "insee"),
    [
        ("Val Thorens", "73257"),  # Les Belleville
        ("Les Menuires", "73257"),
        ("Méribel", "73015"),  # Les Allues
        ("Tignes Val Claret", "73296"),
        ("Courchevel 1850", "73227"),
        ("Arc 1800", "73054"),  # Bourg-Saint-Maurice
        ("Avoriaz", "74191"),  # Morzine
        ("L'Alpe d'Huez", "38191"),  # Huez
    ],
)
def test_a_ski_resort_is_the_commune_it_lies_in(place_text: str, insee: str) -> None:
    in_title = offer(title=f"Serveur H/F - {place_text}", description="Saison d'hiver.").place
    labelled = offer(
        title="Serveur H/F", description=f"Lieu de travail : {place_text}\nSaison d'hiver."
    ).place
    assert in_title.insee_code == labelled.insee_code == insee


def test_a_resort_named_like_a_commune_elsewhere_is_no_sure_commune() -> None:
    # Les Arcs: a commune of the Var, and the resort of Bourg-Saint-Maurice (Savoie).
    alone = offer(title="Serveur H/F - Les Arcs", description="Saison d'hiver.").place
    assert alone.insee_code is None and set(alone.candidates) == {"83004", "73054"}
    in_savoie = offer(
        title="Serveur H/F - Les Arcs",
        description="Saison d'hiver en Savoie, logement fourni.",
    ).place
    assert in_savoie.insee_code == "73054"
    assert offer(title="Serveur H/F - Les Arcs (83)").place.insee_code == "83004"


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("Commercial H/F - Région Rhône-Alpes", "84"),
        ("Commercial H/F - Midi-Pyrénées", "76"),
        ("Commercial H/F - PACA", "93"),
        ("Commercial H/F - Franche-Comté", "27"),
        ("Commercial H/F - Nord-Pas-de-Calais", "32"),
    ],
)
def test_a_former_region_in_a_title_is_today_s_region(title: str, region: str) -> None:
    place = offer(title=title, description="Un poste de commercial itinérant.").place
    assert (place.match, place.region_code, place.insee_code) == (PlaceMatch.REGION, region, None)


def test_a_former_region_on_a_labelled_line_is_today_s_region() -> None:
    place = offer(
        title="Commercial H/F", description="Secteur : Région Poitou-Charentes\nUn poste."
    ).place
    assert (place.match, place.region_code) == (PlaceMatch.REGION, "75")


def test_region_named_reads_today_s_and_former_names() -> None:
    assert region_named("Occitanie") == region_named("Languedoc-Roussillon") == "76"
    assert region_named("Région Alsace") == "44"
    assert region_named("Lyon") is None


def test_every_area_and_locality_names_communes_of_the_referential() -> None:
    known = communes()
    assert all(code in known for codes in AREAS.values() for code in codes)
    assert all(code in known for code in LOCALITIES.values())
    assert names_a_locality("Courchevel 1850") is False  # Courchevel is a commune itself
    assert names_a_locality("Val Thorens 2300") is True


# A town called by its first word ----------


@pytest.mark.parametrize(
    "description",
    ["Un poste en boutique.", "Lieu : Boulogne\nUn poste en boutique."],
)
def test_a_first_word_is_the_most_populous_town_it_begins_unsurely(description: str) -> None:
    place = offer(title="Vendeur H/F - Boulogne", description=description).place
    assert place.insee_code == "92012"  # Boulogne-Billancourt, not Boulogne-sur-Mer
    assert place.confidence is not None and place.confidence <= 0.5


def test_a_departement_beside_a_first_word_decides() -> None:
    assert resolve_place("Boulogne (62)").insee_code == "62160"  # Boulogne-sur-Mer
    assert resolve_place("Boulogne, 92100").confidence == 1.0


def test_a_first_word_of_many_communes_is_no_town() -> None:
    # "Vitry" begins Vitry-sur-Seine and a dozen villages' names: a word, not one town.
    assert resolve_place("Vitry").insee_code is None


# Addresses abroad: their numbers are no French postal code ----------


@pytest.mark.parametrize(
    ("description", "country"),
    [
        ("Office: Allen, TX 75013\nJoin a growing team.", "US"),
        ("Location: 123 Main St, Springfield, IL 62701\nJoin us.", "US"),
        ("Our office in Austin, TX is hiring engineers.", "US"),
        ("Location: London EC1A 1BB\nJoin us.", "GB"),
        ("Lieu : Genève 1201\nUn poste de développeur.", "CH"),
        ("Lieu : CH-1201 Genève\nUn poste de développeur.", "CH"),
        ("Location: Montréal H2X 1Y4\nJoin us.", "CA"),
    ],
)
def test_a_foreign_address_is_its_country_not_a_french_commune(
    description: str, country: str
) -> None:
    place = offer(title="Software engineer", description=description).place
    assert (place.match, place.country_code, place.insee_code) == (
        PlaceMatch.COUNTRY,
        country,
        None,
    )


def test_a_us_address_in_the_title_is_no_paris_arrondissement() -> None:
    place = offer(title="Software engineer - Allen, TX 75013", description="Join us.").place
    assert (place.match, place.country_code, place.departement_code) == (
        PlaceMatch.COUNTRY,
        "US",
        None,
    )


@pytest.mark.parametrize(
    ("text", "insee"),
    [("Annecy, 74000", "74010"), ("Paris, TX", "75056"), ("75013 Paris", "75113")],
)
def test_french_addresses_stay_french(text: str, insee: str) -> None:
    # "Paris, TX": no ZIP code, and Paris is a French commune: the commune.
    assert resolve_place(text).insee_code == insee
