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
