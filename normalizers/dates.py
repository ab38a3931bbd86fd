"""Dates as sources write them (RFC 822, ISO 8601, French, relative) read as aware UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, available_timezones

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from normalizers.text import collapse, fold

PARIS = ZoneInfo("Europe/Paris")
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
"""Dates before this are not job-offer dates: a parse error or a placeholder such as 1970."""
MAX_AHEAD = relativedelta(years=2)
"""Dates further than this after `now` are typos or placeholders (9999-12-31)."""

MONTHS = {
    "JANVIER": 1, "JANV": 1, "JAN": 1, "JANUARY": 1,
    "FEVRIER": 2, "FEVR": 2, "FEV": 2, "FEB": 2, "FEBRUARY": 2,
    "MARS": 3, "MAR": 3, "MARCH": 3,
    "AVRIL": 4, "AVR": 4, "APR": 4, "APRIL": 4,
    "MAI": 5, "MAY": 5,
    "JUIN": 6, "JUN": 6, "JUNE": 6,
    "JUILLET": 7, "JUIL": 7, "JUL": 7, "JULY": 7,
    "AOUT": 8, "AOU": 8, "AUG": 8, "AUGUST": 8,
    "SEPTEMBRE": 9, "SEPT": 9, "SEP": 9, "SEPTEMBER": 9,
    "OCTOBRE": 10, "OCT": 10, "OCTOBER": 10,
    "NOVEMBRE": 11, "NOV": 11, "NOVEMBER": 11,
    "DECEMBRE": 12, "DEC": 12, "DECEMBER": 12,
}  # fmt: skip
"""Month names and abbreviations, folded (French and English), and their numbers."""
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_NAMES = (
    "LUNDI|MARDI|MERCREDI|JEUDI|VENDREDI|SAMEDI|DIMANCHE|LUN|MAR|MER|JEU|VEN|SAM|DIM"
    "|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY|MON|TUE|WED|THU|FRI|SAT|SUN"
)
_ZONE = (
    r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT|UT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?"
    r"|[A-Z]{1,5}|[A-Z][A-Z_]+/[A-Z][A-Z_/+-]*)"
)
_TIME = (
    r"(?:\s*(?:A|AT|,|-|T)?\s*(?P<hour>\d{1,2})\s*(?:H|:)\s*(?P<minute>\d{2})?"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?"
    rf"(?:\s*{_ZONE})?)?(?:\s*\([^)]*\))?"
)
_DAY_MONTH_NAME = re.compile(
    rf"^(?:(?:{_DAY_NAMES})\.?,?\s*)?(?P<day>\d{{1,2}})(?:ER|ST|ND|RD|TH)?[\s-]+"
    rf"(?P<month>{_MONTH})\.?,?[\s-]+(?P<year>\d{{4}}|\d{{2}}){_TIME}$"
)
_MONTH_NAME_DAY = re.compile(
    rf"^(?:(?:{_DAY_NAMES})\.?,?\s*)?(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})"
    rf"(?:ST|ND|RD|TH)?,?\s+(?P<year>\d{{4}}){_TIME}$"
)
_NUMERIC_DAY_FIRST = re.compile(
    rf"^(?:(?:{_DAY_NAMES})\.?,?\s*)?(?P<day>\d{{1,2}})(?P<separator>[/.-])(?P<month>\d{{1,2}})"
    rf"(?P=separator)(?P<year>\d{{4}}|\d{{2}}){_TIME}$"
)
_YEAR_FIRST = re.compile(
    rf"^(?P<year>\d{{4}})(?P<separator>[/.-])(?P<month>\d{{1,2}})(?P=separator)(?P<day>\d{{1,2}})"
    rf"{_TIME}$"
)
"""Year-first dates (ISO 8601, Recruitee's "2025-03-04 09:30:00 UTC", "2025/03/04"): always
year, month, day; never read day-first."""
_NAMED_ZONES = {
    "Z": 0, "UT": 0, "UTC": 0, "GMT": 0, "WET": 0,
    "CET": 60, "MET": 60, "BST": 60, "WEST": 60, "IST": 60,
    "CEST": 120, "MEST": 120, "EET": 120, "EEST": 180,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
}  # fmt: skip
"""Zone abbreviations of RFC 822 (UT, GMT, the North American zones) and of Europe, in minutes
east of UTC. IST is Irish Summer Time here, as in the feeds of Europe."""
_OFFSET = re.compile(r"^(?:UTC|GMT|UT)?\s*(?P<sign>[+-])(?P<hours>\d{1,2}):?(?P<minutes>\d{2})?$")
_LEAD_WORDS = re.compile(
    r"^(?:(?:PUBLIEE?|POSTEE?|POSTED|MISE? A JOUR|UPDATED|DATE DE PUBLICATION|DATE|LE|ON|DU)"
    r"\b[\s:]*)+"
)
_TIMESTAMP = re.compile(r"^\d{10}(?:\d{3})?$")
_YEAR_FIRST_START = re.compile(r"^\d{4}[/.-]\d{1,2}[/.-]")
_ISO_BASIC = re.compile(
    r"^\d{8}(?:T\d{2}(?:\d{2}){0,2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}(?:\d{2})?)?)?$"
)
"""ISO 8601's basic format: "20250304", "20250304T093000Z"."""
_YEAR = re.compile(r"\b(19|20)\d{2}\b")

_UNITS = {
    "MINUTE": "minutes", "MIN": "minutes", "MINUTES": "minutes", "MINS": "minutes",
    "HEURE": "hours", "HEURES": "hours", "HOUR": "hours", "HOURS": "hours", "H": "hours",
    "JOUR": "days", "JOURS": "days", "DAY": "days", "DAYS": "days", "J": "days",
    "SEMAINE": "weeks", "SEMAINES": "weeks", "WEEK": "weeks", "WEEKS": "weeks",
    "MOIS": "months", "MONTH": "months", "MONTHS": "months",
    "AN": "years", "ANS": "years", "ANNEE": "years", "ANNEES": "years",
    "YEAR": "years", "YEARS": "years",
}  # fmt: skip
_CALENDAR_STEPS = {
    "days": relativedelta(days=1),
    "weeks": relativedelta(weeks=1),
    "months": relativedelta(months=1),
    "years": relativedelta(years=1),
}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_COUNT = r"(?P<count>\d+|UN|UNE|A|AN|ONE)\+?"
_AGO_FR = re.compile(rf"\bIL Y A\s+(?P<more>PLUS (?:DE|D)\s+)?{_COUNT}\s*(?P<unit>{_UNIT})\b")
_AGO_EN = re.compile(rf"\b(?P<more>OVER\s+|MORE THAN\s+)?{_COUNT}\s*(?P<unit>{_UNIT})\s+AGO\b")
_SINCE_FR = re.compile(rf"\bDEPUIS\s+(?P<more>PLUS (?:DE|D)\s+)?{_COUNT}\s*(?P<unit>{_UNIT})\b")
_TODAY = re.compile(r"\b(AUJOURD ?HUI|TODAY|JUST NOW|A L INSTANT|NOW|MAINTENANT)\b")
_YESTERDAY = re.compile(r"\b(HIER|YESTERDAY)\b")
_DAY_BEFORE_YESTERDAY = re.compile(r"\bAVANT HIER\b")


def _aware(value: datetime) -> datetime:
    """Zone-less values are Paris wall time; the result is in UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=PARIS)
    return value.astimezone(UTC)


def _paris_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=PARIS).astimezone(UTC)


# Every relative form holds one of these (folded) words; most dates hold none of them.
_RELATIVE_HINTS = (
    "HIER", "YESTERDAY", "IL", "AGO", "DEPUIS", "AUJOURD", "TODAY", "NOW", "INSTANT", "MAINTENANT"
)  # fmt: skip


def _relative(folded: str, now: datetime) -> datetime | None:
    """Relative dates, rounded down to their precision so that reading them again agrees."""
    reading = _relative_reading(folded, now)
    return reading[0] if reading else None


def _relative_reading(folded: str, now: datetime) -> tuple[datetime, str, bool] | None:
    """A relative date (`_relative`), the unit it counts in ("days" for "hier" and
    "aujourd'hui") and whether it is only a bound ("30+ days ago", "il y a plus de 30 jours")."""
    today = now.astimezone(PARIS).date()
    if not any(hint in folded for hint in _RELATIVE_HINTS):
        return None
    words = re.sub(r"[^0-9A-Z+]+", " ", folded)
    if _DAY_BEFORE_YESTERDAY.search(words):
        return _paris_midnight(today - timedelta(days=2)), "days", False
    if _YESTERDAY.search(words):
        return _paris_midnight(today - timedelta(days=1)), "days", False
    match = _AGO_FR.search(words) or _AGO_EN.search(words) or _SINCE_FR.search(words)
    if match:
        count_text = match.group("count")
        count = int(count_text) if count_text.isdigit() else 1
        unit = _UNITS[match.group("unit")]
        bound = bool(match.group("more")) or "+" in match.group(0)
        if unit in ("minutes", "hours"):
            moment = now - timedelta(**{unit: count})
            return moment.replace(minute=0, second=0, microsecond=0), unit, bound
        return _paris_midnight(today - _CALENDAR_STEPS[unit] * count), unit, bound
    if _TODAY.search(words):
        return _paris_midnight(today), "days", False
    return None


RELATIVE_DAY_CONFIDENCE = 0.8
"""A date counted back to the day from when the page was read ("il y a 3 jours", "hier",
"aujourd'hui", "posted 5 hours ago"): right if the page was read the day it was written."""
RELATIVE_COARSE_CONFIDENCE = 0.5
"""A date counted back in weeks, months or years ("il y a 2 semaines": any day of that week),
or only a bound ("30+ days ago", "il y a plus de 30 jours": that day or before)."""


def relative_confidence(text: str | None, *, now: datetime) -> float | None:
    """How sure a date `text` writes relative to when it was read is, once counted back from
    `now` (`parse_date`): `RELATIVE_DAY_CONFIDENCE` for days, hours or minutes,
    `RELATIVE_COARSE_CONFIDENCE` for weeks, months, years or a bound. None when `text` is no
    relative date (an absolute date is as sure as it is written)."""
    if not text:
        return None
    folded = fold(collapse(text)[:200]).replace("’", "'").replace("'", " ")
    reading = _relative_reading(folded, _aware(now))
    if reading is None:
        return None
    _, unit, bound = reading
    if bound or unit in ("weeks", "months", "years"):
        return RELATIVE_COARSE_CONFIDENCE
    return RELATIVE_DAY_CONFIDENCE


@cache
def _zone_names() -> dict[str, str]:
    """The IANA zone names ("Europe/Paris") by their folded form ("EUROPE/PARIS")."""
    return {name.upper(): name for name in available_timezones()}


def _zone(written: str | None) -> tzinfo | None:
    """The zone written after a time: an offset, an RFC 822 or European abbreviation, an IANA
    name. None when none is written (Paris wall time); UTC for an unknown abbreviation, as RFC 5322
    reads "-0000" (a time in UTC, the zone unknown)."""
    if not written:
        return None
    if match := _OFFSET.match(written):
        minutes = int(match.group("hours")) * 60 + int(match.group("minutes") or 0)
        return timezone(timedelta(minutes=-minutes if match.group("sign") == "-" else minutes))
    if written in _NAMED_ZONES:
        return timezone(timedelta(minutes=_NAMED_ZONES[written]))
    if "/" in written and (name := _zone_names().get(written)):
        return ZoneInfo(name)
    return UTC


def _from_parts(
    year: int, month: int, day: int, match: re.Match[str], end_of_day: bool = False
) -> datetime:
    """The date of `match`'s parts, at its time and zone (Paris wall time when none is written);
    a date without a time is its day's start, or its last second with `end_of_day`."""
    if end_of_day and match.group("hour") is None:
        return datetime.combine(date(year, month, day), _LAST_SECOND, tzinfo=PARIS).astimezone(UTC)
    hour = int(match.group("hour") or 0)
    minute = int(match.group("minute") or 0)
    second = int(match.group("second") or 0)
    fraction = match.group("fraction") or ""
    microsecond = int(fraction[:6].ljust(6, "0")) if fraction else 0
    value = datetime(
        year, month, day, hour, minute, second, microsecond, tzinfo=_zone(match.group("zone"))
    )
    return _aware(value)


_LAST_SECOND = time(23, 59, 59)


def _two_digit_year(year: int) -> int:
    """A year written with two digits: 00–49 are 2000–2049, 50–99 are 1950–1999 (RFC 5322)."""
    if year >= 100:
        return year
    return year + (2000 if year < 50 else 1900)


def _absolute(folded: str, end_of_day: bool = False) -> datetime | None:
    text = _LEAD_WORDS.sub("", folded).strip()
    if _TIMESTAMP.match(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return datetime.fromtimestamp(seconds, tz=UTC)
    if match := _YEAR_FIRST.match(text):
        day, month = int(match.group("day")), int(match.group("month"))
        return _from_parts(int(match.group("year")), month, day, match, end_of_day)
    if _ISO_BASIC.match(text):
        return _aware(datetime.fromisoformat(text.replace(",", ".")))
    if match := _DAY_MONTH_NAME.match(text) or _MONTH_NAME_DAY.match(text):
        month = MONTHS[match.group("month")]
        year = _two_digit_year(int(match.group("year")))
        return _from_parts(year, month, int(match.group("day")), match, end_of_day)
    if match := _NUMERIC_DAY_FIRST.match(text):
        year = _two_digit_year(int(match.group("year")))
        day, month = int(match.group("day")), int(match.group("month"))
        if month > 12 >= day:  # "12/25/2026": month first, as only it can be (US usage)
            day, month = month, day
        return _from_parts(year, month, day, match, end_of_day)
    if _YEAR_FIRST_START.match(text):
        return None  # a year-first date we cannot read is not to be read day-first by dateutil
    if inside := _YEAR_FIRST_INSIDE.search(text):  # "jusqu'au 2026-03-04", "le 2026/03/04 à 12h"
        year, month, day = (int(inside.group(name)) for name in ("year", "month", "day"))
        rest = _TIME_AFTER.match(text, inside.end())
        assert rest is not None  # every group of `_TIME` is optional
        return _from_parts(year, month, day, rest, end_of_day)
    if _YEAR.search(text):  # the last resort: dateutil, only when a full year is written
        return _dateutil(text)
    return None


_YEAR_FIRST_INSIDE = re.compile(
    r"(?<![\d/.-])(?P<year>\d{4})(?P<separator>[/.-])(?P<month>\d{1,2})(?P=separator)"
    r"(?P<day>\d{1,2})(?![\d/.-]*\d)"
)
"""A year-first date among other words; read year, month, day like `_YEAR_FIRST`."""
_TIME_AFTER = re.compile(_TIME)


def _dateutil(text: str) -> datetime | None:
    """dateutil's reading, unless it had to invent the day, month or year. Day first, as French
    dates are, except that a date starting with its year is read year, month, day (dateutil's
    `dayfirst` alone reads "2026/03/04" as 3 April)."""
    year_first = _YEAR_FIRST_INSIDE.search(text) is not None
    readings = {
        dateutil_parser.parse(text, dayfirst=not year_first, yearfirst=year_first, default=default)
        for default in (datetime(2000, 1, 1), datetime(2001, 2, 2))
    }
    return _aware(readings.pop()) if len(readings) == 1 else None


def parse_closing_date(text: str | None, *, now: datetime | None = None) -> datetime | None:
    """The last moment an offer is open, from `text` as `parse_date` reads it, except that a
    date written without a time ("2026-12-15", JSON-LD's `validThrough` as a schema.org Date,
    "15/12/2026") means the end of that day in Paris (23:59:59), not its start: an offer "valid
    through" a day is open all of it."""
    return parse_date(text, now=now, end_of_day=True)


_YEARLESS_DAY = re.compile(
    rf"(?<![\d/.-])(?P<day>\d{{1,2}})(?:ER|ST|ND|RD|TH)?[\s-]+(?P<month>{_MONTH})\b"
    rf"|\b(?P<en_month>{_MONTH})\.?\s+(?P<en_day>\d{{1,2}})(?:ST|ND|RD|TH)?\b"
    r"|(?<![\d/.-])(?P<num_day>\d{1,2})[/.](?P<num_month>\d{1,2})(?![\d/.-]*\d)"
)
"""A day and month without a year: "15 janvier", "1er mars", "March 3", "3/02"."""
YEARLESS_LEAP_SPAN = 4
"""Years looked ahead for a yearless day: a 29 February comes back within four."""


def next_yearless_day(text: str | None, *, after: datetime) -> datetime | None:
    """The last second (Paris) of the day and month `text` writes without a year ("Candidatures
    jusqu'au 15 janvier", "avant le 3/02", "by March 3"), on or after the day of `after` in
    Paris (the offer's publication, else its collection): the next such day, never one of a past
    year. None when `text` writes a year ("15/01/2027", read by `parse_closing_date`) or no day
    and month. Numeric forms are day first, the French way."""
    if not text:
        return None
    folded = fold(collapse(text)[:200])
    if _YEAR.search(folded):
        return None
    match = _YEARLESS_DAY.search(folded)
    if match is None:
        return None
    if match.group("day"):
        day, month = int(match.group("day")), MONTHS[match.group("month")]
    elif match.group("en_day"):
        day, month = int(match.group("en_day")), MONTHS[match.group("en_month")]
    else:
        day, month = int(match.group("num_day")), int(match.group("num_month"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    start = _aware(after).astimezone(PARIS).date()
    for year in range(start.year, start.year + YEARLESS_LEAP_SPAN + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found >= start:
            return datetime.combine(found, _LAST_SECOND, tzinfo=PARIS).astimezone(UTC)
    return None


def parse_date(
    text: str | None, *, now: datetime | None = None, end_of_day: bool = False
) -> datetime | None:
    """The date written in `text` as an aware UTC datetime, or None when it cannot be read.

    Year-first dates (ISO 8601, RFC 3339, Recruitee's "2025-03-04 09:30:00 UTC") are always
    year, month, day; numeric forms ("04/03/2025", "4/3/25") are read day first, the French way,
    unless only month first is possible ("12/25/2026", the US order, is 25 December). RFC 822
    dates may use French day and month names and offsets, RFC 822 or European zone abbreviations
    ("CET", "EST") or IANA names ("Europe/Paris"); an unknown abbreviation is UTC.
    Zone-less dates are Paris wall time. Relative dates ("il y a 3 jours", "hier", "2 days ago")
    count back from `now` (default: the current time) and are rounded down to the day in Paris
    (to the hour for minutes and hours). Dates before 1990 or more than two years after `now`
    are taken as errors and give None. With `end_of_day` (`parse_closing_date`), a date written
    without a time is the last second of its day in Paris. Never raises.
    """
    if not text:
        return None
    text = collapse(text)[:200]
    now = _aware(now) if now is not None else datetime.now(UTC)
    folded = fold(text).replace("’", "'").replace("'", " ")
    try:
        value = _relative(folded, now) or _absolute(folded, end_of_day)
    except (ValueError, OverflowError, OSError, TypeError, ArithmeticError):
        return None
    if value is None or value < EARLIEST or value > _latest(now):
        return None
    return value


@lru_cache(maxsize=16)
def _latest(now: datetime) -> datetime:
    """The latest date read as true at `now` (a run's dates share their `now`: relativedelta's
    sum is slow)."""
    return now + MAX_AHEAD


DATE_TOLERANCE = timedelta(days=1)
"""Clocks, time zones and day-only dates differ by up to a day: never a contradiction."""


def _day(value: datetime) -> str:
    return value.astimezone(PARIS).date().isoformat()


def published_after(posted_at: datetime | None, now: datetime) -> str | None:
    """The French note for a publication date more than `DATE_TOLERANCE` after the collection
    at `now` (a feed's clock or template wrong, a date typed for the start of the job), else
    None. Such a date is not the offer's: feed readers keep the entry and show it as new, and
    Relais keeps the offer with its publication date unknown (the store then dates it from its
    first collection)."""
    if posted_at is None or posted_at <= now + DATE_TOLERANCE:
        return None
    return (
        f"date de publication du flux ({_day(posted_at)}) postérieure à la collecte "
        f"({_day(now)}) : l'offre est gardée, sa date de publication laissée inconnue"
    )


def expired_message(valid_through: datetime | None, now: datetime) -> str | None:
    """The French sentence saying an offer's application deadline `valid_through` has passed
    at `now` (its collection), by more than `DATE_TOLERANCE`; None when it has not (or is
    unknown): a deadline still to come says nothing against the offer."""
    if valid_through is None or valid_through >= now - DATE_TOLERANCE:
        return None
    day = valid_through.astimezone(PARIS).strftime("%d/%m/%Y")
    return (
        f"La date limite de candidature, le {day}, est passée à la collecte "
        f"({now.astimezone(PARIS).strftime('%d/%m/%Y')}) : l'offre a expiré."
    )


def date_problems(
    posted_at: datetime | None,
    updated_at: datetime | None,
    valid_through: datetime | None,
) -> list[tuple[str, str, str]]:
    """Why an offer's dates cannot all be true: (field, code, sentence) for each contradiction.

    An offer closing before it was published, or updated before it was published makes no
    sense (each by more than `DATE_TOLERANCE`). A publication date after the collection is
    no contradiction of the offer's: the date is wrong, not the offer (`published_after`), and
    `posted_at` is then given as None.
    """
    problems = []
    if posted_at and valid_through and valid_through < posted_at - DATE_TOLERANCE:
        problems.append(
            (
                "valid_through",
                "before_posted",
                f"L'offre prend fin le {_day(valid_through)}, avant sa publication "
                f"({_day(posted_at)}).",
            )
        )
    if posted_at and updated_at and updated_at < posted_at - DATE_TOLERANCE:
        problems.append(
            (
                "updated_at",
                "before_posted",
                f"L'offre se dit mise à jour le {_day(updated_at)}, avant sa publication "
                f"({_day(posted_at)}).",
            )
        )
    return problems
