"""Structured fields first, the offer's words when they are missing; disagreements kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from normalizers.offer import SourceContext, normalize_offer
from schemas import Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(source="test", attribution="Test", defaults=SourceDefaults())


def offer(**fields: str) -> Offer:
    values = {"external_id": "1", "url": "https://example.org/1", "description": "Un poste."}
    result = normalize_offer(SourceOffer(**(values | fields)), CONTEXT)
    assert isinstance(result, Offer), result
    return result


def test_the_title_gives_the_commune_when_no_field_does() -> None:
    read = offer(title="Comptable H/F – Lyon 3e")
    assert read.place.insee_code == "69383"
    assert read.fact_sources["place"].origin == "title"


def test_a_structured_place_wins_over_the_text() -> None:
    read = offer(title="Comptable", place="Nantes", description="Lieu : Rennes")
    assert read.place.insee_code == "44109"
    assert read.fact_sources["place"].origin == "field"


def test_a_fact_read_in_a_field_keeps_the_field_and_its_value() -> None:
    read = offer(title="Cariste", city="Annemasse", postal_code="74100", salary="2 000 € brut")
    assert (read.fact_sources["place"].field, read.fact_sources["place"].text) == (
        "city",
        "Annemasse, 74100",
    )
    assert (read.fact_sources["salary"].field, read.fact_sources["salary"].text) == (
        "salary",
        "2 000 € brut",
    )


def test_a_place_the_text_contradicts_is_a_visible_disagreement() -> None:
    read = offer(title="Comptable", place="Nantes", description="Lieu : Rennes")
    (disagreement,) = read.disagreements
    assert (disagreement.fact, disagreement.text_value) == ("place", "Rennes")
    assert disagreement.field_value == "44 - NANTES"


def test_a_departement_field_is_made_precise_by_the_text() -> None:
    read = offer(title="Comptable", place="Rhône", description="Poste basé à Lyon 3e.")
    assert read.place.insee_code == "69383" and read.disagreements == []


def test_an_unreadable_place_field_gives_way_to_the_text() -> None:
    read = offer(title="Comptable", place="Siège", description="Localisation : Angers (49)")
    assert read.place.insee_code == "49007"


def test_pay_without_figures_gives_way_to_the_description() -> None:
    read = offer(
        title="Comptable", salary="Selon profil", description="Salaire : 2 000 € brut mensuel"
    )
    assert read.salary is not None and (read.salary.minimum, read.salary.period) == (
        2000,
        "month",
    )
    assert read.fact_sources["salary"].origin == "description"


def test_a_contract_the_title_contradicts_is_kept_from_the_field() -> None:
    read = offer(title="Technicien - CDD - Rennes", contract="CDI")
    assert read.contract.type_contrat == "CDI"
    assert [(d.fact, d.text_value) for d in read.disagreements] == [("contract", "CDD")]


def test_a_source_default_comes_after_the_offer_s_own_words() -> None:
    context = SourceContext(
        source="test", attribution="Test", defaults=SourceDefaults(place="Lyon")
    )
    item = SourceOffer(external_id="1", url="https://example.org/1", title="Vendeur – Annecy (74)",
                       description="Un poste.")  # fmt: skip
    result = normalize_offer(item, context)
    assert isinstance(result, Offer) and result.place.insee_code == "74010"


def test_where_a_fact_was_read_does_not_change_the_content_hash() -> None:
    read = offer(title="Comptable H/F – Lyon 3e")
    other = read.model_copy(update={"fact_sources": {}})
    from normalizers.offer import content_hash

    assert content_hash(other.model_dump(mode="json")) == read.content_hash


def test_a_pay_label_without_figures_keeps_its_words() -> None:
    read = offer(title="Comptable", description="Salaire : selon convention collective")
    assert read.salary is not None and read.salary.text == "selon convention collective"
    assert read.salary.minimum is None


def test_every_place_a_sentence_lists_is_kept() -> None:
    read = offer(title="Comptable", description="Poste à pourvoir à Bordeaux ou Toulouse.")
    assert read.place.insee_code == "33063"
    assert [place.insee_code for place in read.other_places] == ["31555"]


def test_a_region_then_a_commune_in_a_sentence_gives_the_commune() -> None:
    read = offer(title="Comptable", description="Poste basé en Bretagne, à Lorient.")
    assert read.place.insee_code == "56121"


def test_every_place_the_title_names_is_kept() -> None:
    read = offer(title="Comptable - Lyon / Villeurbanne")
    assert read.place.insee_code == "69123"
    assert [place.insee_code for place in read.other_places] == ["69266"]


def test_places_joined_by_a_slash_in_the_title_are_read() -> None:
    read = offer(title="Comptable - Toulouse/Blagnac")
    assert read.place.insee_code == "31555"
    assert [place.insee_code for place in read.other_places] == ["31069"]


def test_a_former_commune_in_the_title_gives_the_commune_it_joined() -> None:
    read = offer(title="Comptable - Cherbourg-Octeville")
    assert read.place.insee_code == "50129"


def test_a_region_in_the_title_is_the_place_when_no_commune_is_named() -> None:
    read = offer(title="Comptable - Grand Est")
    assert (read.place.match, read.place.region_code) == ("region", "44")


def test_a_capitalised_word_after_a_in_the_title_that_is_no_place_is_left_alone() -> None:
    read = offer(title="Vendeur à Domicile")
    assert read.place.match == "missing"


def test_the_length_of_a_contract_is_taken_from_the_snippet_that_writes_it() -> None:
    read = offer(title="Chef de projet (CDD 6 mois)", description="Type de contrat : CDD")
    assert (read.contract.type_contrat, read.contract.duration_value) == ("CDD", 6)


def test_remote_work_and_its_zone_in_the_title_are_the_place() -> None:
    read = offer(title="Backend engineer - Remote - EU")
    assert (read.place.match, read.place.zone) == ("remote", "Union européenne")


def test_pay_words_without_figures_do_not_hide_the_pay_stated_later() -> None:
    read = offer(
        title="Agent d'entretien",
        description="Rémunération : SMIC\nTemps partiel, salaire de 690 à 700 € par mois.",
    )
    assert read.salary is not None
    assert (read.salary.minimum, read.salary.maximum, read.salary.period) == (690, 700, "month")


def test_an_internship_keeps_its_words_and_gets_no_france_travail_code() -> None:
    read = offer(title="Data analyst - Internship")
    assert (read.contract.type_contrat, read.contract.text) == (None, "Internship")
    assert read.fact_sources["contract"].origin == "title"


def test_a_title_opening_with_stagiaire_is_an_internship() -> None:
    read = offer(title="Stagiaire comptable")
    assert read.contract.type_contrat is None
    assert read.fact_sources["contract"].text == "Stagiaire comptable"


def test_an_independent_consultant_in_the_title_is_a_liberal_profession() -> None:
    read = offer(title="Consultant indépendant SAP")
    assert (read.contract.type_contrat, read.contract.nature) == ("LIB", "Emploi non salarié")


def test_a_franchise_in_the_title_is_france_travail_s_franchise() -> None:
    read = offer(title="Gérant de magasin - Franchise")
    assert read.contract.type_contrat == "FRA"


def test_a_sentence_that_is_only_a_contract_gives_it() -> None:
    read = offer(title="Serveur", description="Restaurant en bord de mer. Saisonnier. Logé.")
    assert read.contract.type_contrat == "SAI"


def test_part_time_in_the_title_is_the_working_time() -> None:
    read = offer(title="Vendeur temps partiel")
    assert read.contract.full_time is False


def test_a_bracket_in_the_title_is_read_whole() -> None:
    read = offer(title="Cariste (intérim, 2 semaines)")
    contract = read.contract
    assert (contract.type_contrat, contract.duration_value, contract.duration_unit) == (
        "MIS",
        14,
        "jour",
    )


def test_a_postal_code_after_the_name_chooses_the_commune_it_serves() -> None:
    read = offer(title="Comptable", description="Lieu : Saint-Paul, 40990")
    assert read.place.insee_code == "40279"  # Saint-Paul-lès-Dax, Landes


def test_a_departement_number_before_a_short_name_gives_the_commune() -> None:
    read = offer(title="Comptable - 92 Boulogne")
    assert read.place.insee_code == "92012"  # Boulogne-Billancourt


def test_a_place_in_square_brackets_opening_the_title_is_read() -> None:
    read = offer(title="[Lyon] Comptable")
    assert read.place.insee_code == "69123"


def test_the_employer_s_address_tells_a_namesake_apart() -> None:
    read = offer(title="Vendeur", place="Saint-Paul", company_address="Pierre-Buffière, 87260")
    assert read.place.insee_code == "87174"


def test_a_closing_date_written_in_the_description_is_the_offer_s_end() -> None:
    context = SourceContext(
        source="test",
        attribution="Test",
        defaults=SourceDefaults(),
        fetched_at=datetime(2024, 11, 10, tzinfo=UTC),
    )
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title="Comptable",
        description="Un poste.\nDate limite de candidature : 05/12/2024",
    )
    read = normalize_offer(item, context)
    assert isinstance(read, Offer)
    assert read.valid_through == datetime(2024, 12, 5, 22, 59, 59, tzinfo=UTC)


def test_a_departement_number_in_the_next_title_segment_tells_a_namesake_apart() -> None:
    read = offer(title="Auxiliaire de vie H/F – Juvigny - 74")
    assert read.place.insee_code == "74145"  # Juvigny, Haute-Savoie, not the Marne's


def test_pay_stated_after_a_bonus_in_the_sentence_before_is_read() -> None:
    read = offer(
        title="Vendeur",
        description="Avantages : 13e mois, prime de 500 €. Salaire : 2 000 € brut par mois.",
    )
    assert read.salary is not None
    assert (read.salary.minimum, read.salary.period) == (2_000, "month")


def test_gross_pay_written_without_its_currency_is_read() -> None:
    read = offer(
        title="Fleuriste",
        description="Fleuriste CAP 1re année, 2073,33 bruts pour 35 heures hebdomadaires.",
    )
    assert read.salary is not None
    assert (read.salary.minimum, read.salary.period) == (2073.33, "month")


def test_a_sentence_naming_the_minimum_wage_keeps_its_words_without_figures() -> None:
    read = offer(title="Serveur", description="Salaire SMIC + primes. Tickets restaurant 9 €.")
    assert read.salary is not None
    assert read.salary.text == "Salaire SMIC + primes"
    assert read.salary.minimum is None


# Pay and contracts written in words ------------------------------------------------------------


def _pay(read: Offer) -> tuple[float | None, float | None, str | None]:
    assert read.salary is not None
    return read.salary.minimum, read.salary.maximum, read.salary.period


def test_the_title_gives_the_monthly_pay() -> None:
    read = offer(title="Vendeur H/F - 2 000 € brut/mois")
    assert _pay(read) == (2000, 2000, "month")
    assert read.fact_sources["salary"].origin == "title"


def test_the_title_gives_an_hourly_rate() -> None:
    assert _pay(offer(title="Serveur 12,50 €/h")) == (12.5, 12.5, "hour")


def test_a_range_in_the_title_keeps_both_bounds() -> None:
    assert _pay(offer(title="Technicien méthodes (35K€ - 40K€) H/F")) == (35000, 40000, "year")


def test_a_bonus_in_the_title_is_not_the_pay() -> None:
    assert offer(title="Commercial - prime 500 € - Lyon").salary is None


def test_a_title_pay_that_differs_from_the_field_is_a_disagreement() -> None:
    read = offer(title="Serveur 12 €/h", salary="2 300 € par mois")
    assert [(d.fact, d.text_origin) for d in read.disagreements] == [("salary", "title")]


def test_a_net_pay_gives_way_to_the_gross_one() -> None:
    read = offer(
        title="Vendeur",
        description="Salaire : 1 550 € net par mois.\nVous percevrez 2 000 € brut mensuel.",
    )
    assert _pay(read) == (2000, 2000, "month")


def test_an_hourly_rate_gives_way_to_the_monthly_salary_of_the_same_pay() -> None:
    read = offer(
        title="Préparateur de commandes",
        description="Taux horaire : 12,38 €/h.\nSalaire : 1 878 € brut mensuel.",
    )
    assert _pay(read) == (1878, 1878, "month")


def test_an_hourly_rate_stays_when_the_monthly_amount_cannot_be_the_same_pay() -> None:
    read = offer(
        title="Préparateur de commandes",
        description="Taux horaire : 12,38 €/h.\nChiffre du magasin : 95 000 € par mois.",
    )
    assert _pay(read) == (12.38, 12.38, "hour")


def test_a_floor_is_completed_by_the_range_stated_later() -> None:
    read = offer(
        title="Commercial",
        description=(
            "Une rémunération annuelle à partir de 35 300 €, une fois la période d'essai validée."
            "\n\nVous percevrez une rémunération de 35 300 € - 40 000 € brut par an."
        ),
    )
    assert _pay(read) == (35300, 40000, "year")


def test_another_range_stated_later_does_not_replace_the_first_pay() -> None:
    read = offer(
        title="Gestionnaire",
        description="Salaire : entre 38 000 € et 43 000 € brut annuel.\nSalaire : 36 000 € par an.",
    )
    assert _pay(read) == (38000, 43000, "year")


def test_a_sentence_stating_another_pay_than_the_field_is_a_disagreement() -> None:
    read = offer(
        title="Serveur",
        salary="2 300 € par mois",
        description="Vous percevrez une rémunération de 1 900 € brut mensuel.",
    )
    assert _pay(read) == (2300, 2300, "month")
    assert [(d.fact, d.text_origin) for d in read.disagreements] == [("salary", "description")]


def test_a_sentence_with_the_same_pay_by_the_hour_is_no_disagreement() -> None:
    read = offer(
        title="Serveur",
        salary="1 801,80 € par mois",
        description="Le poste est rémunéré 11,88 € brut de l'heure.",
    )
    assert read.disagreements == []


def test_a_net_pay_in_a_sentence_is_no_disagreement_with_a_gross_field() -> None:
    read = offer(
        title="Serveur",
        salary="2 000 € brut par mois",
        description="Vous percevrez un salaire de 1 560 € net par mois.",
    )
    assert read.disagreements == []


def test_sentences_stating_several_pays_raise_no_disagreement() -> None:
    read = offer(
        title="Agent de sécurité",
        salary="1 900 € par mois",
        description=(
            "Salaire de jour : 1 850 € brut mensuel. Le salaire de nuit est de 2 100 € brut"
            " mensuel."
        ),
    )
    assert read.disagreements == []


def test_a_sentence_stating_another_contract_than_the_field_is_a_disagreement() -> None:
    read = offer(title="Serveur", contract="CDI", description="Service en salle. Poste en CDD.")
    assert read.contract.type_contrat == "CDI"
    assert [(d.fact, d.text_value) for d in read.disagreements] == [("contract", "Poste en CDD")]


def test_a_company_listing_its_contracts_raises_no_disagreement() -> None:
    read = offer(
        title="Cariste",
        contract="Intérim",
        description="Notre agence recrute en CDI, CDD et intérim. Poste basé à Lyon.",
    )
    assert read.disagreements == []


def test_a_contract_named_as_a_prospect_is_not_the_contract() -> None:
    read = offer(
        title="Plaquiste",
        description=(
            "Il s'agit d'un intérim. Le poste est à pourvoir rapidement pour se prolonger en CDI."
        ),
    )
    assert read.contract.type_contrat == "MIS"


def test_a_length_alone_gives_way_to_the_type_it_fits() -> None:
    read = offer(
        title="Opérateur de laboratoire",
        description=(
            "Poste dans le cadre d'un premier contrat de 12 mois renouvelable.\n\n"
            "This is an interim assignment (12 months) position."
        ),
    )
    assert read.contract.type_contrat == "MIS"


def test_an_alternance_is_a_cdi_when_a_sentence_says_so() -> None:
    read = offer(
        title="ALTERNANCE - Data analyst (H/F)",
        description="Il s'agit d'un Contrat à durée indéterminée.",
    )
    assert (read.contract.type_contrat, read.contract.nature) == ("CDI", "Contrat apprentissage")


def test_an_interim_of_some_months_to_fill_is_read() -> None:
    read = offer(title="Data analyst", description="Intérim 3 mois à pourvoir dès que possible.")
    assert (read.contract.type_contrat, read.contract.duration_value) == ("MIS", 3)


def test_a_self_employed_consultant_in_a_sentence_is_freelance() -> None:
    read = offer(title="Consultant SAP", description="Consultant indépendant. Missions en région.")
    assert read.contract.type_contrat == "LIB"


def test_a_franchise_to_take_in_a_sentence_is_read() -> None:
    read = offer(title="Gérant", description="Franchise à pourvoir dès que possible à Paris.")
    assert read.contract.type_contrat == "FRA"


def test_a_profession_liberale_in_a_sentence_is_read() -> None:
    read = offer(title="Kinésithérapeute", description="Il s'agit d'une profession libérale.")
    assert read.contract.type_contrat == "LIB"


def test_an_internship_to_fill_keeps_its_words_and_no_code() -> None:
    read = offer(title="Comptable", description="Stage de 6 mois à pourvoir en mars.")
    assert read.contract.type_contrat is None
    assert read.contract.text == "Stage de 6 mois à pourvoir en mars"


def test_part_time_in_the_title_is_read_beside_a_contract_field() -> None:
    read = offer(title="Vendeur temps partiel", contract="CDI")
    assert (read.contract.type_contrat, read.contract.full_time) == ("CDI", False)


def test_a_schedule_field_gives_way_to_part_time_in_the_title_and_keeps_its_words() -> None:
    read = offer(title="Vendeur temps partiel", contract="CDI", working_time="Horaires variables")
    assert read.contract.full_time is False
    assert read.contract.working_time_text == "Horaires variables ; temps partiel"
    assert read.fact_sources["working_time"].origin == "title"


def test_a_working_time_field_that_says_full_time_wins_over_the_title() -> None:
    read = offer(title="Vendeur temps partiel", contract="CDI", working_time="35h par semaine")
    assert (read.contract.full_time, read.contract.hours_per_week) == (True, 35)


def test_an_alternance_title_is_no_disagreement_with_a_cdi_field() -> None:
    read = offer(title="ALTERNANCE - Data analyst (H/F)", contract="CDI")
    assert read.disagreements == []


def test_a_company_called_independent_is_no_disagreement_with_a_cdi_field() -> None:
    read = offer(
        title="Pentesteur",
        contract="CDI",
        description="Nous voulons consolider notre position d'acteur indépendant de la sécurité.",
    )
    assert read.disagreements == []


def test_a_monthly_pay_in_a_sentence_within_a_yearly_field_is_no_disagreement() -> None:
    read = offer(
        title="Technicien",
        salary="29 000 € brut annuel",
        description="Une rémunération brute comprise entre 2 300 et 2 600 euros bruts par mois.",
    )
    assert read.disagreements == []


def test_an_example_of_earnings_is_not_the_pay() -> None:
    read = offer(
        title="Conseiller",
        description=(
            "Par exemple, un conseiller confirmé gagne 2 500 € par mois.\n"
            "Salaire de base : 1 900 € brut mensuel."
        ),
    )
    assert _pay(read) == (1900, 1900, "month")
    assert read.fact_sources["salary"].confidence == 0.9


def test_a_schedule_written_in_the_text_is_kept_as_the_working_time() -> None:
    read = offer(title="Vendeur", description="Horaires : du lundi au vendredi, 9h-17h")
    assert read.contract.working_time_text == "du lundi au vendredi, 9h-17h"


def test_a_quoted_excerpt_is_only_the_sentence_that_states_the_fact() -> None:
    from normalizers.facts import excerpt

    assert excerpt("salary", "Travail posté en 3x8. 11,95 € de l'heure + panier.") == (
        "11,95 € de l'heure + panier."
    )


def test_a_quoted_excerpt_carries_no_markup_a_broken_feed_left() -> None:
    description = "pMagasin de bricolage. CDD de 2 mois./ppSalaire : 1 900 € brut/mois./p"
    read = offer(title="Vendeur H/F", description=description)
    assert read.fact_sources["salary"].text == "Salaire : 1 900 € brut/mois"


def test_a_place_read_in_several_fields_quotes_each_part_once() -> None:
    read = offer(title="Cariste", place="Annemasse, 74100", city="Annemasse", postal_code="74100")
    assert read.fact_sources["place"].text == "Annemasse, 74100"


def test_a_sentence_paying_by_a_unit_of_work_is_the_pay_with_no_period() -> None:
    result = offer(title="Infirmier vacataire", description="Lieu : Brest. 55 € par intervention.")
    assert result.salary is not None
    assert (result.salary.text, result.salary.minimum, result.salary.period) == (
        "55 € par intervention",
        55.0,
        None,
    )


@pytest.mark.parametrize("field", ["FULL_TIME", "Temps plein"])
def test_a_contract_field_stating_full_time_keeps_it_when_the_text_names_the_type(
    field: str,
) -> None:
    result = offer(title="Ébéniste", contract=field, description="Poste en CDI à pourvoir.")
    assert (result.contract.type_contrat, result.contract.full_time) == ("CDI", True)


def test_a_contract_field_stating_part_time_keeps_it_when_the_text_names_the_type() -> None:
    result = offer(title="Vendeur", contract="PART_TIME", description="Poste en CDD de 3 mois.")
    assert (result.contract.type_contrat, result.contract.full_time) == ("CDD", False)


def test_a_sentence_placing_the_job_elsewhere_with_its_code_is_a_visible_disagreement() -> None:
    read = offer(
        title="Comptable",
        city="Nantes",
        postal_code="44000",
        description="Poste basé à Rennes (35). Équipe de six personnes.",
    )
    (disagreement,) = read.disagreements
    assert (disagreement.fact, disagreement.text_value) == ("place", "Rennes (35)")


def test_a_sentence_naming_a_town_without_its_code_is_no_disagreement() -> None:
    read = offer(title="Comptable", city="Nantes", description="Poste basé à Rennes.")
    assert read.disagreements == []


def test_the_company_seat_elsewhere_is_no_disagreement() -> None:
    read = offer(
        title="Comptable",
        city="Nantes",
        postal_code="44000",
        description="Notre siège social est situé à Rennes (35). Poste en CDI.",
    )
    assert read.disagreements == []


def test_sentences_placing_the_job_in_two_towns_are_no_disagreement() -> None:
    read = offer(
        title="Comptable",
        city="Nantes",
        postal_code="44000",
        description="Poste basé à Rennes (35). Poste basé à Brest (29).",
    )
    assert read.disagreements == []


def test_a_sentence_naming_the_legal_stipend_is_kept_as_pay_words() -> None:
    read = offer(title="Stage marketing", description="Stage de 6 mois. Gratification légale.")
    assert read.salary is not None
    assert (read.salary.text, read.salary.minimum) == ("Gratification légale", None)
