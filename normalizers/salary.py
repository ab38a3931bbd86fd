"""Pay as sources write it read as figures, period and currency; and France Travail's wording."""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalizers.text import collapse, fold
from schemas import PayBasis, Salary, SalaryPeriod

MAX_TEXT_CHARS = 500

_CURRENCIES = [
    ("EUR", re.compile(r"€|\bEUR\b|\bEUROS?\b|\bK ?EUR\b")),
    ("USD", re.compile(r"\$|\bUSD\b|\bDOLLARS?\b")),
    ("GBP", re.compile(r"£|\bGBP\b|\bPOUNDS?\b|\bLIVRES? STERLING\b")),
    ("CHF", re.compile(r"\bCHF\b|\bFRANCS? SUISSES?\b")),
]
_PER = r"(?:/|\bPAR\b|\bPER\b|\bA\b|\bAN\b|\bDE L\b)\s*"
_PERIODS = [
    (
        SalaryPeriod.HOUR,
        re.compile(rf"\bHORAIRE\b|\bHOURLY\b|{_PER}(?:H|HR|HEURE|HOUR)\b|\bBRUTS? ?/ ?H\b"),
    ),
    (
        SalaryPeriod.DAY,
        re.compile(rf"\bJOURNALIERS?\b|\bDAILY\b|\bTJM\b|{_PER}(?:J|JOUR|JOURNEE|DAY)\b"),
    ),
    (
        SalaryPeriod.WEEK,
        re.compile(rf"\bHEBDOMADAIRES?\b|\bWEEKLY\b|{_PER}(?:SEMAINE|SEM|WEEK|WK)\b"),
    ),
    (
        SalaryPeriod.MONTH,
        re.compile(rf"\bMENSUEL(?:LE)?S?\b|\bMONTHLY\b|\bPCM\b|{_PER}(?:M|MOIS|MONTH)\b"),
    ),
    (
        SalaryPeriod.YEAR,
        re.compile(
            rf"\bANNUEL(?:LE)?S?\b|\bYEARLY\b|\bANNUAL(?:LY)?\b|\bPER ANNUM\b|\bP\.? ?A\.?$"
            rf"|{_PER}(?:AN|ANNEE|YEAR|YR)\b|\bBRUT AN\b|\bL ANNEE\b"
        ),
    ),
]
_MONTHS_COUNT = re.compile(
    r"\bSUR\s+(\d{1,2}(?:[.,]\d{1,2})?)\s*MOIS\b|\b(\d{1,2}(?:[.,]5)?)\s*(?:E|EME|IEME)?\s*MOIS\b"
    r"|\bX\s*(\d{1,2})\b|\b(\d{1,2}(?:[.,]\d)?)\s*MONTHS\b"
)
_AMOUNT = re.compile(
    r"(?<![\d.,*A-Z])"
    r"(?P<number>\d{1,3}(?:[  \u2009\u202f.,'’](?:\d{3}))+(?:[.,]\d{1,2})?"
    r"|\d+(?:[.,]\d{1,2}|[.,]\d{4})?)"
    r"(?!\d)(?P<thousands>\s*K(?:E|EUROS?|EUR)?(?![A-Z]))?(?![A-DF-Z]|E(?!UR))"
)
_RANGE_SEPARATOR = re.compile(
    r"^\s*(?:(?:€|\$|£|EUROS?|EUR)\s*)?(?:(?:BRUTS?|NETS?)\s*)?"
    r"(?:(?:(?:/|PAR)\s*(?:H|HEURE|J|JOUR|SEMAINE|MOIS|AN|ANNEE)|/?\s*(?:MENSUELS?|ANNUELS?"
    r"|HORAIRES?|BRUTS?|NETS?))\s+)?"
    r"(?:-|–|—|~|/|A|AU|TO|ET|OU)\s*(?:(?:€|\$|£)\s*)?$"
)
"""What joins the two bounds of a range: "35 000 € - 40 000 €", "35 à 40 k€", "entre 38K et 45K",
"1 578 € nets/ mensuels et 2 457 €"."""
_NOTE = re.compile(r"\([^()]{0,60}\)|\[[^\[\]]{0,60}\]")
"""A note in brackets beside a bound: "de 2502 € (1er échelon) à 3093 € (7ème échelon)"."""
_NOT_PAY = re.compile(
    r"^\s*(?:(?:-|–|A|ET|TO|OU|/)\s*\d+(?:[.,]\d+)?\s*)?"
    r"(?:%|H\b|HEURES?\b|HOURS?\b|HRS?\b|ANS?\b(?! ?(?:HOUR|HR)\b)|ANNEES?\b|YEARS?\b"
    r"|JOURS?\b|J\b|DAYS?\b"
    r"|SEMAINES?\b|WEEKS?\b|SALARIES?\b|PERSONNES?\b|COLLABORATEURS?\b|EMPLOYES?\b|PEOPLE\b"
    r"|RTT\b|CONGES?\b|TICKETS?\b|E\b|EME\b|IEME\b|ER\b|ERE\b|MOIS\b|MONTHS?\b|KMS?\b|M2\b|M\b"
    r"|MILLIONS?\b|MILLIARDS?\b|MDS?\b|MRDS?\b|ME\b|M EUR|MIN(?:UTES?)?\b|PLACES?\b|POSTES?\b"
    r"|LITS?\b|ETOILES?\b|MAGASINS?\b|AGENCES?\b|SITES?\b|CLIENTS?\b|ENFANTS?\b|RESIDENTS?\b"
    r"|PATIENTS?\b|COUVERTS?\b|POINTS?\b|PTS\b"
    r"|(?:JANVIER|FEVRIER|MARS|AVRIL|MAI|JUIN|JUILLET|AOUT|SEPTEMBRE|OCTOBRE|NOVEMBRE|DECEMBRE)\b)"
)
"""What follows a number that is not pay: a share, a duration, a count of people or things
("35 à 39 heures", "10 %", "56 000 collaborateurs", "23 milliards"), points of a pay grid
("42 points"), a day of a date ("15 mars 1966")."""
_NOT_PAY_BEFORE = re.compile(
    r"\b(?:PRIMES?|TICKETS?|TITRES?|CHEQUES?|PANIERS?|REPAS|CASSE.?CROUTES?|INDEMNITES?"
    r"|MUTUELLE|BONUS|INTERESSEMENT|PARTICIPATION|REMBOURSEMENTS?|TRANSPORTS?|VARIABLES?"
    r"|COMMISSIONS?|FRAIS|ALLOCATIONS?|DOTATION|AVANTAGES?|STOCK OPTIONS?|BSPCE|EQUITY|SIGN ON"
    r"|CHIFFRE D AFFAIRES|CAPITAL|BUDGET|LEVEE|PORTEFEUILLE|INVESTISSEMENTS?|FINANCEMENT"
    r"|VALORISATION|REVENUE|TURNOVER|SEGUR|CTI)\b[^\d]{0,30}$"
    r"|\b(?:COEFFICIENTS?|COEF|INDICES?(?: BRUTS?| MAJORES?| NOUVEAU MAJORE)?|IB|IM|INM"
    r"|NIVEAU|ECHELONS?|CATEGORIE|POSITION|GROUPE|CLASSE|BAC"
    r"|CODE POSTAL|CP|DEPARTEMENT)\s*:?\s*(?:DE\s*)?$"
    r"|\b(?:CCNT?|CCN?T?S|CC|IDCC|CONVENTIONS?(?: COLLECTIVES?)?(?: NATIONALES?)?"
    r"|ACCORDS?(?: COLLECTIFS?)?(?: D ENTREPRISE| DE BRANCHE)?|BRANCHE|BROCHURE|AVENANTS?)"
    r"\s*:?\s*(?:(?:DE LA |DU |DE |N |NO |NUMERO )\s*)?(?:(?:\d{1,2} )?[A-Z]+ )?$"
    r"|\b(?:JANVIER|FEVRIER|MARS|AVRIL|MAI|JUIN|JUILLET|AOUT|SEPTEMBRE|OCTOBRE|NOVEMBRE"
    r"|DECEMBRE)\s*$"
)
"""Words before an amount that make it something other than the pay: a bonus, meal vouchers or
another benefit (the Ségur supplement, the CTI), a company's turnover; a grade of the collective
agreement, a postal code; the collective agreement itself ("CCN 66", "IDCC 1147", "Convention
collective du 15 mars 1966", "CCNT 51"), the year of a date ("mars 1966")."""
_FIXED_THEN_MORE = re.compile(
    r"\b(?:FIXE|SALAIRE|REMUNERATION|BASE)\s*(?:\+|ET|&)\s*(?:VARIABLES?|PRIMES?|BONUS"
    r"|COMMISSIONS?)\s*:?\s*$"
)
"""A fixed pay and what comes on top of it, then their amounts in brackets: "fixe + variable
(30 k€ + 5 k€)", "salaire + primes (1 900 € + 200 €)"."""
_NOT_PAY_AFTER = re.compile(
    r"^[^\d]{0,12}?\b(?:DE |D )?(?:PRIMES?|VARIABLES?|BONUS|INTERESSEMENT|PARTICIPATION"
    r"|COMMISSIONS?|TICKETS?|TITRES? RESTAURANT)\b"
)
_PAY_WORDS = re.compile(
    r"\b(?:SALAIRES?|REMUNERATIONS?|BRUTS?|NETS?|PACKAGE|FIXE|TJM|TAUX|PAY|SALARY|GROSS"
    r"|RETRIBUTION|GRATIFICATION|TRAITEMENT)\b"
)
PIECE_UNITS = (
    "SOIREES?", "NUITS?", "INTERVENTIONS?", "SERVICES?", "SEANCES?", "GARDES?", "VACATIONS?",
    "PRESTATIONS?", "MISSIONS?", "VISITES?", "ACTES?", "COURS", "COURSES?", "LIVRAISONS?",
    "TOURNEES?", "SHIFTS?", "EVENEMENTS?", "REPRESENTATIONS?", "CACHETS?", "PIGES?", "COPIES?",
    "WEEK ?ENDS?", "PERMANENCES?", "ASTREINTES?", "DOSSIERS?", "CONSULTATIONS?", "SESSIONS?",
)  # fmt: skip
"""Units of work paid by the piece, folded ("par soirée", "la nuit", "par intervention", "la
garde de 12 h", "par vacation"): an amount paid for one of them has no period of time."""
_PER_PIECE = re.compile(
    r"(?:\s|[/().:,=*-]|€|\$|£|\b(?:EUROS?|EUR|K|BRUTS?|NETS?|HT|TTC))*"
    rf"(?:/|\bPAR\b|\bPER\b|\bLA\b|\bLE\b|\bL\b|\bDE LA\b|\bDU\b|\bCHAQUE\b)\s*"
    rf"(?:{'|'.join(PIECE_UNITS)})\b"
)


def paid_by_the_piece(after: str) -> bool:
    """Whether the words `after` an amount name a unit of work it pays (`PIECE_UNITS`): " €
    par soirée", " € l'intervention" (plain text, any case)."""
    return _PER_PIECE.match(re.sub(r"['\u2019]", " ", fold(after[:40]))) is not None


def states_a_piece_rate(text: str) -> bool:
    """Whether `text` (plain text) states an amount paid by a unit of work (`PIECE_UNITS`):
    "45 € par intervention", "Vacation : 150 € la garde de 12 h"."""
    folded = re.sub(r"['\u2019]", " ", fold(text[:MAX_TEXT_CHARS]))
    return any(_PER_PIECE.match(folded, amount.end()) for amount in _AMOUNT.finditer(folded))


_FILLER = re.compile(
    r"(?:\s|[/().:,=*-]|€|\$|£|\b(?:EUROS?|EUR|USD|GBP|CHF|K|BRUTS?|NETS?|HT|TTC|CHARGES?"
    r"|SALAIRES?|REMUNERATIONS?|SALARY|PAY|GROSS|FIXE|DE BASE|BASE|DE|D|DU|PAR|PER|A|AU|LA|L|LE"
    r"|ENTRE|COMPRIS|ENVIRON|SOIT|PARTIR|JUSQU|MINIMUM|MIN|MAXIMUM|MAX|PROPOSEE?|TAUX|AN|AT"
    r"|TO|FROM|SELON|PROFIL|EXPERIENCE|ET|OU)\b)*"
)
"""Words that may stand between an amount and its period ("2 000 € brut par mois")."""
_GENDER = re.compile(r"\b[HFX] ?/ ?[HFX](?: ?/ ?[HFX])?\b")
"""'H/F', 'F/H', 'H/F/X': not '/h', an hourly rate."""
_CLAUSE_END = re.compile(r"\s[-–—|+]\s|[;|+\n]|\d|[.,](?!\d)")
"""Where the words attached to an amount stop: another figure, a dash between words, a plus, a
semicolon, a full stop or a comma."""
_CLAUSE_START = re.compile(r".*(?:\s[-–—|+]\s|[;|+\n(]|[.,](?!\d))", re.S)
_FROM = re.compile(r"\b(?:A PARTIR DE|DES|MINIMUM|MIN|FROM|STARTING AT|AU MOINS|PLANCHER)\s*:?\s*$")
_UP_TO = re.compile(r"\b(?:JUSQU ?A|MAXIMUM|MAX|UP TO|PLAFOND)\s*:?\s*$")
BARE_PAY_MINIMUM = 100.0
"""Below this, a figure written with no currency, no "k" and no period is not read as pay: it
may be an hourly rate, thousands of euros a year ("35-40") or a collective agreement's number."""
_HOURLY = (7.0, 150.0)
_MONTHLY = (800.0, 12_000.0)
_YEARLY = (12_000.0, 500_000.0)
_FT_PERIOD_WORDS = {
    SalaryPeriod.YEAR: "Annuel",
    SalaryPeriod.MONTH: "Mensuel",
    SalaryPeriod.HOUR: "Horaire",
}


def _number(text: str) -> float:
    """A written number: "32 000", "32.000", "35000,00", "1,802", "12,50", "45,000.50"."""
    text = re.sub(r"[  \u2009\u202f'’]", "", text)
    last_separator = max(text.rfind(","), text.rfind("."))
    if last_separator == -1:
        return float(text)
    decimals = text[last_separator + 1 :]
    if len(decimals) == 3:  # a thousands separator: "1.802", "45,000"
        return float(re.sub(r"[.,]", "", text))
    whole = re.sub(r"[.,]", "", text[:last_separator])
    return float(f"{whole}.{decimals}")


@dataclass
class _Pay:
    """One amount or range of amounts written in the text, with the words around it."""

    low: float
    high: float
    start: int
    end: int
    thousands: bool
    before: str = ""
    after: str = ""

    @property
    def marked(self) -> bool:
        """Written as money: a currency, "k" or a period next to it, or a pay word for a
        figure of at least `BARE_PAY_MINIMUM` ("Salaire : 35-40" may be k€ or an hourly rate,
        "Salaire : selon CCN 66" names an agreement: neither is a pay)."""
        return (
            self.thousands
            or self.currency is not None
            or self.period is not None
            or (
                self.high >= BARE_PAY_MINIMUM
                and bool(_PAY_WORDS.search(self.before[-30:] + " " + self.after[:20]))
            )
        )

    @property
    def currency(self) -> str | None:
        """The currency written just before ("$80,000") or just after ("45 000 €") the amount."""
        tail = self.before[-12:]
        for code, pattern in _CURRENCIES:
            if any(not tail[match.end() :].strip() for match in pattern.finditer(tail)):
                return code
        for code, pattern in _CURRENCIES:
            if pattern.search(self.after[:12]):
                return code
        return None

    @property
    def per_piece(self) -> bool:
        """Paid by a unit of work that is no time ("100 € par soirée", "45 € l'intervention")."""
        return _PER_PIECE.match(self.after) is not None

    @property
    def period(self) -> SalaryPeriod | None:
        """The period written next to the amount, with only words of money between them:
        just after it ("€ brut par mois"), else just before it ("Salaire mensuel brut :")."""
        after = [
            (match.start(), period)
            for period, pattern in _PERIODS
            for match in pattern.finditer(self.after)
            if _FILLER.fullmatch(self.after[: match.start()])
        ]
        if after:
            return min(after)[1]
        before = [
            (-match.end(), period)
            for period, pattern in _PERIODS
            for match in pattern.finditer(self.before)
            if _FILLER.fullmatch(self.before[match.end() :])
        ]
        return min(before)[1] if before else None


def _clause_after(folded: str, end: int) -> str:
    rest = folded[end : end + 60]
    match = _CLAUSE_END.search(rest)
    return rest[: match.start()] if match else rest


def _clause_before(folded: str, start: int) -> str:
    before = folded[max(0, start - 60) : start]
    match = _CLAUSE_START.match(before)
    return before[match.end() :] if match else before


def _amounts(folded: str) -> list[tuple[float, bool, int, int]]:
    """Every figure that may be pay: (value, written with "k", start, end)."""
    found = []
    for match in _AMOUNT.finditer(folded):
        if _NOT_PAY.match(folded[match.end() :]):
            continue
        value = _number(match.group("number"))
        thousands = bool(match.group("thousands"))
        found.append((value * 1000 if thousands else value, thousands, match.start(), match.end()))
    return found


def _notes(folded: str) -> tuple[str, list[tuple[int, int]]]:
    """`folded` with its notes in brackets blanked out (same length), and where each one is."""
    if "(" not in folded and "[" not in folded:
        return folded, []
    spans = [match.span() for match in _NOTE.finditer(folded)]
    masked = _NOTE.sub(lambda match: " " * len(match.group(0)), folded) if spans else folded
    return masked, spans


def _note_of(position: int, spans: list[tuple[int, int]]) -> int:
    """The note holding `position` (its start), or -1 outside any note."""
    return next((start for start, end in spans if start <= position < end), -1)


def _pays(folded: str) -> list[_Pay]:
    """The amounts and ranges written in `folded`, each with the words attached to it.

    The two bounds of a range may each carry a note in brackets ("de 2502 € (1er échelon) à
    3093 € (7ème échelon)", "1 578 € nets (1 964 € bruts) et 2 457 € nets"): the amounts of a
    note are not the other bound."""
    amounts = _amounts(folded)
    masked, spans = _notes(folded)
    notes = [_note_of(start, spans) for _, _, start, _ in amounts]
    pays: list[_Pay] = []
    index = 0
    while index < len(amounts):
        value, thousands, start, end = amounts[index]
        pay = _Pay(value, value, start, end, thousands)
        following = index + 1
        while following < len(amounts) and notes[following] != notes[index]:
            following += 1  # amounts in a note beside this bound
        if following < len(amounts):
            high, high_thousands, high_start, high_end = amounts[following]
            # both bounds in one note ("(soit €40k-€52k)"): the note's own words join them
            joined = folded if notes[index] >= 0 else masked
            if _RANGE_SEPARATOR.match(joined[end:high_start]):
                if high_thousands and not thousands and value < 1000 <= high:
                    value *= 1000  # "45-55K€": the k is for both
                elif (
                    not thousands
                    and value < 1000 <= high
                    and value.is_integer()
                    and high / 2 <= value * 1000 <= high
                ):
                    value *= 1000  # "de 35 à 40 000 €"
                pay = _Pay(value, high, start, high_end, thousands or high_thousands)
                index = following
        pay.before = _clause_before(folded, pay.start)
        pay.after = _clause_after(folded, pay.end)
        lead = pay.before[-40:]
        opening = folded.rfind("(", max(0, pay.start - 60), pay.start)
        if opening >= 0 and ")" not in folded[opening : pay.start]:
            # "prime Ségur (238 € net/mois)": what the bracket stands beside names the amount;
            # "fixe + variable (30 k€ + 5 k€)": the first amount is the fixed pay
            beside = folded[max(0, opening - 40) : opening]
            if not (
                _FIXED_THEN_MORE.search(beside)
                and not re.search(r"\d", folded[opening : pay.start])
            ):
                lead = _clause_before(folded, opening)[-40:] + " " + lead
        if pay.low > 0 and not _NOT_PAY_BEFORE.search(lead):
            if not _NOT_PAY_AFTER.match(pay.after):
                pays.append(pay)
        index += 1
    return pays


def _months(folded: str) -> tuple[float | None, str]:
    """The months a year the pay is paid on ("sur 13 mois", "13e mois", "x 13"), and the text
    without any count of months (so that "6 mois" is not read as pay)."""
    months = None
    for match in _MONTHS_COUNT.finditer(folded):
        figure = next(group for group in match.groups() if group)
        value = float(figure.replace(",", "."))
        if months is None and 12 <= value <= 16:
            months = value
    return months, _MONTHS_COUNT.sub(" ", folded)


def _period_by_magnitude(value: float) -> SalaryPeriod | None:
    for period, (low, high) in (
        (SalaryPeriod.HOUR, _HOURLY),
        (SalaryPeriod.MONTH, _MONTHLY),
        (SalaryPeriod.YEAR, _YEARLY),
    ):
        if low <= value < high:
            return period
    return None


_WORD = re.compile(r"[A-Z]{2,}")
_MAX_WORDS_OF_A_BARE_VALUE = 4


def _the_salary(pays: list[_Pay], folded: str) -> _Pay | None:
    """The amount a person would call the salary: the first written as money; else, in a short
    value ("35000 - 40000", "Selon profil 35000"), the first whose size is that of a pay. In a
    sentence, a bare figure is a year, a count or a postal code more often than pay."""
    marked = [pay for pay in pays if pay.marked]
    if marked:
        return marked[0]
    if len(_WORD.findall(folded)) > _MAX_WORDS_OF_A_BARE_VALUE:
        return None
    plausible = [
        pay
        for pay in pays
        if pay.high >= BARE_PAY_MINIMUM and _period_by_magnitude(pay.high) is not None
    ]
    return plausible[0] if plausible else None


_NET_WORD = re.compile(r"\bNETS?\b")
_GROSS_WORD = re.compile(r"\bBRUTS?\b|\bGROSS\b")
HOURS_A_MONTH = (20.0, 220.0)
"""Hours of work a month that make an hourly rate and a monthly amount one pay: from a few
hours a week to the longest legal working time (48 h a week, Code du travail, art. L3121-20)."""


def _period_of(pay: _Pay) -> SalaryPeriod | None:
    return pay.period or (None if pay.per_piece else _period_by_magnitude(pay.high))


def _restatement(pay: _Pay, pays: list[_Pay]) -> _Pay:
    """The later amount of the same text that restates `pay` the way a recruiter names a
    salary, else `pay`: the monthly or yearly amount of an hourly rate ("11,88 €/h soit
    1 801,80 € brut mensuel": a contract of work states a monthly salary, mensualisation, Code
    du travail, art. L3242-1), the gross pay beside a net one ("1 654 € net (2 120 € brut)":
    French salaries are quoted gross)."""
    single = pay.low == pay.high  # a range is restated by a range, a figure by a figure
    later = [
        other
        for other in pays
        if other.start > pay.start and other.marked and (other.low == other.high) == single
    ]
    period = _period_of(pay)
    if period == SalaryPeriod.HOUR and pay.low:
        for other in later:
            other_period = _period_of(other)
            if other_period not in (SalaryPeriod.MONTH, SalaryPeriod.YEAR):
                continue
            monthly = other.low / 12 if other_period == SalaryPeriod.YEAR else other.low
            if HOURS_A_MONTH[0] <= monthly / pay.low <= HOURS_A_MONTH[1]:
                return other
    words = pay.before[-15:] + " " + pay.after
    if _NET_WORD.search(words) and not _GROSS_WORD.search(words):
        for other in later:
            if _GROSS_WORD.search(other.after) and _period_of(other) == period:
                return other
    return pay


_BROKEN_GROUP = re.compile(r"(?<=\d)[¿\ufffd](?=\d{3}(?!\d))")
_BROKEN_EURO = re.compile(r"(?<=\d)\s?[¿\ufffd](?!\d)")


def _without_broken_signs(text: str) -> str:
    """`text` with the signs a broken encoding put for a space or the euro sign read back:
    "2¿000 €" (a no-break space between digit groups) is "2 000 €", "2 100 ¿" is "2 100 €"
    ("¿" and "\ufffd" stand for a character the encoding had no room for)."""
    if "¿" not in text and "\ufffd" not in text:
        return text
    return _BROKEN_EURO.sub(" €", _BROKEN_GROUP.sub(" ", text))


def parse_salary(text: str | None) -> Salary | None:
    """The pay `text` describes: minimum, maximum, period, currency and months a year.

    `text` may be a field's value or a sentence with other figures around the pay. The pay is
    the first amount written as money (a currency, "k", a pay word or a period next to it) that
    is not a bonus, meal vouchers or another benefit ("prime de 500 €", "tickets restaurant
    9 €"); figures followed by a unit that is not money ("1 jour", "24h", "10 %") are not pay.
    "De 40 000 à 50 000 €", "45KE - 50KE", "entre 38K et 45K" give both bounds, "à partir de
    2000 €/mois" a minimum only, "jusqu'à 45 k€" a maximum only, one figure minimum = maximum.
    The period is the one written next to the amount ("40-42K€ selon expérience - 1 jour de
    télétravail / semaine" is yearly); when none is, it is inferred from the size of the figures
    (7 to 150 an hour, 800 to 12,000 a month, 12,000 to 500,000 a year, else unknown), except for
    an amount paid by a unit of work that is no time (`PIECE_UNITS`: "100 € par soirée", "45 €
    par intervention", "la garde de 12 h"), which has no period.
    An unstated currency is EUR. The months a year ("sur 13 mois", "13e mois", "x 13") are kept
    when 12 to 16.
    A figure below `BARE_PAY_MINIMUM` with no currency, "k" or period is no pay ("Salaire :
    35-40", "selon grille CCN 66"), nor are a collective agreement's numbers ("IDCC 1147, 42
    points", "Convention collective du 15 mars 1966") and bonuses ("+ Ségur (238 € net/mois)").
    A pay written in several currencies gives the euro amount ("£45k–£55k / €50k–€60k").
    An hourly rate restated as a monthly or yearly amount, or a net pay restated gross, gives
    the restatement ("11,88 €/h soit 1 801,80 € brut mensuel", "1 654 € net (2 120 € brut)").
    Text without figures of pay ("selon profil", "SMIC", "à négocier") is kept with no figures.
    Digit groups may be parted by a space, a no-break or narrow no-break space, a thin space, an
    apostrophe or a dot ("2 500", "2'500", "2.500"), or by the "¿" a broken encoding put for a
    no-break space ("2¿500 ¿", the second one for "€"). Of a fixed pay and its variable part in
    brackets ("fixe + variable (30 k€ + 5 k€)") the fixed pay is the salary. A pay in another
    currency keeps it ("£30,000" is 30,000 GBP: no euro figures are made up).
    None for empty text.
    """
    if not text or not (written := collapse(text)):
        return None
    folded = re.sub(r"(?<=\d)['\u2019](?=\d{3}(?!\d))", "", written[:MAX_TEXT_CHARS])
    folded = re.sub(r"['\u2019]", " ", fold(_without_broken_signs(folded)))
    folded = _GENDER.sub(" ", _DOTNET.sub(" DOTNET ", folded))
    months, folded = _months(folded)
    pays = _pays(folded)
    pay = _the_salary(pays, folded)
    if pay is None:
        return Salary(text=written)
    if pay.currency not in (None, "EUR"):
        # "£45k–£55k / €50k–€60k": the same pay in several currencies, the euro one is kept
        pay = next((other for other in pays if other.marked and other.currency == "EUR"), pay)
    pay = _restatement(pay, pays)
    currency = pay.currency or next(
        (code for code, pattern in _CURRENCIES if pattern.search(folded)), "EUR"
    )
    minimum: float | None = pay.low
    maximum: float | None = pay.high
    if pay.low == pay.high and _FROM.search(pay.before):
        maximum = None
    elif pay.low == pay.high and _UP_TO.search(pay.before):
        minimum = None
    elif pay.high < pay.low:
        minimum, maximum = pay.high, pay.low
    period = _period_of(pay)
    return Salary(
        text=written,
        minimum=minimum,
        maximum=maximum,
        period=period,
        currency=currency,
        months=months,
        basis=_basis(pay.after[:BASIS_REACH])
        or _basis(pay.before[-BASIS_REACH:])
        or _basis(folded),
    )


_DOTNET = re.compile(r"\.NET\b")
"""".NET", the framework ("Développeur .NET, 45 k€"): no net pay."""
_GROSS_BASIS = re.compile(r"\bBRUTE?S?\b|\bGROSS\b|\bBEFORE TAX(?:ES)?\b|\bPRE ?-?TAX\b")
_NET_BASIS = re.compile(r"\bNET(?:TE)?S?\b|\bAFTER TAX(?:ES)?\b|\bTAKE ?-?HOME\b")
BASIS_REACH = 25
"""Characters beside an amount whose words say it is gross or net ("35 k€ bruts annuels",
"Salaire brut mensuel : 1 900 €")."""


def _basis(words: str) -> PayBasis | None:
    """Gross or net, when the folded `words` say one and not the other."""
    gross, net = bool(_GROSS_BASIS.search(words)), bool(_NET_BASIS.search(words))
    if gross == net:
        return None
    return PayBasis.GROSS if gross else PayBasis.NET


def _euros(value: float) -> str:
    return f"{value:.2f}"


def ft_salary_label(salary: Salary | None) -> str | None:
    """France Travail's wording of `salary`, e.g. "Annuel de 35000.00 Euros à 40000.00 Euros".

    " sur 12 mois" follows when the months are known. None when France Travail has no wording
    for it: no figures, no period, a period other than year, month or hour, or a currency other
    than the euro, or a net pay (`is_net`: France Travail's labels are gross).
    """
    if salary is None or is_net(salary.basis, salary.text):
        return None
    return ft_salary_wording(
        salary.minimum, salary.maximum, salary.period, salary.currency, salary.months
    )


def is_net(basis: str | None, text: str | None) -> bool:
    """Whether a pay is net: its `basis` ("net", `schemas.PayBasis`) when it was read, else its
    `text` (`states_net_pay`; offers stored before the basis was read)."""
    return basis == PayBasis.NET if basis is not None else states_net_pay(text)


def states_net_pay(text: str | None) -> bool:
    """Whether the pay `text` states its amount net of social charges and not gross beside it
    ("1 950 € net mensuel, logé nourri"; not "1 654 € net (2 120 € brut)"). France Travail's
    salary labels ("Mensuel de 1950.00 Euros sur 12 mois") are gross amounts: a net one does
    not fit them."""
    words = " " + re.sub(r"[^0-9A-Z]+", " ", fold(text or "")) + " "
    return bool(_NET_WORD.search(words)) and not _GROSS_WORD.search(words)


def ft_salary_wording(
    minimum: float | None,
    maximum: float | None,
    period: str | None,
    currency: str | None,
    months: float | None,
) -> str | None:
    """`ft_salary_label` of a salary given by its fields (`schemas.Salary`'s, the period as
    `SalaryPeriod` or its value), as the store's columns hold them."""
    if period not in _FT_PERIOD_WORDS or currency != "EUR":
        return None
    low = minimum if minimum is not None else maximum
    if low is None:
        return None
    label = f"{_FT_PERIOD_WORDS[period]} de {_euros(low)} Euros"  # type: ignore[index]
    if maximum is not None and maximum != low:
        label += f" à {_euros(maximum)} Euros"
    if months is not None:
        shown = int(months) if months.is_integer() else months
        label += f" sur {shown} mois"
    return label
