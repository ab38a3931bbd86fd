"""Experience wordings read as France Travail's experienceExige and a minimum in months."""

from __future__ import annotations

import pytest

from normalizers.experience import parse_experience
from schemas.offers import ExperienceRequirement

BEGINNER, DESIRED, REQUIRED = (
    ExperienceRequirement.BEGINNER,
    ExperienceRequirement.DESIRED,
    ExperienceRequirement.REQUIRED,
)


@pytest.mark.parametrize(
    ("text", "requirement", "months"),
    [
        ("Débutant accepté", BEGINNER, None),
        ("Expérience exigée", REQUIRED, None),
        ("Expérience exigée de 3 An(s)", REQUIRED, 36),
        ("Expérience exigée de 6 Mois", REQUIRED, 6),
        ("Expérience souhaitée", DESIRED, None),
        ("Expérience souhaitée de 2 An(s)", DESIRED, 24),
        ("2 An(s)", REQUIRED, 24),
        ("12 Mois", REQUIRED, 12),
        ("1 An(s) - en tant que Data Engineer.", REQUIRED, 12),
    ],
)
def test_france_travail_wordings(
    text: str, requirement: ExperienceRequirement, months: int | None
) -> None:
    experience = parse_experience(text)
    assert (experience.requirement, experience.months) == (requirement, months)


@pytest.mark.parametrize(
    ("text", "requirement", "months"),
    [
        ("3 ans d'expérience minimum", REQUIRED, 36),
        ("2 à 3 ans", REQUIRED, 24),
        ("5+ years", REQUIRED, 60),
        ("At least 4 years of experience", REQUIRED, 48),
        ("Première expérience appréciée", DESIRED, None),
        ("Une expérience en laboratoire est un plus", DESIRED, None),
        ("Aucune expérience requise", BEGINNER, None),
        ("Débutant(e) accepté(e)", BEGINNER, None),
        ("Junior", BEGINNER, None),
        ("Senior", REQUIRED, None),
        ("0 an", BEGINNER, 0),
    ],
)
def test_peoples_wordings(
    text: str, requirement: ExperienceRequirement, months: int | None
) -> None:
    experience = parse_experience(text)
    assert (experience.requirement, experience.months) == (requirement, months)


def test_the_text_is_kept_as_written() -> None:
    assert (
        parse_experience("  Expérience exigée de 3 An(s) ").text == "Expérience exigée de 3 An(s)"
    )


def test_a_diploma_is_no_experience() -> None:
    experience = parse_experience("Bac+5")
    assert (experience.requirement, experience.months) == (None, None)


def test_no_text_and_no_description_says_nothing() -> None:
    assert parse_experience(None).model_dump() == {
        "text": None,
        "requirement": None,
        "months": None,
    }


@pytest.mark.parametrize(
    ("description", "requirement", "months"),
    [
        ("Titulaire d'un Bac+5, vous avez au moins 3 ans d'expérience en réseau.", REQUIRED, 36),
        ("Une expérience de 2 ans minimum est souhaitée.", DESIRED, 24),
        ("Poste ouvert aux débutants, formation assurée.", BEGINNER, None),
        ("You have 5 years of experience with Python.", REQUIRED, 60),
    ],
)
def test_the_description_is_read_when_there_is_no_text(
    description: str, requirement: ExperienceRequirement, months: int | None
) -> None:
    experience = parse_experience(None, description=description)
    assert (experience.requirement, experience.months) == (requirement, months)
    assert experience.text is None


def test_a_duration_in_the_description_that_is_not_experience_is_ignored() -> None:
    experience = parse_experience(None, description="CDD de 2 ans, Bac+3 exigé.")
    assert experience.requirement is None


def test_the_text_wins_over_the_description() -> None:
    experience = parse_experience("Débutant accepté", description="5 ans d'expérience exigée")
    assert experience.requirement == BEGINNER
