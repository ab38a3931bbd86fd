"""Pay as sources write it read as figures, period and currency; and France Travail's wording."""

from __future__ import annotations

import re

from normalizers.text import collapse, fold
from schemas import Salary, SalaryPeriod

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
        re.compile(rf"\bHORAIRES?\b|\bHOURLY\b|{_PER}(?:H|HR|HEURE|HOUR)\b|\bBRUTS? ?/ ?H\b"),
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
            rf"|\bK ?€|\bK ?EUR|\bKE\b|{_PER}(?:AN|ANNEE|YEAR|YR)\b|\bBRUT AN\b"
        ),
    ),
]
_MONTHS_COUNT = re.compile(
    r"\bSUR\s+(\d{1,2}(?:[.,]\d{1,2})?)\s*MOIS\b|\b(\d{1,2}(?:[.,]5)?)\s*(?:E|EME|IEME)?\s*MOIS\b"
    r"|\bX\s*(\d{1,2})\b|\b(\d{1,2}(?:[.,]\d)?)\s*MONTHS\b"
)
_AMOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[  \u202f.,'](?:\d{3}))+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    r"(?![\d])(\s*K(?![A-Z])|\s*K(?=EUR|€)|\s*K\b)?"
)
_NOT_PAY = re.compile(
    r"^\s*(?:%|H\b|HEURES?\b|HOURS?\b|ANS?\b|YEARS?\b|JOURS?\b|DAYS?\b|SALARIES?\b|PERSONNES?\b"
    r"|RTT\b|CONGES?\b|TICKETS?\b|E\b|EME\b|ER\b|MOIS\b|MONTHS?\b)"
)
_FROM = re.compile(r"\b(?:A PARTIR DE|DES|MINIMUM|MIN|FROM|STARTING AT|AU MOINS|PLANCHER)\s*:?\s*$")
_UP_TO = re.compile(r"\b(?:JUSQU ?A|MAXIMUM|MAX|UP TO|PLAFOND)\s*:?\s*$")
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
    text = re.sub(r"[  \u202f']", "", text)
    last_separator = max(text.rfind(","), text.rfind("."))
    if last_separator == -1:
        return float(text)
    decimals = text[last_separator + 1 :]
    if len(decimals) == 3:  # a thousands separator: "1.802", "45,000"
        return float(re.sub(r"[.,]", "", text))
    whole = re.sub(r"[.,]", "", text[:last_separator])
    return float(f"{whole}.{decimals}")


def _amounts(folded: str) -> list[tuple[float, str]]:
    """The amounts of pay written, each with the text just before it."""
    found = []
    for match in _AMOUNT.finditer(folded):
        if _NOT_PAY.match(folded[match.end() :]):
            continue
        value = _number(match.group(1))
        if match.group(2):
            value *= 1000
        found.append((value, folded[max(0, match.start() - 20) : match.start()]))
    thousands = [i for i, (value, _) in enumerate(found) if value >= 1000]
    if len(found) == 2 and thousands == [1] and found[0][0] < 1000 <= found[0][0] * 1000:
        found[0] = (found[0][0] * 1000, found[0][1])  # "45-55K€": the K is for both
    return found


def _months(folded: str) -> tuple[float | None, str]:
    match = _MONTHS_COUNT.search(folded)
    if not match:
        return None, folded
    figure = next(group for group in match.groups() if group)
    months = float(figure.replace(",", "."))
    rest = folded[: match.start()] + " " + folded[match.end() :]
    return (months if 0 < months <= 16 and months >= 12 else None), rest


def _period_by_magnitude(value: float) -> SalaryPeriod | None:
    for period, (low, high) in (
        (SalaryPeriod.HOUR, _HOURLY),
        (SalaryPeriod.MONTH, _MONTHLY),
        (SalaryPeriod.YEAR, _YEARLY),
    ):
        if low <= value < high:
            return period
    return None


def parse_salary(text: str | None) -> Salary | None:
    """The pay `text` describes: minimum, maximum, period, currency and months a year.

    "De 40 000 à 50 000 €" gives both bounds, "à partir de 2000 €/mois" a minimum only, one
    figure gives minimum = maximum. An unstated period is inferred from the size of the figures
    (7 to 150 an hour, 800 to 12,000 a month, 12,000 to 500,000 a year, else unknown); an
    unstated currency is EUR.
    Text without figures ("selon profil") is kept with no figures. None for empty text.
    """
    if not text or not (written := collapse(text)):
        return None
    folded = re.sub(r"['\u2019]", " ", fold(written[:MAX_TEXT_CHARS]))
    months, folded = _months(folded)
    amounts = [(value, before) for value, before in _amounts(folded) if value > 0]
    if not amounts:
        return Salary(text=written)
    currency = next((code for code, pattern in _CURRENCIES if pattern.search(folded)), "EUR")
    minimum: float | None = amounts[0][0]
    maximum: float | None = amounts[1][0] if len(amounts) > 1 else minimum
    if len(amounts) == 1 and _FROM.search(amounts[0][1]):
        maximum = None
    elif len(amounts) == 1 and _UP_TO.search(amounts[0][1]):
        minimum = None
    elif minimum is not None and maximum is not None and maximum < minimum:
        minimum, maximum = maximum, minimum
    period = next((p for p, pattern in _PERIODS if pattern.search(folded)), None)
    if period is None:
        period = _period_by_magnitude(max(v for v in (minimum, maximum) if v is not None))
    return Salary(
        text=written,
        minimum=minimum,
        maximum=maximum,
        period=period,
        currency=currency,
        months=months,
    )


def _euros(value: float) -> str:
    return f"{value:.2f}"


def ft_salary_label(salary: Salary | None) -> str | None:
    """France Travail's wording of `salary`, e.g. "Annuel de 35000.00 Euros à 40000.00 Euros".

    " sur 12 mois" follows when the months are known. None when France Travail has no wording
    for it: no figures, no period, a period other than year, month or hour, or a currency other
    than the euro.
    """
    if salary is None or salary.period not in _FT_PERIOD_WORDS or salary.currency != "EUR":
        return None
    low = salary.minimum if salary.minimum is not None else salary.maximum
    if low is None:
        return None
    label = f"{_FT_PERIOD_WORDS[salary.period]} de {_euros(low)} Euros"
    if salary.maximum is not None and salary.maximum != low:
        label += f" à {_euros(salary.maximum)} Euros"
    if salary.months is not None:
        months = int(salary.months) if salary.months.is_integer() else salary.months
        label += f" sur {months} mois"
    return label
