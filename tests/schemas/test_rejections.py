"""Rejection reasons as people read them: French, the offer named, what to change at the source."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from normalizers.offer import SourceContext, normalize_offer
from schemas import Rejection, SourceDefaults, SourceOffer
from schemas.rejections import RejectionReason, explain, offer_label

CONTEXT = SourceContext(
    source="fromagerie",
    attribution="Fromagerie",
    defaults=SourceDefaults(),
    base_url=None,
    fetched_at=datetime(2026, 11, 10, 12, 0, tzinfo=UTC),
)
INTERNAL_WORDS = re.compile(
    r"\b(url|apply_url|posted_at|valid_through|updated_at|item|None|the|offer|"
    r"missing|invalid|unreadable|no_way_to_apply|in_future|before_posted)\b"
)


def rejected(**fields: str | None) -> Rejection:
    values: dict[str, str | None] = {
        "external_id": "FB-2026-104",
        "title": "Fromager affineur H/F",
        "reference": "FROM-12",
        "description": "<p>Affinage des tommes.</p>",
        "url": "https://fromagerie.example/offres/12",
    }
    values.update(fields)
    result = normalize_offer(SourceOffer.model_validate(values), CONTEXT)
    assert isinstance(result, Rejection), result
    return result


def sentences(rejection: Rejection) -> list[str]:
    return [explain(reason) for reason in rejection.reasons]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"title": None}, "L'offre n'a pas de titre. À corriger dans votre flux"),
        ({"description": None}, "L'offre n'a pas de description. À corriger dans votre flux"),
        ({"description": "<p> </p>"}, "La description est vide une fois la mise en forme"),
        ({"url": None}, "L'offre ne dit pas comment postuler. À corriger dans votre flux"),
        (
            {"url": "javascript:alert(1)"},
            "Le lien vers la page de l'offre (« javascript:alert(1) ») n'est pas une adresse web",
        ),
        ({"url": None, "apply_url": "ftp://x"}, "Le lien pour postuler (« ftp://x ») n'est pas"),
        (
            {"url": None, "contact": "Postulez !"},
            "Le contact indiqué (« Postulez ! ») ne contient ni adresse e-mail",
        ),
        (
            {"posted_at": "2026-11-05", "updated_at": "2026-10-01"},
            "La date de mise à jour (« 2026-10-01 ») précède la date de publication",
        ),
    ],
)
def test_each_reason_reads_as_french_naming_no_internal_field(
    fields: dict[str, str | None], expected: str
) -> None:
    said = sentences(rejected(**fields))
    assert any(sentence.startswith(expected) for sentence in said), said
    assert not any(INTERNAL_WORDS.search(sentence) for sentence in said), said


def test_a_deadline_before_the_publication_reads_in_french() -> None:
    # Stored before such a deadline, passed at the collection, was kept as the offer's end
    reason = RejectionReason(
        field="valid_through",
        code="before_posted",
        message="L'offre prend fin le 2026-10-01, avant sa publication (2026-11-05).",
        value="2026-10-01",
    )
    said = explain(reason)
    assert said.startswith(
        "La date de fin de l'offre (« 2026-10-01 ») précède sa date de publication"
    ), said
    assert not INTERNAL_WORDS.search(said), said


def test_an_unreadable_item_says_what_to_check_at_the_source() -> None:
    reason = {"field": "item", "code": "unreadable", "message": "XML mal formé : ligne 3"}
    assert explain(reason) == (
        "Relais n'a pas pu lire cet élément de votre flux : XML mal formé : ligne 3. "
        "À corriger à la source : vérifiez que l'élément est complet et bien formé."
    )


def test_a_value_refused_by_the_offer_model_names_the_field_in_plain_words() -> None:
    reason = RejectionReason(field="valid_through", code="invalid", message="x", value="demain")
    assert explain(reason).startswith(
        "La date de fin de l'offre (« demain ») n'a pas une forme acceptée."
    )


def test_a_reason_stored_in_english_before_reads_in_french() -> None:
    stored = {
        "field": "url",
        "code": "no_way_to_apply",
        "message": "The offer gives no way to apply: no link (url, apply_url).",
        "value": None,
    }
    assert explain(stored).startswith("L'offre ne dit pas comment postuler.")


def test_the_rejection_is_named_by_its_title_and_reference() -> None:
    rejection = rejected(url=None)
    assert rejection.summary().startswith(
        "« Fromager affineur H/F » (réf. FROM-12) : L'offre ne dit pas comment postuler."
    )


def test_an_untitled_item_is_named_by_its_identifier_said_as_such() -> None:
    assert offer_label(None, None, "FB-2026-104") == (
        "Offre sans titre (identifiant dans le flux : FB-2026-104)"
    )
