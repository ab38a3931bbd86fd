"""Experience wordings ("Expérience exigée de 3 An(s)", "Débutant accepté", "5+ years") read."""

from __future__ import annotations

import re

from normalizers.text import ascii_words, collapse, fold
from schemas.offers import Experience, ExperienceRequirement

MAX_TEXT_CHARS = 300
MAX_DESCRIPTION_CHARS = 20_000
MAX_MONTHS = 600

_BEGINNER = re.compile(
    r"\bDEBUTANTE?S? (?:E )?(?:ACCEPTEE?S?|BIENVENUE?S?|ADMISE?S?)\b|\bDEBUTANTE?S?\b$"
    r"|\b(?:AUCUNE|SANS|PAS D) EXPERIENCE\b|\bNO (?:PRIOR )?EXPERIENCE\b|\bENTRY LEVEL\b"
    r"|\bJEUNES? DIPLOMEE?S? (?:E )?(?:ACCEPTEE?S?|BIENVENUE?S?)\b|\bGRADUATE\b|^JUNIOR$"
)
_DESIRED = re.compile(
    r"\bSOUHAITEE?S?\b|\bSOUHAITABLES?\b|\bAPPRECIEE?S?\b|\bUN PLUS\b|\bUN ATOUT\b|\bIDEALEMENT\b"
    r"|\bPREFERRED\b|\bIS A PLUS\b|\bNICE TO HAVE\b|\bDESIRABLE\b|\bPREFERABLY\b"
)
_REQUIRED = re.compile(
    r"\bEXIGEE?S?\b|\bREQUISE?S?\b|\bOBLIGATOIRES?\b|\bINDISPENSABLES?\b|\bIMPERATIVE?S?\b"
    r"|\bMINIMUM\b|\bMINIMALE?\b|\bAU MOINS\b|\bREQUIRED\b|\bMUST\b|\bAT LEAST\b|\bNECESSAIRES?\b"
    r"|^SENIOR$|^CONFIRMEE?$|^EXPERIMENTEE?$"
)
_COUNT = r"(\d{1,2}(?:[.,]5)?)"
_UNIT = r"(ANS?|ANNEES?|YEARS?|YRS?|MOIS|MONTHS?)\b"
_DURATION = re.compile(
    rf"(?<![\d+])(?:{_COUNT}\s*(?:A|-|TO|OU)\s*)?{_COUNT}\s*\+?\s*(?:\(S\)\s*)?{_UNIT}"
)
# In a description, only durations said to be experience count ("Bac+5", "3 ans de CDD" do not).
_DESCRIBED = re.compile(
    rf"(?<![\d+]){_COUNT}\s*\+?\s*{_UNIT}\s*(?:MINIMUM\s*|AU MOINS\s*)?(?:D|OF|DE)?\s*"
    rf"(?:EXPERIENCES?|PRATIQUE)\b"
    rf"|\bEXPERIENCES?\s*(?:DE|D|OF)?\s*(?:AU MOINS|MINIMUM|MIN|PLUS DE)?\s*:?\s*"
    rf"{_COUNT}\s*\+?\s*{_UNIT}"
)
_DESCRIBED_BEGINNER = re.compile(
    r"\bDEBUTANTE?S? (?:E )?(?:ACCEPTEE?S?|BIENVENUE?S?)\b|\bPOSTE OUVERT AUX DEBUTANTS\b"
    r"|\b(?:AUCUNE|SANS) EXPERIENCE (?:N EST )?(?:REQUISE|EXIGEE|NECESSAIRE)\b"
)


_INCLUSIVE = re.compile(r"\((?:E|ES|NE|SE)\)|[.·](?:E|ES)\b")


def _words(text: str) -> str:
    folded = _INCLUSIVE.sub("", fold(text).replace("’", " "))  # "débutant(e) accepté(e)"
    return ascii_words(folded, "+().,")


def _to_months(count: str, unit: str) -> int | None:
    value = float(count.replace(",", "."))
    months = round(value if unit.startswith(("MOIS", "MONTH")) else value * 12)
    return months if 0 <= months <= MAX_MONTHS else None


def _months(match: re.Match[str]) -> int | None:
    """The smallest duration a match of `_DURATION` names, in months ("2 à 3 ans" → 24)."""
    low, count, unit = match.groups()
    return _to_months(low or count, unit)


def _from_description(description: str) -> tuple[ExperienceRequirement | None, int | None]:
    words = _words(description[:MAX_DESCRIPTION_CHARS])
    if _DESCRIBED_BEGINNER.search(words):
        return ExperienceRequirement.BEGINNER, None
    match = _DESCRIBED.search(words)
    if not match:
        return None, None
    count, unit = (match[1], match[2]) if match[1] else (match[3], match[4])
    months = _to_months(count, unit)
    if months == 0:
        return ExperienceRequirement.BEGINNER, 0
    window = words[max(0, match.start() - 40) : match.end() + 40]
    if _DESIRED.search(window):
        return ExperienceRequirement.DESIRED, months
    return ExperienceRequirement.REQUIRED, months


def parse_experience(text: str | None, *, description: str | None = None) -> Experience:
    """The experience `text` asks for: whether it is needed, and the minimum in months.

    France Travail's wordings ("Débutant accepté", "Expérience exigée de 3 An(s)", "2 An(s)")
    and people's ("3 ans d'expérience minimum", "Junior", "5+ years", "première expérience
    appréciée") are read; a bare duration is a requirement, as at France Travail. When `text` is
    empty, an explicit statement of the description ("5 ans d'expérience", "débutants acceptés")
    is used instead. Nothing readable gives an Experience with the text only.
    """
    written = collapse(text or "")[:MAX_TEXT_CHARS] or None
    if written is None:
        if description:
            requirement, months = _from_description(description)
            return Experience(requirement=requirement, months=months)
        return Experience()
    words = _words(written)
    match = _DURATION.search(words)
    months = _months(match) if match else None
    if _BEGINNER.search(words) or months == 0:
        requirement = ExperienceRequirement.BEGINNER
    elif _DESIRED.search(words):
        requirement = ExperienceRequirement.DESIRED
    elif _REQUIRED.search(words) or months is not None or "EXPERIENCE" in words:
        requirement = ExperienceRequirement.REQUIRED
    else:
        requirement = None
    return Experience(text=written, requirement=requirement, months=months)
