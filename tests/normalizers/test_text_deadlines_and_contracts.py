"""An application deadline written in the text, and a contract whose label and sentences
disagree: what a person reading the offer expects."""

from __future__ import annotations

from datetime import UTC, datetime

from normalizers.offer import RunNotes, SourceContext, normalize_noted, normalize_offer
from schemas import Offer, Rejection, SourceDefaults, SourceOffer

CONTEXT = SourceContext(
    source="test",
    attribution="Test",
    defaults=SourceDefaults(),
    fetched_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
)


def normalized(description: str, **fields: str) -> Offer | Rejection:
    item = SourceOffer(
        external_id="1",
        url="https://example.org/1",
        title=fields.pop("title", "Comptable"),
        description=description,
        **fields,
    )
    return normalize_offer(item, CONTEXT)


def test_a_past_deadline_in_the_text_is_kept_as_the_offer_s_end() -> None:
    # Kept, to be recorded expired as it is loaded, like a structured validThrough in the past
    result = normalized("Un poste.\nDate limite de candidature : 15/10/2026")
    assert isinstance(result, Offer)
    assert result.valid_through == datetime(2026, 10, 15, 21, 59, 59, tzinfo=UTC)


def test_a_past_deadline_before_the_publication_is_kept_too() -> None:
    result = normalized(
        "Un poste.\nDate limite de candidature : 15/10/2026", posted_at="2026-11-20"
    )
    assert isinstance(result, Offer)
    assert result.valid_through == datetime(2026, 10, 15, 21, 59, 59, tzinfo=UTC)


def test_a_past_structured_deadline_before_the_publication_is_kept_the_same() -> None:
    result = normalized("Un poste.", posted_at="2026-11-20", valid_through="2026-10-15")
    assert isinstance(result, Offer)
    assert result.valid_through == datetime(2026, 10, 15, 21, 59, 59, tzinfo=UTC)


def test_a_deadline_read_in_the_text_says_where_it_was_read() -> None:
    result = normalized("Un poste.\nDate limite de candidature : 15/12/2026")
    assert isinstance(result, Offer)
    source = result.fact_sources["deadline"]
    assert (source.origin, source.text, source.confidence) == ("description", "15/12/2026", 0.9)


def test_a_future_deadline_in_the_text_rejects_nothing() -> None:
    result = normalized(
        "Un poste.\nDate limite de candidature : 15/12/2026", posted_at="2026-11-20"
    )
    assert isinstance(result, Offer)
    assert result.valid_through == datetime(2026, 12, 15, 22, 59, 59, tzinfo=UTC)


def test_a_year_first_deadline_in_the_text_is_read_year_first() -> None:
    result = normalized("Un poste.\nDate limite de candidature : 2027/01/05")
    assert isinstance(result, Offer)
    assert result.valid_through == datetime(2027, 1, 5, 22, 59, 59, tzinfo=UTC)


def test_a_labelled_contract_wins_over_a_sentence() -> None:
    result = normalized("Type de contrat : CDD\nCDD saisonnier à pourvoir.", title="Serveur")
    assert isinstance(result, Offer)
    assert result.contract.type_contrat == "CDD"


def test_a_sentence_contradicting_the_labelled_contract_stays_visible() -> None:
    result = normalized("Type de contrat : CDD\nCDD saisonnier à pourvoir.", title="Serveur")
    assert isinstance(result, Offer)
    assert [(d.fact, d.field_value, d.text_value) for d in result.disagreements] == [
        ("contract", "CDD", "CDD saisonnier à pourvoir")
    ]


def test_a_title_s_contract_wins_over_a_sentence_and_the_disagreement_is_kept() -> None:
    result = normalized("Poste en CDD saisonnier.", title="Serveur - CDD")
    assert isinstance(result, Offer)
    assert result.contract.type_contrat == "CDD"
    assert [d.text_value for d in result.disagreements] == ["Poste en CDD saisonnier"]


def test_a_sentence_repeating_the_label_is_no_disagreement() -> None:
    result = normalized("Type de contrat : CDI\nPoste en CDI à pourvoir.", title="Serveur")
    assert isinstance(result, Offer)
    assert result.disagreements == []


def test_a_past_deadline_in_a_sentence_is_kept_as_the_offer_s_end() -> None:
    result = normalized("Un poste.\nLa date limite de candidature est fixée au 15/10/2026.")
    assert isinstance(result, Offer)
    assert result.valid_through == datetime(2026, 10, 15, 21, 59, 59, tzinfo=UTC)


def test_a_future_deadline_in_a_sentence_is_the_offer_s_end() -> None:
    result = normalized("Un poste.\nCandidatures jusqu'au 15 décembre 2026.")
    assert isinstance(result, Offer)
    assert result.valid_through == datetime(2026, 12, 15, 22, 59, 59, tzinfo=UTC)


def test_a_start_date_is_no_deadline() -> None:
    result = normalized("Un poste.\nDate de début : 15/10/2026")
    assert isinstance(result, Offer)
    assert result.valid_through is None


def test_a_run_says_in_french_which_offer_was_kept_past_its_deadline() -> None:
    item = SourceOffer(
        external_id="compta-1",
        url="https://example.org/1",
        title="Comptable",
        description="Un poste.\nDate limite de candidature : 15/10/2026",
    )
    notes = RunNotes()
    notes.add(item.external_id, normalize_noted(item, CONTEXT))
    assert notes.notes() == [
        "1 offre a passé sa date limite de candidature (la première, « compta-1 », le "
        "15/10/2026) : enregistrée comme expirée, jamais publiée"
    ]
