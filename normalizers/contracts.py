"""Contract wordings (French, English, ATS enums) read as France Travail `typeContrat` codes."""

from __future__ import annotations

import re

from normalizers.text import collapse, fold
from schemas import Contract

TYPE_LABELS = {
    "CDI": "Contrat à durée indéterminée",
    "CDD": "Contrat à durée déterminée",
    "MIS": "Mission intérimaire",
    "SAI": "Contrat travail saisonnier",
    "LIB": "Profession libérale",
    "CCE": "Profession commerciale",
    "FRA": "Franchise",
    "REP": "Reprise d'entreprise",
    "TTI": "Contrat travail temporaire insertion",
    "DDI": "Contrat durée déterminée insertion",
    "DIN": "CDI Intérimaire",
}
"""France Travail's label of each `typeContrat` code."""

NATURE_WORK = "Contrat travail"
NATURE_APPRENTICESHIP = "Contrat apprentissage"
NATURE_PROFESSIONALISATION = "Cont. professionnalisation"
NATURE_SELF_EMPLOYED = "Emploi non salarié"
NATURE_INSERTION = "Insertion par l'activ.éco."
NATURE_CUI_CAE = "CUI - CAE"
NATURE_CUI_CIE = "CUI - CIE"
NATURE_SITE_CDI = "CDI de chantier ou d'opération"
_SELF_EMPLOYED = frozenset({"LIB", "CCE", "FRA", "REP"})
_INSERTION = frozenset({"DDI", "TTI"})
_WITHOUT_DURATION = frozenset({"CDI", "DIN"}) | _SELF_EMPLOYED

# Checked in this order; a match is blanked out so that "CDI intérimaire" is not also a CDI.
_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("DIN", re.compile(r"\bCDI ?(?:INTERIMAIRE|INTERIM|I)\b|\bCDII\b")),
    ("DDI", re.compile(r"\bCDD (?:D )?INSERTION\b|\bDUREE DETERMINEE (?:D )?INSERTION\b")),
    ("TTI", re.compile(r"\bTRAVAIL TEMPORAIRE (?:D )?INSERTION\b|\bINTERIM (?:D )?INSERTION\b")),
    ("CDI", re.compile(r"\bCDI\b|\bDUREE INDETERMINEE\b|\bPERMANENT\b|\bOPEN ENDED\b")),
    ("CDD", re.compile(r"\bCDD\b|\bDUREE DETERMINEE\b|\bFIXED TERM\b|\bTEMPORARY\b")),
    ("MIS", re.compile(r"\bINTERIM(?:AIRE)?S?\b|\bTRAVAIL TEMPORAIRE\b|\bTEMPING\b")),
    ("SAI", re.compile(r"\bSAISONNIERE?S?\b|\bSEASONAL\b")),
    (
        "LIB",
        re.compile(
            r"\bFREE ?LANCES?\b|\bINDEPENDANTE?S?\b|\bPROFESSION LIBERALE\b|\bLIBERALE?\b"
            r"|\b(?:AUTO|MICRO) ENTREPRENEURS?\b|\bCONTRACTORS?\b|\bSELF EMPLOYED\b"
        ),
    ),
    ("CCE", re.compile(r"\bPROFESSION COMMERCIALE\b|\bAGENTE? COMMERCIAL(?:E)?\b")),
    ("FRA", re.compile(r"\bFRANCHISE\b")),
    ("REP", re.compile(r"\bREPRISE (?:D )?ENTREPRISE\b")),
]
# In a title, only wordings that name a contract (a title "Responsable franchise" does not).
_TITLE_TYPES = {"DIN", "DDI", "CDI", "CDD"}
_TITLE_EXTRA: list[tuple[str, re.Pattern[str]]] = [
    ("MIS", re.compile(r"\bEN INTERIM\b|\bMISSION (?:D )?INTERIM(?:AIRE)?\b")),
    ("SAI", re.compile(r"\bSAISONNIERE?S?\b")),
    ("LIB", re.compile(r"\bFREE ?LANCE\b")),
]
_DESCRIPTION_STATEMENT = re.compile(
    r"\b(?:EN|UN|POSTE EN|TYPE DE CONTRAT|CONTRAT)\s*:?\s*(CDI|CDD)\b(?! ?(?:INTERIM|I\b))"
)
_DESCRIPTION_MENTIONS = re.compile(
    r"\b(CDI|CDD|INTERIM|INTERIMAIRE|ALTERNANCE|APPRENTISSAGE|STAGE|FREELANCE|SAISONNIER)\b"
)
_APPRENTICESHIP = re.compile(
    r"\bAPPRENTISSAGE\b|\bAPPRENTIE?S?\b|\bAPPRENTICESHIP\b|\bALTERNANCE\b|\bALTERNANTE?S?\b"
    r"|\bWORK STUDY\b"
)
_PROFESSIONALISATION = re.compile(r"\bPROFESSIONNALISATION\b|\bCONTRAT PRO\b")
# Natures of a contract of work that France Travail names apart (subsidised, site contracts).
_SPECIAL_NATURES: list[tuple[str, re.Pattern[str]]] = [
    (
        NATURE_CUI_CAE,
        re.compile(
            r"\bCUI ?CAE\b|\bCAE\b|\bPEC\b|\bPARCOURS EMPLOI COMPETENCES?\b"
            r"|\bCONTRAT D ACCOMPAGNEMENT DANS L EMPLOI\b"
        ),
    ),
    (NATURE_CUI_CIE, re.compile(r"\bCUI ?CIE\b|\bCIE\b|\bCONTRAT INITIATIVE EMPLOI\b")),
    (NATURE_SITE_CDI, re.compile(r"\bCDI (?:DE )?(?:CHANTIER|D ?OPERATION)\b")),
]
_INTERNSHIP = re.compile(r"\bSTAGES?\b|\bSTAGIAIRES?\b|\bINTERNSHIPS?\b|\bINTERN\b|\bTRAINEESHIP\b")

_DURATION = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*"
    r"(MOIS|MONTHS?|JOURS?|DAYS?|ANS?|ANNEES?|YEARS?|SEMAINES?|WEEKS?)\b"
    r"(?!\s*(?:/|PAR|PER|SUR|A|EN)\s*(?:SEMAINE|WEEK|7|LA SEMAINE|TELETRAVAIL))"
)
_FULL_TIME = re.compile(r"\bTEMPS (?:PLEIN|COMPLET)\b|\bPLEIN TEMPS\b|\bFULL ?TIME\b")
_PART_TIME = re.compile(r"\bTEMPS PARTIEL\b|\bPART ?TIME\b|\bMI TEMPS\b")
_HOURS = re.compile(
    r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:HEURES?|HOURS?|HRS?|H)(\d{2})?(?![A-Z0-9])"
    r"(?!\s*(?:/|PAR|PER|A|AN)?\s*(?:JOUR|DAY|J)\b)"
    r"(\s*(?:(?:/|PAR|PER|A LA)\s*)?(?:SEMAINE|SEM|WEEK|WK)\b|\s*HEBDO)?"
)
LEGAL_FULL_TIME_HOURS = 35.0


def _words(text: str) -> str:
    """Folded text with punctuation as spaces ("FULL_TIME" and "full-time" read alike)."""
    return " " + re.sub(r"[^0-9A-Z]+", " ", fold(text)) + " "


def _find_types(words: str, patterns: list[tuple[str, re.Pattern[str]]]) -> set[str]:
    codes = set()
    for code, pattern in patterns:
        if pattern.search(words):
            codes.add(code)
            words = pattern.sub(" ", words)
    return codes


def _duration(text: str) -> tuple[int | None, str | None]:
    match = _DURATION.search(fold(text))
    if not match:
        return None, None
    value = float(match.group(1).replace(",", "."))
    unit = match.group(2)
    if unit.startswith(("AN", "YEAR")):
        value, unit_name = value * 12, "mois"
    elif unit.startswith(("MOIS", "MONTH")):
        unit_name = "mois"
    elif unit.startswith(("SEMAINE", "WEEK")):
        value, unit_name = value * 7, "jour"
    else:
        unit_name = "jour"
    rounded = round(value)
    return (rounded, unit_name) if rounded > 0 else (None, None)


def _hours(text: str) -> float | None:
    for match in _HOURS.finditer(fold(text)):
        hours = float(match.group(1).replace(",", "."))
        if match.group(2):
            hours += int(match.group(2)) / 60
        weekly = match.group(3) is not None
        if 0 < hours <= 80 and (weekly or hours >= 10):
            return round(hours, 2)
    return None


def _working_time(texts: list[str]) -> tuple[bool | None, float | None]:
    joined = " ".join(texts)
    words = _words(joined)
    full, part = bool(_FULL_TIME.search(words)), bool(_PART_TIME.search(words))
    hours = _hours(joined)
    full_time = full if full != part else None
    if full_time is None and not (full and part) and hours is not None:
        full_time = hours >= LEGAL_FULL_TIME_HOURS
    return full_time, hours


def _decide(codes: set[str], apprenticeship: bool, internship: bool) -> str | None:
    """One code when the wording is conclusive, else None."""
    if apprenticeship:
        if codes <= {"CDI", "CDD"}:
            return "CDI" if codes == {"CDI"} else "CDD"
        return None
    if internship:
        return None  # France Travail has no typeContrat for an internship
    return next(iter(codes)) if len(codes) == 1 else None


def _read(words: str) -> tuple[str | None, str | None, bool]:
    """(type_contrat, nature, is_internship) of contract wording."""
    codes = _find_types(words, _TYPES)
    professionalisation = bool(_PROFESSIONALISATION.search(words))
    apprenticeship = professionalisation or bool(_APPRENTICESHIP.search(words))
    internship = bool(_INTERNSHIP.search(words))
    type_contrat = _decide(codes, apprenticeship, internship)
    if type_contrat is None:
        return None, None, internship and not apprenticeship
    if apprenticeship:
        nature = NATURE_PROFESSIONALISATION if professionalisation else NATURE_APPRENTICESHIP
    elif type_contrat in _SELF_EMPLOYED:
        nature = NATURE_SELF_EMPLOYED
    elif type_contrat in _INSERTION:
        nature = NATURE_INSERTION
    else:
        nature = next((n for n, pattern in _SPECIAL_NATURES if pattern.search(words)), NATURE_WORK)
    return type_contrat, nature, False


def _from_title(title: str) -> tuple[str | None, str | None]:
    words = _words(title)
    codes = _find_types(words, [(c, p) for c, p in _TYPES if c in _TITLE_TYPES] + _TITLE_EXTRA)
    professionalisation = bool(_PROFESSIONALISATION.search(words))
    apprenticeship = professionalisation or bool(_APPRENTICESHIP.search(words))
    type_contrat = _decide(codes, apprenticeship, bool(_INTERNSHIP.search(words)))
    if type_contrat is None:
        return None, None
    _, nature, _ = _read(words)
    return type_contrat, nature


def _from_description(description: str) -> str | None:
    words = _words(description)
    stated = set(_DESCRIPTION_STATEMENT.findall(words))
    mentioned = {m.replace("INTERIMAIRE", "INTERIM") for m in _DESCRIPTION_MENTIONS.findall(words)}
    if len(stated) == 1 and mentioned == stated and not _find_types(words, _TYPES[:3]):
        return stated.pop()
    return None


def parse_contract(
    text: str | None,
    *,
    working_time: str | None = None,
    title: str | None = None,
    description: str | None = None,
) -> Contract:
    """The contract `text` says, as a France Travail code with its duration and working time.

    When `text` names no contract, an unambiguous title ("CDI - Développeur H/F") or an explicit
    statement of the description ("Poste en CDI", and no other contract mentioned) is used
    instead. An internship, or wording that names several contracts, gives no `type_contrat`:
    no code is better than a wrong one.
    """
    text = collapse(text or "")
    working_time = collapse(working_time or "")
    words = _words(text)
    type_contrat, nature, internship = _read(words)
    duration_source = text
    if type_contrat is None and not internship and not _find_types(words, _TYPES):
        if title:
            type_contrat, nature = _from_title(title)
            duration_source = title if type_contrat else text
        if type_contrat is None and description:
            type_contrat = _from_description(description)
            nature = NATURE_WORK if type_contrat else None
    duration_value, duration_unit = (None, None)
    if type_contrat not in _WITHOUT_DURATION:
        duration_value, duration_unit = _duration(duration_source)
    full_time, hours = _working_time([part for part in (text, working_time) if part])
    return Contract(
        text=text or None,
        type_contrat=type_contrat,
        type_contrat_label=TYPE_LABELS.get(type_contrat) if type_contrat else None,
        duration_value=duration_value,
        duration_unit=duration_unit,
        nature=nature,
        working_time_text=working_time or None,
        full_time=full_time,
        hours_per_week=hours,
    )
