"""Contract wordings read as France Travail typeContrat codes, durations and working time."""

from __future__ import annotations

import pytest

from normalizers.contracts import TYPE_LABELS, names_internship, parse_contract


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("CDI", "CDI"),
        ("Contrat à durée indéterminée", "CDI"),
        ("Permanent", "CDI"),
        ("CDD de 6 mois", "CDD"),
        ("Contrat à durée déterminée - 12 Mois", "CDD"),
        ("CDD - 6 Mois", "CDD"),
        ("Temporary", "CDD"),
        ("TEMPORARY", "CDD"),
        ("Intérim", "MIS"),
        ("interim", "MIS"),
        ("Intérim - 3 Mois", "MIS"),
        ("Mission intérimaire - 15 Jour(s)", "MIS"),
        ("Saisonnier - 15 Jour(s)", "SAI"),
        ("saisonnier", "SAI"),
        ("Freelance", "LIB"),
        ("indépendant", "LIB"),
        ("CONTRACTOR", "LIB"),
        ("Profession libérale", "LIB"),
        ("Profession commerciale", "CCE"),
        ("Franchise", "FRA"),
        ("Reprise d'entreprise", "REP"),
        ("Contrat travail temporaire insertion", "TTI"),
        ("CDD Insertion - 6 Mois", "DDI"),
        ("CDI Intérimaire", "DIN"),
    ],
)
def test_type_contrat(text: str, code: str) -> None:
    contract = parse_contract(text)
    assert contract.type_contrat == code
    assert contract.type_contrat_label == TYPE_LABELS[code]


def test_labels_are_france_travail_wording() -> None:
    assert TYPE_LABELS["CDI"] == "Contrat à durée indéterminée"
    assert TYPE_LABELS["SAI"] == "Contrat travail saisonnier"
    assert TYPE_LABELS["DIN"] == "CDI Intérimaire"


def test_text_is_kept_as_written() -> None:
    assert parse_contract("  CDD de 6 mois ").text == "CDD de 6 mois"


@pytest.mark.parametrize(
    ("text", "nature"),
    [
        ("CDI", "Contrat travail"),
        ("Mission intérimaire - 1 Mois", "Contrat travail"),
        ("Profession libérale", "Emploi non salarié"),
        ("CDD Insertion - 6 Mois", "Insertion par l'activ.éco."),
        ("CDD - 9 Mois (CUI - CAE)", "CUI - CAE"),
        ("CDD PEC 12 mois", "CUI - CAE"),
        ("CDI - contrat initiative emploi", "CUI - CIE"),
        ("CDI de chantier ou d'opération", "CDI de chantier ou d'opération"),
    ],
)
def test_nature(text: str, nature: str) -> None:
    assert parse_contract(text).nature == nature


@pytest.mark.parametrize(
    ("text", "code", "nature"),
    [
        ("Alternance", "CDD", "Contrat apprentissage"),
        ("apprentissage", "CDD", "Contrat apprentissage"),
        ("Contrat d'apprentissage - 24 mois", "CDD", "Contrat apprentissage"),
        ("contrat de professionnalisation", "CDD", "Cont. professionnalisation"),
        ("CDD - 12 Mois (Cont. professionnalisation)", "CDD", "Cont. professionnalisation"),
        ("Alternance en CDI", "CDI", "Contrat apprentissage"),
    ],
)
def test_work_study_contracts(text: str, code: str, nature: str) -> None:
    contract = parse_contract(text)
    assert (contract.type_contrat, contract.nature) == (code, nature)


@pytest.mark.parametrize("text", ["stage", "Stage de 6 mois", "internship", "INTERN"])
def test_internships_have_no_france_travail_code(text: str) -> None:
    contract = parse_contract(text)
    assert contract.type_contrat is None and contract.nature is None
    assert contract.text == text


def test_internship_keeps_its_duration() -> None:
    contract = parse_contract("Stage de 6 mois")
    assert (contract.duration_value, contract.duration_unit) == (6, "mois")


@pytest.mark.parametrize(
    "text", ["CDD ou CDI", "CDI / Freelance", "VOLUNTEER", "PER_DIEM", "OTHER", "Contrat", ""]
)
def test_inconclusive_wording_gives_no_code(text: str) -> None:
    assert parse_contract(text).type_contrat is None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("CDD de 6 mois", 6, "mois"),
        ("Intérim - 3 Mois", 3, "mois"),
        ("Mission intérimaire - 15 Jour(s)", 15, "jour"),
        ("CDD 1 an", 12, "mois"),
        ("CDD de 2 ans", 24, "mois"),
        ("CDD 1,5 an", 18, "mois"),
        ("Mission de 3 semaines", 21, "jour"),
        ("Fixed-term, 6 months", 6, "mois"),
    ],
)
def test_duration(text: str, value: int, unit: str) -> None:
    contract = parse_contract(text)
    assert (contract.duration_value, contract.duration_unit) == (value, unit)


def test_no_duration_for_a_cdi() -> None:
    assert parse_contract("CDI - période d'essai 3 mois").duration_value is None


def test_days_a_week_are_not_a_duration() -> None:
    assert parse_contract("CDD 5 jours par semaine").duration_value is None


@pytest.mark.parametrize(
    ("working_time", "full_time", "hours"),
    [
        ("temps plein", True, None),
        ("Temps partiel", False, None),
        ("full-time", True, None),
        ("FULL_TIME", True, None),
        ("part-time", False, None),
        ("PART_TIME", False, None),
        ("35h/semaine", True, 35.0),
        ("24 H", False, 24.0),
        ("37H30\nTravail en journée", True, 37.5),
        ("39H Autre", True, 39.0),
        ("35 hours per week", True, 35.0),
        ("Temps partiel - 20h par semaine", False, 20.0),
        ("7h par jour", None, None),
        ("1607 heures annuelles", None, None),
    ],
)
def test_working_time(working_time: str, full_time: bool | None, hours: float | None) -> None:
    contract = parse_contract("CDI", working_time=working_time)
    assert (contract.full_time, contract.hours_per_week) == (full_time, hours)


def test_working_time_text_is_kept() -> None:
    assert parse_contract("CDI", working_time="35H  Autre").working_time_text == "35H Autre"


def test_working_time_in_the_contract_text() -> None:
    contract = parse_contract("CDI temps plein")
    assert (contract.type_contrat, contract.full_time) == ("CDI", True)


def test_full_time_alone_is_no_contract_type() -> None:
    contract = parse_contract("Full-time")
    assert (contract.type_contrat, contract.full_time) == (None, True)


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("CDI - Développeur H/F", "CDI"),
        ("Comptable (CDD 6 mois)", "CDD"),
        ("Alternance - Développeur web", "CDD"),
        ("Responsable franchise", None),
        ("Chargé de recrutement intérim", None),
        ("Stage - Data analyst", None),
        ("Développeur CDD ou CDI", None),
    ],
)
def test_title_is_a_careful_fallback(title: str, code: str | None) -> None:
    contract = parse_contract("", title=title)
    assert contract.type_contrat == code
    assert contract.text is None


def test_title_fallback_reads_the_duration() -> None:
    contract = parse_contract(None, title="Comptable (CDD 6 mois)")
    assert (contract.duration_value, contract.duration_unit) == (6, "mois")


def test_title_fallback_reads_work_study() -> None:
    assert parse_contract("", title="Alternance - Développeur web").nature == (
        "Contrat apprentissage"
    )


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Poste en CDI à pourvoir rapidement, à temps plein.", "CDI"),
        ("Type de contrat : CDD. Démarrage en janvier.", "CDD"),
        ("CDD ou CDI selon profil.", None),
        ("CDD de 6 mois, possibilité de CDI.", None),
        ("Poste en CDI, ouvert aussi en alternance.", None),
        ("Rejoignez une équipe dynamique.", None),
    ],
)
def test_description_is_a_stricter_fallback(description: str, code: str | None) -> None:
    assert parse_contract("", description=description).type_contrat == code


def test_contract_text_wins_over_the_title() -> None:
    assert parse_contract("CDD", title="CDI - Développeur").type_contrat == "CDD"


def test_an_internship_text_is_not_overridden_by_the_title() -> None:
    assert parse_contract("Stage", title="CDI - Développeur").type_contrat is None


@pytest.mark.parametrize(
    ("text", "title", "value", "unit"),
    [
        ("CDD", "Chef de projet (CDD 6 mois)", 6, "mois"),
        ("Contrat à durée déterminée", "Assistant RH - CDD 12 mois - Lyon", 12, "mois"),
        ("CDD", "Développeur 3 ans d'expérience (CDD 6 mois)", 6, "mois"),
        ("Intérim", "Cariste (intérim 3 semaines)", 21, "jour"),
    ],
)
def test_a_bare_type_takes_its_duration_from_the_title(
    text: str, title: str, value: int, unit: str
) -> None:
    contract = parse_contract(text, title=title)
    assert (contract.type_contrat, contract.duration_value, contract.duration_unit) == (
        parse_contract(text).type_contrat,
        value,
        unit,
    )


def test_the_title_gives_no_duration_to_another_contract() -> None:
    assert parse_contract("CDD", title="Comptable (intérim 3 mois)").duration_value is None


@pytest.mark.parametrize(
    "text", ["CDD - 2 ans d'expérience exigés", "CDD, période d'essai de 1 mois"]
)
def test_experience_and_trial_period_are_not_the_duration(text: str) -> None:
    assert parse_contract(text).duration_value is None


@pytest.mark.parametrize(
    ("text", "code", "nature"),
    [
        ("CDD - 12 Mois (Contrat pacte)", "CDD", "Contrat pacte"),
        ("Contrat PACTE", "CDD", "Contrat pacte"),
        ("CDD - 10 Mois (Contrat d'usage)", "CDD", "Contrat d'usage"),
        ("CDD d'usage", "CDD", "Contrat d'usage"),
        ("CDI en portage salarial", "CDI", "Portage salarial"),
        ("Portage salarial", None, "Portage salarial"),
        ("CDI intermittent", "CDI", "Contrat intermittent"),
        ("Contrat de chantier", "CDI", "CDI de chantier ou d'opération"),
        ("Contrat d'engagement éducatif", None, "Contrat d'Engagement Educatif"),
        ("POE puis CDI", "CDI", "Prépa.opérationnel.emploi"),
        ("AFPR puis CDD de 6 mois", "CDD", "Act. Formation pré.recrut."),
        ("Freelance / portage salarial", "LIB", "Emploi non salarié"),
    ],
)
def test_france_travail_natures(text: str, code: str | None, nature: str) -> None:
    contract = parse_contract(text)
    assert (contract.type_contrat, contract.nature) == (code, nature)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("CDI intérimaire", "DIN"),
        ("CDI-I", "DIN"),
        ("Mission", "MIS"),
        ("Mission de 3 mois", "MIS"),
        ("Mission - 18 Mois renouvelable", "MIS"),
        ("Mission longue durée", "MIS"),
        ("Mission freelance", "LIB"),
        ("Vacation", "CDD"),
        ("Vacataire", "CDD"),
        ("CDD de remplacement de 4 mois", "CDD"),
        ("Contrat saisonnier de 4 mois", "SAI"),
        ("Intérim longue durée - 18 mois", "MIS"),
        ("CDI à pourvoir dès que possible à Nantes", "CDI"),
        ("Type de contrat : CDD de 6 mois (remplacement congé maternité)", "CDD"),
        ("Job type: Full-time, Permanent", "CDI"),
        ("Fixed-term contract (12 months)", "CDD"),
        ("CDDI de 6 mois", "DDI"),
        ("contrat à durée déterminé d'insertion", "DDI"),
        ("contrat à durée indéterminé", "CDI"),
    ],
)
def test_contracts_as_people_write_them(text: str, code: str) -> None:
    assert parse_contract(text).type_contrat == code


@pytest.mark.parametrize(
    "text", ["Mission de conseil", "Missions principales : accueil des clients", "Mission handicap"]
)
def test_a_mission_that_is_not_a_contract_is_not_interim(text: str) -> None:
    assert parse_contract(text).type_contrat is None


def test_a_portage_offer_keeps_its_nature_when_the_title_names_the_contract() -> None:
    contract = parse_contract("Portage salarial", title="Consultant SAP (CDI)")
    assert (contract.type_contrat, contract.nature) == ("CDI", "Portage salarial")


@pytest.mark.parametrize(
    "working_time",
    [
        "du lundi au vendredi, 9h-17h",
        "8h-12h / 14h-18h",
        "de 9h à 17h30",
        "7h30 - 15h30",
        "Travail en 2x8 (6h-14h / 14h-22h)",
        "24h/24",
        "Ouverture du magasin de 10h à 20h, 7j/7",
    ],
)
def test_times_of_day_are_no_weekly_hours_nor_part_time(working_time: str) -> None:
    contract = parse_contract("CDI", working_time=working_time)
    assert (contract.full_time, contract.hours_per_week, contract.working_time_text) == (
        None,
        None,
        working_time,
    )


@pytest.mark.parametrize(
    ("working_time", "hours"),
    [
        ("35h", 35.0),
        ("35 heures hebdomadaires", 35.0),
        ("24h/semaine", 24.0),
        ("Poste à 28 heures", 28.0),
    ],
)
def test_a_weekly_total_is_read(working_time: str, hours: float) -> None:
    assert parse_contract("CDI", working_time=working_time).hours_per_week == hours


def test_monthly_hours_are_made_weekly() -> None:
    contract = parse_contract("CDI", working_time="151,67 h par mois")
    assert (contract.hours_per_week, contract.full_time) == (35.0, True)


def test_a_contract_given_only_a_length_is_a_fixed_term_one() -> None:
    contract = parse_contract("contrat de 6 mois renouvelable")
    assert (contract.type_contrat, contract.duration_value, contract.duration_unit) == (
        "CDD",
        6,
        "mois",
    )


def test_a_length_beside_an_interim_mission_stays_interim() -> None:
    assert parse_contract("Mission d'intérim : contrat de 6 mois").type_contrat == "MIS"


def test_a_contract_length_label_alone_is_a_fixed_term_one() -> None:
    contract = parse_contract("6 months")
    assert (contract.type_contrat, contract.duration_value) == ("CDD", 6)


def test_self_employed_status_is_liberal() -> None:
    assert parse_contract("indépendant").type_contrat == "LIB"


@pytest.mark.parametrize(
    "text", ["VIE (Volontariat International en Entreprise)", "Service civique 8 mois"]
)
def test_a_volunteering_has_no_france_travail_code(text: str) -> None:
    assert (parse_contract(text).type_contrat, names_internship(text)) == (None, True)
