"""The snippets of a title and description that state a fact, found whatever their wording."""

from __future__ import annotations

import pytest

from normalizers.text_facts import FactKind, description_lines, read_text_facts


def snippets(kind: FactKind, title: str | None, description: str = "") -> list[str]:
    text = description_lines(description, description)
    if "<" in description:
        from normalizers.html import html_to_text

        text = description_lines(description, html_to_text(description))
    return [fact.text for fact in read_text_facts(title, text).of(kind)]


def test_a_labelled_line_gives_its_value_whatever_the_separator_and_case() -> None:
    for line in ("Lieu : Annecy (74)", "LOCALISATION – Annecy (74)", "- ville | Annecy (74)"):
        assert snippets(FactKind.PLACE, None, line)[0] == "Annecy (74)"


def test_several_labels_on_one_line_are_read_apart() -> None:
    line = "Location: Paris | Job type: Full-time | Salary: €50,000 - €60,000 per year"
    assert snippets(FactKind.SALARY, None, line)[0] == "€50,000 - €60,000 per year"
    assert snippets(FactKind.CONTRACT, None, line) == ["Full-time"]


def test_a_table_row_gives_the_cell_next_to_its_label() -> None:
    table = "<table><tr><th>Rémunération</th><td>35 à 40 k€</td></tr></table>"
    assert snippets(FactKind.SALARY, None, table)[0] == "35 à 40 k€"


def test_a_definition_list_gives_the_definition_of_its_term() -> None:
    listing = "<dl><dt>Lieu de travail</dt><dd>Saint-Julien-en-Genevois</dd></dl>"
    assert snippets(FactKind.PLACE, None, listing) == ["Saint-Julien-en-Genevois"]


def test_a_sentence_says_where_the_job_is() -> None:
    assert snippets(FactKind.PLACE, None, "Poste basé à Lyon 3e dans une équipe de 5.") == [
        "Lyon 3e"
    ]
    assert "Nantes" in snippets(FactKind.PLACE, None, "CDI à pourvoir dès que possible à Nantes.")


def test_a_pay_sentence_is_handed_over_whole() -> None:
    text = "Rémunération de 35 à 40 k€ bruts annuels selon profil. Tickets restaurant."
    assert snippets(FactKind.SALARY, None, text) == [
        "Rémunération de 35 à 40 k€ bruts annuels selon profil"
    ]


def test_amounts_that_are_not_pay_are_left_alone() -> None:
    text = "Groupe au chiffre d'affaires de 300 M€. Tickets restaurant de 9 €."
    assert snippets(FactKind.SALARY, None, text) == []


def test_a_contract_sentence_with_its_duration() -> None:
    assert snippets(FactKind.CONTRACT, None, "Il s'agit d'un contrat de 6 mois renouvelable.") == [
        "Il s'agit d'un contrat de 6 mois renouvelable"
    ]


def test_the_title_tail_after_the_gender_mark_is_a_place() -> None:
    assert snippets(FactKind.PLACE, "Comptable H/F – Lyon 3e") == ["Lyon 3e"]


def test_a_title_segment_naming_a_contract_is_a_contract_not_a_place() -> None:
    title = "Technicien (F/H) - CDI - Rennes"
    assert snippets(FactKind.CONTRACT, title) == ["CDI"]
    assert snippets(FactKind.PLACE, title) == ["Rennes"]


def test_a_contract_in_brackets_in_the_title() -> None:
    assert snippets(FactKind.CONTRACT, "Chef de projet (CDD 6 mois)") == ["CDD 6 mois"]


def test_a_departement_number_in_brackets_stays_with_the_title() -> None:
    assert snippets(FactKind.PLACE, "Vendeur (75)") == ["Vendeur (75)"]


def test_an_inclusive_ending_does_not_cut_the_title() -> None:
    assert snippets(FactKind.PLACE, "Chargé(e) de clientèle") == []


def test_an_amount_in_thousands_alone_is_pay() -> None:
    assert snippets(FactKind.SALARY, None, "CDI. 36KE.") == ["36KE"]
    assert snippets(FactKind.SALARY, None, "45KE - 50KE. 1 jour de télétravail / semaine.") == [
        "45KE - 50KE"
    ]


def test_a_period_next_to_the_amount_makes_it_pay() -> None:
    for text in ("45 000 - 55 000 € par an", "12,50 € de l'heure", "600 €/jour"):
        assert snippets(FactKind.SALARY, None, text) == [text]


def test_a_benefit_in_the_clause_leaves_the_pay_before_it() -> None:
    text = "Salaire fixe 2 000 € brut/mois + primes"
    assert snippets(FactKind.SALARY, None, text) == [text]


def test_the_amount_of_a_benefit_is_not_pay() -> None:
    assert snippets(FactKind.SALARY, None, "Prime annuelle de 500 € versée en juin.") == []


def test_thousands_of_something_else_are_not_pay() -> None:
    assert snippets(FactKind.SALARY, None, "Une communauté de 10k abonnés.") == []


def test_a_label_after_a_full_stop_ends_the_value_before_it() -> None:
    line = "Lieu : Lyon. Contrat : CDI."
    assert snippets(FactKind.PLACE, None, line)[0] == "Lyon"
    assert snippets(FactKind.CONTRACT, None, line)[0] == "CDI"


def test_an_english_run_in_paragraph_gives_each_label_its_value() -> None:
    text = "Job type: Internship (6 months). Location: Paris 2e. Stipend: €1,200/month."
    assert snippets(FactKind.PLACE, None, text)[0] == "Paris 2e"
    assert snippets(FactKind.SALARY, None, text)[0] == "€1,200/month"


def test_a_contract_word_before_a_place_names_the_place_of_the_job() -> None:
    assert snippets(FactKind.PLACE, None, "CDI à Limoges.") == ["Limoges"]
    assert snippets(FactKind.PLACE, None, "Saison d'été à Arcachon.") == ["Arcachon"]


def test_au_and_aux_before_a_place_give_back_its_article() -> None:
    assert snippets(FactKind.PLACE, None, "Le poste est basé au Mans (72).") == ["Le Mans (72)"]
    assert snippets(FactKind.PLACE, None, "Poste situé aux Sables-d'Olonne.") == [
        "Les Sables-d'Olonne"
    ]


def test_a_sentence_listing_places_keeps_them_all() -> None:
    assert snippets(FactKind.PLACE, None, "Poste basé à Bordeaux ou à Toulouse.") == [
        "Bordeaux ou Toulouse"
    ]
    assert snippets(FactKind.PLACE, None, "Postes à pourvoir à Lyon, Grenoble et Annecy.") == [
        "Lyon, Grenoble et Annecy"
    ]


def test_a_slash_between_words_does_not_cut_the_title() -> None:
    assert snippets(FactKind.PLACE, "Commercial B2B/B2C - Nantes") == ["Nantes"]


def test_a_place_after_a_in_the_title_is_the_title_s_place() -> None:
    assert snippets(FactKind.PLACE, "Comptable à Lyon") == ["Lyon"]
    assert snippets(FactKind.PLACE, "Agent d'accueil au Mans") == ["Le Mans"]


def test_a_place_after_the_contract_in_the_title_is_the_title_s_place() -> None:
    assert snippets(FactKind.PLACE, "Caissier CDD 35h Lyon") == ["Lyon"]


def test_a_meal_allowance_is_not_pay() -> None:
    assert snippets(FactKind.SALARY, None, "Un forfait repas de 17 € par jour travaillé.") == []


def test_a_benefit_in_an_earlier_clause_leaves_the_pay_alone() -> None:
    text = "Mutuelle d'entreprise, 1 800 € brut par mois."
    assert snippets(FactKind.SALARY, None, text) == ["1 800 € brut par mois"]


@pytest.mark.parametrize(
    "description",
    [
        "Poste en équipe. Lieu : Tours",
        "Nous recherchons une infirmière. Lieu de travail : Tours",
        "Poste en équipe - Contrat : CDI - Rémunération : 28K€ - Ville : Tours",
        "Référence : 123 / Ville : Tours / Contrat : CDD",
        "Type de contrat : CDD Lieu : Tours Salaire : 2000 €",
    ],
)
def test_a_label_after_a_sentence_or_another_label_is_read(description: str) -> None:
    assert snippets(FactKind.PLACE, None, description)[0] == "Tours"


def test_a_pay_label_after_a_sentence_is_read() -> None:
    assert snippets(FactKind.SALARY, None, "CDI. Salary: $80,000 - $100,000")[0] == (
        "$80,000 - $100,000"
    )


def test_a_working_time_label_after_a_sentence_is_read() -> None:
    assert snippets(FactKind.WORKING_TIME, None, "CDI. Temps de travail : 35h")[0] == "35h"


def test_a_contract_label_after_a_sentence_naming_other_contracts_is_read() -> None:
    description = "Vous avez une première expérience en CDI ou CDD. Contrat : Stage"
    assert snippets(FactKind.CONTRACT, None, description)[0] == "Stage"


def test_a_labelled_value_ends_at_the_sentence_end() -> None:
    assert snippets(FactKind.PLACE, None, "Lieu : Tours. Travail de nuit")[0] == "Tours"


def test_an_abbreviation_point_does_not_end_a_value() -> None:
    line = "Adresse : 12 bd. Haussmann, Paris"
    assert snippets(FactKind.PLACE, None, line)[0] == "12 bd. Haussmann, Paris"


@pytest.mark.parametrize(
    "description",
    [
        "Notre agence - située à deux pas de la gare.",
        "Nous travaillons au lieu : le plus beau du monde.",
        "Un contrat de 6 mois, sans plus.",
    ],
)
def test_ordinary_words_in_a_sentence_are_no_label(description: str) -> None:
    labelled = [f for f in read_text_facts(None, description).facts if f.confidence >= 0.9]
    assert labelled == []


def test_the_agency_a_job_reports_to_is_a_weaker_place_than_where_it_is_based() -> None:
    attached = read_text_facts(None, "Vous serez rattachée à l'agence de Chambéry.").of(
        FactKind.PLACE
    )
    based = read_text_facts(None, "Le poste est basé à Chambéry.").of(FactKind.PLACE)
    assert [fact.text for fact in attached] == ["Chambéry"]
    assert attached[0].confidence < based[0].confidence


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Localisation : Secteur Nord Isère. 38 k€ fixe.", "Secteur Nord Isère"),
        ("Lieu : Rennes ou Nantes. 32 000 euros bruts annuels.", "Rennes ou Nantes"),
        ("Lieu de travail : Brest. 12 € par heure.", "Brest"),
    ],
)
def test_a_labelled_value_ends_at_its_sentence_end_before_a_number(line: str, place: str) -> None:
    assert snippets(FactKind.PLACE, None, line) == [place]


def test_a_labelled_address_goes_on_to_its_postal_code_and_town() -> None:
    assert snippets(FactKind.PLACE, None, "Adresse : 8 rue Colbert. 37000 Tours") == [
        "8 rue Colbert. 37000 Tours"
    ]


def test_a_pay_sentence_gives_the_pay_phrase_not_the_contract_and_place_before_it() -> None:
    assert snippets(FactKind.SALARY, None, "CDI à Tours, 2 100 € net.") == ["2 100 € net"]


def test_a_pay_sentence_leaves_out_the_working_time_after_it() -> None:
    text = "CDD 3 mois, 12,40 €/h brut, 28h/semaine."
    assert snippets(FactKind.SALARY, None, text) == ["12,40 €/h brut"]


def test_a_pay_sentence_keeps_the_words_about_the_pay_after_it() -> None:
    text = "Poste à Vannes, 2 300 € brut, selon expérience."
    assert snippets(FactKind.SALARY, None, text) == ["2 300 € brut, selon expérience"]


def test_a_contract_sentence_leaves_out_the_pay_after_it() -> None:
    assert snippets(FactKind.CONTRACT, None, "CDD de 4 mois, 1 850 € brut.") == ["CDD de 4 mois"]


def test_a_pay_for_a_unit_of_work_is_read_as_pay_in_a_sentence() -> None:
    assert snippets(FactKind.SALARY, None, "Lieu : Brest. 55 € par intervention.") == [
        "55 € par intervention"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Stage de 6 mois. Gratification légale.",
        "Rémunération selon barème légal en vigueur.",
        "Salaire selon grille CCN 51.",
    ],
)
def test_a_sentence_naming_a_pay_set_by_law_or_agreement_is_a_pay_snippet(text: str) -> None:
    assert len(snippets(FactKind.SALARY, None, text)) == 1


def test_a_collective_agreement_named_without_pay_is_no_pay_snippet() -> None:
    assert snippets(FactKind.SALARY, None, "Convention collective de la métallurgie.") == []
