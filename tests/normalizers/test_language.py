"""The language an offer is written in, told by its common words."""

from __future__ import annotations

import pytest

from normalizers.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nous recherchons un développeur pour notre équipe, vous serez au cœur du projet.", "fr"),
        ("We are looking for a data engineer to join our team and build the platform.", "en"),
        ("Wir suchen einen Entwickler für unser Team, Sie arbeiten mit den Kunden.", "de"),
        ("Buscamos un desarrollador para nuestro equipo y el trabajo es con la empresa.", "es"),
        ("Cerchiamo uno sviluppatore per il nostro team, il lavoro è della azienda.", "it"),
        ("Wij zoeken een ontwikkelaar voor onze klanten, je werkt met het team.", "nl"),
    ],
)
def test_languages(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", [None, "", "Data engineer", "CDI - Lyon"])
def test_too_short_to_tell(text: str | None) -> None:
    assert detect_language(text) is None


def test_half_and_half_is_not_told() -> None:
    text = "We are looking for you and the team. Nous recherchons pour notre équipe et vous."
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Pâtissier H/F\nPâtisserie de village. CDI 35h. Salaire : 1 950 € brut mensuel. "
            "Poste à pourvoir le 6 avril 2027.",
            "fr",
        ),
        (
            "Mécanicien poids lourds\nGarage indépendant. CDD de 4 mois, horaires de journée. "
            "Permis C exigé.",
            "fr",
        ),
        (
            "Night Porter – Chamonix\nFamily hotel in the valley. Permanent contract, full-time, "
            "nights. Salary: 24k EUR gross per year.",
            "en",
        ),
    ],
)
def test_short_ads_of_a_few_sentences_are_told(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_title_and_a_place_alone_are_not_told() -> None:
    assert detect_language("Soudeur TIG H/F\nCDI 39h - Oyonnax (01)") is None
