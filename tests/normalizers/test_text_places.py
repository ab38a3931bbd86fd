"""Which of the places an offer's words name is its workplace, when no field gives one."""

from __future__ import annotations

from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, PlaceMatch, SourceDefaults, SourceOffer

CONTEXT = SourceContext(source="test", attribution="Test", defaults=SourceDefaults())


def offer(title: str = "Vendeur H/F", description: str = "Un poste.") -> Offer:
    item = SourceOffer(
        external_id="1", url="https://example.org/1", title=title, description=description
    )
    result = normalize_offer(item, CONTEXT)
    assert isinstance(result, Offer), result
    return result


def test_a_title_tail_with_its_departement_wins_over_a_labelled_bare_name() -> None:
    read = offer(
        title="Magasinier H/F - CDI - Ploërmel (56)",
        description="Lieu : Vannes\nNous recrutons un magasinier.",
    )
    assert read.place.insee_code == "56165"


def test_a_bare_name_that_begins_a_compound_commune_named_beside_it_is_that_commune() -> None:
    read = offer(
        description="Lieu : Asnières\nPoste basé à Asnières-sur-Seine (92).",
    )
    assert read.place.insee_code == "92004"


def test_a_namesake_in_the_title_agrees_with_the_namesake_the_description_codes() -> None:
    read = offer(
        title="Serveur (VALENCE) H/F",
        description="Brasserie en centre-ville. Poste basé à Valence (82).",
    )
    assert read.place.insee_code == "82186"


def test_a_sentence_with_a_postal_code_wins_over_a_bare_name_in_an_earlier_sentence() -> None:
    read = offer(
        description=(
            "Notre groupe est implanté à Marseille depuis vingt ans.\n"
            "Le poste est situé à 13400 Aubagne."
        ),
    )
    assert read.place.insee_code == "13005"


def test_a_commune_chosen_by_population_gives_way_to_a_commune_the_text_names_plainly() -> None:
    read = offer(
        description=(
            "Le poste est situé à Saint-Priest. Vous rejoindrez notre agence de Pontarlier."
        ),
    )
    assert read.place.insee_code == "25462"


def test_a_place_said_only_to_be_near_gives_way_to_the_commune_named() -> None:
    read = offer(
        description="Localisation : périphérie de Grenoble\nLe poste est situé à Meylan (38).",
    )
    assert read.place.insee_code == "38229"


def test_a_long_list_of_towns_gives_way_to_the_single_workplace_named() -> None:
    read = offer(
        description=(
            "Secteur : Douai, Lens, Arras, Béthune\nVous rejoindrez notre agence de "
            "Hénin-Beaumont (62)."
        ),
    )
    assert read.place.insee_code == "62427"


def test_a_town_named_alone_and_in_a_list_wins_over_the_list_first_town() -> None:
    read = offer(
        description="Postes à pourvoir à Cahors ou Figeac.\nVotre bureau : poste basé à Figeac.",
    )
    assert read.place.insee_code == "46102"


def test_a_labelled_departement_wins_over_a_commune_elsewhere_in_a_sentence() -> None:
    read = offer(
        description="Lieu : Val-d'Oise\nNotre siège est basé à Montpellier.",
    )
    assert (read.place.match, read.place.departement_code) == (PlaceMatch.DEPARTEMENT, "95")


def test_a_commune_inside_the_labelled_departement_makes_it_precise() -> None:
    read = offer(description="Lieu : Isère\nLe poste est situé à Voiron.")
    assert read.place.insee_code == "38563"


def test_a_departement_written_with_its_qualifier_last_in_the_title_is_read() -> None:
    read = offer(title="Aide-soignant H/F - CDI - Alpes (Hautes)")
    assert read.place.departement_code == "05"


def test_a_departement_written_with_its_qualifier_last_in_a_sentence_is_read() -> None:
    read = offer(description="Poste basé à Vienne (Haute). Temps plein.")
    assert read.place.departement_code == "87"


def test_a_commune_whose_name_begins_like_a_label_is_not_cut() -> None:
    read = offer(description="<dl><dt>Localisation</dt><dd>Ville-d'Avray (92)</dd></dl>")
    assert read.place.insee_code == "92077"


def test_a_contract_duration_after_poste_en_is_no_departement() -> None:
    read = offer(description="Poste en CDD 12 mois, temps plein.")
    assert read.place.match == PlaceMatch.MISSING


def test_every_place_a_title_tail_lists_is_kept_the_first_as_the_main_one() -> None:
    read = offer(title="Chef de projet H/F - Metz ou Nancy")
    assert read.place.insee_code == "57463"
    assert [place.insee_code for place in read.other_places] == ["54395"]


def test_a_title_tail_naming_a_place_after_an_elided_article_is_read() -> None:
    read = offer(title="Infirmier (H/F) | Plateau d'Hauteville | Mission intérimaire de 2 jours")
    assert read.place.insee_code == "01185"


def test_a_title_tail_naming_a_renamed_town_by_its_old_name_is_read_unsurely() -> None:
    read = offer(title="Technicien support H/F - Evry")
    assert read.place.insee_code == "91228"
    assert read.fact_sources["place"].confidence < 0.8


def test_a_ville_nouvelle_in_a_title_is_not_a_commune_named_like_part_of_it() -> None:
    read = offer(title="Développeur Java H/F - Marne-la-Vallée")
    assert read.place.insee_code is None


def test_a_title_saying_remote_in_france_makes_the_job_fully_remote() -> None:
    read = offer(title="Développeur Python - Remote - France")
    assert (read.place.match, read.remote.mode) == (PlaceMatch.REMOTE, "full")


def test_a_labelled_place_saying_remote_in_france_makes_the_job_fully_remote() -> None:
    read = offer(description="Lieu : Remote - France\nNous recrutons un développeur.")
    assert (read.place.match, read.place.country_code, read.remote.mode) == (
        PlaceMatch.REMOTE,
        "FR",
        "full",
    )


def test_a_labelled_place_with_some_remote_days_stays_the_workplace() -> None:
    read = offer(description="Lieu : Nantes (télétravail partiel)\nNous recrutons.")
    assert (read.place.insee_code, read.remote.mode) == ("44109", "hybrid")
