"""The French words a job seeker reads for an offer's pay, contract and working time.

Structured sources write these facts as codes or in English (schema.org's `employmentType`
"FULL_TIME", an ATS's "from 24000 EUR per year"); the pages say them in French from the figures
Relais read, and keep the source's own text only where it holds no code and no figures.
Numbers and currencies are written by Babel's CLDR data for `fr_FR` ("45 000 €", "80 000 $US").
"""

import re

from babel.numbers import format_currency

from normalizers.salary import is_net, states_a_piece_rate
from schemas import Contract, PayBasis, Salary, SalaryPeriod

_PER = {
    SalaryPeriod.HOUR: "de l'heure",
    SalaryPeriod.DAY: "par jour",
    SalaryPeriod.WEEK: "par semaine",
    SalaryPeriod.MONTH: "par mois",
    SalaryPeriod.YEAR: "par an",
}

# schema.org's employmentType values (https://schema.org/employmentType, Google's JobPosting
# guide) and their usual spellings: they say how much one works, or a kind of engagement.
_EMPLOYMENT_TYPES = {
    "FULLTIME": "Temps plein",
    "PARTTIME": "Temps partiel",
    "CONTRACTOR": "Indépendant",
    "TEMPORARY": "Temporaire",
    "INTERN": "Stage",
    "INTERNSHIP": "Stage",
    "VOLUNTEER": "Bénévolat",
    "PERDIEM": "À la journée",
    "OTHER": None,
}
_NOT_LETTERS = re.compile(r"[^A-Z]")


def _amount(value: float, currency: str) -> str:
    return format_currency(
        value, currency, format="#,##0.##\u00a0¤", locale="fr_FR", currency_digits=False
    )


def salary_wording(salary: Salary | None) -> str | None:
    """Pay in French from its figures: "De 45 000 € à 55 000 € par an", "À partir de
    24 000 € par an", "Jusqu'à 3 000 € par mois", "11,88 € de l'heure", with " sur 13 mois"
    when the months are known, "1 950 € net par mois" or "35 000 € brut par an" when the pay's
    words say it is net or gross (`Salary.basis`). The source's text as written when no figure
    was read ("Selon profil", "SMIC") or when the pay is for a unit of work, not a time ("100 €
    par soirée", `states_a_piece_rate`); None without a salary."""
    if salary is None:
        return None
    return salary_fields_wording(
        salary.text,
        salary.minimum,
        salary.maximum,
        salary.period,
        salary.currency,
        salary.months,
        salary.basis,
    )


def salary_fields_wording(
    text: str,
    minimum: float | None,
    maximum: float | None,
    period: str | None,
    currency: str | None,
    months: float | None,
    basis: str | None = None,
) -> str:
    """`salary_wording` of a salary given by its fields, as the store's columns hold them
    (the period as `SalaryPeriod` or its value, the basis as `PayBasis` or its value; an offer
    stored before its basis was read says "net" when its text does, `is_net`)."""
    low, high = minimum, maximum
    if (low is None and high is None) or (period is None and states_a_piece_rate(text)):
        return text
    currency = currency or "EUR"
    if low is not None and high is not None and low != high:
        words = f"De {_amount(low, currency)} à {_amount(high, currency)}"
    elif low is not None and high is None:
        words = f"À partir de {_amount(low, currency)}"
    elif low is None and high is not None:
        words = f"Jusqu'à {_amount(high, currency)}"
    else:
        words = _amount(low or 0.0, currency)
    if is_net(basis, text):
        words += " net"
    elif basis == PayBasis.GROSS:
        words += " brut"
    if period is not None:
        words += " " + _PER[SalaryPeriod(period)]
    if months is not None:
        shown = int(months) if float(months).is_integer() else months
        words += f" sur {shown} mois".replace(".", ",")
    return words


def _employment_type(text: str | None) -> tuple[bool, str | None]:
    """Whether `text` is one of schema.org's employmentType values, and its French words."""
    key = _NOT_LETTERS.sub("", (text or "").upper())
    if key in _EMPLOYMENT_TYPES:
        return True, _EMPLOYMENT_TYPES[key]
    return False, None


def contract_wording(contract: Contract) -> str | None:
    """The contract as France Travail names its type ("Contrat à durée déterminée – 6 mois"),
    else the source's text when it is not a schema.org employmentType code (those say how much
    one works: `working_time_wording` shows them), else None."""
    label = contract.type_contrat_label
    if label is None:
        is_code, words = _employment_type(contract.text)
        if is_code and contract.full_time is not None:
            return None
        label = words if is_code else contract.text
    if label and contract.duration_value and contract.duration_unit:
        unit = contract.duration_unit + ("s" if contract.duration_unit == "jour" else "")
        unit = unit if contract.duration_value > 1 else contract.duration_unit
        label = f"{label} – {contract.duration_value} {unit}"
    return label


def working_time_wording(contract: Contract) -> str | None:
    """ "Temps plein – 35 h par semaine", "Temps partiel", "24 h par semaine", or the source's
    own words on hours ("du lundi au vendredi") when they are not a schema.org code nor only
    the time and hours already shown ("temps partiel, 28h/semaine": `_restates`)."""
    parts: list[str] = []
    if contract.full_time is not None:
        parts.append("Temps plein" if contract.full_time else "Temps partiel")
    if contract.hours_per_week:
        hours = f"{contract.hours_per_week:g}".replace(".", ",")
        parts.append(f"{hours} h par semaine")
    written = contract.working_time_text
    if written and not _employment_type(written)[0] and not _restates(written, contract):
        parts.append(written)
    return " – ".join(parts) or None


# What a source's words on working time say that the full/part time and weekly hours shown
# before them already say: "temps partiel", "full-time", "28h/semaine", "35 heures hebdomadaires".
_TIME_SHARE = re.compile(
    r"\b(?:[àa]\s+)?(?:temps\s+(?:plein|partiel|complet|de\s+travail)|mi-temps|full[\s-]?time|part[\s-]?time)\b",
    re.IGNORECASE,
)
_WEEKLY_HOURS = re.compile(
    r"\b(\d+(?:[,.]\d+)?)\s*h(?:eures?|ours?|rs?)?(\d\d)?\s*"
    r"(?:par\s+semaine|/\s*sem(?:aine)?\.?|hebdo(?:madaires?)?|per\s+week|/\s*week|a\s+week)?",
    re.IGNORECASE,
)
_LEFT_OVER = re.compile(r"\d|[^\W\d_]{2,}")


def _restates(written: str, contract: Contract) -> bool:
    """Whether `written` says nothing but the full or part time and the weekly hours of
    `contract` (shown already): "temps partiel, 28h/semaine" for a part-time 28 h job."""
    rest = _TIME_SHARE.sub(" ", written) if contract.full_time is not None else written

    def hours(match: re.Match[str]) -> str:
        value = float(match.group(1).replace(",", ".")) + int(match.group(2) or 0) / 60
        return (
            " "
            if contract.hours_per_week and abs(value - contract.hours_per_week) < 0.01
            else match.group(0)
        )

    rest = _WEEKLY_HOURS.sub(hours, rest)
    return not _LEFT_OVER.search(rest)
