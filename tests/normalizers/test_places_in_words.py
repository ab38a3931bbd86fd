"""Places as people write them in a posting's words (issue 16): title places with a preposition
or a qualifier, the company's head office against the job's place, places in sentences and
behind pictograms, brand names in the title, workplaces abroad, lists and régions."""

from __future__ import annotations

import pytest

from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, PlaceMatch, SourceDefaults, SourceOffer

CONTEXT = SourceContext(source="test", attribution="Test", defaults=SourceDefaults())


def offer(
    title: str = "Vendeur H/F", description: str = "Un poste.", company: str | None = None
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


def other_communes(read: Offer) -> list[str | None]:
    return [place.insee_code for place in read.other_places]


# Title places after a preposition, with a qualifier, or opening the title ----------


@pytest.mark.parametrize(
    ("title", "insee"),
    [
        ("Électricien H/F à Bègles", "33039"),
        ("Serveur H/F sur Angers", "49007"),
        ("Commercial H/F - Nantes et sa région", "44109"),
        ("Agent d'entretien - secteur Toulouse Nord", "31555"),
        ("Comptable H/F - Brest et alentours", "29019"),
    ],
)
def test_a_title_place_with_a_preposition_or_a_qualifier_is_read(
    title: str, insee: str | None
) -> None:
    assert offer(title=title).place.insee_code == insee


def test_a_title_place_after_a_for_au_keeps_its_article() -> None:
    assert offer(title="Boulanger H/F au Mans").place.insee_code == "72181"


def test_a_place_in_capitals_opening_the_title_is_read() -> None:
    assert offer(title="RENNES - Assistant de gestion H/F").place.insee_code == "35238"


def test_a_word_in_capitals_opening_the_title_that_is_no_place_gives_none() -> None:
    assert offer(title="URGENT - Assistant de gestion H/F").place.match == PlaceMatch.MISSING


# The company's head office weighs less than the job's place ----------


@pytest.mark.parametrize(
    "description",
    [
        "Notre siège social est situé à Niort. Poste basé à Poitiers.",
        "Entreprise familiale située à Niort. Vous rejoindrez notre équipe de Poitiers.",
        "Société fondée à Niort en 1987. Le poste est situé à Poitiers.",
    ],
)
def test_the_job_s_place_wins_over_the_company_s_head_office(description: str) -> None:
    assert offer(description=description).place.insee_code == "86194"


def test_a_job_based_at_the_head_office_is_at_the_head_office() -> None:
    assert offer(description="Basé au siège à Saint-Étienne.").place.insee_code == "42218"


# Places in sentences ----------


@pytest.mark.parametrize(
    ("description", "insee"),
    [
        ("Mission de 3 mois à Angoulême pour renforcer l'entrepôt.", "16015"),
        ("Un stage de 4 mois à Paris 11e.", "75111"),
        ("Contrat de 6 semaines à Rouen.", "76540"),
        ("Fromagerie à Morteau (25) recrute un vendeur.", "25411"),
        ("Notre boutique du centre de Dinan, 22100.", "22050"),
        ("Supérette Proxi de Fougères, 35300. Contrat 20h/semaine.", "35115"),
        ("Ferme maraîchère à Vienne (Isère) recrute un saisonnier.", "38544"),
        ("Stage de 5 mois à partir de mars 2027 à Lyon 7e.", "69387"),
    ],
)
def test_a_place_in_a_sentence_is_read(description: str, insee: str) -> None:
    assert offer(description=description).place.insee_code == insee


@pytest.mark.parametrize("pictogram", ["📍", "📌", "🏠"])
def test_a_line_after_a_place_pictogram_is_the_place(pictogram: str) -> None:
    read = offer(description=f"{pictogram} Angers\n📝 CDI")
    assert read.place.insee_code == "49007"


# Brand names in the title ----------


def test_a_title_name_that_is_the_company_s_gives_way_to_the_description_s_place() -> None:
    read = offer(
        title="Conseiller de vente H/F - Orange",
        description="Boutique située à Lorient.",
        company="Orange",
    )
    assert read.place.insee_code == "56121"


def test_a_title_name_the_description_writes_as_a_brand_gives_way_to_its_place() -> None:
    read = offer(
        title="Vendeur H/F - Lacoste",
        description="Lacoste recrute un vendeur. Boutique située à Cannes.",
    )
    assert read.place.insee_code == "06029"


def test_a_bare_name_in_the_title_alone_is_not_read_as_certain() -> None:
    read = offer(title="Conseiller de vente H/F - Orange")
    assert read.place.confidence is not None and read.place.confidence < 1.0


def test_a_title_tail_with_its_code_stays_certain() -> None:
    assert offer(title="Vendeur H/F - Orange (84)").place.confidence == 1.0


# Workplaces abroad ----------


@pytest.mark.parametrize(
    ("written", "country"),
    [
        ("Monaco", "MC"),
        ("Monaco (98000)", "MC"),
        ("Lausanne (Suisse)", "CH"),
        ("Valence (Espagne)", "ES"),
        ("Berlin, Allemagne", "DE"),
        ("Luxembourg City", "LU"),
        ("Santiago, Chili", "CL"),  # a country only Babel's names give
    ],
)
def test_a_workplace_abroad_is_its_country_with_no_commune(written: str, country: str) -> None:
    place = offer(description=f"Lieu : {written}").place
    assert (place.match, place.country_code, place.insee_code) == (
        PlaceMatch.COUNTRY,
        country,
        None,
    )


def test_a_french_town_beside_a_foreign_one_is_kept_first() -> None:
    read = offer(description="Lieu : Madrid or Lyon (hybrid)")
    assert (read.place.insee_code, [p.country_code for p in read.other_places]) == (
        "69123",
        ["ES"],
    )


def test_a_town_said_only_to_be_near_is_not_the_workplace() -> None:
    place = offer(description="Lieu : Luxembourg (frontalier, proche Longwy)").place
    assert (place.country_code, place.insee_code) == ("LU", None)


# Lists and régions ----------


def test_a_region_and_its_towns_in_parentheses_lists_the_towns_first_as_main() -> None:
    read = offer(description="Lieu : Normandie (Caen, Rouen, Le Havre)")
    assert (read.place.insee_code, other_communes(read)) == ("14118", ["76540", "76351"])


def test_a_sector_of_two_towns_keeps_both() -> None:
    read = offer(description="Lieu : Secteur Nancy/Metz")
    assert (read.place.insee_code, other_communes(read)) == ("54395", ["57463"])


def test_the_whole_of_france_is_france_with_no_commune() -> None:
    place = offer(description="Lieu : Toute la France (itinérant)").place
    assert (place.match, place.country_code, place.insee_code) == (PlaceMatch.COUNTRY, "FR", None)


def test_a_sentence_listing_towns_keeps_each() -> None:
    read = offer(description="Postes à Angers, Tours et Caen.")
    assert (read.place.insee_code, other_communes(read)) == ("49007", ["37261", "14118"])


# A département's name in parentheses ----------


@pytest.mark.parametrize(
    ("written", "insee"),
    [("Vienne (Isère)", "38544"), ("Valence (Tarn-et-Garonne)", "82186")],
)
def test_a_departement_name_in_parentheses_tells_namesakes_apart(written: str, insee: str) -> None:
    assert offer(description=f"Clinique située à {written}.").place.insee_code == insee


def test_jobs_listed_after_postes_de_are_no_place() -> None:
    read = offer(description="Nous recrutons sur des postes de Comptables, Juristes, Auditeurs.")
    assert read.place.match == PlaceMatch.MISSING


def test_a_place_said_to_be_the_job_s_wins_over_a_coded_name_in_passing() -> None:
    read = offer(
        description=(
            "Notre filiale de mesure à Cholet (49) fournit nos clients.\n"
            "Le poste est basé à 44000 Nantes."
        )
    )
    assert read.place.insee_code == "44109"
