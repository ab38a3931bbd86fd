"""When a job starts, as postings write it: a day, a month, "dès que possible", a delay.

Read from a structured field (JSON-LD `jobStartDate`, a feed's `startDate`) or from the words a
labelled line or a sentence gives ("Date de début : 05/01/2027", "à pourvoir dès le 5 janvier",
"Prise de poste : janvier 2027", "Start date: ASAP", "à partir du 01/09"). Numeric dates are day
first unless they start with the year ("2027-01-05", "2027/01/05", "2027.01.05", "2027-01"), as
in `normalizers.dates`: a year-first date is never read day first.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from normalizers.dates import MONTHS, PARIS
from normalizers.text import collapse, fold
from schemas import StartDate

MAX_TEXT_CHARS = 200

DAY_CONFIDENCE = 1.0
"""A day written in full ("05/01/2027", "5 janvier 2027", "2027-01-05"), or "dès que possible"."""
YEARLESS_DAY_CONFIDENCE = 0.9
"""A day and month whose year is inferred ("5 janvier"): the next such day."""
MONTH_CONFIDENCE = 0.7
"""A month and year ("janvier 2027", "début janvier 2027"): its first day."""
VAGUE_CONFIDENCE = 0.6
"""A month alone ("en septembre"), part of a month ("mi-mars", "fin janvier") or a delay ("sous
15 jours", "dans 2 semaines")."""

EARLIEST = relativedelta(years=1)
LATEST = relativedelta(years=2)
"""Start dates more than a year before or two years after the posting are not read (a birth
date, a typo)."""
PAST_DAYS_KEPT = 60
"""A day and month without a year that fell more than this many days before the posting is
next year's ("5 janvier" written on 30 November)."""

# The dates module's months, except the short forms that are other words in a sentence
# ("mar." for mardi, "aou", "jun", "jul").
_MONTHS = {
    name: month for name, month in MONTHS.items() if name not in {"MAR", "JUN", "JUL", "AOU"}
}
"""Month names and abbreviations, folded; a month alone must be written in full (`_FULL_MONTH`)."""
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_FULL_MONTH = (
    "JANVIER|FEVRIER|MARS|AVRIL|MAI|JUIN|JUILLET|AOUT|SEPTEMBRE|OCTOBRE|NOVEMBRE|DECEMBRE"
    "|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
)
"""Months that may stand without a day or year ("en septembre"); not "May", an English verb."""
_DAY_NAMES = (
    r"(?:LUNDI|MARDI|MERCREDI|JEUDI|VENDREDI|SAMEDI|DIMANCHE|MONDAY|TUESDAY|WEDNESDAY"
    r"|THURSDAY|FRIDAY|SATURDAY|SUNDAY)\s+"
)
_NUMBERS = {"UN": 1, "UNE": 1, "DEUX": 2, "TROIS": 3, "QUATRE": 4, "QUINZE": 15, "A": 1,
            "AN": 1, "ONE": 1, "TWO": 2, "THREE": 3}  # fmt: skip
_UNITS = {"JOUR": 1, "JOURS": 1, "DAY": 1, "DAYS": 1, "SEMAINE": 7, "SEMAINES": 7, "WEEK": 7,
          "WEEKS": 7}  # fmt: skip

_IMMEDIATE = re.compile(
    r"\b(?:DES QUE POSSIBLE|AU PLUS TOT|AU PLUS VITE|ASAP|IMMEDIATE?(?:MENT|LY)?|TOUT DE SUITE"
    r"|DE SUITE|DES MAINTENANT|DES A PRESENT|DES AUJOURD HUI|AS SOON AS POSSIBLE|RIGHT AWAY"
    r"|IMMEDIATEMENT DISPONIBLE)\b"
)
_FORMS = re.compile(
    r"\b(?P<iso_year>\d{4})(?P<iso_separator>[-/.])(?P<iso_month>\d{1,2})(?P=iso_separator)"
    r"(?P<iso_day>\d{1,2})(?!\d)"
    r"|\b(?P<ym_year>\d{4})-(?P<ym_month>\d{1,2})(?![\d/.-])"
    r"|\b(?P<num_day>\d{1,2})[/.-](?P<num_month>\d{1,2})[/.-](?P<num_year>\d{4}|\d{2})(?![\d/.-]\d)"
    r"|\b(?P<num_month_only>\d{1,2})[/.-](?P<num_month_year>\d{4})(?!\d)"
    r"|(?<![\d/.-])(?P<dm_day>\d{1,2})[/.](?P<dm_month>\d{1,2})(?![\d/.-])"
    rf"|\b(?:{_DAY_NAMES})?(?P<day>\d{{1,2}})(?:ER|ST|ND|RD|TH)?\s+(?P<month>{_MONTH})\b\.?"
    r"(?:\s+(?P<year>\d{4}))?"
    rf"|\b(?P<en_month>{_MONTH})\.?\s+(?P<en_day>\d{{1,2}})(?:ST|ND|RD|TH)?\b(?:,?\s+(?P<en_year>\d{{4}}))?"
    r"|\b(?:(?P<part>DEBUT|MI|FIN|COURANT|EARLY|MID|LATE)\s*(?:DE |D |-)?\s*)?"
    rf"(?:(?P<month_only>{_FULL_MONTH})|(?P<month_with_year>{_MONTH}))\b\.?(?:\s+(?P<month_year>\d{{4}}))?"
    # "Rentrée" is September unless it names its month ("Rentrée en octobre 2027")
    rf"|\bRENTREE(?!\s+(?:EN\s+|DE\s+|D\s+)?(?!SEPTEMBRE)(?:{_FULL_MONTH})\b)"
    r"(?:\s+(?:DE\s+)?SEPTEMBRE)?(?:\s+(?P<rentree_year>\d{4}))?"
    r"|\b(?:DANS|SOUS|D ICI|WITHIN|IN)\s+(?P<count>\d{1,2}|UNE?|DEUX|TROIS|QUATRE|QUINZE|A|ONE"
    r"|TWO|THREE)\s+(?P<unit>JOURS?|SEMAINES?|MOIS|DAYS?|WEEKS?|MONTHS?)\b"
    r"|\b(?P<tomorrow>DEMAIN|TOMORROW)\b"
)


@dataclass(frozen=True)
class ReadStart:
    """A start read from words, and how precise the words were (1 for a day written in full)."""

    start: StartDate
    precision: float


def _year(written: str) -> int:
    year = int(written)
    return year + 2000 if year < 100 else year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _yearless(month: int, day: int, today: date) -> date | None:
    """The day and month on or after `today` (within `PAST_DAYS_KEPT`)."""
    if not 1 <= month <= 12:
        return None
    found = _safe_date(today.year, month, day)
    if found is not None and found < today - timedelta(days=PAST_DAYS_KEPT):
        found = _safe_date(today.year + 1, month, day)
    return found


def _month_day(month: int, year: int | None, part: str | None, today: date) -> date:
    if year is None:
        year = today.year + (1 if month < today.month - 1 else 0)
    last = calendar.monthrange(year, month)[1]
    if part in ("MI", "MID"):
        return date(year, month, 15)
    if part in ("FIN", "LATE"):
        return date(year, month, last)
    return date(year, month, 1)


def _reading(match: re.Match[str], today: date) -> tuple[date | None, float]:
    group = match.group
    if group("iso_year"):
        iso = _safe_date(int(group("iso_year")), int(group("iso_month")), int(group("iso_day")))
        return iso, DAY_CONFIDENCE
    if group("num_day"):
        numeric_year = _year(group("num_year"))
        numeric = _safe_date(numeric_year, int(group("num_month")), int(group("num_day")))
        return numeric, DAY_CONFIDENCE
    if group("ym_year"):
        month_of_year = int(group("ym_month"))
        if not 1 <= month_of_year <= 12:
            return None, 0.0
        return date(int(group("ym_year")), month_of_year, 1), MONTH_CONFIDENCE
    if group("dm_day"):  # "à partir du 01/09": day first, the next such day
        return _yearless(int(group("dm_month")), int(group("dm_day")), today), (
            YEARLESS_DAY_CONFIDENCE
        )
    if group("num_month_only"):
        numeric_month = int(group("num_month_only"))
        if not 1 <= numeric_month <= 12:
            return None, 0.0
        return date(int(group("num_month_year")), numeric_month, 1), MONTH_CONFIDENCE
    if group("day") or group("en_day"):
        named_month = _MONTHS[group("month") or group("en_month")]
        number = int(group("day") or group("en_day"))
        written_year = group("year") or group("en_year")
        if written_year:
            return _safe_date(int(written_year), named_month, number), DAY_CONFIDENCE
        return _yearless(named_month, number, today), YEARLESS_DAY_CONFIDENCE
    if group("month_only") or group("month_with_year"):
        if group("month_with_year") and not group("month_year"):
            return None, 0.0  # "mar", "dec" alone: not surely a month
        month = _MONTHS[group("month_only") or group("month_with_year")]
        month_year = int(group("month_year")) if group("month_year") else None
        part = group("part")
        precise = month_year is not None and part in (None, "DEBUT", "EARLY", "COURANT")
        return _month_day(month, month_year, part, today), (
            MONTH_CONFIDENCE if precise else VAGUE_CONFIDENCE
        )
    if match.group(0).startswith("RENTREE"):
        rentree = int(group("rentree_year")) if group("rentree_year") else None
        return _month_day(9, rentree, None, today), VAGUE_CONFIDENCE
    if group("count"):
        count_text = group("count")
        count = int(count_text) if count_text.isdigit() else _NUMBERS[count_text]
        unit = group("unit")
        if unit.startswith(("MOIS", "MONTH")):
            return today + relativedelta(months=count), VAGUE_CONFIDENCE
        return today + timedelta(days=count * _UNITS[unit]), VAGUE_CONFIDENCE
    if group("tomorrow"):
        return today + timedelta(days=1), YEARLESS_DAY_CONFIDENCE
    return None, 0.0


def read_start_date(text: str | None, *, now: datetime) -> ReadStart | None:
    """The start `text` states, or None when it states none.

    `now` is when the offer was posted (else collected): a day without a year ("5 janvier") is
    the next such day (one that fell less than `PAST_DAYS_KEPT` days before still counts), a month
    alone ("en janvier") the next such month, a delay ("sous 15 jours", "dans 2 semaines",
    "demain") counts from it. "Dès que possible", "immédiatement", "ASAP" are `immediate`; a date
    is read day first unless it starts with the year ("2027-01-05"); a month is its first day
    ("début" too, "mi-" the 15th, "fin" the last day). `precision` is 1 for a day written in
    full or "dès que possible", 0.9 for a day whose year is inferred, 0.7 for a month and year,
    0.6 for a month alone, part of a month or a delay. The first start written wins ("du 5
    janvier au 30 juin" starts on 5 January). Dates more than a year before or two years after
    `now` are not read.
    """
    if not text or not (written := collapse(text)):
        return None
    folded = re.sub(r"[^0-9A-Z/.\-]+", " ", fold(written[:MAX_TEXT_CHARS]))
    today = now.astimezone(PARIS).date()
    immediate = _IMMEDIATE.search(folded)
    for match in _FORMS.finditer(folded):
        if immediate and immediate.start() < match.start():
            break
        day, precision = _reading(match, today)
        if day is not None and today - EARLIEST <= day <= today + LATEST:
            return ReadStart(StartDate(text=written, day=day, immediate=False), precision)
    if immediate:
        return ReadStart(StartDate(text=written, immediate=True), DAY_CONFIDENCE)
    return None


def parse_start_date(text: str | None, *, now: datetime) -> ReadStart | None:
    """A structured start field read (`read_start_date`), its words kept even when they state
    no start that can be read (precision 1 then: the field says what it says). None when empty."""
    if not text or not (written := collapse(text)):
        return None
    if written.lower() in ("immediate", "true"):  # JSON-LD jobImmediateStart
        return ReadStart(StartDate(text=written, immediate=True), DAY_CONFIDENCE)
    return read_start_date(written, now=now) or ReadStart(StartDate(text=written), DAY_CONFIDENCE)
