"""`relais offers show` says, in French, where each fact was read and what disagrees."""

from __future__ import annotations

from pipeline.cli_offers import fact_lines


def test_each_fact_is_shown_with_where_it_was_read() -> None:
    lines = fact_lines({"place": {"origin": "title", "confidence": 0.8, "text": "Lyon 3e"}}, [])
    assert lines == ["lu dans :   lieu ← titre : « Lyon 3e », confiance 0,80"]


def test_a_fact_read_in_a_field_names_the_field_and_its_value() -> None:
    source = {"origin": "field", "confidence": 1.0, "text": "ZI des Vernes", "field": "place"}
    lines = fact_lines({"place": source}, [])
    assert lines == ["lu dans :   lieu ← champ « lieu » : « ZI des Vernes », confiance 1,00"]


def test_a_disagreement_names_both_values_and_which_one_is_kept() -> None:
    disagreement = {
        "fact": "contract",
        "field_value": "CDI",
        "text_value": "CDD",
        "text_origin": "description",
    }
    assert fact_lines({}, [disagreement]) == [
        "désaccord : contrat — le champ dit « CDI, Contrat à durée indéterminée », "
        "la description dit « CDD » (le champ est gardé)"
    ]


def test_a_disagreement_the_text_won_says_so() -> None:
    disagreement = {
        "fact": "contract",
        "field_value": "LIB",
        "text_value": "intérim longue durée",
        "text_origin": "title",
        "kept": "text",
    }
    assert fact_lines({}, [disagreement]) == [
        "désaccord : contrat — le champ dit « LIB, Profession libérale », "
        "le titre dit « intérim longue durée » (le texte est gardé)"
    ]


def test_a_deadline_read_in_the_text_is_named_in_french() -> None:
    source = {"origin": "description", "confidence": 0.5, "text": "15 janvier"}
    assert fact_lines({"deadline": source}, []) == [
        "lu dans :   date limite de candidature ← description : « 15 janvier », confiance 0,50"
    ]


def test_a_relative_publication_date_says_when_it_was_counted_from() -> None:
    source = {
        "origin": "field",
        "confidence": 0.8,
        "text": "il y a 3 jours",
        "field": "posted_at",
        "counted_from": "2026-11-30T09:00:00Z",
    }
    assert fact_lines({"posted": source}, []) == [
        "lu dans :   date de publication ← champ « date de publication » : « il y a 3 jours » "
        "(compté depuis la collecte du 30/11/2026), confiance 0,80"
    ]
