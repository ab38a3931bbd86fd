"""Places the tryout of issue 16 missed: islands, namesakes told apart by an island group,
employers that name their town, business nouns before "à <ville>"."""

from __future__ import annotations

import pytest

from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(source="test", attribution="Test", defaults=SourceDefaults())


def offer(title: str = "Vendeur H/F", description: str = "Un poste.", **fields: str) -> Offer:
    item = SourceOffer(
        external_id="1", url="https://example.org/1", title=title, description=description, **fields
    )
    result = normalize_offer(item, CONTEXT)
    assert isinstance(result, Offer), result
    return result


@pytest.mark.parametrize(
    ("written", "departement"),
    [
        ("Les Saintes", "971"),
        ("Marie-Galante", "971"),
        ("Île de Marie-Galante", "971"),
        ("Belle-Île-en-Mer", "56"),
        ("Belle-Île", "56"),
        ("Île de Ré", "17"),
        ("Île d'Oléron", "17"),
        ("Noirmoutier", "85"),
    ],
)
def test_an_island_of_several_communes_is_the_island_not_a_commune_its_words_begin(
    written: str, departement: str
) -> None:
    read = offer(description=f"Lieu : {written}.\nNous recrutons.")
    assert read.place.departement_code == departement
    assert read.place.insee_code is None or read.place.insee_code.startswith(departement)


def test_st_barth_is_saint_barthelemy() -> None:
    assert offer(description="Lieu : St Barth\nHôtel de luxe.").place.insee_code == "97701"


@pytest.mark.parametrize("group", ["Antilles", "Antilles françaises"])
def test_an_island_group_in_brackets_tells_a_namesake_apart(group: str) -> None:
    read = offer(description=f"Lieu : Saint-Martin ({group}).\nNous recrutons.")
    assert read.place.insee_code == "97801"


def test_corse_in_brackets_keeps_the_corsican_namesake() -> None:
    read = offer(description="Lieu : Santa-Maria-Poggio (Corse)\nNous recrutons.")
    assert read.place.departement_code == "2B"


@pytest.mark.parametrize(
    ("title", "insee"),
    [
        ("Agent de voirie (H/F) - Mairie de Cayenne", "97302"),
        ("Policière municipale (H/F) - Ville de Saint-Laurent-du-Maroni", "97311"),
        ("Animatrice périscolaire – Commune de Propriano", "2A249"),
        ("Conductrice de bus – Réseau urbain de Pointe-à-Pitre", "97120"),
        ("Aide-soignant H/F - EHPAD de Vire", "14762"),
        ("Secrétaire - CCAS de Calvi", "2B050"),
        ("Agent portuaire - Port de Sète", "34301"),
    ],
)
def test_a_public_employer_in_the_title_names_its_town(title: str, insee: str) -> None:
    assert offer(title=title).place.insee_code == insee


@pytest.mark.parametrize(
    ("description", "insee"),
    [
        ("La Cuisine centrale de Cayenne recrute un cuisinier.", "97302"),
        ("La Ville de Saint-Benoît (La Réunion) recrute un jardinier.", "97410"),
        ("Le Lycée Jean Moulin de Béziers recrute un agent d'accueil.", "34032"),
        ("Le Centre Hospitalier Universitaire de Nantes recrute.", "44109"),
        ("La Communauté de communes de Sartène recrute un agent.", "2A272"),
    ],
)
def test_a_public_employer_in_a_sentence_names_its_town(description: str, insee: str) -> None:
    assert offer(title="Agent H/F", description=description).place.insee_code == insee


def test_a_public_employer_in_the_company_field_names_its_town() -> None:
    read = offer(title="Agent d'entretien H/F", company="Mairie de Cayenne")
    assert read.place.insee_code == "97302"
    assert read.fact_sources["place"].confidence < 0.7


def test_a_public_employer_in_the_place_field_names_its_town() -> None:
    assert offer(title="Docker H/F", place="Port de Sète").place.insee_code == "34301"


@pytest.mark.parametrize(
    ("title", "description", "insee"),
    [
        ("Animateur – Commune de Propriano", "Poste basé à Ajaccio.", "2A004"),
        ("Agent H/F", "Lieu : Kourou\nLa Mairie de Cayenne recrute.", "97304"),
    ],
)
def test_a_place_stated_elsewhere_wins_over_the_employers_town(
    title: str, description: str, insee: str
) -> None:
    assert offer(title=title, description=description).place.insee_code == insee


def test_a_place_stated_elsewhere_wins_over_the_company_fields_town() -> None:
    read = offer(description="Poste basé à Kourou (97310).", company="Mairie de Cayenne")
    assert read.place.insee_code == "97304"


@pytest.mark.parametrize(
    ("description", "insee"),
    [
        ("Entreprise de BTP basée a Fort de France, nous recrutons.", "97209"),
        ("Boulangerie située a Pointe a Pitre.", "97120"),
        ("Le poste est localisé a Rennes.", "35238"),
        ("Magasin à Pointe à Pitre.", "97120"),
    ],
)
def test_a_without_its_accent_after_a_participle_and_inside_a_name(
    description: str, insee: str
) -> None:
    assert offer(description=description).place.insee_code == insee


@pytest.mark.parametrize("business", ["Bar", "Brasserie", "Boulangerie", "Fromagerie", "Pizzeria"])
def test_a_business_noun_before_a_town_places_the_offer(business: str) -> None:
    assert offer(title="Serveur H/F", description=f"{business} à Calvi.").place.insee_code == (
        "2B050"
    )
    read = offer(title="Serveur H/F", description=f"Nous sommes un {business.lower()} à Lyon.")
    assert read.place.insee_code == "69123"


@pytest.mark.parametrize(
    ("title", "insee"),
    [
        ("Developer – Paris 8th", "75108"),
        ("Data analyst - Paris 1st", "75101"),
        ("Backend engineer – Lyon 3rd", "69383"),
        ("Sales – Marseille 2nd", "13202"),
        ("Designer - Paris (11th)", "75111"),
    ],
)
def test_an_english_ordinal_arrondissement(title: str, insee: str) -> None:
    assert offer(title=title, description="A job.").place.insee_code == insee


@pytest.mark.parametrize(
    ("area", "description", "insee"),
    [
        ("Bordeaux Métropole", "Chantier situé à Mérignac (33700).", "33281"),
        ("Grand Lyon", "Chantier à Vénissieux (69200), démarrage lundi.", "69259"),
        ("Nantes Métropole", "Poste basé à Rezé (44400).", "44143"),
        ("Nantes Métropole", "Lieu : Saint-Herblain\nNous recrutons.", "44162"),
    ],
)
def test_the_precise_commune_of_the_text_wins_over_an_intercommunal_field(
    area: str, description: str, insee: str
) -> None:
    read = offer(title="Chef de chantier H/F", description=description, place=area)
    assert read.place.insee_code == insee
    assert [d.fact for d in read.disagreements] == ["place"]  # the field's city, kept


@pytest.mark.parametrize(
    ("area", "description", "insee"),
    [
        ("Métropole Aix-Marseille", "Lieu : Aubagne\nNous recrutons.", "13005"),
        ("Communauté d'agglomération du Pays Basque", "Poste basé à Anglet (64600).", "64024"),
    ],
)
def test_an_intercommunal_field_read_as_no_commune_gives_way_to_the_texts_commune(
    area: str, description: str, insee: str
) -> None:
    read = offer(title="Chef de chantier H/F", description=description, place=area)
    assert read.place.insee_code == insee


@pytest.mark.parametrize(
    ("field", "description", "insee"),
    [
        ("Bordeaux Métropole", "Poste basé à Pau (64000).", "33063"),  # another département
        ("Bordeaux Métropole", "Notre siège est à Mérignac.", "33063"),  # no code, a sentence
        ("Bordeaux", "Poste basé à Mérignac (33700).", "33063"),  # a commune, not an area
    ],
)
def test_the_field_stays_when_the_text_gives_no_commune_of_its_area(
    field: str, description: str, insee: str
) -> None:
    read = offer(title="Chef de chantier H/F", description=description, place=field)
    assert read.place.insee_code == insee


@pytest.mark.parametrize(
    "description",
    ["Salon de Provence, nous recrutons.", "Le Musée du Louvre recrute un agent.", "Un poste."],
)
def test_a_name_after_words_that_are_no_employer_of_a_town_gives_no_region_nor_namesake(
    description: str,
) -> None:
    read = offer(title="Agent H/F", description=description)
    assert read.place.insee_code is None
    assert read.place.region_code is None


@pytest.mark.parametrize("written", ["Saint-Martin (Guadeloupe)", "Saint-Martin (971)"])
def test_saint_martin_written_in_guadeloupe_is_the_collectivite_it_belonged_to(
    written: str,
) -> None:
    assert offer(description=f"Lieu : {written}\nNous recrutons.").place.insee_code == "97801"


def test_guadeloupe_alone_stays_the_departement() -> None:
    read = offer(description="Lieu : Guadeloupe\nNous recrutons.")
    assert read.place.departement_code == "971"
    assert read.place.insee_code is None
