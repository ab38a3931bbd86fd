"""Contract wordings (French, English, ATS enums) read as France Travail `typeContrat` codes."""

from __future__ import annotations

import calendar
import re
from datetime import date

from normalizers.dates import MONTHS
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
NATURE_PACTE = "Contrat pacte"
NATURE_USAGE = "Contrat d'usage"
NATURE_PORTAGE = "Portage salarial"
NATURE_EDUCATIONAL = "Contrat d'Engagement Educatif"
NATURE_INTERMITTENT = "Contrat intermittent"
NATURE_POE = "Prépa.opérationnel.emploi"
NATURE_AFPR = "Act. Formation pré.recrut."
"""France Travail's `natureContrat` labels (referentiel naturesContrats: E1 Contrat travail,
E2 Contrat apprentissage, FS Cont. professionnalisation, NS Emploi non salarié, I1 Insertion par
l'activ.éco., FT CUI - CAE, FU CUI - CIE, CC CDI de chantier ou d'opération, FJ Contrat pacte,
CU Contrat d'usage, PS Portage salarial, EE Contrat d'Engagement Educatif, CI Contrat
intermittent, FV Prépa.opérationnel.emploi, FA Act. Formation pré.recrut.)."""
_SELF_EMPLOYED = frozenset({"LIB", "CCE", "FRA", "REP"})
_INSERTION = frozenset({"DDI", "TTI"})
# A freelance mission has a length ("Mission freelance, 3 mois"); a business of one's own none.
_WITHOUT_DURATION = frozenset({"CDI", "DIN", "CCE", "FRA", "REP"})

# Checked in this order; a match is blanked out so that "CDI intérimaire" is not also a CDI.
_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("DIN", re.compile(r"\bCDI ?(?:INTERIMAIRE|INTERIM|I)\b|\bCDII\b")),
    (
        "DDI",
        re.compile(r"\bCDD ?I\b|\bCDD (?:D )?INSERTION\b|\bDUREE DETERMINEE? (?:D )?INSERTION\b"),
    ),
    ("TTI", re.compile(r"\bTRAVAIL TEMPORAIRE (?:D )?INSERTION\b|\bINTERIM (?:D )?INSERTION\b")),
    # A temp agency's assignment, in English ("Temp agency assignment", "Temporary staffing").
    (
        "MIS",
        re.compile(r"\bTEMP(?:ORARY)? (?:AGENCY|STAFFING)\b|\bTEMP (?:ASSIGNMENT|WORK|JOB)S?\b"),
    ),
    ("SAI", re.compile(r"^ SAISON $")),  # "Saison" alone, as a job board's chip or a field
    ("CDI", re.compile(r"\bCDI\b|\bDUREE INDETERMINEE?\b|\bPERMANENT\b|\bOPEN ENDED\b")),
    ("CDD", re.compile(r"\bCDD\b|\bDUREE DETERMINEE?\b|\bFIXED TERM\b")),
    (
        "MIS",
        re.compile(
            r"\bINTERIM(?:AIRE)?S?\b|\bTRAVAIL TEMPORAIRE\b|\bTEMPING\b|\bMISSIONS? TEMPORAIRES?\b"
        ),
    ),
    (
        "SAI",
        re.compile(
            r"\bSAISONNIERE?S?\b|\bSEASONAL\b|\bSAISON (?:D )?(?:ETE|HIVER)\b"
            r"|\b(?:JOBS?|EMPLOIS?|CONTRATS?) (?:D )?ETE\b|\bJOBS? (?:DE |D )?(?:VACANCES|HIVER)\b"
            r"|\bSUMMER JOBS?\b"
        ),
    ),
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
    ("MIS", re.compile(r"\bEN INTERIM\b|\bMISSIONS? (?:D )?(?:INTERIM(?:AIRE)?|TEMPORAIRES?)\b")),
    (
        "SAI",
        re.compile(
            r"\bSAISONNIERE?S?\b|\bSAISON (?:D )?(?:ETE|HIVER)\b|\b(?:JOBS?|EMPLOIS?) (?:D )?ETE\b"
            r"|\bJOBS? (?:DE |D )?(?:VACANCES|HIVER)\b"
        ),
    ),
    ("LIB", re.compile(r"\bFREE ?LANCE\b|\bINDEPENDANTE?S?\b|\b(?:AUTO|MICRO) ENTREPRENEURS?\b")),
    ("FRA", re.compile(r"\b(?:EN|SOUS) FRANCHISE\b|^ FRANCHISE $")),
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
    (
        NATURE_SITE_CDI,
        re.compile(r"\b(?:CDI|CONTRAT) (?:DE )?(?:CHANTIER|D ?OPERATION)\b"),
    ),
    (NATURE_PACTE, re.compile(r"\bPACTE\b")),
    (NATURE_USAGE, re.compile(r"\b(?:CDD|CONTRAT|CONT) (?:D )?USAGE\b")),
    (NATURE_PORTAGE, re.compile(r"\bPORTAGE(?: SALARIAL)?\b")),
    (NATURE_EDUCATIONAL, re.compile(r"\bCONTRAT D ENGAGEMENT EDUCATIF\b|\bCEE\b")),
    (
        NATURE_INTERMITTENT,
        re.compile(r"\bCDI INTERMITTENT\b|\bCONTRAT (?:DE TRAVAIL )?INTERMITTENT\b"),
    ),
    (
        NATURE_POE,
        re.compile(r"\bPOE[IC]?\b|\bPREPARATION OPERATIONNELLE (?:A L )?EMPLOI\b|\bPREPA OP"),
    ),
    (NATURE_AFPR, re.compile(r"\bAFPR\b|\bACTION DE FORMATION PREALABLE AU RECRUTEMENT\b")),
]
# The type a nature implies when the wording names no other (French labour law: a contrat de
# chantier and a contrat intermittent are CDIs; a CDD d'usage and a PACTE are fixed-term).
_TYPE_OF_NATURE = {
    NATURE_SITE_CDI: "CDI",
    NATURE_INTERMITTENT: "CDI",
    NATURE_USAGE: "CDD",
    NATURE_PACTE: "CDD",
}
_STUDENT_JOB = re.compile(
    r"\b(?:JOBS?|CONTRATS?|EMPLOIS?|POSTES?|TRAVAIL|CDD) (?:D |POUR (?:LES )?)?ETUDIANTE?S?\b"
    r"|\bSTUDENT (?:JOBS?|WORK|CONTRACT)\b|\b(?:JOBS?|CONTRATS?|EMPLOIS?|POSTES?) "
    r"(?:DE |DU |LE |LES )?WEEK ?ENDS?\b|\bWEEK ?END JOBS?\b|\bPETITS? BOULOTS?\b"
)
"""A student's or a week-end job ("Job étudiant", "contrat étudiant", "job week-end"): France
Travail has no type of its own for it, and publishes it as the contract of work it is, a CDD
when no other type is named ("CDI étudiant" is a CDI, "emploi saisonnier étudiant" and "job
d'été" a seasonal contract, SAI)."""


# Wordings of a contract field that name a contract only when nothing else does.
_FALLBACK_TYPES: list[tuple[str, re.Pattern[str]]] = [
    (
        "MIS",
        re.compile(
            r"^ MISSIONS? (?:(?:(?:LONGUE|COURTE) DUREE|(?:DE |D UNE DUREE DE )?\d{1,3} "
            r"(?:MOIS|SEMAINES?|JOURS?|ANS?)|JUSQU (?:AU|A|EN)) .*)?$"
        ),
    ),
    ("CDD", re.compile(r"\bVACATAIRES?\b|\bVACATIONS?\b")),
    # A contract of work given a length and no other name is fixed-term (Code du travail,
    # art. L1242-7): "contrat de 6 mois renouvelable", a label "Contract length: 6 months".
    (
        "CDD",
        re.compile(
            r"\bCONTRAT (?:DE TRAVAIL )?(?:DE |D UNE DUREE DE )\d{1,3} (?:MOIS|SEMAINES?|ANS?)\b"
            # a contract given its end ("contrat jusqu'au 30 juin 2027"): a term, as a length is
            r"|\bCONTRAT (?:DE TRAVAIL )?JUSQU (?:AU|A|EN)\b"
            r"|^ (?:\d{1,3} (?:MOIS|MONTHS?|SEMAINES?|WEEKS?|ANS?|YEARS?) )+"
            r"(?:RENOUVELABLES?|RENEWABLE )?$"
        ),
    ),
]
# Wordings that name a contract only when no type at all is named beside them.
_UNNAMED_FALLBACK_TYPES: list[tuple[str, re.Pattern[str]]] = [
    # "Temporary" (Indeed's and Recruitee's job type) is any work for a time: a CDD by default,
    # an interim mission or a seasonal contract when the offer names one.
    ("CDD", re.compile(r"\bTEMPORARY\b|\bTEMPORAIRE\b")),
    # A public-service "contractuel" is an agent under a contract of public law, fixed-term by
    # default (Code général de la fonction publique, art. L332-8; a CDI only after six years,
    # art. L332-9): a CDD unless a CDI is named; none when the post is also open to titulaires.
    ("CDD", re.compile(r"^(?!.*\bTITULAIRES?\b).*\bCONTRACTUEL(?:LE)?S?\b")),
]
# A volunteering (VIE, VIA, service civique) is no contract of work either (Code du service
# national, art. L120-1 and L122-1): France Travail has no code for it, its words are kept.
_INTERNSHIP = re.compile(
    r"\bSTAGES?\b|\bSTAGIAIRES?\b|\bINTERNSHIPS?\b|\bINTERN\b|\bTRAINEESHIP\b"
    r"|^ VI[EA]\b|\bV I [EA]\b|\bVOLONTARIAT\b|\bSERVICE CIVIQUE\b"
)

_DURATION = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*-?\s*"
    r"(MOIS|MONTHS?|JOURS?|DAYS?|ANS?|ANNEES?|YEARS?|SEMAINES?|WEEKS?)\b"
    r"(?!\s*(?:/|PAR|PER|SUR|A|EN)\s*(?:SEMAINE|WEEK|7|LA SEMAINE|TELETRAVAIL))"
    r"(?!\s*(?:D |DE |OF )?(?:EXP|EXPERIENCE|ANCIENNETE|MINIMUM D EXP|PRATIQUE))"
    # an alternance's rhythm, not its length: "3 semaines en entreprise / 1 semaine à l'école",
    # "2 jours école et 3 jours entreprise", "1 semaine sur 4"
    r"(?!(?:\s+(?:EN|A|L|AU|DE|D|ENTREPRISE|ECOLE|CENTRE|CFA|FORMATION|COURS))*\s*(?:/|ET|SUR)\s*\d)"
)
_NOT_A_DURATION_BEFORE = re.compile(
    r"(?:EXPERIENCE|EXP|ESSAI|PROBATION|TRIAL|DIPLOME|BAC|FORMATION|MINIMUM"
    r"|RYTHME(?: D ALTERNANCE| DE L ALTERNANCE)?)\W*(?:DE |D |OF )?\W*$"
    # the second half of a rhythm: "3 semaines en entreprise / 1 semaine à l'école"
    r"|(?:SEMAINES?|JOURS?|MOIS)(?:\s+(?:EN|A|L|AU|DE|D|ENTREPRISE|ECOLE|CENTRE|CFA|FORMATION"
    r"|COURS))*\s*(?:/|\bET|\bPUIS)\s*$"
)
_FULL_TIME = re.compile(r"\bTEMPS (?:PLEIN|COMPLET)\b|\bPLEIN TEMPS\b|\bFULL ?TIME\b")
_PART_TIME = re.compile(r"\bTEMPS PARTIEL\b|\bPART ?TIME\b|\bMI TEMPS\b")
_HOURS = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:HEURES?|HOURS?|HRS?|H)(\d{2})?(?![A-Z0-9])"
)
_PER_DAY = re.compile(r"\s*(?:/|PAR|PER|A|AN)?\s*(?:JOUR|DAY|J)\b")
_PER_WEEK = re.compile(
    r"\s*(?:(?:/|PAR|PER|A LA|A)\s*)?(?:SEMAINES?|SEM|WEEK|WK)\b|\s*HEBDO|\s*WEEKLY\b"
)
_PER_MONTH = re.compile(r"\s*(?:(?:/|PAR|PER|A)\s*)?(?:MOIS|MONTH)\b|\s*MENSUEL|\s*MONTHLY\b")
# A time of day, not a number of hours: "9h-17h", "de 9h à 17h30", "8h-12h / 14h-18h", "24h/24",
# "dès 6h", "jusqu'à 20h".
_CLOCK_AFTER = re.compile(
    r"\s*(?:[-–—/]|\bA\b|\bAU\b|\bET\b|\bTO\b)\s*(?:\d{1,2}\s*H(?:\d{2})?(?![A-Z])|\d{1,2}:\d{2})"
    r"|\s*/\s*24\b"
)
_CLOCK_BEFORE = re.compile(
    r"(?:(?:\d{1,2}\s*H(?:\d{2})?|\d{1,2}:\d{2})\s*(?:[-–—/]|\bA|\bAU|\bET|\bTO)"
    r"|\b(?:DES|DEPUIS|A PARTIR DE|AVANT|APRES|JUSQU A|VERS|ENTRE|FROM|UNTIL|BEFORE|AFTER))\s*$"
)
# Words that may stand before a weekly total in its clause: "Temps partiel 24h", "soit 35h".
_TOTAL_LEAD = frozenset(
    """TEMPS PLEIN PARTIEL COMPLET MI SOIT ENVIRON DE D A POSTE CONTRAT CDI CDD SUR LA BASE UNE
    EN FULL PART TIME TOTAL DUREE DU TRAVAIL HEBDOMADAIRE""".split()
)
_CLAUSE_SPLIT = re.compile(r"[\n.;,(:|–—]|\s-\s")
MONTH_WEEKS = 52 / 12
"""Weeks in a month: France Travail writes 151,67 h a month for 35 h a week (35 × 52 / 12)."""
CLOCK_HOURS = 24
"""A bare number of hours up to 24 may be a time of day; above, it can only be a total."""
LEGAL_FULL_TIME_HOURS = 35.0


def _words(text: str) -> str:
    """Folded text with punctuation as spaces ("FULL_TIME" and "full-time" read alike)."""
    return " " + re.sub(r"[^0-9A-Z]+", " ", fold(text)) + " "


_PROSPECT = re.compile(
    r"\b(?:POSSIBILITES?|POSSIBLE|PROLONG\w*|RECONDUCT\w*|DEBOUCH\w*|EVOLU\w*|TRANSFORM\w*"
    r"|CONVERSION|EN VUE|A TERME|A L ISSUE|PRE ?EMBAUCHE|EMBAUCHE|PERSPECTIVES?|TITULARISATION"
    r"|INTEGRATION|PUIS|SUIVI|PASSAGE|LEAD(?:S|ING)? TO|TEMP TO PERM|POTENTIAL|OPPORTUNITY)\b"
    r"(?: [A-Z0-9]+){0,6}? (?:CDI|CDD|DUREE (?:IN)?DETERMINEE?|PERMANENT\w*|PERM|FIXED TERM"
    r"|INTERIM\w*)\b"
)
"""A contract named as a prospect of the one offered: "Intérim (possibilité d'embauche en CDI)",
"CDD évolutif en CDI", "CDD de 6 mois puis CDI", "temp to perm"."""
# A type qualified by another: a seasonal CDD is France Travail's SAI ("Contrat travail
# saisonnier", the CDD of Code du travail art. L1242-2 3°); a seasonal interim mission is an
# interim mission (art. L1251-6 3°: the contrat de mission is the contract, the season its cause).
_QUALIFIED = {
    frozenset({"CDD", "SAI"}): "SAI",
    frozenset({"MIS", "SAI"}): "MIS",
}


_NOT_OFFERED = re.compile(
    r"\b(?:PAS (?:DE |D |EN |UN |UNE )?|AUCUN |NI |SANS |HORS |NOT (?:A |AN )?|NO )"
    r"(?:CONTRAT (?:EN |DE )?)?(?:CDI|CDD|INTERIM\w*|SAISONNIER\w*|FREE ?LANCE"
    r"|DUREE (?:IN)?DETERMINEE?|PERMANENT|FIXED TERM|TEMPORARY)\b"
    r"|\b(REMPLACEMENT|REPLACE\w*) (?:(?:D |DE |DU |DES |OF |A |AN |THE )?[A-Z]+ ){1,4}?"
    r"(?:EN |SOUS |ON (?:A )?)"
    r"(?:CDI|CONTRAT A DUREE INDETERMINEE|DUREE INDETERMINEE|PERMANENT\w*)\b"
)
"""Contracts named as not offered: negated ("Pas de CDD : uniquement CDI", "pas d'intérim"),
or the contract of the employee a CDD replaces ("Remplacement d'un salarié en CDI, contrat de 4
mois": a CDD, Code du travail art. L1242-2 1°, the CDI is the absent employee's)."""


def _offered(words: str) -> str:
    """`words` without the contracts named as not offered (`_NOT_OFFERED`)."""
    return _NOT_OFFERED.sub(lambda m: f" {m.group(1)} " if m.group(1) else " ", words)


def _without_prospects(words: str) -> str:
    """`words` without the contracts named as a prospect, when a contract is named besides,
    nor the ones named as not offered."""
    words = _offered(words)
    kept = _PROSPECT.sub(" ", words)
    return kept if kept != words and _find_types(kept, _TYPES) else words


def _student_default(words: str) -> set[str]:
    """{"CDD"} when `words` name a student's or a week-end job (`_STUDENT_JOB`), else {}."""
    return {"CDD"} if _STUDENT_JOB.search(words) else set()


def _find_types(words: str, patterns: list[tuple[str, re.Pattern[str]]]) -> set[str]:
    codes = set()
    for code, pattern in patterns:
        if pattern.search(words):
            codes.add(code)
            words = pattern.sub(" ", words)
    return codes


def _duration(text: str) -> tuple[int | None, str | None]:
    """The contract's length written in `text`: not years of experience nor a trial period."""
    folded = re.sub(r"['\u2019]", " ", fold(text))
    match = next(
        (
            m
            for m in _DURATION.finditer(folded)
            if not _NOT_A_DURATION_BEFORE.search(folded[max(0, m.start() - 30) : m.start()])
        ),
        None,
    )
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


_FULL_MONTH = (
    "JANVIER|FEVRIER|MARS|AVRIL|MAI|JUIN|JUILLET|AOUT|SEPTEMBRE|OCTOBRE|NOVEMBRE|DECEMBRE"
    "|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
)
# A day of a range: a number, "1er", or a part of the month ("mi-juin", "début juillet",
# "fin août", "mid-June", "early July", "end of August").
_RANGE_DAY = r"\d{1,2}|1ER|MI|MID|DEBUT|EARLY|FIN|END OF|LATE"
_RANGE_DATE = rf"(?:(?:LE )?({_RANGE_DAY}) )?({_FULL_MONTH})(?: (\d{{4}}))?"
_DATE_RANGE = re.compile(
    rf"\b(?:DU|DE|D|FROM|BETWEEN) {_RANGE_DATE} (?:AU|A|JUSQU AU|JUSQU A|JUSQU EN|TO|UNTIL|AND) "
    rf"{_RANGE_DATE}\b"
)
# Both days in the month written once: "du 3 au 20 mars", "du 1er au 15 juillet 2027".
_DAYS_OF_ONE_MONTH = re.compile(
    rf"\b(?:DU|FROM|BETWEEN) (\d{{1,2}}|1ER) (?:AU|JUSQU AU|TO|UNTIL|AND) (\d{{1,2}}) "
    rf"({_FULL_MONTH})\b"
)
# Months joined without a preposition: "juillet-août", "juillet/août", "juillet et août".
_MONTH_PAIR = re.compile(rf"\b({_FULL_MONTH}) ?(?:-|–|/|\bET\b|&|\bAND\b) ?({_FULL_MONTH})\b")
_START_DAY = {None: 1, "1ER": 1, "DEBUT": 1, "EARLY": 1, "MI": 15, "MID": 15}
_END_DAY = {"1ER": 1, "DEBUT": 1, "EARLY": 1, "MI": 15, "MID": 15}
"""The day a part of the month stands for: its start (the 1st), its middle (the 15th), its end
(its last day, also the end of a range written as a month alone)."""
_REFERENCE_YEAR = 2001
"""The year of a range whose year is not written: a common one (no 29 February)."""


def _range_length(text: str) -> tuple[int | None, str | None]:
    """The length of the period a contract's words give as a range of dates, in months when it
    runs from a day to the same day of a later month ("du 15 décembre 2026 au 15 avril 2027":
    4 months) or over whole months ("de juin à septembre", "juillet-août", "de début juillet à
    fin août"), else in days, both ends counted ("du 3 au 20 mars": 18 days; "de mi-juin à fin
    août": 15 June to 31 August, 78 days). A range without its years runs forward, over a
    year's end when its second month comes first ("de novembre à mars"). (None, None) when no
    such range, or one longer than three years."""
    words = " " + re.sub(r"[^0-9A-Z]+", " ", fold(text)) + " "
    if match := _DATE_RANGE.search(words):
        day1, month1, year1, day2, month2, year2 = match.groups()
    elif match := _DAYS_OF_ONE_MONTH.search(words):
        day1, day2, month1 = match.groups()
        month2, year1, year2 = month1, None, None
    elif match := _MONTH_PAIR.search(" " + re.sub(r"[^0-9A-Z&/–-]+", " ", fold(text)) + " "):
        month1, month2 = match.groups()
        day1 = day2 = year1 = year2 = None
    elif match := _NUMERIC_RANGE.search(fold(text)):
        return _numeric_range_length(*match.groups())
    else:
        return None, None
    if day2 is None and day1 not in _START_DAY:
        return None, None  # "du 15 juin à septembre": the end's day is not said
    m1, m2 = MONTHS[month1], MONTHS[month2]
    y1 = int(year1) if year1 else (int(year2) - (m2 < m1) if year2 else _REFERENCE_YEAR)
    y2 = int(year2) if year2 else y1 + (m2 < m1)
    last = calendar.monthrange(y2, m2)[1]
    d1 = _START_DAY.get(day1, 0) or (
        calendar.monthrange(y1, m1)[1] if day1 in ("FIN", "END OF", "LATE") else int(day1 or 1)
    )
    d2 = _END_DAY.get(day2, 0) or (last if day2 in (None, "FIN", "END OF", "LATE") else int(day2))
    try:
        return _dated_length(date(y1, m1, d1), date(y2, m2, d2))
    except ValueError:
        return None, None


def _dated_length(first: date, last: date) -> tuple[int | None, str | None]:
    """The length from `first` to `last`, both days of work, in `_range_length`'s units:
    months from a day to the same day of a later month or over whole months, else days (both
    ends counted). (None, None) when `last` comes first or the period is over three years."""
    days = (last - first).days + 1
    if not 0 < days <= 3 * 366:
        return None, None
    months = (last.year - first.year) * 12 + last.month - first.month
    if first.day == last.day and months > 0:
        return months, "mois"
    if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        return months + 1, "mois"
    return days, "jour"


_NUMERIC_DATE = r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?"
# A range of numeric dates, day first: "du 10/12/2026 au 20/04/2027", "10/12 - 20/12".
_NUMERIC_RANGE = re.compile(
    rf"(?<![\d/.]){_NUMERIC_DATE}\s*(?:AU|A|-|–|JUSQU\W*AU|TO|UNTIL)\s*{_NUMERIC_DATE}(?![\d/.]*\d)"
)


def _numeric_range_length(
    day1: str, month1: str, year1: str | None, day2: str, month2: str, year2: str | None
) -> tuple[int | None, str | None]:
    """`_range_length` of a range of numeric dates (years of two digits are 20xx; a range
    without its years runs forward, as a range of month names does)."""
    m1, m2 = int(month1), int(month2)
    y1 = _full_year(year1) if year1 else None
    y2 = _full_year(year2) if year2 else None
    if y1 is None:
        y1 = y2 - (m2 < m1) if y2 is not None else _REFERENCE_YEAR
    if y2 is None:
        y2 = y1 + ((m2, int(day2)) < (m1, int(day1)))
    try:
        return _dated_length(date(y1, m1, int(day1)), date(y2, m2, int(day2)))
    except ValueError:
        return None, None


def _full_year(written: str) -> int:
    return int(written) + 2000 if len(written) == 2 else int(written)


_PART_OF_MONTH_END = {"DEBUT": 1, "EARLY": 1, "MI": 15, "MID": 15}
# The end of a contract, written after "jusqu'au": "jusqu'au 31/08/2027", "jusqu'au 30 juin
# 2027", "jusqu'à fin mars", "jusqu'à la fin du mois de mars", "jusqu'en juin", "until 31 August".
_UNTIL = re.compile(
    r"\b(?:JUSQU\s*(?:AU|A|EN)(?:\s+LA)?|UNTIL|TILL|THROUGH)\s+(?:THE\s+)?(?:"
    rf"{_NUMERIC_DATE}(?![\d/.]*\d)"
    rf"|(1ER|\d{{1,2}})(?:ST|ND|RD|TH)?\s+(?:OF\s+)?({_FULL_MONTH})\b(?:\s+(\d{{4}}))?"
    r"|(?:(FIN|MI|DEBUT|END|MID|EARLY)[\s-]+(?:OF\s+)?(?:DU\s+MOIS\s+)?(?:DE\s+|D\s+)?)?"
    rf"({_FULL_MONTH})\b(?:\s+(\d{{4}}))?)"
)
_NOT_A_TERM = re.compile(
    r"\b(?:VALABLE|ANNONCE|OFFRE|POURVOIR|CANDIDAT\w*|POSTULE\w*|CV|DEPOSE\w*|ENVOYE\w*"
    r"|REPONSES?|LIMITE|INSCRI\w*|OUVERTE?S?|APPLY|APPLICATIONS?|ENTRETIENS?|FORMATIONS?"
    r"|SALONS?|FERMETURE|ESSAI|RECRUTEMENT|INTERVIEWS?|TRAINING)\b"
)
"""Words of a sentence whose "jusqu'au" is not the contract's end: the offer's deadline
("Offre valable jusqu'au 15/12", "Poste à pourvoir jusqu'au 15/12", "Envoyez votre CV
jusqu'au…"), a training's, a trial period's. (A leave, "remplacement d'un congé maternité
jusqu'à fin mars", is the contract's end.)"""


def until_day(text: str | None, *, after: date) -> date | None:
    """The last day of work `text` writes after "jusqu'au", "jusqu'à fin", "jusqu'en" or "until"
    ("CDD jusqu'au 31/08/2027", "remplacement jusqu'à fin mars": the last day of March; "jusqu'en
    juin": the last day of June; "jusqu'à mi-juin": the 15th), None when it writes none. A day
    or month without its year is the first one on or after `after` (the start counted from).
    Numeric dates are day first, the French way."""
    folded = re.sub(r"['\u2019]", " ", fold(text or ""))
    match = _UNTIL.search(folded)
    if match is None:
        return None
    n_day, n_month, n_year, day, month, year, part, month_only, month_year = match.groups()
    if n_day:
        day_of, month_of, year_of = int(n_day), int(n_month), n_year and _full_year(n_year)
    elif day:
        day_of, month_of, year_of = int(day.replace("1ER", "1")), MONTHS[month], year and int(year)
    else:
        month_of, year_of = MONTHS[month_only], month_year and int(month_year)
        day_of = _PART_OF_MONTH_END.get(part or "", 0)
    if not 1 <= month_of <= 12:
        return None
    for year_try in [int(year_of)] if year_of else [after.year, after.year + 1]:
        last = calendar.monthrange(year_try, month_of)[1]
        if not 1 <= (day_of or last) <= last:
            return None
        found = date(year_try, month_of, day_of or last)
        if year_of or found >= after:
            return found
    return None


MONTH_DAYS = 365.25 / 12
"""Days in a month on average, to give in months a period whose first day is not written."""


def term_length(first: date, last: date, *, first_written: bool) -> tuple[int, str] | None:
    """The length of a contract running from `first` to `last` (both days of work counted).

    When the offer writes its first day (`first_written`), in `_range_length`'s units (months
    from a day to the same day of a later month or over whole months, else days). When the
    first day is only the offer's publication or collection, which need not be the first day
    of work, as France Travail gives lengths: days up to a month (31 days), else months rounded
    ("CDD jusqu'au 31/08/2027" published on 30 November 2026: 9 months). None when `last`
    comes before `first` or over three years after it."""
    if first_written:
        value, unit = _dated_length(first, last)
        return (value, unit) if value is not None and unit is not None else None
    days = (last - first).days + 1
    if not 0 < days <= 3 * 366:
        return None
    if days <= 31:
        return days, "jour"
    return max(1, round(days / MONTH_DAYS)), "mois"


_PERIOD_CUE = re.compile(
    r"\b(?:MISSIONS?|PERIODES?|CONTRATS?|POSTES?|EMPLOIS?|JOBS?|SAISON|DATES?|DISPONIBLES?"
    r"|DISPONIBILITES?|REMPLACEMENTS?|RENFORTS?|TRAVAIL|PERIOD|CONTRACT|EMPLOYMENT|CDD"
    r"|INTERIM\w*|SAISONNIERE?S?)\b"
)
_NOT_THE_JOB = re.compile(
    r"\b(?:CANDIDATURES?|POSTULER|ENTRETIENS?|FORMATIONS?|INSCRIPTIONS?|SALONS?|FERMETURE"
    r"|CONGES?|ESSAI|RECRUTEMENT|APPLICATIONS?|INTERVIEWS?|TRAINING)\b"
)
_SENTENCE_END = re.compile(r"[;!?\n]|\.(?!\d)")
_MONTH_WORD = re.compile(rf"\b(?:{_FULL_MONTH})\b|\d[/.]\d")


def period_length(
    text: str | None, *, start: date | None = None, start_written: bool = False
) -> tuple[int, str] | None:
    """The length of the period of work `text` (a description) gives as a range of dates, in
    `_range_length`'s units: ("Mission du 3 au 20 mars" → (18, "jour"), "Période : juillet-août"
    → (2, "mois"), "du 10/12/2026 au 20/04/2027" → (132, "jour")), or, given the day it is
    counted from (`start`: the start the offer writes, `start_written`, else its publication),
    as its last day ("CDD jusqu'au 31/08/2027", "remplacement jusqu'à fin mars": `until_day`,
    `term_length`). Only a range whose sentence names the work ("mission", "période",
    "contrat", "poste", "remplacement", "saison", "dates", "disponible"…) counts, not one of the
    applications, the interviews, a training or the holidays ("Candidatures du 1er au 15
    mars", "Offre valable jusqu'au 15/12"). None when no such range."""
    for sentence in _SENTENCE_END.split(fold(text or "")):
        if not _MONTH_WORD.search(sentence):
            continue
        words = " " + re.sub(r"[^0-9A-Z]+", " ", sentence) + " "
        if not _PERIOD_CUE.search(words):
            continue
        if not _NOT_THE_JOB.search(words):
            value, unit = _range_length(sentence)
            if value is not None and unit is not None:
                return value, unit
        if start is not None and not _NOT_A_TERM.search(words):
            if (last := until_day(sentence, after=start)) is not None:
                if length := term_length(start, last, first_written=start_written):
                    return length
    return None


def _stands_as_total(before: str) -> bool:
    """Whether the clause before a bare "N h" holds only words that lead a weekly total."""
    clause = _CLAUSE_SPLIT.split(before)[-1]
    return all(word in _TOTAL_LEAD for word in re.sub(r"[^0-9A-Z]+", " ", clause).split())


def _hours(text: str) -> float | None:
    """Hours a week that `text` writes: "35h/semaine", "39h hebdo", a label's total "35H Autre",
    "Temps plein (35h)", or a month's hours made weekly ("151,67 h par mois" → 35, France
    Travail's own convention, `MONTH_WEEKS`). Times of day ("9h-17h", "de 9h à 17h30",
    "24h/24", "dès 6h") and hours a day are a schedule, not a total: None for them."""
    folded = fold(text)
    for match in _HOURS.finditer(folded):
        hours = float(match.group(1).replace(",", "."))
        if match.group(2):
            minutes = int(match.group(2))  # "37H30" is 37.5; France Travail's "151H67" is 151.67
            hours += minutes / 60 if minutes < 60 else minutes / 100
        after = match.end()
        if _PER_DAY.match(folded, after) or _CLOCK_AFTER.match(folded, after):
            continue
        before = folded[max(0, match.start() - 60) : match.start()]
        if _CLOCK_BEFORE.search(before):
            continue
        if _PER_MONTH.match(folded, after):
            hours /= MONTH_WEEKS
        elif not _PER_WEEK.match(folded, after) and not (
            hours >= 10 and (hours > CLOCK_HOURS or _stands_as_total(before))
        ):
            continue
        if 0 < hours <= 80:
            return round(hours, 2)
    return None


_PAY_BASIS = re.compile(
    r"\b(?:(?:SUR )?(?:LA )?BASE (?:D UN |DE |D )?|EQUIVALENT |EN EQUIVALENT "
    r"|PRORATA (?:D UN |DU )?|BASED ON (?:A )?)(?:TEMPS (?:PLEIN|COMPLET)|PLEIN TEMPS|FULL ?TIME)\b"
)
"""A full time named as the basis of a pay, not the job's working time ("1 850 € brut / mois
(base temps plein)" on a 17h30 job)."""


def _working_time(texts: list[str]) -> tuple[bool | None, float | None]:
    joined = "\n".join(texts)
    words = _PAY_BASIS.sub(" ", _words(joined))
    full, part = bool(_FULL_TIME.search(words)), bool(_PART_TIME.search(words))
    hours = _hours(joined)
    full_time = full if full != part else None
    if full_time is None and not (full and part) and hours is not None:
        full_time = hours >= LEGAL_FULL_TIME_HOURS
    return full_time, hours


def states_working_time(text: str | None) -> bool:
    """Whether `text` says full or part time or a number of hours a week ("Temps partiel",
    "35h/semaine"), not only a schedule ("Horaires variables", "9h-17h")."""
    full_time, hours = _working_time([text or ""])
    return full_time is not None or hours is not None


def _decide(codes: set[str], apprenticeship: bool, internship: bool) -> str | None:
    """One code when the wording is conclusive, else None."""
    if apprenticeship:
        if codes <= {"CDI", "CDD"}:
            return "CDI" if codes == {"CDI"} else "CDD"
        return None
    if internship:
        return None  # France Travail has no typeContrat for an internship
    codes = {_QUALIFIED.get(frozenset(codes), "")} - {""} if len(codes) == 2 else codes
    return next(iter(codes)) if len(codes) == 1 else None


def _read(words: str) -> tuple[str | None, str | None, bool]:
    """(type_contrat, nature, is_internship) of contract wording."""
    words = _without_prospects(words)
    codes = _find_types(words, _TYPES) or _student_default(words)
    professionalisation = bool(_PROFESSIONALISATION.search(words))
    apprenticeship = professionalisation or bool(_APPRENTICESHIP.search(words))
    internship = bool(_INTERNSHIP.search(words))
    special = next((n for n, pattern in _SPECIAL_NATURES if pattern.search(words)), None)
    if not codes and special in _TYPE_OF_NATURE:
        codes = {_TYPE_OF_NATURE[special]}
    type_contrat = _decide(codes, apprenticeship, internship)
    if type_contrat is None:
        if special and not codes and not internship:
            return None, special, False  # "Portage salarial": CDI or CDD is not said
        return None, None, internship and not apprenticeship
    if apprenticeship:
        nature = NATURE_PROFESSIONALISATION if professionalisation else NATURE_APPRENTICESHIP
    elif type_contrat in _SELF_EMPLOYED:
        nature = NATURE_SELF_EMPLOYED
    elif type_contrat in _INSERTION:
        nature = NATURE_INSERTION
    else:
        nature = special or NATURE_WORK
    return type_contrat, nature, False


def _from_title(title: str) -> tuple[str | None, str | None]:
    words = _without_prospects(_words(title))
    codes = _find_types(
        words, [(c, p) for c, p in _TYPES if c in _TITLE_TYPES] + _TITLE_EXTRA
    ) or _student_default(words)
    professionalisation = bool(_PROFESSIONALISATION.search(words))
    apprenticeship = professionalisation or bool(_APPRENTICESHIP.search(words))
    type_contrat = _decide(codes, apprenticeship, bool(_INTERNSHIP.search(words)))
    if type_contrat is None:
        return None, None
    _, nature, _ = _read(words)
    return type_contrat, nature


def _from_description(description: str) -> str | None:
    words = _offered(_words(description))
    stated = set(_DESCRIPTION_STATEMENT.findall(words))
    mentioned = {m.replace("INTERIMAIRE", "INTERIM") for m in _DESCRIPTION_MENTIONS.findall(words)}
    if len(stated) == 1 and mentioned == stated and not _find_types(words, _TYPES[:3]):
        return stated.pop()
    return None


def names_internship(text: str | None) -> bool:
    """Whether `text` names an internship ("Stage", "Stagiaire", "Internship") and no contract of
    work beside it (an apprenticeship is one).

    France Travail's referentials have no code for it: `typeContrat` (referentiel
    typesContrats: CDI, CDD, MIS, SAI, LIB, CCE, FRA, REP, DDI, TTI, DIN) and `natureContrat`
    name contracts of work, and a stage is made under a convention de stage (Code de
    l'éducation, art. L124-1), not a contract of work. An internship therefore keeps its words
    and gets no code."""
    words = _words(text or "")
    return _read(words)[2]


_INTERNSHIP_LENGTH = re.compile(
    r"\b(?:stages?|stagiaires?|internships?|traineeships?|alternance)\b[^.\n;:]{0,40}?"
    r"(?<![\d.,])\d{1,2}(?:[.,]5)?\s*(?:mois|months?|semaines?|weeks?)\b"
    r"|(?<![\d.,])\d{1,2}[- ]?(?:mois|months?|semaines?|weeks?)\b[^.\n;:]{0,15}?"
    r"\b(?:stages?|internships?|traineeships?)\b",
    re.I,
)


def internship_length(text: str | None) -> tuple[str, int, str] | None:
    """The first phrase of `text` that gives an internship's length: ("stage de 6 mois", 6,
    "mois"), ("Internship (6 months)", 6, "mois"), ("6-month internship", 6, "mois"); weeks as
    days, like a contract's length (`parse_contract`). None when no such phrase: years of
    experience or a trial period are no length."""
    for match in _INTERNSHIP_LENGTH.finditer(text or ""):
        phrase = match.group(0)
        value, unit = _duration(phrase.replace("-", " "))
        if value is not None and unit is not None:
            return phrase + ")" * (phrase.count("(") - phrase.count(")")), value, unit
    return None


# Types a contract read by default may turn out to be: a contract of work given only a length
# (a CDD by default) may be an interim mission, a seasonal or an insertion contract; an
# alternance with no type said (a CDD by default) may be a CDI (Code du travail, art. L6222-7).
_DEFAULT_FITS = {
    "length": frozenset({"CDD", "DDI", "MIS", "SAI", "TTI"}),
    "alternance": frozenset({"CDD", "CDI"}),
    "student": frozenset({"CDD", "CDI", "MIS", "SAI"}),
}


def type_by_default(text: str | None) -> str | None:
    """Why the contract `text` names gets its type by default, or None when it names the type
    itself ("CDI", "Intérim", "Freelance").

    "length": a contract of work given a length and no type ("contrat de 6 mois renouvelable",
    a CDD by default); "alternance": an alternance or apprenticeship that says neither CDD nor
    CDI (a CDD by default); "student": a student's or a week-end job that names no type (a CDD
    by default, `_STUDENT_JOB`). Such a reading yields to a type another snippet names when
    that type fits it (`default_fits`)."""
    words = _offered(_words(text or ""))
    if _find_types(words, _TYPES):
        return None
    if _APPRENTICESHIP.search(words) or _PROFESSIONALISATION.search(words):
        return "alternance"
    if _STUDENT_JOB.search(words):
        return "student"
    if any(pattern.search(words) for _, pattern in _FALLBACK_TYPES + _UNNAMED_FALLBACK_TYPES):
        return "length"
    return None


def default_fits(reason: str, type_contrat: str | None) -> bool:
    """Whether a type named elsewhere fits a contract typed by default for `reason` (see
    `type_by_default`): a length fits CDD, DDI, MIS, SAI and TTI; an alternance CDD and CDI; a
    student's job CDD, CDI, MIS and SAI."""
    return type_contrat in _DEFAULT_FITS.get(reason, frozenset())


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
    no code is better than a wrong one. `text` may be a field's value or a sentence ("CDI à
    pourvoir dès que possible"; "contrat de 6 mois renouvelable", a contract of work given a
    length and nothing else, is a CDD). A VIE or a service civique, like an internship, gets no
    code (`names_internship`).
    France Travail's natures (`natureContrat`, see `NATURE_PACTE`) are read from the wording;
    some imply the type by law ("Contrat de chantier" is a CDI, "CDD d'usage" and "PACTE"
    fixed-term). A contract field that only starts with "Mission" is interim, "Vacataire" a CDD,
    when nothing else is named. When `text` names the type but not its length, the title gives
    it if it names the same type ("CDD" + "Chef de projet (CDD 6 mois)" → 6 months). Years of
    experience and trial periods are not durations.
    """
    text = collapse(text or "")
    working_time = collapse(working_time or "")
    words = _offered(_words(text))
    type_contrat, nature, internship = _read(words)
    if type_contrat is None and nature is None and not internship:
        fallbacks = _FALLBACK_TYPES
        if not _find_types(words, _TYPES):
            fallbacks = fallbacks + _UNNAMED_FALLBACK_TYPES
        type_contrat = next((c for c, pattern in fallbacks if pattern.search(words)), None)
        nature = NATURE_WORK if type_contrat else None
    duration_source = text
    if type_contrat is None and not internship and not _find_types(words, _TYPES):
        if title and (from_title := _from_title(title))[0]:
            type_contrat = from_title[0]
            nature = nature if from_title[1] == NATURE_WORK and nature else from_title[1]
            duration_source = title
        if type_contrat is None and description:
            type_contrat = _from_description(description)
            nature = NATURE_WORK if type_contrat else nature
    duration_value, duration_unit = (None, None)
    if type_contrat not in _WITHOUT_DURATION:
        duration_value, duration_unit = _duration(duration_source)
        if duration_value is None:  # "Saisonnier, de juin à septembre": 4 months
            duration_value, duration_unit = _range_length(duration_source)
        if duration_value is None and title and duration_source is text:
            # "CDD" + "Chef de projet (CDD 6 mois)": the title says how long
            if _find_types(_words(title), _TYPES) == {type_contrat}:
                duration_value, duration_unit = _duration(title)
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
