"""Facts a posting states only in words: labelled lines, sentences and the title's own tail.

The reader finds where the place, the contract, the working time, the pay, the experience and the
start date are written, and hands back the snippet ("Lyon 3e", "CDD de 6 mois", "35 à 40 k€
bruts annuels"); the normalizers of each fact (`resolve_place`, `parse_contract`,
`parse_salary`, `parse_experience`) read the snippet. Nothing here knows one offer: the labels,
the separators and the sentence cues are those French and English postings use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from typing import Literal

from normalizers import referentials
from normalizers.html import html_to_text
from normalizers.memo import text_memo
from normalizers.places import commune_named_in, write_out_districts
from normalizers.salary import paid_by_the_piece
from normalizers.text import collapse, fold, name_key

MAX_DESCRIPTION_CHARS = 30_000
"""Only the start of a longer description is read: facts are stated near the top or in a block."""

MAX_VALUE_CHARS = 200
MAX_PLACE_SENTENCES = 8
MAX_CONTRACT_SENTENCES = 5
MAX_PAY_SENTENCES = 4
"""Pay clauses kept, in the text's order: the first may name no figure ("Rémunération : SMIC")
or no period, and the pay's reader takes the first that gives both."""
MAX_LABEL_LINE_CHARS = 300
TITLE_MEMO_SIZE = 16_384
"""Titles whose snippets are kept (titles repeat: "Aide-soignant H/F")."""


class FactKind(StrEnum):
    """What a snippet is about."""

    PLACE = "place"
    CONTRACT = "contract"
    WORKING_TIME = "working_time"
    SALARY = "salary"
    EXPERIENCE = "experience"
    START = "start"
    CLOSING = "closing"


Origin = Literal["title", "description", "field"]
"""Where a snippet is written; "field" for a source's field not made for the fact (a category)."""

LABEL_CONFIDENCE = 0.9
TITLE_CONFIDENCE = 0.8
PLACED_TITLE_CONFIDENCE = 0.85
"""A title's place written with a preposition or a qualifier ("… à Pessac", "secteur Lyon Sud"):
the words say it is a place, where a bare name may be a brand."""
SENTENCE_CONFIDENCE = 0.7
UNCUED_PLACE_CONFIDENCE = 0.65
"""A name and its code after a bare "à" or "de" ("Boulangerie à Dole (39)"): a place, but
nothing says it is the job's (a subsidiary's, a client's), as "poste basé à" does."""
OPEN_LABEL_CONFIDENCE = 0.85
"""A line whose label is not one of `_LABELS` but is made of a fact's words ("Ville de travail :",
"Fourchette de salaire :", "Statut :"): a label, less sure than a known one."""
CHIP_CONFIDENCE = 0.75
"""A value that alone is a place with its code, a contract or a pay, with no label or after one
that says nothing of it: a job board's chips ("CDI · Annecy (74000) · 2 000 € brut/mois") at the
top of a description, a short line "Nous offrons : Intérim". Surer than a sentence, as the value
is nothing but the fact; less than a label, as no word says it is the offer's."""
COMPANY_PLACE_CONFIDENCE = 0.6
"""A sentence placing the company (its head office, where it was founded), not the job."""


@dataclass(frozen=True)
class TextFact:
    """One snippet of the title or description that states a fact."""

    kind: FactKind
    text: str
    origin: Origin
    confidence: float
    headline: bool = False
    """Read from the description's first line written as a title ("Stage marketing – Toulouse"):
    its place is a title's, a bare name that may be a brand."""


# Labels as postings write them, folded (upper case, no accents, punctuation as spaces).
_LABELS: dict[FactKind, tuple[str, ...]] = {
    FactKind.PLACE: (
        "LIEU", "LIEUX", "LIEU DE TRAVAIL", "LIEU DU POSTE", "LIEU DE LA MISSION",
        "LIEU D EXERCICE",
        "LIEU D AFFECTATION", "LOCALISATION", "LOCALISATION DU POSTE", "LOCALITE", "VILLE",
        "COMMUNE", "POSTE BASE A", "POSTE BASE", "BASE A", "BASEE A", "ADRESSE",
        "ADRESSE DU POSTE", "ADRESSE DE TRAVAIL", "SITE", "SITE DE TRAVAIL", "AGENCE", "SECTEUR",
        "SECTEUR GEOGRAPHIQUE", "ZONE GEOGRAPHIQUE", "EMPLACEMENT", "LOCATION", "JOB LOCATION",
        "WORK LOCATION", "OFFICE", "OFFICE LOCATION", "CITY", "BASED IN", "WORKPLACE",
    ),
    FactKind.CONTRACT: (
        "TYPE DE CONTRAT", "CONTRAT", "CONTRAT PROPOSE", "NATURE DU CONTRAT", "TYPE D EMPLOI",
        "TYPE DE POSTE", "DUREE DU CONTRAT", "DUREE DE LA MISSION", "DUREE DE MISSION",
        "TYPE DE MISSION", "STATUT DU CONTRAT", "JOB TYPE", "EMPLOYMENT TYPE", "CONTRACT",
        "CONTRACT TYPE", "TYPE OF CONTRACT", "TYPE OF EMPLOYMENT", "POSITION TYPE",
        "STATUT", "CONTRACT LENGTH", "CONTRACT DURATION",
    ),
    FactKind.WORKING_TIME: (
        "TEMPS DE TRAVAIL", "DUREE DU TRAVAIL", "DUREE DE TRAVAIL", "DUREE HEBDOMADAIRE",
        "HORAIRES", "HORAIRE", "HORAIRES DE TRAVAIL", "RYTHME", "RYTHME DE TRAVAIL",
        "TEMPS PLEIN OU PARTIEL", "WORKING HOURS", "WORKING TIME", "HOURS", "SCHEDULE",
        "WORK SCHEDULE",
    ),
    FactKind.SALARY: (
        "REMUNERATION", "REMUNERATION PROPOSEE", "REMUNERATION ANNUELLE", "REMUNERATION BRUTE",
        "REMUNERATION MENSUELLE", "REMUNERATION ENVISAGEE", "SALAIRE", "SALAIRE PROPOSE",
        "SALAIRE BRUT", "SALAIRE ANNUEL", "SALAIRE MENSUEL", "SALAIRE INDICATIF", "PACKAGE",
        "PACKAGE SALARIAL", "FOURCHETTE DE SALAIRE", "FOURCHETTE SALARIALE", "GRATIFICATION",
        "TAUX HORAIRE", "TAUX HORAIRE BRUT", "SALAIRE HORAIRE", "SALAIRE DE BASE",
        "SALAIRE FIXE", "REMUNERATION FIXE", "SALAIRE MENSUEL BRUT", "SALAIRE ANNUEL BRUT",
        "SALAIRE BRUT MENSUEL", "SALAIRE BRUT ANNUEL", "REMUNERATION ANNUELLE BRUTE",
        "REMUNERATION MENSUELLE BRUTE", "SALARY", "SALARY RANGE", "STIPEND", "MONTHLY STIPEND",
        "PAY", "PAY RANGE", "COMPENSATION", "WAGE", "BASE SALARY",
    ),
    FactKind.EXPERIENCE: (
        "EXPERIENCE", "EXPERIENCE REQUISE", "EXPERIENCE SOUHAITEE", "EXPERIENCE EXIGEE",
        "EXPERIENCE DEMANDEE", "NIVEAU D EXPERIENCE", "ANNEES D EXPERIENCE", "EXPERIENCE LEVEL",
        "YEARS OF EXPERIENCE", "SENIORITY",
    ),
    FactKind.START: (
        "DATE DE DEBUT", "DEBUT", "DEBUT DU CONTRAT", "DEBUT DE MISSION", "DEBUT DE LA MISSION",
        "PRISE DE POSTE", "DATE DE PRISE DE POSTE", "DEMARRAGE", "DATE DE DEMARRAGE",
        "DATE D EMBAUCHE", "DISPONIBILITE", "A POURVOIR LE", "A POURVOIR A PARTIR DU",
        "A POURVOIR DES LE", "DATE D ENTREE", "DATE D ENTREE EN FONCTION", "ENTREE EN FONCTION",
        "PRISE DE FONCTION", "PRISE DE FONCTIONS", "DATE DE PRISE DE FONCTION",
        "DATE DE PRISE DE FONCTIONS", "START DATE", "STARTING DATE", "START", "JOB START DATE",
        "AVAILABILITY", "DEBUT DE CONTRAT", "DATE DE DEBUT DE CONTRAT",
        "DATE DE DEBUT DU CONTRAT", "DATE DE DEBUT DE MISSION", "DATE DE DEBUT DE LA MISSION",
        "DATE DE PRISE DE POSTE SOUHAITEE", "DATE DE DEBUT SOUHAITEE", "DATE D INTEGRATION",
        "ENTREE EN POSTE", "DATE D ENTREE EN POSTE",
    ),
    FactKind.CLOSING: (
        "DATE LIMITE DE CANDIDATURE", "DATE LIMITE DE CANDIDATURES", "DATE LIMITE DE DEPOT",
        "DATE LIMITE", "DATE DE CLOTURE", "CLOTURE DES CANDIDATURES", "CANDIDATURES AVANT LE",
        "CANDIDATURE AVANT LE", "POSTULER AVANT LE", "A POURVOIR JUSQU AU",
        "OFFRE VALABLE JUSQU AU", "APPLICATION DEADLINE", "DEADLINE", "CLOSING DATE", "APPLY BY",
    ),
}  # fmt: skip
_KIND_OF_LABEL = {label: kind for kind, labels in _LABELS.items() for label in labels}
_LABEL_WORDS = "|".join(
    sorted((label.replace(" ", r"[\s'’]+") for label in _KIND_OF_LABEL), key=len, reverse=True)
)
_LABEL_FIRST_WORDS = frozenset(label.split(" ")[0] for label in _KIND_OF_LABEL)
_LABEL_LAST_WORDS = frozenset(label.split(" ")[-1] for label in _KIND_OF_LABEL)
_FIRST_WORD = re.compile(r"^[\s\-–—•·*▪►➢✓✔>◦‣]*([^\W\d_]+)")
_BULLET = r"[\s\-–—•·*▪►➢✓✔>◦‣o]*"
# A hyphen separates a label only with a space beside it: "Ville-la-Grand" is a name, not
# "Ville" and its value, nor "Lieu-dit" a place label.
_SEPARATOR = r"\s*(?:\(S\)\s*)?(?:[:：–—|=>][:：–—|=>\-]*|(?<=\s)-[:：–—|=>\-]*|-+(?=\s)|\.{2,})\s*"
# A line that starts with a label: "Lieu : Lyon", "- TYPE DE CONTRAT – CDI", "Salary | 40k".
_LABELLED = re.compile(
    rf"{_BULLET}(?P<label>{_LABEL_WORDS})\b(?:\s*\([^)]{{0,30}}\))?(?:{_SEPARATOR}(?P<value>.*))?$"
)
# Where a label may end: its separator, found first as it is rarer than a label's words.
# Both patterns open with the class of their first character, then tell the alternatives apart
# by looking back at it: the regex engine skips to those characters at once. `_SEPARATOR_CHAR`
# finds whether a line has one of [:：|=–—], \s- , -\s, "..", and `_SEPARATOR_AT` matches
# [:：|], =>?, [–—]+, (?<=\s)-+, (?<=[A-Z)])-+(?=\s) or \.{2,}, in that order.
_SEPARATOR_CHAR = re.compile(r"[:：|=–—\s\-.](?:(?<=[:：|=–—])|(?<=\s)-|(?<=-)\s|(?<=\.)\.)")
_SEPARATOR_AT = re.compile(
    r"[:：|=–—.\-](?:(?<=[:：|])|(?<==)>?|(?<=[–—])[–—]*|(?<=\s-)-*|(?<=[A-Z)]-)-*(?=\s)"
    r"|(?<=\.)\.+)"
)
_SEPARATOR_RUN = re.compile(_SEPARATOR)
_LABEL_TOKEN = re.compile(r"[^\s'’]+")
MAX_LABEL_WORDS = max(len(label.split(" ")) for label in _KIND_OF_LABEL)
_BULLET_CHARS = " \t-–—•·*▪►➢✓✔>◦‣o"
_SEGMENT_ENDS = (".", ";", "!", "?", "|", "•", "·", "/", " -", "–", "—", "(", "\t")
# A value ends at a sentence's end or a " | ": "Lieu : Tours. Travail de nuit" is "Tours", and
# "Lieu : Lyon. 45 € par intervention" is "Lyon" (a sentence may open with a number), while
# "Adresse : 5 rue Foch. 69006 Lyon" goes on to the postal code and its town.
_VALUE_STOP = re.compile(r"[!?;]|\s\|\s|\.(?=\s+[A-ZÀ-ÖØ-Þ]|\s*$|\s+\d(?!\d{4}\s+[^\W\d_]{2}))")
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_ABBREVIATIONS = frozenset(
    "BD AV AVE ST STE ENV MIN MAX JANV FEVR AVR JUIL SEPT OCT NOV DEC DR M MME MLLE NO N CF".split()
)
_CELL = re.compile(r"<t[hd]\b", re.I)
_CELL_GAP = re.compile(r"</t[hd]>\s*(?=<t[hd]\b)", re.I)
_ROW_END = re.compile(r"</tr\s*>", re.I)
_TABLE_TAG = re.compile(
    r"</?(?:table|thead|tbody|tfoot|tr|td|th|caption|colgroup|col)\b[^>]*>", re.I
)

# The title: gender marks end the job's name ("Comptable H/F – Lyon 3e").
_GENDER = re.compile(
    r"\(?\b(?:[HFM]\s*/\s*[HFMX](?:\s*/\s*[HFMX])?|HF|FH|[HF]\s*-\s*[FH])\b\)?", re.I
)
_INCLUSIVE = re.compile(r"\((?:e|es|ne|se|le|fe|ve|ère)\)|[.·](?:e|es)\b", re.I)
# "Toulouse/Blagnac" is two segments, "B2B/B2C" and "CDI/CDD" are not cut; "@" is "at" and
# starts the place's segment ("Chef de chantier - CDI @ Sillingy").
_TITLE_SEPARATOR = re.compile(
    r"\s+[-–—|/•:@]\s+|\s+@(?=[A-ZÀ-Þ])|\s[–—|•]|[–—|•]\s|,\s*|\s*[\[\]]\s*|\s{2,}|(?<=[a-zà-ÿ])/(?=[A-ZÀ-Þ])"
)
_PARENTHESES = re.compile(r"\(([^()]*)\)")
# Départements as France Travail's labels name them, the qualifier last: "Garonne (Haute)",
# "Alpes (Hautes)", "Rhin (Bas)", "Sèvres (Deux)"; the name and its qualifier are one place.
_INVERTED_QUALIFIER = re.compile(r"\s*\((?:haute?s?|bas|basses?|deux)\)", re.I)
# "(74)", "(74150)", "(dpt 74)", "(dép. 74)", "(département 74)".
_CODE_IN_PARENTHESES = re.compile(
    r"\((?:(?:dpt|d[ée]p\.?|d[ée]partement)\s*)?(?P<code>\d{2}|2A|2B|97\d|\d{5})\)\s*$", re.I
)
# A title segment that only names a contract: "CDI", "CDD 6 mois", "Intérim", "Stage", or a
# contract and its dates ("Saisonnier, de juin à septembre").
_CONTRACT_WORDS = frozenset(
    """CDI CDD CDII INTERIM INTERIMAIRE MISSION MISSIONS TEMPORAIRE SAISONNIER SAISONNIERE SAISON
    ALTERNANCE APPRENTISSAGE APPRENTI CONTRAT PRO PROFESSIONNALISATION STAGE STAGIAIRE FREELANCE
    FREE LANCE INDEPENDANT INDEPENDANTE LIBERAL LIBERALE TEMPS PLEIN PARTIEL COMPLET MI
    RENOUVELABLE DE D DU EN A ET OU X DUREE DETERMINEE INDETERMINEE MOIS SEMAINE SEMAINES JOUR
    JOURS AN ANS AN H HEURES PERMANENT FIXED TERM TEMPORARY INTERNSHIP CONTRACT CONTRACTOR
    FULL PART TIME SEASONAL APPRENTICESHIP POSTE IMMEDIAT URGENT FRANCHISE FRANCHISE AUTO MICRO
    ENTREPRENEUR ENTREPRISE AU 1ER JANVIER FEVRIER MARS AVRIL MAI JUIN JUILLET AOUT SEPTEMBRE
    OCTOBRE NOVEMBRE DECEMBRE MONTH MONTHS WEEK WEEKS DAYS YEAR YEARS JOB JOBS ETUDIANT ETUDIANTE
    ETUDIANTS ETE VACANCES END WEEKEND FIN DEBUT LONGUE COURTE TEMP AGENCY ASSIGNMENT STAFFING
    TRAVAIL EMPLOI NON SALARIE SALARIEE
    """.split()
)
_CONTRACT_CORE = re.compile(
    r"\b(?:CDI|CDD|CDII|INTERIM\w*|SAISON\w*|ALTERNANCE|APPRENTI\w*|PROFESSIONNALISATION|STAGE"
    r"|FREE ?LANCE|INDEPENDANTE?|LIBERALE?|DETERMINEE|INDETERMINEE|PERMANENT|FIXED|TEMPORAIRE"
    r"|TEMPORARY|INTERNSHIP|SEASONAL|APPRENTICESHIP|CONTRACTOR|TEMPS|FULL|PART|FRANCHISE"
    r"|STAGIAIRE|ENTREPRENEUR|JOBS?|TEMP)\b"
)

# Sentences: cues that the words after them name the place of work.
_NAME = (
    r"(?:\d{5}(?:\s*[,\-–])?\s+)?[A-ZÀ-ÖØ-Þ]"  # "74000 Annecy", "74000, Annecy", "74000 - ANNECY"
)
# Each cue pattern starts with a look at the first letter its alternatives can begin with: the
# regex engine then skips most positions at once instead of trying every alternative (same matches).
# Words that place the work near a town, or in a part of it: "au cœur de Chambéry", "à 10 min
# d'Annecy", "aux portes de Lyon", "sur la Haute-Savoie" (the town is the best guess of where).
_NEAR = (
    r"(?:au|en\s+plein)\s+c(?:œ|oe)ur\s+(?:de|d['’]|du)|(?:en\s+plein\s+|au\s+)centre\s+(?:de|d['’])"
    r"|dans\s+le\s+centre\s+(?:de|d['’])|aux\s+portes\s+(?:de|d['’]|du)"
    r"|à\s+proximité\s+(?:de|d['’]|du)|à\s+côté\s+(?:de|d['’])|à\s+deux\s+pas\s+(?:de|d['’])"
    r"|non\s+loin\s+(?:de|d['’])|proche\s+(?:de|d['’])|près\s+(?:de|d['’])"
    r"|à\s+(?:quelques|\d{1,3})\s*(?:min(?:utes?)?|mn|km|kms|kilomètres?)"
    r"(?:\s+(?:au|à\s+l['’])\s*(?:nord|sud|est|ouest))?\s+(?:de|d['’]|du)"
    r"|au\s+(?:bord|pied)\s+(?:de\s+la\s+|du\s+|des\s+|de\s+l['’]|d['’])?(?:lac|pistes|mont)?\s*(?:de|d['’]|du)"
    r"|à\s+(?:la(?=\s)|l['’])"
    r"|(?:dans|sur)\s+(?:la\s+|le\s+|l['’])?(?:région|agglomération|métropole|commune|ville"
    r"|secteur|zone|bassin|vallée|pays)\s+(?:de|d['’]|du)"
    r"|(?:au|à\s+l['’])\s*(?:nord|sud|est|ouest)\s+(?:de|d['’])"
    r"|(?:dans|sur)\s+(?:(?:la|le|les)(?=\s)|l['’])|en\s+plein\s+c(?:œ|oe)ur\s+de"
)
_PLACE_CUE = re.compile(
    r"(?=[bslipemtrnvucaojàdhgéfBSLIPEMTRNVUCAOJÀDHGÉF])(?:"
    r"\b(?:(?:bas|situ|localis|implant|install)[ée](?:e|\(e\)|[.·]e)?s?"
    # a participle, then a few words before the place: "situé au pied des pistes à Chamonix"
    r"(?:(?:\s+(?-i:[a-zà-ÿ'’]+)){1,4}?(?=\s+(?:à|au|aux)\s))?"
    r"|à pourvoir(?:[^.\n;:]{0,40}?)?|postes?|emplois?|missions?|contrat|travaill\w*|interv\w*"
    r"|déplacements?|tournées?"
    r"|rejoindre|(?:(?:notre|votre|son|sa|ses|nos|vos|leur|cette|cet|une?|l['’]|le|la|au|du)\s*"
    r"|(?m:^)(?=\w))(?:agence|magasin|boutique|restaurant|hôtel"
    r"|établissement|site|entrepôt|usine|siège|bureau|bureaux|centre|cabinet|clinique|EHPAD"
    r"|résidence|dépôt|plateforme|succursale|concession|atelier|antenne|équipe|client|structure"
    r"|entreprise|société|point de vente|supermarché|hypermarché|pharmacie|garage|chantier"
    r"|laboratoire|école|crèche|camping|station"
    # shops, cafés and trades that write where they are: "Bar à Calvi", "Boulangerie à Dole"
    r"|bar|brasserie|café|boulangerie|pâtisserie|boucherie|charcuterie|épicerie|fromagerie"
    r"|poissonnerie|traiteur|pizzeria|crêperie|snack|auberge|gîte|commerce|librairie"
    r"|fleuriste|bijouterie|cave|caviste|ferme|domaine|exploitation|golf|spa|discothèque"
    r"|cinéma|hôpital|mairie|lycée|collège|association)(?:\s+(?!(?:à|au|aux|en|sur)\s)[\w'’*]+){0,3}?"
    r"|CDI|CDD|CDII|stage|alternance|intérim|saisonniers?|saison(?:\s+d['’](?:été|hiver))?)"
    r"(?:\s+(?:de|d['’])\s*\d{1,2}\s*(?:mois|semaines?|jours?|ans?))?"
    r"(?:\s+(?:à\s+partir\s+d[eu]|dès|courant)\s+[\w\s]{1,25}?)?"
    rf"\s+(?P<preposition>{_NEAR}|à|aux|au|en|au sein de|sur|de|d['’])"
    rf"\s*(?-i:(?={_NAME}))"
    rf"|\b(?:based|located|position|role|office|job)\s+(?:in|at)\s+(?:(?:our|the)\s+)?"
    rf"(?-i:(?={_NAME}))"
    # A participle then "a" written without its accent: "Entreprise basée a Fort-de-France".
    rf"|\b(?:bas|situ|localis|implant|install)[ée](?:e|\(e\)|[.·]e)?s?\s+a\s+(?-i:(?={_NAME}))"
    # A postal code after its label, written without a separator: "CP 01000", "Code postal 74000".
    r"|\b(?:CP|C\.P\.|code\s+postal)\s*:?\s*(?=\d{5}\b)"
    # Any "à" or "de" before a name and its code or département: "Boulangerie à Dole (39)
    # recrute", "à Dole (Jura)", "Magasin de Saint-Malo, 35400" (the phrase must end so).
    r"|\b(?P<coded>à|de)\s+(?-i:(?=[A-ZÀ-ÖØ-Þ][\w'’\-]*(?:\s+[\w'’\-]+){0,3}?\s*"
    r"(?:\((?:\d{2}|2A|2B|97\d|\d{5}|[A-ZÀ-ÖØ-Þ][\w'’\-]{2,30})\)|,?\s+\d{5}\b))))",
    re.I,
)
_DEPARTEMENT_TOKEN = re.compile(r"^\(?(?:\d{2}|2A|2B|97\d)\)?[,.;:!?]*$")
_POSTAL_TOKEN = re.compile(r"^\d{5}[,.;:!?]*$")
_SQUARE_CODE = re.compile(r"^\[(\d{2}|2A|2B|97\d|\d{5})\]$", re.I)
_CONNECTORS = frozenset(
    "sur sous en lès les lez le la de du des aux et d' l' st ste saint sainte cedex".split()
)
_PLACE_TOKEN = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w'’\-]*|\d{5}|\d{1,2}(?i:e|er|re|ème|eme|è|st|nd|rd|th)?|\((?:\d{2}|2A|2B|97\d|\d{5})\)"
    r"|[dl]['’][A-ZÀ-ÖØ-Þ][\w'’\-]*|\((?i:haute?s?|bas|basses?|deux)\))$"
)
# Sentences naming a contract ("CDI à pourvoir", "contrat de 6 mois renouvelable", "poste en CDD").
_CONTRACT_SENTENCE = re.compile(
    r"(?=[cmuepisfatj\d])(?:"
    r"\b(?:CDI|CDD|CDII)\b(?:\s+(?:de|d['’])\s+\d{1,2}\s*(?:mois|semaines?|jours?|ans?))?"
    r"|\bcontrat\s+(?:à\s+durée\s+(?:in)?déterminée|d['’]intérim|saisonnier|d['’]apprentissage"
    r"|de\s+professionnalisation|pro\b|en\s+alternance|de\s+\d{1,2}\s*(?:mois|semaines?|jours?|ans?)"
    r"|(?:de\s+travail\s+)?jusqu['’](?:au|à|en)\b)"
    r"(?:\s+(?:de\s+)?\d{1,2}\s*(?:mois|semaines?|jours?))?"
    r"|\bmission\s+(?:d['’])?intérim(?:aire)?(?:\s+de\s+\d{1,2}\s*(?:mois|semaines?|jours?))?"
    r"|\bmissions?\s+temporaires?\b"
    # an alternance, an apprenticeship or an internship and its length: "Alternance 24 mois",
    # "apprentissage de 2 ans", "stage de fin d'études de 6 mois", "6-month internship"
    r"|\b(?:alternance|apprentissage|professionnalisation|stage|internship|apprenticeship)"
    r"(?:\s+(?!(?:d['’]intégration|de\s+formation|d['’]essai)\b)[\w'’-]+){0,4}?\s*\(?\s*"
    r"(?:(?:de|d['’]une\s+durée\s+de|sur|pendant|en|of|for)\s+)?\d{1,2}\s*"
    r"(?:mois|ans?|années?|semaines?|months?|years?|weeks?)\b"
    r"|\b\d{1,2}[- ]?(?:mois|ans|months?|years?)\s+(?:d['’]|en\s+|of\s+)?"
    r"(?:alternance|apprentissage|apprenticeship|internship|stage)\b"
    r"|\b(?:un|une|en|poste|contrat|emploi|mission)\s+(?:\w+\s+)?(?:alternance|apprentissage|intérim"
    r"|saisonnier|freelance|indépendant|franchise|agent commercial|profession libérale"
    r"|(?:auto|micro)[- ]entrepreneur"
    r"|stage(?!\s+(?:d['’]intégration|de\s+formation|d['’]essai)))\b"
    r"|\b(?:jobs?|emplois?)\s+d['’]été\b|\bjobs?\s+de\s+vacances\b"
    r"|\b(?:jobs?|contrats?|emplois?)\s+(?:pour\s+)?étudiante?s?\b"
    r"|\b(?:jobs?|contrats?|emplois?)\s+(?:de\s+|du\s+|le\s+)?week-?ends?\b"
    r"|\b(?:internship|traineeship)\s+(?:of|for)\s+\d{1,2}\s*(?:months?|weeks?)\b"
    r"|\b(?:intérim|mission intérimaire|saisonnier|freelance|indépendant|alternance|apprentissage"
    r"|franchise|profession libérale|stage)"
    r"(?:\s+(?:de\s+)?\d{1,2}\s*(?:mois|semaines?|jours?))?\s+(?:\([^)]{0,40}\)\s+)?à pourvoir\b"
    r"|\b(?:consultante?|formateur|formatrice|agente?|conseill[eè]re?|mandataire|travailleur"
    r"|travailleuse|commerciale?|prestataire|coach|artisan|thérapeute)s?\s+(?:indépendante?s?"
    r"|freelances?)\b|\b(?:statut|sous\s+statut|en\s+tant\s+que)\s+(?:d['’])?(?:indépendante?"
    r"|auto[- ]entrepreneur|micro[- ]entrepreneur|freelance)\b"
    r"|\b(?:permanent|fixed[- ]term|temporary|seasonal|interim|freelance)\s*"
    r"(?:,?\s*(?:(?:full|part)[- ]time|\([^)]{0,20}\))\s*)?\s(?:contract|position|role"
    r"|assignment|job)\b"
    # a sentence that opens with the contract and says nothing else of it: "Fixed term (6
    # months).", "Temporary (agency).", "Auto-entrepreneur basé à Annecy.", "Intérim / 12 mois
    # basé à Lyon."
    r"|(?:(?m:^)|(?<=[.!?]\s))[\s•·*-]*(?:fixed[- ]term|permanent|temporary|intérim|interim"
    r"|(?:auto|micro)[- ]entrepreneur|freelance|indépendante?)"
    r"(?:\s*\([^)]{0,30}\)|\s*/\s*\d{1,2}\s*(?:mois|semaines?|jours?|months?|weeks?))?"
    r"(?=\s*[.;!]|\s*$|\s+(?:basée?s?|based|situé|à\s+pourvoir)\b))",
    re.I,
)
# A line opening with an alternance or an internship, then its particulars: "Alternance, rythme 3
# semaines / 1 semaine, sur 24 mois", "Stage (6 mois)".
_OPENING_NATURE = re.compile(
    r"^[\s•·*-]*(?:alternance|apprentissage|contrat\s+d['’]apprentissage"
    r"|contrat\s+de\s+professionnalisation|stage)\b(?=\s*[,:(–-])",
    re.I | re.M,
)
_WORKING_TIME_SENTENCE = re.compile(
    r"\b(?:temps\s+(?:plein|complet|partiel)|plein\s+temps|mi[- ]temps|full[- ]time|part[- ]time)"
    r"\b(?:\s*(?:\(|de|:|,)?\s*\d{1,2}(?:[.,]\d{1,2})?\s*h(?:eures)?(?:\s*(?:/|par)\s*semaine)?)?"
    r"|\b\d{1,3}(?:[.,]\d{1,2})?\s*h(?:eures|\d{2})?\s*(?:(?:/|par)\s*(?:semaine|sem\b|mois)"
    r"|hebdo\w*|mensuel\w*)",
    re.I,
)
# Pay: an amount with its currency, in a clause that speaks of pay.
# "2073,33 bruts pour 35 heures": gross or net pay written without its currency.
# (The look at the first character skips most positions at once, as `_PLACE_CUE`'s does.)
_CURRENCY = re.compile(
    r"(?=[€£$eskbnugc\s¿\ufffd])(?:[€£$]|\b(?:euros?|eur|smic|usd|gbp|chf)\b"
    r"|(?<=\d)\s?k(?:\s?€|e\b|eur\b|\b)"
    r"|(?<=\d)\s?[¿\ufffd](?!\d)"
    r"|(?<=\d)\s?(?:brut|net)s?\b)",
    re.I,
)
_MONEY = re.compile(
    r"\d[\d\s  .,'’¿\ufffd]*\s*(?:k\s*€|k\s*eur\b|ke\b|k\b|[€£$]|euros?\b|eur\b|(?:brut|net)s?\b"
    r"|(?:usd|gbp|chf)\b|(?<=[\d\s])[¿\ufffd](?!\d))|\bSMIC\b"
    r"|[€£$]\s*\d[\d  .,']*(?:\s?k\b)?",
    re.I,
)
_PAY_CUE = re.compile(
    r"\b(?:r[ée]mun[ée]r\w*|salaires?|salarial\w*|pay[eé]?e?|paid|salary|wages?|brut\w*|net"
    r"|package|gratification|taux horaire|compensation|fixe|fourchette|smic|tjm|stipend"
    r"|daily rate)\b|\d\s?(?:k\s?€|ke\b|k\s?eur\b)",
    re.I,
)
# A period written next to the amount makes it pay: "45 000 € par an", "12,50 € de l'heure",
# "600 €/jour", "2 000 € brut mensuel", "€1,200/month".
_PERIOD_AFTER = re.compile(
    r"\s*(?:bruts?|nets?|HT|gross)?\s*(?:/|par|per|de\s+l['’]|à\s+l['’]|an\b|a\b)?\s*"
    r"(?:an|année|ans|annuel\w*|mois|mensuel\w*|jour|journ\w*|heure|h|horaire|semaine|year|yearly"
    r"|annum|month|monthly|day|hour|hourly|week)\b",
    re.I,
)
# Figures about the company, not the job: the whole clause is not pay.
# An example ("par exemple, un conseiller gagne 2 500 € par mois") is no statement of the pay.
_NOT_PAY = re.compile(
    r"\b(?:chiffre d['’]affaires|capital|CA de|budget|levée|lev[ée]s?|millions?|milliards?"
    r"|turnover|revenue|funding|M€|Md€|par exemple|exemple|for example|for instance)\b",
    re.I,
)
# Benefits: the amount right after them is theirs ("prime de 500 €", "tickets restaurant de
# 9 €"), the clause's other amounts may still be the pay ("2 000 € brut/mois + primes").
_BENEFIT = re.compile(
    r"\b(?:tickets?[- ]restaurants?|titres?[- ]restaurants?|indemnit[ée]s?|primes?|mutuelle"
    r"|bonus|int[ée]ressement|participation|13e mois|forfaits?|paniers?|repas|ch[èe]ques?"
    r"|remboursement|frais|transport|navigo)\b",
    re.I,
)
_BENEFIT_REACH = 40
# A benefit's amount follows it in the same clause: "Transport remboursé, 1 800 € brut" is pay.
_LEAD_END = re.compile(r"[!?;\n+]|[.,](?=\s)")
_AMOUNT_ONLY = re.compile(
    r"^[\s\-–—à/,.;:]*(?:(?:entre|de|et|à|to|from|jusqu['’]?\s?à|up\s+to|à\s+partir\s+de|dès"
    r"|environ|about|\d[\d\s  .,]*)(?![\w'’])[\s\-–—à/,.;:]*)*$",
    re.I,
)
"""A clause holding nothing but amounts and the words of a range or a bound ("45KE - 50KE",
"entre 1800 et 2000 euros", "jusqu'à 45K")."""
_CLAUSE_END = re.compile(r"[!?;\n]|\.(?=\s|$)|(?<!\d)\.(?!\d)")


@dataclass
class TextFacts:
    """The snippets of one offer, most trustworthy first within each kind.

    Labelled lines and the title are read at once; sentences, slower to find, only when a kind
    is asked for with a `minimum` confidence they can reach.
    """

    facts: tuple[TextFact, ...] = ()
    text: str = ""
    _sentences: dict[FactKind, tuple[TextFact, ...]] = field(default_factory=dict, repr=False)

    def of(self, kind: FactKind, minimum: float = 0.0) -> list[TextFact]:
        """The snippets of one kind at least `minimum` sure: labelled ones first, then the
        title's, then sentences."""
        found = sorted(
            (fact for fact in self.facts if fact.kind == kind and fact.confidence >= minimum),
            key=lambda fact: -fact.confidence,
        )
        if kind in _SENTENCE_READERS and self.text and minimum <= SENTENCE_CONFIDENCE:
            if kind not in self._sentences:
                self._sentences[kind] = _sentences_of(kind, self.text)
            found.extend(self._sentences[kind])
        return found


@text_memo
def _sentences_of(kind: FactKind, text: str) -> tuple[TextFact, ...]:
    """The sentences of `text` that state facts of `kind` (`_SENTENCE_READERS`), memoized
    (`normalizers.memo`): the same descriptions come again."""
    return tuple(_SENTENCE_READERS[kind](text))


class _SameLengthFold(dict[int, str]):
    """Folding that keeps one character for one ("Œ" → "O"), so that indexes still match."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))[:1] or " "
        self[code] = folded
        return folded


_SAME_LENGTH = _SameLengthFold()


def _folded(line: str) -> str:
    if line.isascii():
        return line.upper()  # what folding each ASCII character gives
    return line.translate(_SAME_LENGTH)


def _clean_value(value: str) -> str:
    return collapse(value).strip(" .;,*•·-–—|/")[:MAX_VALUE_CHARS]


def _label_key(label: str) -> str:
    return collapse(re.sub(r"[\s'’]+", " ", label))


_DETERMINER_AT_END = re.compile(r"(?:^|\s)(?:VOTRE|NOTRE|VOS|NOS|LE|LA|LES|YOUR|OUR|THE)$")
"""A determiner right before a label ("Votre lieu de travail :"), in folded text."""


def _label_before(folded: str, line: str, separator: int) -> tuple[str, int] | None:
    """The label that ends right before the separator at `separator` ("Lieu", "Type de
    contrat", "Salaire (brut)") and where it starts, or None. A label inside a line must open a
    segment (after ". ", " - ", " | ", ";" …) or be capitalised ("CDD Lieu : Tours"); with a
    dash or a pipe for separator it must be both, so that "notre agence - située…" is no label."""
    window = folded[max(0, separator - 60) : separator].rstrip()
    if window.endswith(")"):
        opening = window.rfind("(")
        if opening < 0 or len(window) - opening > 32:
            return None
        window = window[:opening].rstrip()
    tokens = list(_LABEL_TOKEN.finditer(window))
    if not tokens or tokens[-1].group(0) not in _LABEL_LAST_WORDS:
        return None  # every label ends with one of these words
    offset = max(0, separator - 60)
    for count in range(min(MAX_LABEL_WORDS, len(tokens)), 0, -1):
        chosen = tokens[-count:]
        key = " ".join(token.group(0) for token in chosen)
        kind = _KIND_OF_LABEL.get(key)
        if kind is None:
            continue
        start = offset + chosen[0].start()
        lead = folded[:start].rstrip()
        at_line_start = not lead.strip(_BULLET_CHARS)
        if at_line_start:
            return key, start
        opens = lead.endswith(_SEGMENT_ENDS) or folded[len(lead) : start].count(" ") >= 2
        capital = line[start].isupper()
        colon = folded[separator] in ":："
        if colon and (determined := _DETERMINER_AT_END.search(lead)):
            # "Votre lieu de travail : Annecy.", "Notre salaire : …": the label's determiner
            # opens the line or a segment
            before = lead[: determined.start()].rstrip()
            if not before.strip(_BULLET_CHARS) or before.endswith(_SEGMENT_ENDS):
                return key, start
        if (colon and (opens or lead.endswith(",") or capital)) or (opens and capital):
            return key, start
        return None
    return None


def _value_end(line: str, start: int, end: int) -> int:
    """Where a label's value ends before `end`: at a sentence's end ("Lieu : Tours. Travail de
    nuit") or a " | ", not at an abbreviation's point ("12 bd. Haussmann")."""
    for stop in _VALUE_STOP.finditer(line, start, end):
        if stop.group(0) == ".":
            word = _LAST_WORD.search(line, start, stop.start())
            if word and fold(word.group(0)) in _ABBREVIATIONS:
                continue
        return stop.start()
    return end


_FACT_SEPARATOR = re.compile(r"\s[-–—|/]\s")
"""Between facts a line strings together: "Annecy – CDD 4 mois – 1 900 € net"."""


def _other_fact(part: str, kind: FactKind) -> bool:
    """Whether `part` of a labelled value states another fact than `kind`: a contract (or a
    working time) after a place or a pay, an amount after a place or a contract."""
    if kind in (FactKind.PLACE, FactKind.SALARY) and _names_contract(part):
        return True
    return kind in (FactKind.PLACE, FactKind.CONTRACT) and _MONEY.search(part) is not None


def _own_facts(value: str, kind: FactKind) -> list[tuple[FactKind, str]]:
    """`value` cut where it goes on to other facts, each part with its kind: "Lieu : Annecy –
    CDD 4 mois – 1 900 € net" is the place Annecy, the contract "CDD 4 mois" and the pay
    "1 900 € net"; "Lyon / Villeurbanne" or "Saint-Denis - La Plaine" are kept whole."""
    if kind not in (FactKind.PLACE, FactKind.CONTRACT, FactKind.SALARY):
        return [(kind, value)]
    parts: list[tuple[FactKind, str]] = []
    start = 0
    current = kind
    for separator in _FACT_SEPARATOR.finditer(value):
        rest = value[separator.end() :]
        following = _FACT_SEPARATOR.search(rest)
        part = rest[: following.start()] if following else rest
        if separator.start() > start and _other_fact(part, current):
            parts.append((current, value[start : separator.start()].strip()))
            start = separator.end()
            current = FactKind.CONTRACT if _names_contract(part) else FactKind.SALARY
    parts.append((current, value[start:].strip()))
    return [(part_kind, text) for part_kind, text in parts if text]


# Pictograms that label a line's place as "Lieu :" does ("📍 Lyon", "📌 Rennes", "🏠 Tours"),
# by their Unicode names.
_PLACE_PICTOGRAMS = frozenset(
    unicodedata.lookup(name)
    for name in (
        "ROUND PUSHPIN", "PUSHPIN", "HOUSE BUILDING", "OFFICE BUILDING", "WORLD MAP",
        "EARTH GLOBE EUROPE-AFRICA", "GLOBE WITH MERIDIANS", "CITYSCAPE", "DERELICT HOUSE BUILDING",
        "HOUSE WITH GARDEN", "EUROPEAN POST OFFICE", "SILHOUETTE OF JAPAN",
    )
)  # fmt: skip
_PICTOGRAM_LINE = re.compile(r"^\s*(?P<sign>\S)[\ufe0f\u200d]?\s*(?:[:：–—|-]\s*)?(?P<value>\S.*)$")


def _pictogram_place(line: str) -> TextFact | None:
    """The place a line gives after a place pictogram ("📍 Lyon 3e"), as a labelled line."""
    match = _PICTOGRAM_LINE.match(line)
    if match is None or match["sign"] not in _PLACE_PICTOGRAMS:
        return None
    value = _clean_value(match["value"])
    return TextFact(FactKind.PLACE, value, "description", LABEL_CONFIDENCE) if value else None


def _labelled(lines: list[str]) -> list[TextFact]:
    facts = []
    for number, line in enumerate(lines):
        if not line:
            continue
        if line.lstrip()[:1] in _PLACE_PICTOGRAMS and (pictogram := _pictogram_place(line)):
            facts.append(pictogram)
            continue
        first = _FIRST_WORD.match(line)
        heading = bool(first) and _folded(first.group(1)).upper() in _LABEL_FIRST_WORDS
        if not heading and not _SEPARATOR_CHAR.search(line):
            continue  # most lines: no label, no need to fold them
        folded = _folded(line)
        labels: list[tuple[str, int, int]] = []  # (label, its start, its value's start)
        for separator in _SEPARATOR_AT.finditer(folded):
            if labels and separator.start() < labels[-1][2]:
                continue
            found = _label_before(folded, line, separator.start())
            if found is None:
                continue
            run = _SEPARATOR_RUN.match(folded, separator.start())
            labels.append((found[0], found[1], run.end() if run else separator.end()))
        if not labels and heading and (match := _LABELLED.match(folded)):
            labels.append((_label_key(match["label"]), 0, len(line)))  # "Lieu" alone, a heading
        if not labels:
            facts.extend(_open_label(line, folded))
            continue
        for index, (label, label_start, start) in enumerate(labels):
            following = labels[index + 1][1] if index + 1 < len(labels) else len(line)
            value = _clean_value(line[start : _value_end(line, start, following)])
            if not value and index + 1 == len(labels):
                value = _next_line(lines, number)  # "<dt>Lieu</dt><dd>Lyon</dd>", a bold heading
            if value:
                for kind, text in _own_facts(value, _KIND_OF_LABEL[label]):
                    if kind is FactKind.SALARY and text == value:
                        text = _with_pay_label(line[label_start:start], text)
                    facts.append(TextFact(kind, text, "description", LABEL_CONFIDENCE))
    return facts


# Labels not in `_LABELS`, read by their words: a label holding one of a fact's head words
# ("Ville de travail", "Lieu d'exercice", "Où ?", "Fourchette de salaire", "Type de poste").
_PLACE_HEADS = frozenset(
    """LIEU LIEUX VILLE VILLES LOCALISATION LOCALISATIONS LOCALITE COMMUNE SITE SITES ZONE
    SECTEUR AGENCE ADRESSE EMPLACEMENT AFFECTATION LOCATION LOCATIONS CITY TOWN OFFICE
    WORKPLACE BASED BASE BASEE WHERE""".split()
)
_CONTRACT_HEADS = frozenset("CONTRAT CONTRATS CONTRACT CONTRACTS STATUT EMPLOYMENT".split())
_CONTRACT_KIND_WORDS = frozenset("TYPE TYPES NATURE FORME MODALITE MODALITES GENRE".split())
_CONTRACT_OF_WORDS = frozenset(
    "POSTE EMPLOI MISSION COLLABORATION JOB JOBS EMBAUCHE ENGAGEMENT RECRUTEMENT".split()
)
_PAY_HEADS = frozenset(
    """SALAIRE SALAIRES SALARIAL SALARIALE SALARIALES REMUNERATION REMUNERATIONS PAY SALARY
    SALARIES COMPENSATION WAGE WAGES PACKAGE GRATIFICATION FOURCHETTE TJM""".split()
)
# Words that make a label about something else: "Secteur d'activité", "Type de profil".
_NOT_FACT_LABEL = frozenset(
    """ACTIVITE ACTIVITES PROFIL ENTREPRISE SOCIETE CLIENT CANDIDAT FORMATION DIPLOME
    INTITULE METIER DESCRIPTION REFERENCE QUALITE QUALITES QUALITIES SAVOIR ETRE COMPETENCE
    COMPETENCES SKILLS ATOUT ATOUTS APTITUDES PERSONNALITE PROFILE""".split()
)
MAX_OPEN_LABEL_WORDS = 5
MAX_OPEN_LABEL_LINE_CHARS = 160
_OPEN_LABEL = re.compile(
    r"^[\s\-–—•·*▪►➢✓✔>◦‣]*(?P<label>[A-Z][A-Z'’ ]{0,60}?)\s*(?:\?\s*)?(?:\([^()]{0,30}\)\s*)?"
    r"(?P<separator>[:：]|\s[–—|-]\s)\s*(?P<value>\S.*)$"
)


def _open_label_kind(words: list[str]) -> FactKind | None:
    """The fact a label not in `_LABELS` names by its head words ("VILLE DE TRAVAIL" → place,
    "TYPE DE POSTE" → contract, "FOURCHETTE DE SALAIRE" → pay, "OU" of "Où ?" → place), or
    None; the first head word decides ("Lieu du poste" is a place)."""
    if words == ["OU"] or words == ["WHERE"]:
        return FactKind.PLACE
    if any(word in _NOT_FACT_LABEL for word in words):
        return None
    kind_word = any(word in _CONTRACT_KIND_WORDS for word in words)
    for word in words:
        if word in _PLACE_HEADS:
            return FactKind.PLACE
        if word in _CONTRACT_HEADS or (kind_word and word in _CONTRACT_OF_WORDS):
            return FactKind.CONTRACT
        if word in _PAY_HEADS:
            return FactKind.SALARY
    return None


def _open_label(line: str, folded: str) -> list[TextFact]:
    """The fact of a short "label : value" line whose label is not in `_LABELS`: by the label's
    head words (`_open_label_kind`), else by the value alone when it can only be a place with
    its code, a contract or a pay ("Nous offrons : Intérim", "Où travailler :
    Annecy (74000)")."""
    if len(line) > MAX_OPEN_LABEL_LINE_CHARS:
        return []
    match = _OPEN_LABEL.match(folded)
    if match is None:
        return []
    words = match["label"].replace("'", " ").replace("’", " ").split()
    if not words or len(words) > MAX_OPEN_LABEL_WORDS:
        return []
    start = match.start("value")
    if _value_end(line, start, len(line)) < len(line.rstrip(" .")):
        return []  # "Salaire de jour : 1 850 €. Le salaire de nuit…": a sentence
    value = _clean_value(line[start:])
    if not value:
        return []
    if any(word in _NOT_FACT_LABEL for word in words):
        return []  # "Profil : indépendant", "Qualités : …": the label says what the value is
    kind = _open_label_kind(words)
    if kind is not None:
        return [
            TextFact(part_kind, text, "description", OPEN_LABEL_CONFIDENCE)
            for part_kind, text in _own_facts(value, kind)
        ]
    kind = _chip_kind(value)
    return [TextFact(kind, value, "description", CHIP_CONFIDENCE)] if kind else []


# Chips: a job board's facts at the top of a description, one line of separated segments
# ("CDI · Annecy (74000) · 2 000 € brut/mois", "Intérim | Morzine 74 | 30K - 35K€") or short
# lines each after a pictogram ("📍 Annecy (74000)", "📝 Intérim", "💰 12,50 € de l'heure").
MAX_CHIP_LINES = 8
"""The description's first non-empty lines where chips are looked for."""
MAX_CHIP_LINE_CHARS = 120
MAX_CHIP_CHARS = 60
_CHIP_SEPARATOR = re.compile(r"\s+[·•|–—-]\s+|\s*[·•|]\s*(?=\S)|\t+|\s{3,}")
_AMOUNT_OPENS = re.compile(r"\s*(?:(?:de|entre|from|du)\s+)?[€$£]?\s*\d", re.I)
_CHIP_AMOUNT_END = re.compile(r"(?:\d|€|\$|£|(?<=\d)\s?[kK]€?|\bEUR)\s*$")
_CHIP_CODE = re.compile(r"^\(?(?:\d{2}|2A|2B|97\d|\d{5})\)?$", re.I)
_CODED_NAME = re.compile(
    r"^(?P<name>[A-ZÀ-ÖØ-Þ][\w'’\-]*(?:\s+[\w'’\-]+){0,5}?)\s*"
    r"(?:\((?:\d{2}|2A|2B|97\d|\d{5})\)|[-–,]?\s+(?:\d{2}|2A|2B|97\d|\d{5}))$"
    r"|^\d{5}\s+(?P<after>[A-ZÀ-ÖØ-Þ][\w'’\-]*(?:\s+[\w'’\-]+){0,5})$"
)
_NAME_AND_AREA = re.compile(
    r"^(?P<name>[^(),/]{2,50}?)\s*(?:,|/|\()\s*(?P<area>[^(),/]{3,40}?)\)?$"
)


def _lead_sign(text: str) -> str:
    """`text` without the pictograms and bullets opening it ("📍 Annecy" → "Annecy")."""
    start = 0
    while start < len(text) and (
        text[start] in _BULLET_CHARS
        or text[start] in "\ufe0f\u200d"
        or unicodedata.category(text[start]) in ("So", "Sk", "Co", "Cs")
    ):
        start += 1
    return text[start:]


@cache
def _departement_keys() -> frozenset[str]:
    """The départements' names as `name_key` writes them ("COTES D ARMOR", "ILLE ET VILAINE")."""
    return frozenset(name_key(d.name) for d in referentials.departements().values())


def _named_commune(text: str) -> bool:
    """Whether `text`, written as a name, is a commune's, a département's or a région's ("LES
    HOUCHES", "Sillingy", "Ille Et Vilaine", "Côtes D'Armor")."""
    if not _place_like(text.replace("'", " ").replace("’", " ")):
        return False
    if qualifier := _INVERTED_QUALIFIER.search(text):  # "Savoie (Haute)"
        text = f"{qualifier.group(0).strip(' ()')} {text[: qualifier.start()]}"
    key = name_key(text)
    return (
        key in referentials.communes_by_name_key()
        or key in _departement_keys()
        or key in _region_names()
    )


def _coded_place(text: str) -> bool:
    """Whether `text` is a name with its postal code or département ("Annecy (74000)", "Alex -
    74290", "Archamps 74", "74000 Annecy") or its département or région by name ("Annecy,
    Haute-Savoie", "Morzine / Haute-Savoie", "Bonne (Haute-Savoie)")."""
    if (coded := _CODED_NAME.match(text)) is not None:
        name = coded["name"] or coded["after"]
        return _place_like(name) and not _names_contract(name)
    area = _NAME_AND_AREA.match(text)
    if area is None or not _place_like(area["name"]) or _names_contract(area["name"]):
        return False
    key = area["area"].strip()
    return fold(key).upper().replace("-", " ") in _departement_names() or _region_named(key)


def _chip_kind(text: str, *, bare: bool = False) -> FactKind | None:
    """What a value alone states, when it can only be that: a contract ("Intérim", "Full-time,
    permanent"), a pay (an amount and its currency: "12,50 € de l'heure"), a place with its code
    or its area ("Annecy (74000)", "Morzine 74"), or with `bare` a commune's name alone."""
    if not text or len(text) > MAX_CHIP_CHARS:
        return None
    if _names_contract(text):
        return FactKind.CONTRACT
    if _MONEY.search(text) is not None:
        # An amount, not a sentence about one: "12,50 € de l'heure", "De 30 à 35 k€".
        pay = (
            _AMOUNT_OPENS.match(text) and not _NOT_PAY.search(text) and not _CODED_NAME.match(text)
        )
        return FactKind.SALARY if pay else None
    if _coded_place(text) or (bare and _named_commune(text)):
        return FactKind.PLACE
    return None


def _chip_segments(line: str) -> list[str]:
    """A chips line's segments, a bare code kept with the name before it ("Alex - 74290")."""
    segments: list[str] = []
    start = 0
    for separator in (*_CHIP_SEPARATOR.finditer(line), None):
        end = separator.start() if separator else len(line)
        if (
            separator
            and separator.group(0).strip() in ("-", "–", "—")
            and _AMOUNT_OPENS.match(line, start, end)
            and not (segments and _CHIP_CODE.match(line[start:end].strip()))
            and _CHIP_AMOUNT_END.search(line, 0, end)
            and _AMOUNT_START.match(line, separator.end())
        ):
            continue  # "30K - 35K€" is a range, not two segments
        part = line[start:end].strip(" .;,")
        start = separator.end() if separator else end
        if not part:
            continue
        if segments and _CHIP_CODE.match(part) and not segments[-1][-1:].isdigit():
            segments[-1] = f"{segments[-1]} ({part.strip('()')})"
        else:
            segments.append(part)
    return segments


def _chips(lines: list[str]) -> list[TextFact]:
    """The facts of the chips at the top of a description (see `CHIP_CONFIDENCE`): a line of
    two or more segments of which all but one at most are each a place, a contract or a pay (a
    commune's bare name counts then), else its segments that only name a contract ("Full-time,
    permanent - France"); or short lines that each are one."""
    facts: list[TextFact] = []
    bare_names: list[str] = []
    pays: list[str] = []  # a line that is only an amount: pay when other chips are beside it
    seen = 0
    for line in lines:
        if not line.strip():
            continue
        seen += 1
        if seen > MAX_CHIP_LINES:
            break
        text = _lead_sign(line.strip())
        if not text or len(text) > MAX_CHIP_LINE_CHARS or text.endswith((".", "!", "?", ":")):
            continue
        if (":" in text or "：" in text) and _OPEN_LABEL.match(_folded(text)):
            continue  # a labelled line ("Lieu : Vannes – CDD 3 mois"), read as such
        segments = _chip_segments(text)
        if len(segments) == 1:
            if (kind := _chip_kind(segments[0])) is FactKind.SALARY:
                pays.append(segments[0])
            elif kind:
                facts.append(TextFact(kind, segments[0], "description", CHIP_CONFIDENCE))
            elif _named_commune(segments[0]):
                bare_names.append(segments[0])
            continue
        kinds = [_chip_kind(segment, bare=True) for segment in segments]
        if sum(kind is not None for kind in kinds) < max(2, len(segments) - 1):
            # "Full-time, permanent - France": a contract's words alone are still its chip.
            kinds = [kind if kind is FactKind.CONTRACT else None for kind in kinds]
        if not any(kind in (FactKind.CONTRACT, FactKind.SALARY) for kind in kinds):
            continue  # "Lyon · Paris": a list of places, said nothing of, or no chips
        facts.extend(
            TextFact(kind, segment, "description", CHIP_CONFIDENCE)
            for kind, segment in zip(kinds, segments, strict=True)
            if kind is not None
        )
    if facts and bare_names and not any(fact.kind == FactKind.PLACE for fact in facts):
        facts.append(TextFact(FactKind.PLACE, bare_names[0], "description", CHIP_CONFIDENCE))
    if facts and pays:
        facts.append(TextFact(FactKind.SALARY, pays[0], "description", CHIP_CONFIDENCE))
    return facts


_PAY_LABEL_QUALIFIER = re.compile(
    r"\b(?:BRUTE?S?|NETTE?S?|GROSS|NET|MENSUEL(?:LE)?S?|ANNUEL(?:LE)?S?|HORAIRES?|MONTHLY|ANNUAL"
    r"|YEARLY|HOURLY)\b"
)


def _with_pay_label(label: str, value: str) -> str:
    """A pay's value with its label when the label says what the amount is ("Salaire brut
    annuel : 35 000 €", "Rémunération (nette) : 1 500 €"): gross or net, and for what period,
    are the label's words; else the value alone."""
    if not _PAY_LABEL_QUALIFIER.search(_folded(label)):
        return value
    return collapse(f"{label.strip()} {value}")


def _next_line(lines: list[str], number: int) -> str:
    for line in lines[number + 1 : number + 3]:
        if line.strip():
            if _LABELLED.match(_folded(line)):
                return ""
            return _clean_value(line)
    return ""


@cache
def _departement_names() -> frozenset[str]:
    """The départements' names (COG referential), folded, spaces for hyphens."""
    return frozenset(
        fold(departement.name).upper().replace("-", " ")
        for departement in referentials.departements().values()
    )


@cache
def _region_names() -> frozenset[str]:
    """The régions' names (COG referential), folded, spaces for hyphens."""
    return frozenset(name_key(region.name) for region in referentials.regions().values())


def _region_named(text: str) -> bool:
    """Whether `text` is a région's name ("Auvergne-Rhône-Alpes", "Bretagne")."""
    return name_key(text) in _region_names()


def _departement_named(token: str) -> bool:
    """Whether `token` is a département's name in parentheses ("(Isère)", "(Tarn-et-Garonne)"):
    it tells a namesake apart as "(38)" does."""
    return (
        token.startswith("(")
        and token.endswith(")")
        and fold(token[1:-1]).upper().replace("-", " ") in _departement_names()
    )


@cache
def _commune_name_starts() -> frozenset[str]:
    """Every commune's name (folded, spaces for hyphens) and its first words: "EVIAN LES BAINS",
    "EVIAN LES", "EVIAN"."""
    starts: set[str] = set()
    for key in referentials.communes_by_name_key():
        words = key.split(" ")
        starts.update(" ".join(words[:size]) for size in range(1, len(words) + 1))
    return frozenset(starts)


def _continues_a_name(kept: list[str], word: str) -> bool:
    """Whether a word written in lower case goes on a commune's name begun by `kept` after one of
    its small words ("Evian les" + "bains"): people do not always capitalise every word."""
    if not kept or kept[-1].lower() not in _CONNECTORS or not word.isalpha():
        return False
    return name_key(" ".join((*kept, word))) in _commune_name_starts()


def _accent_free_a(kept: list[str], word: str) -> bool:
    """Whether "a" or "à" goes on a commune's name begun by `kept` ("Pointe a Pitre", "Pointe à
    Pitre" for Pointe-à-Pitre), written with spaces or without its accent."""
    return (
        bool(kept)
        and word.lower() in ("a", "à")
        and (name_key(" ".join((*kept, word))) in _commune_name_starts())
    )


def _place_phrase(text: str) -> tuple[str, int]:
    """The place name that opens `text` and where it ends: "Lyon 3e dans une équipe…" →
    ("Lyon 3e", 7)."""
    kept: list[str] = []
    end = 0
    tokens = list(re.finditer(r"\S+", text[:80]))
    for number, match in enumerate(tokens):
        token = match.group(0)
        following = tokens[number + 1].group(0) if number + 1 < len(tokens) else ""
        if kept and token in ("-", "–") and _DEPARTEMENT_TOKEN.match(following):
            kept.append(f"({following.rstrip(',.;:!?)')})")  # "Laval - 53"
            end = tokens[number + 1].end()
            break
        postal_first = len(kept) == 1 and kept[0].isdigit() and following[:1].isupper()
        if postal_first and token in ("-", "–"):
            continue  # "74000 - ANNECY": the postal code, then its commune
        bare = token.rstrip(",.;:!?")
        closing = token[len(bare) :]
        if square := _SQUARE_CODE.match(bare):
            bare = f"({square[1]})"  # "Chaumont [74]"
        if bare.endswith(")") and "(" not in bare:
            bare, closing = bare[:-1], ")" + closing
        if not (
            _PLACE_TOKEN.match(bare)
            or bare.lower() in _CONNECTORS
            or _departement_named(bare)
            or _continues_a_name(kept, bare)  # "Evian les bains", "Saint-Jean de luz"
            or _accent_free_a(kept, bare)  # "Pointe a Pitre"
        ):
            break
        kept.append(bare)
        end = match.start() + len(bare) + (1 if closing.startswith(")") else 0)
        if closing == "," and _POSTAL_TOKEN.match(following) and not bare.isdigit():
            kept.append(following.rstrip(",.;:!?"))  # "Saint-Malo, 35400"
            end = tokens[number + 1].start() + len(kept[-1])
            break
        if (
            closing == ","
            and not kept[:-1]
            and _POSTAL_TOKEN.match(bare)
            and following[:1].isupper()
        ):
            continue  # "74000, Annecy"
        if closing:
            break
    while kept and kept[-1].lower() in _CONNECTORS - {"cedex"} | {"a", "à"}:
        end = text.rfind(kept.pop(), 0, end)
    return " ".join(kept), end


# Further places after the first: "à Bordeaux ou (à) Toulouse", "à Lyon, Grenoble et Annecy".
_MORE_PLACES = re.compile(r"\s*(?:,\s*(?:ou|et)\b|,|/|\bou\b|\bet\b)\s*(?:(?:à|au|aux)\s+)?")
_ARTICLE_OF = {"au": "Le ", "aux": "Les ", "à la": "La ", "à l'": "L'", "à l’": "L'"}
MAX_LISTED_PLACES = 5


def _place_list(text: str, article: str = "") -> str:
    """The place names that open `text`, joined as `resolve_places` reads a list ("Bordeaux ou
    Toulouse", "Lyon, Grenoble, Annecy"); `article` is the one "au", "aux" held ("Le Mans")."""
    phrase, end = _place_phrase(text)
    if not phrase:
        return ""
    written = article + phrase
    for _ in range(MAX_LISTED_PLACES - 1):
        more = _MORE_PLACES.match(text, end)
        if not more or more.end() == end:
            break
        following, length = _place_phrase(text[more.end() :])
        if not following or following.isdigit() and len(following) < 5:
            break  # "…, à 10 minutes de Genève": a number, not an arrondissement
        separator = re.sub(r"\s*\b(?:à|au|aux)\s*$", "", more.group(0)).strip()
        written += f"{',' if separator == ',' else ' ' + separator} {following}"
        end = more.end() + length
    return written


# A sentence about the company rather than the job: "Notre siège social est situé à Lyon",
# "Entreprise familiale implantée à Lyon", "Société créée à Lyon en 1990".
_COMPANY_SUBJECT = re.compile(
    r"\b(?:si[èe]ge\s+social|entreprise|soci[ée]t[ée]|groupe|enseigne|marque|cabinet|nous\s+sommes"
    r"|cr[ée]{2}e?s?|fond[ée]e?s?|n[ée]e?\s+[àa]|headquarter\w*|company|head\s+office)\b",
    re.I,
)
_JOB_SUBJECT = re.compile(r"\b(?:poste|emploi|mission|vous|job|position|role)\b", re.I)
_SENTENCE_START = re.compile(r"[.!?\n]\s*")


def _about_the_company(text: str, match: re.Match[str]) -> bool:
    """Whether the sentence holding the cue places the company (its head office, where it was
    founded), not the job: the words before the place name the company and not the job."""
    before = max(
        (found.end() for found in _SENTENCE_START.finditer(text, 0, match.start())), default=0
    )
    clause = text[max(before, match.start() - 120) : match.end()]
    return bool(_COMPANY_SUBJECT.search(clause)) and not _JOB_SUBJECT.search(clause)


# Where the job reports, not where it is done: "Vous serez rattaché(e) à l'agence de Vénissieux"
# (an itinerant technician's agency), "rattachée au siège de Lyon".
_ATTACHED_TO = re.compile(r"\brattach[ée]\S*\s+(?:(?:à|au|aux)\s*)?$", re.I)


def _attached_to(text: str, match: re.Match[str]) -> bool:
    """Whether the cue follows "rattaché(e) à": the agency or office the job reports to, which is
    not said to be where the work is done."""
    return bool(_ATTACHED_TO.search(text, max(0, match.start() - 30), match.start()))


# Cues of where the work takes one or what the place is near, weaker than "poste basé à":
# "interventions sur Annecy", "déplacements sur Lyon", "à 10 min d'Annecy", "aux portes de Lyon".
_TRAVEL_CUE = re.compile(r"(?:interv|déplacement|tournée|travaill)", re.I)
_NEARBY = re.compile(
    r"c(?:œ|oe)ur|centre|portes|proximité|côté|pas|loin|proche|près|\d|quelques|nord|sud|est"
    r"|ouest|bord|pied",
    re.I,
)
# Prepositions of an area, not of a town: "en Vienne", "dans la Vienne", "sur la Mayenne".
_IN_AN_AREA = re.compile(r"^(?:en|(?:dans|sur)\s+(?:la|le|les|l['’]))$")
_PLURAL_OR_CONTRACT_CUE = re.compile(r"(?:postes|emplois|missions|contrat)\b", re.I)
_ENDS_CODED = re.compile(r"(?:\(\S[^()]*\)|\b\d{5})$")


# Shops, inns and farms named after a place ("notre Auberge du Moulin de Léré", "l'Hôtel de
# Paris", "la Ferme de Beaulieu"): "de" and a name may be their name, not where the job is; as
# sure as a name after a bare "à" (UNCUED_PLACE_CONFIDENCE), so that a sentence saying where the
# job is ("CDI à pourvoir à Vailly") wins.
_NAMED_LIKE_A_PLACE = re.compile(
    r"\b(?:restaurant|hôtel|auberge|bar|brasserie|café|boulangerie|pâtisserie|boucherie"
    r"|charcuterie|épicerie|fromagerie|poissonnerie|traiteur|pizzeria|crêperie|snack|gîte"
    r"|librairie|fleuriste|bijouterie|cave|ferme|domaine|golf|spa|discothèque|cinéma|camping"
    r"|moulin|château|manoir|chalet|relais)\b",
    re.I,
)


def _place_sentences(text: str) -> list[TextFact]:
    facts = []
    for match in _PLACE_CUE.finditer(text):
        preposition = (match.group("preposition") or "").lower()
        phrase = _place_list(text[match.end() :], _ARTICLE_OF.get(preposition, ""))
        if phrase and fold(phrase.split()[0]).upper() in _CONTRACT_WORDS:
            continue  # "Poste en CDD 12 mois": a contract, not a place and its "12"
        if preposition in ("de", "d'", "d’") and _PLURAL_OR_CONTRACT_CUE.match(match.group(0)):
            continue  # "des postes de Comptables", "contrat de Chef de rang": jobs, not places
        if match.group("coded") and not _ENDS_CODED.search(phrase):
            continue  # "de Renault (Groupe)": no place's code or département after the name
        if phrase and _IN_AN_AREA.match(preposition):
            if _departement_named(f"({phrase})"):
                phrase += " (département)"  # "en Vienne", "dans la Mayenne": not the towns
            elif preposition != "en" and not _region_named(phrase):
                article = preposition.split()[-1].capitalize()
                named = f"{article} {phrase}" if article[-1:].isalpha() else f"{article}{phrase}"
                if name_key(named) not in referentials.communes_by_name_key():
                    continue  # "dans le Centre de tri", "sur la Bonne voie": no area's name
                phrase = named  # "sur Le Havre", "sur LE HAVRE"
        if phrase:
            confidence = (
                COMPANY_PLACE_CONFIDENCE
                if _about_the_company(text, match)
                else UNCUED_PLACE_CONFIDENCE
                if match.group("coded")
                or _TRAVEL_CUE.match(match.group(0))
                or _attached_to(text, match)
                or _NEARBY.search(preposition)
                or (preposition in ("de", "d'", "d’") and _NAMED_LIKE_A_PLACE.search(match[0]))
                else SENTENCE_CONFIDENCE
            )
            facts.append(TextFact(FactKind.PLACE, phrase, "description", confidence))
        if len(facts) >= MAX_PLACE_SENTENCES:
            break
    return facts


# A département's number in brackets ("(42)"), then the words before it that may name a town:
# "Saint-Étienne (42)", "La Roche sur Yon (85)".
_BRACKETED_CODE = re.compile(r"\s*\((?P<code>\d{2}|2[AB]|97\d)\)")
_WORDS_BEFORE = re.compile(r"(?:[^\W\d_][\w'’-]*\s+){0,4}[^\W\d_][\w'’-]*$")
_NAME_PARTICLES = frozenset(
    "sur sous en lès les lez le la de du des d' l' aux au et".replace("'", "").split()
)
MAX_CODED_NAME_WORDS = 5


def _coded_names(text: str, cued: list[TextFact]) -> list[TextFact]:
    """Names of towns followed by their département's number in brackets, wherever a sentence
    writes them and with no cue word ("Rejoignez l'équipe Saint-Étienne (42)", "nos agences
    Vannes (56) et Lorient (56)": one snippet listing both): a place when a commune of that very
    name lies in that département, which the number confirms; as sure as a name and its code
    after a bare "à" (UNCUED_PLACE_CONFIDENCE), less when the sentence places the company. Names
    already read from a cued sentence (`cued`) are not read twice."""
    seen = [name_key(fact.text) for fact in cued]
    facts: list[TextFact] = []
    last_end = -1
    for match in _BRACKETED_CODE.finditer(text):
        before = _WORDS_BEFORE.search(text, max(0, match.start() - 120), match.start())
        if before is None:
            continue
        words = before[0].split()
        for start in range(max(0, len(words) - MAX_CODED_NAME_WORDS), len(words)):
            run = words[start:]
            if not run[0][:1].isupper() or any(
                not word[:1].isupper() and fold(word).lower().rstrip("'’") not in _NAME_PARTICLES
                for word in run
            ):
                continue
            name = " ".join(run)
            if commune_named_in(name, match["code"]) is None:
                continue
            phrase = f"{name} ({match['code']})"
            if any(name_key(phrase) in key for key in seen):
                break
            seen.append(name_key(phrase))
            name_start = before.start() + before[0].rindex(run[0])
            if facts and _LIST_BETWEEN.match(text[last_end:name_start]):
                joined = f"{facts[-1].text}{text[last_end:name_start]}{phrase}"
                facts[-1] = TextFact(FactKind.PLACE, joined, "description", facts[-1].confidence)
            else:
                confidence = (
                    COMPANY_PLACE_CONFIDENCE
                    if _about_the_company(text, match)
                    else UNCUED_PLACE_CONFIDENCE
                )
                facts.append(TextFact(FactKind.PLACE, phrase, "description", confidence))
            last_end = match.end()
            break
        if len(facts) >= MAX_PLACE_SENTENCES:
            break
    return facts


_LIST_BETWEEN = re.compile(r"^\s*(?:,|et|ou|/|&)\s*$", re.I)


def _all_place_sentences(text: str) -> list[TextFact]:
    """Places that sentences give, cued ones first (`_place_sentences`), then names written
    with their département's number anywhere (`_coded_names`), then the towns public employers
    are named after (`employer_places`)."""
    cued = _place_sentences(text)
    found = [*cued, *_coded_names(text, cued)]
    seen = {name_key(fact.text) for fact in found}
    return found + [
        fact for fact in employer_places(text, "description") if name_key(fact.text) not in seen
    ]


EMPLOYER_PLACE_CONFIDENCE = 0.55
"""A town read from a public employer's name ("Mairie de Cayenne", "Centre hospitalier de
Bastia"): most such employers work in their town, but a place stated elsewhere wins."""
# Public employers and services named after their town: "Mairie de Cayenne", "Ville de
# Saint-Laurent-du-Maroni", "Communauté d'agglomération du Pays Basque", "CCAS de Calvi",
# "Centre Hospitalier de Bastia", "CHU de Nantes", "EHPAD de Vire", "Port de Sète", "Lycée
# Jean Moulin de Béziers", "Réseau urbain de Pointe-à-Pitre", "Cuisine centrale de Cayenne".
_EMPLOYER_PLACE = re.compile(
    r"(?=[mvcaehplrosgiMVCAEHPLROSGI])\b(?:mairie|ville|commune|CCAS|CIAS|communauté\s+(?:de\s+"
    r"communes|d['’]agglomération|urbaine)|agglomération|métropole|centre\s+hospitalier"
    r"(?:\s+(?:universitaire|régional|intercommunal|général))*|CHU|CHR|CHI|CH|hôpital|EHPAD"
    r"|port|aéroport|lycée|collège|groupe\s+scolaire|réseau(?:\s+urbain|\s+de\s+bus)?"
    r"|cuisine\s+centrale|office\s+de\s+tourisme)"
    # up to four words of its own name first: "Lycée Jean Moulin de Béziers"
    r"(?:\s+(?!(?:de|du|des|d['’])\s)(?-i:[A-ZÀ-ÖØ-Þ][\w'’-]*)){0,4}?"
    r"\s+(?P<preposition>de\s+la|de\s+l['’]|de|du|des|d['’])\s*(?-i:(?=[A-ZÀ-ÖØ-Þ]))",
    re.I,
)
_EMPLOYER_ARTICLE = {"du": "", "des": "", "de la": "La ", "de l'": "L'", "de l’": "L'"}
_BRACKETED_AFTER = re.compile(r"\s*(\([^()\d]{3,30}\))")
MAX_EMPLOYER_PLACES = 3


def employer_places(text: str, origin: Origin) -> list[TextFact]:
    """The towns public employers are named after in `text` (a title, a description, a company
    field): "Mairie de Cayenne" → "Cayenne", "Ville de Saint-Benoît (La Réunion)" → "Saint-Benoît
    (La Réunion)", "Communauté d'agglomération du Pays Basque" → "Pays Basque"; each as a snippet
    of `origin` with EMPLOYER_PLACE_CONFIDENCE. "du", "des" lose their article ("Port du Havre"
    is read "Havre", which names Le Havre)."""
    facts: list[TextFact] = []
    for match in _EMPLOYER_PLACE.finditer(text[:MAX_DESCRIPTION_CHARS]):
        preposition = collapse(match["preposition"].lower())
        phrase, end = _place_phrase(text[match.end() :])
        if not phrase or phrase.isdigit():
            continue
        if not _ENDS_CODED.search(phrase) and (
            bracket := _BRACKETED_AFTER.match(text, match.end() + end)
        ):
            phrase += " " + bracket[1]  # "Saint-Benoît (La Réunion)"
        phrase = _EMPLOYER_ARTICLE.get(preposition.replace("’", "'"), "") + phrase
        facts.append(TextFact(FactKind.PLACE, phrase, origin, EMPLOYER_PLACE_CONFIDENCE))
        if len(facts) >= MAX_EMPLOYER_PLACES:
            break
    return facts


def _clause_around(text: str, start: int, end: int) -> str:
    """The clause holding text[start:end]: from the previous sentence end to the next one."""
    before = max(
        (m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 160), start)),
        default=max(0, start - 160),
    )
    after_match = _CLAUSE_END.search(text, end, end + 160)
    after = after_match.start() if after_match else min(len(text), end + 160)
    return collapse(text[before:after])


# A sentence that is nothing but a contract: "Saisonnier.", "Intérim, 2 semaines.", "CDI."
_CONTRACT_WORD = re.compile(
    r"\b(?:CDI|CDD|saisonni[eè]re?s?|int[ée]rim(?:aire)?|stage|stagiaire|alternance|apprentissage"
    r"|freelance|ind[ée]pendante?|franchise|seasonal|internship)\b",
    re.I,
)


_PLACE_AFTER_CONTRACT = re.compile(r"\s+(?:à|au|aux|en|sur)\s+(?=[A-ZÀ-ÖØ-Þ])")


def _before_place(clause: str) -> str:
    """The words of `clause` before a place it ends on: "Intérim à Lyon" → "Intérim"."""
    return _PLACE_AFTER_CONTRACT.split(clause, maxsplit=1)[0]


_TEMPORARY_WORK = re.compile(
    r"\bint[ée]rim\w*|\btravail\s+temporaire|\bagences?\s+d['’]emploi|(?-i:\bETT\b)"
    r"|\b(?:Adecco|Manpower|Randstad|Proman|Start\s+People|Supplay|Gojob|Temporis|Expectra"
    r"|Partnaire)\b",
    re.I,
)
"""Words of a temporary work agency's offer: intérim, travail temporaire, an "agence d'emploi"
(as the agencies' federation, Prism'emploi, names them), an ETT, or the name of one of the
largest networks."""
_MISSION = re.compile(
    r"(?=[mM])\bmissions?\s+(?:(?:de|d['’]une\s+durée\s+de)\s+\d{1,3}\s*(?:mois|semaines?|jours?)\b"
    r"|(?:longue|courte)\s+durée\b|jusqu['’](?:au|à|en)\b)",
    re.I,
)
"""A mission given a length or an end ("Mission de 3 semaines", "mission longue durée",
"mission jusqu'au 20/12"), not the word for a job's duties ("Vos missions :", "Missions
principales")."""


def names_temporary_work(text: str | None) -> bool:
    """Whether `text` (a title or a description) is a temporary work agency's (`_TEMPORARY_WORK`):
    its "mission de 3 semaines" is then an interim mission (Code du travail, art. L1251-1: the
    agency's contract with the worker is the contrat de mission)."""
    return bool(text) and _TEMPORARY_WORK.search(text) is not None


def _missions(text: str, said: set[str]) -> list[TextFact]:
    """The missions a temporary work agency's text gives a length or an end (`_MISSION`), from
    the word "mission" to the clause's end ("Mission de 3 semaines à Lyon")."""
    facts: list[TextFact] = []
    for mission in _MISSION.finditer(text):
        end = _CLAUSE_END.search(text, mission.end(), mission.end() + 160)
        clause = collapse(text[mission.start() : end.start() if end else mission.end() + 160])
        if clause not in said:
            said.add(clause)
            phrase = _own_phrase(clause, _states_contract, _another_fact_than_contract)
            facts.append(TextFact(FactKind.CONTRACT, phrase, "description", SENTENCE_CONFIDENCE))
    return facts


def _contract_sentences(text: str) -> list[TextFact]:
    facts: list[TextFact] = []
    said: set[str] = set()
    found = list(_CONTRACT_SENTENCE.finditer(text))
    if opening := list(_OPENING_NATURE.finditer(text)):
        found = sorted(found + opening, key=lambda match: match.start())
    for contract in found:
        if len(facts) >= MAX_CONTRACT_SENTENCES:
            break
        clause = _clause_around(text, contract.start(), contract.end())
        if clause not in said:  # "en Intérim, CDD, CDI": one clause, one snippet
            said.add(clause)
            phrase = _own_phrase(clause, _states_contract, _another_fact_than_contract)
            facts.append(TextFact(FactKind.CONTRACT, phrase, "description", SENTENCE_CONFIDENCE))
    if (
        len(facts) < MAX_CONTRACT_SENTENCES
        and _MISSION.search(text)  # rarer than the words of temporary work: looked for first
        and names_temporary_work(text)
    ):
        facts.extend(_missions(text, said)[: MAX_CONTRACT_SENTENCES - len(facts)])
    if facts:
        return facts
    for word in _CONTRACT_WORD.finditer(text):
        if len(facts) >= MAX_CONTRACT_SENTENCES:
            break
        clause = _clause_around(text, word.start(), word.end())
        if clause not in said and len(clause) <= 40 and _names_contract(_before_place(clause)):
            said.add(clause)
            phrase = _own_phrase(clause, _states_contract, _another_fact_than_contract)
            facts.append(TextFact(FactKind.CONTRACT, phrase, "description", SENTENCE_CONFIDENCE))
    return facts


_CONTRACT_TYPE_WORD = re.compile(
    r"(?=[cisflpt])\b(?:CDI|CDD|CDII|int[ée]rim(?:aire)?|saisonni[eè]re?s?|freelance"
    r"|franchise|profession\s+lib[ée]rale|permanent|fixed[- ]term|temporary|seasonal)\b",
    re.I,
)
MAX_TYPE_CLAUSES = 8


def contract_type_words(text: str) -> set[str]:
    """The words of `text` (plain text) that name a contract type, lower-cased ("cdi",
    "saisonnier", "fixed-term"): a quick look at which types the text names at all, before
    reading its clauses (`contract_type_clauses`)."""
    return {word.group(0).lower() for word in _CONTRACT_TYPE_WORD.finditer(text)}


def contract_type_clauses(text: str) -> list[TextFact]:
    """Each clause of `text` (plain text) that names a contract type ("Poste en CDD de 3
    mois", "en Intérim, CDD, CDI"), once, in the text's order, at most MAX_TYPE_CLAUSES: a
    quicker reading than the sentences `TextFacts.of` gives, for checking a structured contract
    against the text. "Indépendant" alone is left out: it describes a person or a company
    ("autonome et indépendant", "acteur indépendant") more often than a contract. Memoized
    (`normalizers.memo`): the same descriptions come again."""
    return list(_contract_type_clauses(text))


@text_memo
def _contract_type_clauses(text: str) -> tuple[TextFact, ...]:
    clauses: list[TextFact] = []
    said: set[str] = set()
    for word in _CONTRACT_TYPE_WORD.finditer(text):
        clause = _clause_around(text, word.start(), word.end())
        if clause not in said:
            said.add(clause)
            clauses.append(TextFact(FactKind.CONTRACT, clause, "description", SENTENCE_CONFIDENCE))
            if len(clauses) >= MAX_TYPE_CLAUSES:
                break
    return tuple(clauses)


# A full time named as the basis of a pay: "1 850 € brut / mois (base temps plein)".
_PAY_BASIS_BEFORE = re.compile(
    r"(?:\bbase|équivalent|prorata|based\s+on)(?:\s+(?:d['’]un|de|du|a))?\s*$", re.I
)


def _working_time_sentences(text: str) -> list[TextFact]:
    working_time = next(
        (
            match
            for match in _WORKING_TIME_SENTENCE.finditer(text)
            if not _PAY_BASIS_BEFORE.search(text, max(0, match.start() - 30), match.start())
        ),
        None,
    )
    if not working_time:
        return []
    snippet = working_time.group(0)
    return [TextFact(FactKind.WORKING_TIME, snippet, "description", SENTENCE_CONFIDENCE)]


def _is_pay(text: str, money: re.Match[str], clause: str) -> bool:
    """Whether the amount `money` in `clause` is the job's pay: a pay word in the clause, a
    period next to the amount, or a clause that is nothing but amounts ("45KE - 50KE")."""
    if _NOT_PAY.search(clause):
        return False
    lead = text[max(0, money.start() - _BENEFIT_REACH) : money.start()]
    lead = lead[max((end.end() for end in _LEAD_END.finditer(lead)), default=0) :]
    benefits = list(_BENEFIT.finditer(lead))
    if benefits and not _PAY_CUE.search(lead, benefits[-1].end()):
        return False  # "prime de 500 €": the amount is the benefit's
    if _PAY_CUE.search(clause) or _PERIOD_AFTER.match(text, money.end()):
        return True
    if paid_by_the_piece(text[money.end() :]):  # "45 € par intervention"
        return True
    return bool(_AMOUNT_ONLY.match(_MONEY.sub(" ", clause)))


# Between the phrases of a clause: "CDI à Orléans, 1 900 € net" (not a dash: "45 000 - 55 000 €").
_PHRASE_BREAK = re.compile(r",\s+")
_PLACE_PHRASE = re.compile(r"(?:^|\s)(?:à|au|aux|sur|basée?s?\s+à)\s+[A-ZÀ-ÖØ-Þ]")


def _states_contract(phrase: str) -> bool:
    return _names_contract(_before_place(phrase)) or bool(_CONTRACT_WORD.search(phrase))


def _another_fact_than_pay(phrase: str) -> bool:
    """Whether a phrase without an amount states a contract, a working time or a place."""
    if _MONEY.search(phrase) or _PAY_CUE.search(phrase):
        return False
    return (
        _states_contract(phrase)
        or _WORKING_TIME_SENTENCE.search(phrase) is not None
        or _PLACE_PHRASE.search(phrase) is not None
    )


def _another_fact_than_contract(phrase: str) -> bool:
    """Whether a phrase naming no contract states a pay or a working time."""
    if _states_contract(phrase):
        return False
    return _MONEY.search(phrase) is not None or _WORKING_TIME_SENTENCE.search(phrase) is not None


def _own_phrase(
    clause: str,
    own: Callable[[str], bool],
    other: Callable[[str], bool],
    leading: Callable[[str], bool] | None = None,
) -> str:
    """The phrases of `clause` around the first that states the fact (`own`), up to those that
    state other facts (`other`), and before it only those `leading` accepts when given: the pay
    of "CDI à Orléans, 1 900 € net" is "1 900 € net", its contract "CDI à Orléans"; "2 000 €
    brut, selon expérience" is kept whole. The phrases are parted by ", "."""
    bounds = [0]
    for cut in _PHRASE_BREAK.finditer(clause):
        bounds.extend((cut.start(), cut.end()))
    bounds.append(len(clause))
    phrases = [clause[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
    anchor = next((i for i, phrase in enumerate(phrases) if own(phrase)), None)
    if len(phrases) == 1 or anchor is None:
        return clause
    first = anchor
    while first > 0 and not other(phrases[first - 1]) and (leading or bool)(phrases[first - 1]):
        first -= 1
    last = anchor
    while last < len(phrases) - 1 and not other(phrases[last + 1]):
        last += 1
    return clause[bounds[2 * first] : bounds[2 * last + 1]].strip()


# A pay set by law or by a collective agreement, written with no figure: "Gratification légale",
# "Rémunération selon barème légal", "Salaire selon grille CCN 66", "selon la convention
# collective".
SCALE_PAY = re.compile(
    r"\b(?:gratification|rémunération|salaire|indemnité\s+de\s+stage|stipend)s?\b"
    r"[^.;!?\n]{0,30}?(?:\blégale?s?\b|\bbarème|\bgrilles?\b|\bconvention\s+collective"
    r"|\bCCN\b|\bindiciaire)"
    r"|\bselon\s+(?:le\s+|la\s+)?(?:barème|grille)\b",
    re.I,
)


def _scale_pay_sentences(text: str) -> list[TextFact]:
    """The clauses that name a pay set by law or by a collective agreement (`SCALE_PAY`)."""
    facts: list[TextFact] = []
    for scale in SCALE_PAY.finditer(text):
        clause = _clause_around(text, scale.start(), scale.end())
        if all(fact.text != clause for fact in facts):
            facts.append(TextFact(FactKind.SALARY, clause, "description", SENTENCE_CONFIDENCE))
        if len(facts) >= MAX_PAY_SENTENCES:
            break
    return facts


def _pay_sentences(text: str) -> list[TextFact]:
    facts: list[TextFact] = []
    for currency in _CURRENCY.finditer(text):
        start = max(0, currency.start() - 24)
        # The amount this currency belongs to, not one of the clause before it ("prime de
        # 500 €. Salaire : 2 000 €").
        money = next(
            (
                found
                for found in _MONEY.finditer(text, start, currency.end() + 12)
                if found.start() <= currency.start() < found.end()
            ),
            None,
        )
        if money is None:
            continue
        clause = _clause_around(text, money.start(), money.end())
        if not _is_pay(text, money, clause):
            continue
        phrase = _own_phrase(clause, _MONEY.search, _another_fact_than_pay, _PAY_CUE.search)
        if any(fact.text == phrase for fact in facts):
            continue
        facts.append(TextFact(FactKind.SALARY, phrase, "description", SENTENCE_CONFIDENCE))
        if len(facts) >= MAX_PAY_SENTENCES:
            break
    if not facts:
        return _scale_pay_sentences(text)
    return facts


# Sentences naming when the job starts: "à pourvoir dès le 5 janvier", "prise de poste en
# janvier 2027", "démarrage dès que possible", "start date: ASAP", "à partir de février 2027",
# "Rentrée en septembre 2027", the first day of a range "du 15 décembre 2026 au 15 avril 2027".
# The words after the cue, up to the clause's end, are the snippet; whether they name a start
# is `read_start_date`'s to say.
_START_CUE = re.compile(
    r"(?=[àapdsmcérei])(?:"
    r"\bà\s+pourvoir\b|\bprise\s+de\s+(?:poste|fonctions?)\b|\bd[ée]marrage\b"
    r"|\bà\s+partir\s+de\s+(?=(?:début|mi|fin|janvier|février|mars|avril|mai|juin|juillet|août"
    r"|septembre|octobre|novembre|décembre)\b)|\brentrée\b"
    r"|\bdu\s+(?=\d{1,2}(?:er)?\s+[a-zéû]+(?:\s+\d{4})?\s+au\s+\d)"
    r"|\bdu\s+(?=\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\s*(?:au|-|–)\s*\d{1,2}[/.]\d)"
    r"|\bembauche\s+(?:prévue\s+)?(?:le|dès|au|à\s+partir|pour|en)\b"
    r"|\bentrée\s+en\s+(?:poste|fonctions?)\b"
    r"|\bintégration\s+(?:prévue\s+)?(?:le|dès|au|à\s+partir|en)\b"
    r"|\bd[ée]but\s+(?:de\s+(?:la\s+)?)?(?:mission|contrat|poste|l['’]emploi)\b"
    r"|\bdate\s+de\s+d[ée]but\b|\bd[èe]s\s+le\b|\bà\s+compter\s+du\b|\bà\s+partir\s+du\b"
    r"|\bstart(?:ing)?(?:\s+date)?\b(?![-\s]?up\b)|\bcommenc\w*\s+(?:le|dès|en|à\s+partir)\b"
    r"|\bavailable\s+from\b)",
    re.I,
)
MAX_START_SENTENCES = 3
MAX_START_CHARS = 80


def _start_sentences(text: str) -> list[TextFact]:
    facts: list[TextFact] = []
    for cue in _START_CUE.finditer(text):
        end = _CLAUSE_END.search(text, cue.end(), cue.end() + MAX_START_CHARS)
        snippet = collapse(text[cue.start() : end.start() if end else cue.end() + MAX_START_CHARS])
        facts.append(TextFact(FactKind.START, snippet, "description", SENTENCE_CONFIDENCE))
        if len(facts) >= MAX_START_SENTENCES:
            break
    return facts


# A date as written in a sentence: year first, day first, or the day and the month in words.
_WRITTEN_DATE = (
    r"\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{1,2}(?:er)?\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout"
    r"|septembre|octobre|novembre|décembre|decembre)\s+\d{4}"
)
_RELATIVE_DATE = (
    r"il\s+y\s+a\s+(?:plus\s+d['’]\s*|plus\s+de\s+)?(?:\d{1,3}\+?|une?)\s*(?:minutes?|min|heures?|h"
    r"|jours?|j|semaines?|mois|ans?)\b|depuis\s+(?:plus\s+de\s+)?\d{1,3}\+?\s*(?:jours?|semaines?"
    r"|mois)\b|(?:\d{1,3}\+?|an?|one)\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b"
    r"|(?:aujourd['’]\s*hui|avant[- ]hier|hier|today|yesterday|just\s+now)\b"
)
# The offer's own publication date: "Publiée le 3 novembre 2026", "Date de publication :
# 12/11/2026", "Offre mise en ligne le 2026-11-03", "Posted on 3/11/2026", or relative to the
# day the page was read, as careers pages and aggregators write it: "Publiée il y a 3 jours",
# "Posted 30+ days ago", "Publié aujourd'hui" (`normalizers.dates.parse_date` counts it back).
_PUBLISHED = re.compile(
    r"\b(?:(?:offre\s+|annonce\s+)?(?:publiée?|mise?\s+en\s+ligne)(?:\s+le)?"
    r"|date\s+de\s+(?:publication|mise\s+en\s+ligne)|posted(?:\s+on)?|published(?:\s+on)?)"
    rf"\s*:?\s*(?P<date>{_WRITTEN_DATE}|{_RELATIVE_DATE})(?![\d/.-]*\d)",
    re.I,
)
MAX_PUBLISHED_CHARS = 2000
"""A publication date is written at the head of the text (or in its first lines)."""


def written_publication_date(text: str | None) -> str | None:
    """The publication date `text` (plain text) writes near its head, as written ("3 novembre
    2026", "12/11/2026", or relative to when the page was read: "il y a 3 jours", "30+ days
    ago", "aujourd'hui"), else None: for an item whose feed gives no date (an RSS item without
    pubDate). Parsing it is `normalizers.dates.parse_date`'s."""
    found = _PUBLISHED.search(text[:MAX_PUBLISHED_CHARS]) if text else None
    return found["date"] if found else None


# Sentences naming the application deadline: "La date limite de candidature est fixée au
# 15/12/2026", "Candidatures jusqu'au 15 décembre 2026", "Merci de postuler avant le 2026-12-15",
# or without the year ("jusqu'au 15 janvier", "avant le 3/02": `next_yearless_day` dates them).
# The date must follow the cue at once: the snippet is the date alone, as a label's value is.
_CLOSING_SENTENCE = re.compile(
    r"(?=[dcpfa])(?:"
    r"\bdate\s+limite(?:\s+(?:de|des|d['’]envoi\s+des)\s+(?:candidatures?|dépôt(?:\s+des"
    r"\s+candidatures)?|réponses?))?|\bcandidatures?\s+(?:à\s+(?:envoyer|adresser|déposer)\s+)?"
    r"(?:jusqu['’]au|avant\s+le)|\bpostuler\s+(?:jusqu['’]au|avant\s+le)"
    r"|\b(?:clôture|fin)\s+des\s+candidatures|\bapply\s+(?:by|before)|\bclosing\s+date)"
    r"(?:\s+(?:est|:))?(?:\s+(?:fixée|prévue))?(?:\s*:\s*|\s+(?:au|le|on)\s+|\s+)"
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    r"(?P<date>\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}[/.]\d{1,2}"
    r"|\d{1,2}(?:er)?\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout"
    r"|septembre|octobre|novembre|décembre|decembre)(?:\s+\d{4})?)(?![\d/.-]*\d)",
    re.I,
)
MAX_CLOSING_SENTENCES = 2


def _closing_sentences(text: str) -> list[TextFact]:
    facts: list[TextFact] = []
    for cue in _CLOSING_CUE_START.finditer(text):
        if found := _CLOSING_SENTENCE.match(text, cue.start()):
            facts.append(
                TextFact(FactKind.CLOSING, found["date"], "description", SENTENCE_CONFIDENCE)
            )
            if len(facts) >= MAX_CLOSING_SENTENCES:
                break
    return facts


_CLOSING_CUE_START = re.compile(
    r"(?=[dcpfa])\b(?:date\s+limite|candidatures?\s|postuler\s|cl[ôo]ture\s|fin\s+des\s+cand"
    r"|apply\s|closing\s)",
    re.I,
)
"""Where `_CLOSING_SENTENCE` may start: its first words, found at once."""


_SENTENCE_READERS: dict[FactKind, Callable[[str], list[TextFact]]] = {
    FactKind.CLOSING: _closing_sentences,
    FactKind.START: _start_sentences,
    FactKind.PLACE: lambda text: _all_place_sentences(text),
    FactKind.CONTRACT: _contract_sentences,
    FactKind.WORKING_TIME: _working_time_sentences,
    FactKind.SALARY: _pay_sentences,
}


# Inside brackets a comma or a dash does not end the segment: "Cariste (intérim, 2 semaines)".
_BRACKETED = re.compile(r"\([^()]*\)")
_KEPT_COMMA, _KEPT_SEPARATORS = "\x00", re.compile(r"[,|/•:–—-]")


def _keep_bracket_whole(match: re.Match[str]) -> str:
    return _KEPT_SEPARATORS.sub(lambda sep: _KEPT_COMMA + str(ord(sep.group(0))) + "\x01", match[0])


def _restore(part: str) -> str:
    return re.sub("\x00(\\d+)\x01", lambda code: chr(int(code[1])), part)


def _title_segments(title: str) -> list[str]:
    if "(" in title:
        title = write_out_districts(title)  # "Paris (15e)" is one place
    marked = _GENDER.sub(" | ", _INCLUSIVE.sub("", title))
    marked = _BRACKETED.sub(_keep_bracket_whole, marked)
    segments: list[str] = []
    for part in _TITLE_SEPARATOR.split(marked):
        part = _restore(part).strip(" -–—|/•:,@")
        if not part:
            continue
        code = _CODE_IN_PARENTHESES.search(part)
        head = part[: code.start()] if code else part
        qualifiers = "".join(_INVERTED_QUALIFIER.findall(head))  # "Garonne (Haute)"
        head = _INVERTED_QUALIFIER.sub("", head)
        inner = _PARENTHESES.findall(head)
        rest = collapse(_PARENTHESES.sub(" ", head))
        rest = f"{rest}{qualifiers}" if rest else rest
        if rest:
            segments.append(f"{rest} ({code['code']})" if code else rest)  # "(dpt 74)" → "(74)"
        elif code:
            segments.append(code["code"])
        segments.extend(collapse(piece) for piece in inner if piece.strip())
    return segments


def names_only_a_contract(segment: str) -> bool:
    """Whether `segment` is made only of a contract's words ("CDD 6 mois", "Intérim",
    "Temps plein"), not a phrase that happens to hold one ("agences de travail temporaire")."""
    return _names_contract(segment)


def _names_contract(segment: str) -> bool:
    words = re.sub(r"[^0-9A-Z]+", " ", fold(segment)).split()
    return (
        bool(words)
        and _CONTRACT_CORE.search(" ".join(words)) is not None
        and all(word in _CONTRACT_WORDS or word.isdigit() for word in words)
    )


def _place_like(segment: str) -> bool:
    """Whether a title segment is written like a place: capitalised words, codes, and the small
    words of names ("Saint-Martin-d'Hères (38)", "Lyon 3e", "75"), not "temps partiel"."""
    words = segment.replace("(", " ").replace(")", " ").split()
    return 0 < len(words) <= 6 and all(
        word[0].isupper()
        or word[0].isdigit()
        or word.lower() in _CONNECTORS
        or word.lower() in _LIST_WORDS
        or _ELIDED_NAME.match(word) is not None
        for word in words
    )


# A name after an elided article or preposition: "Plateau d'Hauteville", "Villeneuve-d'Ascq".
_ELIDED_NAME = re.compile(r"^[dlDL]['’][A-ZÀ-ÖØ-Þ]")


# Between the places of a list in a title: "Metz ou Nancy", "Lyon / Villeurbanne".
_LIST_WORDS = frozenset({"ou", "or", "and", "&", "/", "+"})


# A place written after the job in one segment: "Comptable à Lyon", "Caissier CDD 35h Lyon".
_TITLE_TAIL = re.compile(
    r"\s(?:(?P<preposition>à|au|aux)|(?i:CDI|CDD|CDII|int[ée]rim|stage|alternance)"
    r"(?:\s+\d{1,2}\s*(?i:h|mois|semaines?))*)"
    r"\s+(?P<place>[A-ZÀ-ÖØ-Þ][\w'’\-]*(?:\s+(?:\(?(?:\d{2}|2A|2B|97\d|\d{5})\)?"
    r"|[A-ZÀ-ÖØ-Þ][\w'’\-]*))*)$"
)


_BARE_CODE = re.compile(r"^(?:\d{2}|2A|2B|97\d)$", re.I)
# A place in square brackets opening the title: "[Lyon] Comptable", "[Nantes - 44] Vendeur".
_BRACKETED_HEAD = re.compile(r"^\s*\[(?P<place>[^\[\]]{2,60})\]")


_REMOTE_SEGMENT = re.compile(
    r"^(?:full[- ]?remote|100\s*%\s*(?:remote|t[ée]l[ée]travail)|remote"
    r"|t[ée]l[ée]travail\s+(?:complet|total|100\s*%))$",
    re.I,
)


# What parts a title's pay from its other words: a dash, a pipe, a bracket (never inside an
# amount: "12,50 €/h", "45-55k€", "2 000 € brut/mois" stay whole).
_TITLE_PAY_SEPARATOR = re.compile(r"\s[-–—|•]\s|\s[–—|•]|[–—|•]\s|[()\[\]]")
_AMOUNT_END = re.compile(r"(?:\d|€|\$|£|\b[kK]|\bEUR)\s*$")
_AMOUNT_START = re.compile(r"\s*(?:€|\$|£)?\s*\d")


def _title_pay(title: str) -> list[TextFact]:
    """The pay a title writes: "Vendeur H/F - 2 000 € brut/mois", "Serveur 12 €/h",
    "Développeur Python 45-55k€": the part of the title holding the first amount that is pay
    (`_is_pay`: a pay word, a period next to it, or nothing but amounts)."""
    separators = [
        found
        for found in _TITLE_PAY_SEPARATOR.finditer(title)
        if not (
            _AMOUNT_END.search(title, 0, found.start()) and _AMOUNT_START.match(title, found.end())
        )
    ]  # "35K€ - 40K€" is a range, not two segments
    for money in _MONEY.finditer(title):
        start = max(
            (found.end() for found in separators if found.end() <= money.start()), default=0
        )
        end = min(
            (found.start() for found in separators if found.start() >= money.end()),
            default=len(title),
        )
        segment = title[start:end]
        if _is_pay(title, money, segment):
            return [TextFact(FactKind.SALARY, collapse(segment), "title", TITLE_CONFIDENCE)]
    return []


# Words around a title's place that only qualify it: "à Pessac", "sur Lyon", "secteur Lyon Sud",
# "Lyon et sa région", "Nantes et alentours"; the place is the name between them.
_TITLE_PLACE_LEAD = re.compile(
    r"^(?:(?P<preposition>à|au|aux|sur|dans|vers|proche(?:\s+de)?|près\s+de)\s+"
    r"|(?:secteur|région|agglomération|agglo|bassin|zone)\s+(?:de\s+|d['’])?)(?=[A-ZÀ-ÖØ-Þ])",
    re.I,
)
_TITLE_PLACE_TRAIL = re.compile(
    r"\s+(?:et\s+(?:sa|ses|son)\s+(?:région|environs|alentours|agglomération|périphérie|secteur)"
    r"|et\s+(?:alentours|environs|périphérie)|(?:Nord|Sud|Est|Ouest|Centre)(?=\s*$))\s*$"
)
_TITLE_HEAD_CODED = re.compile(r"^\s*(?P<place>[A-ZÀ-ÖØ-Þ][^:|\[\]]{1,60}?)\s*:\s+\S")
"""A title opening with a place and its code, then a colon: "Annecy 74 : Vendeur", "Annecy
(74000) : Vendeur"."""
# A place written first, in capitals, before a dash: "LYON - Comptable H/F".
_TITLE_HEAD_PLACE = re.compile(r"^\s*(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\- ]{1,40}?)\s+[-–—|:]\s+\S")


def _title_place(segment: str) -> str | None:
    """The place a title segment writes with its qualifiers ("à Pessac" → "Pessac", "secteur
    Lyon Sud" → "Lyon", "Lyon et sa région" → "Lyon"), or None when it has none of them."""
    lead = _TITLE_PLACE_LEAD.match(segment)
    trail = _TITLE_PLACE_TRAIL.search(segment)
    if not lead and not trail:
        return None
    if trail and not lead and trail.group(0).strip() in ("Nord", "Sud", "Est", "Ouest", "Centre"):
        return None  # "Lyon Sud" alone may be a name; "secteur Lyon Sud" is Lyon
    place = segment[lead.end() if lead else 0 : trail.start() if trail else len(segment)]
    article = _ARTICLE_OF.get((lead["preposition"] or "").lower(), "") if lead else ""
    place = article + collapse(place)
    return place if _place_like(place) and not _names_contract(place) else None


def _names_a_place_after_a_code(segment: str) -> bool:
    """Whether a title segment following a bare postal code is the name it goes with: written like
    a place, with no code of its own, and no contract ("74330, Sillingy", not "74330, CDI")."""
    return (
        _place_like(segment)
        and not any(char.isdigit() for char in segment)
        and not _names_contract(segment)
        and not _REMOTE_SEGMENT.match(segment)
    )


def _code_names_the_next(before: str, code: str, after: str) -> bool:
    """Whether a postal code between two title segments goes with the name after it: that name is
    a commune of the code's département and the name before it is none ("Aide-soignant - 74800 -
    AMANCY": Amancy, not the job's name)."""
    if not _POSTAL_TOKEN.match(code) or not _names_a_place_after_a_code(after):
        return False
    code = code.rstrip(",.;:!?")
    departement = code[:3] if code.startswith("97") else code[:2]
    return (
        commune_named_in(after, departement) is not None
        and commune_named_in(before, departement) is None
    )


def _title(title: str) -> list[TextFact]:
    segments = _title_segments(title)
    facts = _title_pay(title) if any(char.isdigit() for char in title) else []
    if working_time := _WORKING_TIME_SENTENCE.search(title):  # "Vendeur temps partiel"
        facts.append(TextFact(FactKind.WORKING_TIME, working_time[0], "title", TITLE_CONFIDENCE))
    head = _BRACKETED_HEAD.match(title)
    bracketed = collapse(head["place"].replace(" - ", " ")) if head else ""
    if bracketed and _place_like(bracketed) and not _names_contract(bracketed):  # "[Lyon] …"
        facts.append(TextFact(FactKind.PLACE, collapse(head["place"]), "title", TITLE_CONFIDENCE))
    coded_head = _TITLE_HEAD_CODED.match(title)
    if coded_head and _coded_place(coded_head["place"].strip()):  # "Annecy 74 : Vendeur"
        facts.append(
            TextFact(FactKind.PLACE, collapse(coded_head["place"]), "title", TITLE_CONFIDENCE)
        )
    elif (first := _TITLE_HEAD_PLACE.match(title)) and not _names_contract(first["place"]):
        if any(char.islower() for char in title[first.end() :]):  # a tag, then the job's name
            facts.append(
                TextFact(FactKind.PLACE, collapse(first["place"]), "title", TITLE_CONFIDENCE)
            )
    facts += employer_places(title, "title")  # "… - Mairie de Cayenne"
    coded = -1  # a segment that only gave the previous one its code
    for number, segment in enumerate(segments):
        if number == coded:
            continue
        following = segments[number + 1] if number + 1 < len(segments) else ""
        if _POSTAL_TOKEN.match(segment) and _names_a_place_after_a_code(following):
            # "74330, Sillingy", "74100 - VILLE-LA-GRAND": the commune of that name among the
            # code's communes, not the code's main commune.
            place, coded = f"{following} ({segment.rstrip(',.;:!?')})", number + 1
            facts.append(TextFact(FactKind.PLACE, place, "title", TITLE_CONFIDENCE))
        elif _names_contract(segment):
            facts.append(TextFact(FactKind.CONTRACT, segment, "title", TITLE_CONFIDENCE))
        elif number > 0 and (qualified := _title_place(segment)):
            facts.append(TextFact(FactKind.PLACE, qualified, "title", PLACED_TITLE_CONFIDENCE))
        elif number > 0 and _REMOTE_SEGMENT.match(segment):
            # "Backend engineer - Remote - EU": the zone after "Remote" goes with it.
            remote = " - ".join(segments[number : number + 2])
            facts.append(TextFact(FactKind.PLACE, remote, "title", TITLE_CONFIDENCE))
        elif (number > 0 or _CODE_IN_PARENTHESES.search(segment)) and _place_like(segment):
            after = segments[number + 2] if number + 2 < len(segments) else ""
            if (
                (_BARE_CODE.match(following) or _POSTAL_TOKEN.match(following))
                and not _CODE_IN_PARENTHESES.search(segment)
                and not _code_names_the_next(segment, following, after)
            ):
                # "Juvigny - 74", "Ville-la-Grand - 74100": one place and its code, not the
                # code's other communes.
                segment, coded = f"{segment} ({following})", number + 1
            facts.append(TextFact(FactKind.PLACE, segment, "title", TITLE_CONFIDENCE))
        elif tail := _TITLE_TAIL.search(segment):
            article = _ARTICLE_OF.get(tail["preposition"] or "", "")
            place = article + tail["place"]
            facts.append(TextFact(FactKind.PLACE, place, "title", TITLE_CONFIDENCE))
    return facts


def states_an_amount(text: str) -> bool:
    """Whether `text` writes an amount with its currency ("2 000 €", "35k€", "SMIC"): pay
    read from words needs one, "selon la convention du 15 mars 1966" has none."""
    return _MONEY.search(text) is not None


def description_lines(description: str | None, plain: str) -> str:
    """Plain text of a description (HTML or not) in which table cells stay apart.

    A row `<th>Lieu</th><td>Lyon</td>` reads "Lieu | Lyon", where plain `html_to_text` runs the
    cells together; `<dt>Lieu</dt><dd>Lyon</dd>` is already "Lieu" then "Lyon" on the next line.
    `plain` is the description's `html_to_text`, returned as is when there is no table.
    """
    if not description or not _CELL.search(description[:MAX_DESCRIPTION_CHARS]):
        return plain
    description = description[:MAX_DESCRIPTION_CHARS]
    # Cells and rows as text, before the HTML parser moves stray text out of the table.
    description = _ROW_END.sub("<br>", _CELL_GAP.sub(" | ", description))
    description = _TABLE_TAG.sub(" ", description)
    return html_to_text(description)


def read_text_facts(title: str | None, description: str | None) -> TextFacts:
    """The snippets of `title` and `description` (plain text) that state the offer's facts.

    `description` is plain text with one block a line (`description_lines` or
    `normalizers.html.html_to_text`). Labelled lines ("Lieu : Lyon", "Type de contrat – CDI",
    "Salary | 40k€") come first with confidence 0.9, the title's tail ("Comptable H/F – Lyon 3e",
    "Technicien - CDI - Rennes", "Chef de projet (CDD 6 mois)") next with 0.8, sentences ("poste
    basé à Lyon 3e", "CDI à pourvoir", "rémunération de 35 à 40 k€") last with 0.7. A snippet is
    only where a fact is written: whether it reads as a commune or a contract is for the
    normalizer of that fact to say.
    """
    text = description[:MAX_DESCRIPTION_CHARS] if description else ""
    title_facts = _title_facts(title) if title else ()
    return TextFacts(title_facts + _description_facts(text, title) if text else title_facts, text)


@lru_cache(maxsize=TITLE_MEMO_SIZE)
def _title_facts(title: str) -> tuple[TextFact, ...]:
    """The snippets of a title (`_title`), memoized: titles repeat across offers."""
    return tuple(_title(title))


@text_memo
def _description_facts(text: str, title: str | None) -> tuple[TextFact, ...]:
    """The labelled lines and headline places of a description (plain text), memoized
    (`normalizers.memo`): the same descriptions come again."""
    lines = text.split("\n")
    return (*_labelled(lines), *_headline_places(lines, title), *_chips(lines))


MAX_HEADLINE_CHARS = 120
_HEADLINE_SEPARATOR = re.compile(r"\s[-–—|•]\s|\s[–—|•]|[–—|•]\s")


def _headline_places(lines: list[str], title: str | None) -> list[TextFact]:
    """The places of the description's first line when it is written as a title, the job's name
    then its place after a dash or a pipe ("Stage assistant marketing – Toulouse", "Vendeur H/F |
    Annecy (74)"): read as a title's tail, as sure as a place no word says is the job's (the
    line may name the company: "Groupe Martin – Lyon")."""
    first = next((line.strip() for line in lines[:3] if line.strip()), "")
    if (
        not first
        or len(first) > MAX_HEADLINE_CHARS
        or first.endswith((".", "!", "?", ":"))
        or not _HEADLINE_SEPARATOR.search(first)
        or _LABELLED.match(_folded(first))
        or (title and collapse(first) == collapse(title))
    ):
        return []
    return [
        TextFact(FactKind.PLACE, fact.text, "description", UNCUED_PLACE_CONFIDENCE, headline=True)
        for fact in _title(first)
        if fact.kind == FactKind.PLACE
    ]
