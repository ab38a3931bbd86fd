"""Reading values out of decoded JSON: clean text, joined lists, salaries and dates as text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

# C0 and C1 control characters except tab, line feed and carriage return: never text, and
# PostgreSQL refuses NUL outright.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

SALARY_UNITS = {
    "HOUR": "per hour",
    "DAY": "per day",
    "WEEK": "per week",
    "MONTH": "per month",
    "YEAR": "per year",
}


def clean_text(value: object) -> str | None:
    """`value` as text without control characters, stripped; None when nothing is left.

    Numbers become their decimal text; booleans, lists and objects are not text (None).
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _number(value)
    if not isinstance(value, str):
        return None
    text = _CONTROLS.sub("", value).strip()
    return text or None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def field(data: object, *path: str | int) -> Any:
    """The value at `path` inside nested objects and lists, or None when any step is missing."""
    current: Any = data
    for step in path:
        if isinstance(step, int):
            if not isinstance(current, list) or not -len(current) <= step < len(current):
                return None
        elif not isinstance(current, Mapping):
            return None
        current = current[step] if isinstance(step, int) else current.get(step)
    return current


def text_at(data: object, *path: str | int) -> str | None:
    """clean_text of the value at `path`."""
    return clean_text(field(data, *path))


def key_read(data: object, *paths: str) -> str:
    """The first of `paths` (dotted JSON paths: "location.city") at which `data` has a value,
    else the first one: the source's own key a field was read from (`SourceOffer.field_keys`)."""
    for path in paths:
        if field(data, *path.split(".")) not in (None, "", [], {}):
            return path
    return paths[0]


def joined(values: Iterable[object], separator: str = ", ") -> str | None:
    """The distinct non-empty texts of `values`, in order, joined; None when there are none."""
    texts = [text for text in (clean_text(value) for value in values) if text]
    return separator.join(dict.fromkeys(texts)) or None


def as_list(value: object) -> list[Any]:
    """A list as it is, a single value as a one-item list, None as an empty list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def salary_text(minimum: object, maximum: object, currency: object, unit: str | None) -> str | None:
    """Pay as the salary normalizer reads it: "40000 - 50000 EUR per year".

    `unit` is a schema.org unitText (HOUR, DAY, WEEK, MONTH, YEAR) or None.
    """
    low, high = clean_text(minimum), clean_text(maximum)
    if low and high:
        amount = low if low == high else f"{low} - {high}"
    elif low:
        amount = f"from {low}"
    elif high:
        amount = f"up to {high}"
    else:
        return None
    parts = [amount, clean_text(currency) or "", SALARY_UNITS.get((unit or "").upper(), "")]
    return " ".join(part for part in parts if part)


def epoch_millis_text(value: object) -> str | None:
    """A timestamp in milliseconds since 1970 (Lever's createdAt) as ISO 8601 text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return clean_text(value)
    try:
        return datetime.fromtimestamp(value / 1000, UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def place_line(*parts: object) -> str | None:
    """One line such as "Lyon, 69003, Auvergne-Rhône-Alpes, FR" from address parts."""
    return joined(parts)
