"""More ways people write a job's place in words (issue 16): workplaces across the border, brand
names in the title, a description opening with a title, towns named like a département, places
near a town, towns called short, and prose that names no place."""

from __future__ import annotations

import pytest

from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, PlaceMatch, SourceDefaults, SourceOffer

CONTEXT = SourceContext(source="test", attribution="Test", defaults=SourceDefaults())


def offer(
    title: str = "Agent d'entretien H/F",
    description: str = "Un poste.",
    company: str | None = None,
) -> Offer:
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title=title,
        description=description,
        company=company,
    )
    result = normalize_offer(item, CONTEXT)
    assert isinstance(result, Offer), result
    return result


# Across the border: the country, not a French commune ----------


@pytest.mark.parametrize(
    ("title", "description", "country"),
    [
        ("Serveur H/F - Monaco", "Un poste.", "MC"),
        ("Serveur H/F", "Restaurant à Monaco recherche un serveur.", "MC"),
        ("Réceptionniste H/F", "Hôtel situé à Monte-Carlo.", "MC"),
        ("Frontalier - Magasinier H/F - Genève", "Un poste.", "CH"),
        ("Magasinier H/F - Genève (Suisse)", "Un poste.", "CH"),
        ("Infirmier H/F", "Poste basé à Nyon, à 25 minutes de Gex.", "CH"),
        ("Comptable H/F - Luxembourg", "Un poste.", "LU"),
        ("Vendeur H/F", "Boutique située en Andorre.", "AD"),
    ],
)
def test_a_workplace_across_the_border_is_its_country(
    title: str, description: str, country: str
) -> None:
    place = offer(title=title, description=description).place
    assert (place.match, place.country_code) == (PlaceMatch.COUNTRY, country)


def test_a_title_ending_in_a_country_code_is_no_country() -> None:
    assert offer(title="Chef de projet H/F - IT").place.match == PlaceMatch.MISSING


def test_a_title_saying_france_is_no_workplace_abroad() -> None:
    assert offer(title="Comptable H/F - France").place.country_code in (None, "FR")


# Brand names at the title's tail ----------


@pytest.mark.parametrize(
    ("description", "company"),
    [
        ("Lacoste recrute un vendeur pour sa boutique.", None),
        ("Rejoignez la marque Lacoste et ses équipes.", None),
        ("Un poste de vendeur.", "Lacoste"),
    ],
)
def test_a_title_name_that_is_the_employer_s_gives_no_place(
    description: str, company: str | None
) -> None:
    read = offer(title="Vendeur H/F - Lacoste", description=description, company=company)
    assert read.place.match == PlaceMatch.MISSING


def test_a_brand_in_the_title_gives_way_to_the_shop_the_description_names() -> None:
    read = offer(
        title="Conseiller de vente H/F – Orange",
        description="Orange, leader des télécoms, recrute pour sa boutique de Chambéry.",
    )
    assert read.place.insee_code == "73065"


def test_a_town_that_recruits_is_still_a_place() -> None:
    read = offer(
        title="Agent des espaces verts H/F - Orange",
        description="La ville d'Orange recrute un agent des espaces verts.",
    )
    assert read.place.insee_code == "84087"


# The description's first line written as a title ----------


@pytest.mark.parametrize(
    ("first_line", "insee"),
    [
        ("Stage assistant marketing – Toulouse", "31555"),
        ("Stage de 6 mois | Rennes (35)", "35238"),
    ],
)
def test_a_description_opening_with_a_title_gives_its_place(first_line: str, insee: str) -> None:
    description = f"{first_line}\nNous recherchons un stagiaire pour notre équipe."
    assert offer(title="Stage assistant", description=description).place.insee_code == insee


def test_a_description_opening_with_the_company_s_motto_gives_no_place() -> None:
    description = "Menuiseries Martin – Qualité et Savoir-faire\nNous recherchons un poseur."
    assert offer(title="Poseur H/F", description=description).place.match == PlaceMatch.MISSING


# A town named like a département ----------


def test_a_bare_town_named_like_a_departement_is_the_town() -> None:
    place = offer(title="Technicien de maintenance H/F - Vienne").place
    assert place.insee_code == "38544"


def test_such_a_town_read_from_its_name_alone_is_not_certain() -> None:
    place = offer(title="Technicien de maintenance H/F - Vienne").place
    assert place.confidence is not None and place.confidence < 1.0


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Technicien H/F - Vienne (86)", "Un poste."),
        ("Technicien H/F", "Poste basé en Vienne."),
        ("Technicien H/F", "Nombreux déplacements dans la Vienne."),
        ("Technicien H/F - Vienne", "Poste situé à 10 km de Poitiers."),
    ],
)
def test_the_departement_is_read_when_the_words_say_so(title: str, description: str) -> None:
    assert offer(title=title, description=description).place.departement_code == "86"


# Sentences that place the job ----------


@pytest.mark.parametrize(
    ("description", "insee"),
    [
        ("Basé(e) à Grenoble, vous animez l'équipe.", "38185"),
        ("Basé.e à Grenoble, vous animez l'équipe.", "38185"),
        ("Poste situé au cœur de Chambéry.", "73065"),
        ("Entreprise située à 10 min d'Annecy, poste à pourvoir rapidement.", "74010"),
        ("Le poste est situé à 15 km au sud d'Annecy.", "74010"),
        ("Vous travaillerez aux portes de Lyon.", "69123"),
        ("Hôtel situé au pied des pistes à Chamonix-Mont-Blanc.", "74056"),
        ("Hôtel 4* à Megève recherche son réceptionniste.", "74173"),
        ("Interventions sur Annecy, Cluses et Sallanches.", "74010"),
        ("Vous rejoindrez sa boutique de Bourg-en-Bresse.", "01053"),
        ("Poste à pourvoir à la Roche sur Foron.", "74224"),
        ("Poste basé à Evian les bains.", "74119"),
        ("CP 01000", "01053"),
        ("This role is based in our Lyon office.", "69123"),
        ("Poste basé à Saint-Julien-en-Genevois, à 10 minutes de Genève.", "74243"),
    ],
)
def test_a_sentence_placing_the_job_is_read(description: str, insee: str) -> None:
    assert offer(description=description).place.insee_code == insee


def test_travels_over_a_departement_place_the_job_in_it() -> None:
    place = offer(description="Déplacements sur la Haute-Savoie.").place
    assert (place.match, place.departement_code) == (PlaceMatch.DEPARTEMENT, "74")


# Towns called short ----------


@pytest.mark.parametrize(
    ("title", "insee"),
    [
        ("Plombier H/F - Thonon", "74281"),
        ("Plombier H/F - Evian", "74119"),
        ("Plombier H/F - St Julien en Gen.", "74243"),
        ("Plombier H/F - Divonne", "01143"),
    ],
)
def test_a_town_called_by_its_first_words_is_read(title: str, insee: str) -> None:
    assert offer(title=title).place.insee_code == insee


def test_a_first_word_of_towns_is_the_most_populous_of_them_unsurely() -> None:
    # Boulogne-Billancourt (121,000 inhabitants) rather than Boulogne-sur-Mer (40,000).
    place = offer(title="Plombier H/F - Boulogne").place
    assert place.insee_code == "92012"
    assert place.confidence is not None and place.confidence <= 0.5


# Prose that names no place ----------


@pytest.mark.parametrize(
    "description",
    [
        "Vous travaillerez sur Excel et SAP au quotidien.",
        "Vous serez basé dans le Centre de tri.",
        "Vous travaillerez au cœur de Notre équipe.",
        "Vous travaillerez à proximité de Clients exigeants.",
        "Déplacements à prévoir. Bonne ambiance.",
        "Nous vendons des fruits. Eu égard à votre expérience, vous serez formé.",
        "Vous rejoindrez une équipe de Sept personnes.",
        "CP : 25 jours par an.",
        "Situé à 5 minutes à pied du centre.",
        "Vous travaillerez en équipe. Orange et Vitrolles sont nos clients.",
    ],
)
def test_prose_names_no_place(description: str) -> None:
    assert offer(description=description).place.match == PlaceMatch.MISSING


# Arrondissements in parentheses ----------


@pytest.mark.parametrize(
    ("title", "insee"),
    [
        ("Serveur H/F - Paris (15e)", "75115"),
        ("Serveur H/F - Lyon (3ème arr.)", "69383"),
        ("Serveur H/F - Marseille (13)", "13055"),  # the département's number, not the 13e
    ],
)
def test_an_arrondissement_in_parentheses_is_read(title: str, insee: str) -> None:
    assert offer(title=title).place.insee_code == insee


# Traditional areas of one département ----------


@pytest.mark.parametrize(
    ("description", "departement"),
    [
        ("Poste à pourvoir sur le secteur du Chablais.", "74"),
        ("Secteur : Pays de Gex", "01"),
    ],
)
def test_an_area_of_one_departement_places_the_job_in_it(
    description: str, departement: str
) -> None:
    place = offer(description=description).place
    assert (place.match, place.departement_code) == (PlaceMatch.DEPARTEMENT, departement)


# Names in capitals that begin like an article ----------


@pytest.mark.parametrize(
    ("description", "insee"),
    [
        ("Poste à pourvoir à LAGNIEU (01).", "01202"),
        ("Poste basé à LESPARRE-MÉDOC.", "33240"),
        ("Déplacements sur LE HAVRE.", "76351"),
    ],
)
def test_a_name_in_capitals_beginning_like_an_article_is_whole(
    description: str, insee: str
) -> None:
    assert offer(description=description).place.insee_code == insee


def test_where_the_job_is_based_wins_over_the_agency_it_reports_to() -> None:
    description = (
        "Technicien itinérant, vous êtes rattaché à notre agence de Grenoble. "
        "Vos interventions se font chez nos clients. The position is based in Savoie."
    )
    place = offer(title="Technicien de maintenance (H/F)", description=description).place
    assert (place.match, place.departement_code) == (PlaceMatch.DEPARTEMENT, "73")
