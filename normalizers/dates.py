"""Dates as sources write them (RFC 822, ISO 8601, French, relative) read as aware UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from normalizers.text import collapse, fold

PARIS = ZoneInfo("Europe/Paris")
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
"""Dates before this are not job-offer dates: a parse error or a placeholder such as 1970."""
MAX_AHEAD = relativedelta(years=2)
"""Dates further than this after `now` are typos or placeholders (9999-12-31)."""

_MONTHS = {
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
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_TIME = (
    r"(?:\s*(?:A|AT|,|-)?\s*(?P<hour>\d{1,2})\s*(?:H|:)\s*(?P<minute>\d{2})?"
    r"(?::(?P<second>\d{2}))?)?"
)
_DAY_MONTH_NAME = re.compile(
    rf"^(?:[A-Z]+\.?,?\s+)?(?P<day>\d{{1,2}})(?:ER|ST|ND|RD|TH)?\s+(?P<month>{_MONTH})\.?,?"
    rf"\s+(?P<year>\d{{4}}){_TIME}$"
)
_MONTH_NAME_DAY = re.compile(
    rf"^(?:[A-Z]+\.?,?\s+)?(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:ST|ND|RD|TH)?,?"
    rf"\s+(?P<year>\d{{4}}){_TIME}$"
)
_NUMERIC_DAY_FIRST = re.compile(
    rf"^(?P<day>\d{{1,2}})[/.-](?P<month>\d{{1,2}})[/.-](?P<year>\d{{4}}|\d{{2}}){_TIME}$"
)
_YEAR_FIRST = re.compile(
    rf"^(?P<year>\d{{4}})[/.](?P<month>\d{{1,2}})[/.](?P<day>\d{{1,2}}){_TIME}$"
)
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_RFC_822 = re.compile(r"^(?:[A-Z]{3},\s*)?\d{1,2}\s+[A-Z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
_EUROPEAN_ZONE = re.compile(r"\s(CEST|CET|MEST|MET|BST|WEST|WET)$")
_EUROPEAN_OFFSETS = {
    "CET": "+0100", "MET": "+0100", "CEST": "+0200", "MEST": "+0200",
    "BST": "+0100", "WET": "+0000", "WEST": "+0100",
}  # fmt: skip
_LEAD_WORDS = re.compile(
    r"^(?:(?:PUBLIEE?|POSTEE?|POSTED|MISE? A JOUR|UPDATED|DATE DE PUBLICATION|DATE|LE|ON|DU)"
    r"\b[\s:]*)+"
)
_TIMESTAMP = re.compile(r"^\d{10}(?:\d{3})?$")
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
_AGO_FR = re.compile(rf"\bIL Y A\s+(?:PLUS DE\s+)?{_COUNT}\s*(?P<unit>{_UNIT})\b")
_AGO_EN = re.compile(rf"\b{_COUNT}\s*(?P<unit>{_UNIT})\s+AGO\b")
_SINCE_FR = re.compile(rf"\bDEPUIS\s+{_COUNT}\s*(?P<unit>{_UNIT})\b")
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


def _relative(folded: str, now: datetime) -> datetime | None:
    """Relative dates, rounded down to their precision so that reading them again agrees."""
    words = re.sub(r"[^0-9A-Z+]+", " ", folded)
    today = now.astimezone(PARIS).date()
    if _DAY_BEFORE_YESTERDAY.search(words):
        return _paris_midnight(today - timedelta(days=2))
    if _YESTERDAY.search(words):
        return _paris_midnight(today - timedelta(days=1))
    match = _AGO_FR.search(words) or _AGO_EN.search(words) or _SINCE_FR.search(words)
    if match:
        count_text = match.group("count")
        count = int(count_text) if count_text.isdigit() else 1
        unit = _UNITS[match.group("unit")]
        if unit in ("minutes", "hours"):
            moment = now - timedelta(**{unit: count})
            return moment.replace(minute=0, second=0, microsecond=0)
        return _paris_midnight(today - _CALENDAR_STEPS[unit] * count)
    if _TODAY.search(words):
        return _paris_midnight(today)
    return None


def _from_parts(year: int, month: int, day: int, match: re.Match[str]) -> datetime:
    hour = int(match.group("hour") or 0)
    minute = int(match.group("minute") or 0)
    second = int(match.group("second") or 0)
    return _aware(datetime(year, month, day, hour, minute, second))


def _absolute(folded: str) -> datetime | None:
    text = _LEAD_WORDS.sub("", folded)
    if _TIMESTAMP.match(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return datetime.fromtimestamp(seconds, tz=UTC)
    if _ISO_LIKE.match(text):
        try:
            return _aware(datetime.fromisoformat(text.replace(" ", "T", 1)))
        except ValueError:
            pass
    if _RFC_822.match(text):
        text = _EUROPEAN_ZONE.sub(lambda m: " " + _EUROPEAN_OFFSETS[m.group(1)], text)
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
        else:  # "-0000" is UTC with no zone information (RFC 5322)
            return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    if match := _DAY_MONTH_NAME.match(text) or _MONTH_NAME_DAY.match(text):
        month = _MONTHS[match.group("month")]
        return _from_parts(int(match.group("year")), month, int(match.group("day")), match)
    if match := _NUMERIC_DAY_FIRST.match(text) or _YEAR_FIRST.match(text):
        year = int(match.group("year"))
        year += 2000 if year < 100 else 0
        return _from_parts(year, int(match.group("month")), int(match.group("day")), match)
    if _YEAR.search(text):  # the last resort: dateutil, only when a full year is written
        return _dateutil(text)
    return None


def _dateutil(text: str) -> datetime | None:
    """dateutil's reading, unless it had to invent the day, month or year."""
    readings = {
        dateutil_parser.parse(text, dayfirst=True, default=default)
        for default in (datetime(2000, 1, 1), datetime(2001, 2, 2))
    }
    return _aware(readings.pop()) if len(readings) == 1 else None


def parse_date(text: str | None, *, now: datetime | None = None) -> datetime | None:
    """The date written in `text` as an aware UTC datetime, or None when it cannot be read.

    Zone-less dates are Paris wall time. Relative dates ("il y a 3 jours", "hier", "2 days ago")
    count back from `now` (default: the current time) and are rounded down to the day in Paris
    (to the hour for minutes and hours). Dates before 1990 or more than two years after `now`
    are taken as errors and give None. Never raises.
    """
    if not text:
        return None
    text = collapse(text)[:200]
    now = _aware(now) if now is not None else datetime.now(UTC)
    folded = fold(text).replace("’", "'").replace("'", " ")
    try:
        value = _relative(folded, now) or _absolute(folded)
    except (ValueError, OverflowError, OSError, TypeError, ArithmeticError):
        return None
    if value is None or value < EARLIEST or value > now + MAX_AHEAD:
        return None
    return value


DATE_TOLERANCE = timedelta(days=1)
"""Clocks, time zones and day-only dates differ by up to a day: never a contradiction."""


def _day(value: datetime) -> str:
    return value.astimezone(PARIS).date().isoformat()


def date_problems(
    posted_at: datetime | None,
    updated_at: datetime | None,
    valid_through: datetime | None,
    *,
    now: datetime,
) -> list[tuple[str, str, str]]:
    """Why an offer's dates cannot all be true: (field, code, sentence) for each contradiction.

    An offer published after it was collected, closing before it was published, or updated
    before it was published makes no sense (each by more than `DATE_TOLERANCE`).
    """
    problems = []
    if posted_at is not None and posted_at > now + DATE_TOLERANCE:
        problems.append(
            (
                "posted_at",
                "in_future",
                f"The offer says it was published on {_day(posted_at)}, after it was collected "
                f"({_day(now)}).",
            )
        )
    if posted_at and valid_through and valid_through < posted_at - DATE_TOLERANCE:
        problems.append(
            (
                "valid_through",
                "before_posted",
                f"The offer closes on {_day(valid_through)}, before it was published "
                f"({_day(posted_at)}).",
            )
        )
    if posted_at and updated_at and updated_at < posted_at - DATE_TOLERANCE:
        problems.append(
            (
                "updated_at",
                "before_posted",
                f"The offer says it was updated on {_day(updated_at)}, before it was published "
                f"({_day(posted_at)}).",
            )
        )
    return problems
