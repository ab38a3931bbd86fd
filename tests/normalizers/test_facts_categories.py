"""A source's categories as facts, a line of facts cut at its separators, an internship's words
and length, a field typed by default that the text names (issue 16)."""

from __future__ import annotations

from normalizers.facts import category_facts
from normalizers.offer import SourceContext, normalize_offer
from normalizers.text_facts import FactKind, read_text_facts
from schemas import Offer, SourceDefaults, SourceOffer

CONTEXT = SourceContext(source="test", attribution="Test", defaults=SourceDefaults())


def offer(**fields: str) -> Offer:
    values = {"external_id": "1", "url": "https://example.org/1", "description": "Un poste."}
    result = normalize_offer(SourceOffer(**(values | fields)), CONTEXT)
    assert isinstance(result, Offer), result
    return result


def test_categories_give_the_contract_when_no_field_does() -> None:
    read = offer(title="Caissier H/F", category="CDD, Temps partiel, Quimper")
    assert read.contract.type_contrat == "CDD"


def test_categories_give_the_working_time_when_no_field_does() -> None:
    read = offer(title="Caissier H/F", category="CDD, Temps partiel, Quimper")
    assert read.contract.full_time is False


def test_categories_give_the_place_when_no_field_does() -> None:
    read = offer(title="Caissier H/F", category="CDD, Temps partiel, Quimper")
    assert read.place.insee_code == "29232"


def test_a_category_ranks_below_a_structured_field() -> None:
    read = offer(title="Caissier H/F", contract="CDI", category="CDD, Quimper")
    assert read.contract.type_contrat == "CDI"
    assert read.disagreements == []


def test_a_category_ranks_below_a_labelled_line() -> None:
    read = offer(title="Caissier H/F", category="Quimper", description="Lieu : Brest (29)")
    assert read.place.insee_code == "29019"


def test_a_sector_category_is_not_read_as_a_commune() -> None:
    # "Hôtellerie" (Calvados) and "Sales" (Haute-Savoie) are communes as well as sectors
    assert [fact.kind for fact in category_facts("Hôtellerie, Sales, Commerce de détail")] == []


def test_a_line_of_facts_gives_each_fact_its_own_words() -> None:
    facts = read_text_facts("Vendeur", "Lieu : Vannes – CDD 3 mois – 1 850 € brut").facts
    assert [(fact.kind, fact.text) for fact in facts] == [
        (FactKind.PLACE, "Vannes"),
        (FactKind.CONTRACT, "CDD 3 mois"),
        (FactKind.SALARY, "1 850 € brut"),
    ]


def test_a_place_written_with_a_dash_is_kept_whole() -> None:
    facts = read_text_facts("Vendeur", "Lieu : Lyon - Part-Dieu").facts
    assert [fact.text for fact in facts] == ["Lyon - Part-Dieu"]


def test_a_line_of_facts_gives_the_place_and_the_contract() -> None:
    read = offer(title="Vendeur H/F", description="Lieu : Vannes – CDD 3 mois – 1 850 € brut")
    assert (read.place.text, read.place.insee_code) == ("Vannes", "56260")
    assert (read.contract.type_contrat, read.contract.duration_value) == ("CDD", 3)


def test_an_internship_named_by_the_title_has_stage_as_its_contract_words() -> None:
    read = offer(title="Stagiaire juriste H/F")
    assert (read.contract.type_contrat, read.contract.text) == (None, "Stage")


def test_an_internships_length_is_read_from_the_description() -> None:
    read = offer(
        title="Stagiaire juriste H/F", description="Vous rejoignez le cabinet pour 6 mois de stage."
    )
    assert (read.contract.duration_value, read.contract.duration_unit) == (6, "mois")


def test_an_internship_field_takes_its_length_from_the_title() -> None:
    read = offer(title="Juriste - Internship (6 months)", contract="internship")
    assert (read.contract.text, read.contract.duration_value) == ("internship", 6)


def test_a_temporary_field_takes_the_interim_the_text_names() -> None:
    read = offer(
        title="Cariste H/F", contract="temporary", description="Type de contrat : Intérim 3 mois"
    )
    assert (read.contract.type_contrat, read.contract.duration_value) == ("MIS", 3)
    assert read.disagreements == []


def test_a_temporary_field_alone_is_fixed_term() -> None:
    assert offer(title="Cariste H/F", contract="temporary").contract.type_contrat == "CDD"
