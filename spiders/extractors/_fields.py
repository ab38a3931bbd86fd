"""Field helpers shared by the extractors: job-specific elements by name, and safe URLs."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin, urlsplit

from lxml import etree

from spiders.extractors._values import salary_text
from spiders.extractors._xml import local_name, text_of

# Element local names (lower-case, without "-" or "_") that job feeds use, and the SourceOffer
# field each one fills. Matched in any namespace: `tt:location`, `job:salary`, `salary`.
JOB_ELEMENTS: dict[str, str] = {
    "location": "place",
    "joblocation": "place",
    "place": "place",
    "city": "city",
    "postalcode": "postal_code",
    "postcode": "postal_code",
    "zipcode": "postal_code",
    "zip": "postal_code",
    "region": "region",
    "state": "region",
    "country": "country",
    "company": "company",
    "companyname": "company",
    "employer": "company",
    "hiringorganization": "company",
    "jobtype": "contract",
    "contract": "contract",
    "contracttype": "contract",
    "employmenttype": "contract",
    "workingtime": "working_time",
    "worktime": "working_time",
    "salary": "salary",
    "remote": "remote",
    "remotetype": "remote",
    "remotestatus": "remote",
    "expirationdate": "valid_through",
    "validthrough": "valid_through",
    "startdate": "start_date",
    "jobstartdate": "start_date",
    "experience": "experience",
    "referencenumber": "reference",
    "reference": "reference",
    "applyurl": "apply_url",
    "applylink": "apply_url",
    "applicationurl": "apply_url",
    # French feeds name their elements in French (`<lieu>`, `<typeContrat>`, `<rémunération>`)
    "lieu": "place",
    "localisation": "place",
    "lieudetravail": "place",
    "ville": "city",
    "commune": "city",
    "codepostal": "postal_code",
    "pays": "country",
    "entreprise": "company",
    "societe": "company",
    "employeur": "company",
    "contrat": "contract",
    "typecontrat": "contract",
    "typedecontrat": "contract",
    "tempsdetravail": "working_time",
    "dureetravail": "working_time",
    "salaire": "salary",
    "remuneration": "salary",
    "teletravail": "remote",
    "datedebut": "start_date",
    "datededebut": "start_date",
    "datedexpiration": "valid_through",
}
# Elements whose content is prose or markup, never searched for job elements.
_PROSE = {"title", "description", "summary", "content", "encoded"}
_MAX_DEPTH = 3


def _key(element: etree._Element) -> str:
    """The element's local name lower-case, without "-", "_" nor accents: `rémunération` and
    `remuneration`, `job-type` and `jobType` alike."""
    name = local_name(element).replace("-", "").replace("_", "")
    if name.isascii():
        return name
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def written_name(element: etree._Element) -> str:
    """The element's name as the source writes it: `job:location`, `typeContrat`."""
    tag = element.tag if isinstance(element.tag, str) else ""
    local = tag.rsplit("}", 1)[-1]
    return f"{element.prefix}:{local}" if element.prefix and ":" not in local else local


def _container_text(element: etree._Element) -> str | None:
    """A one-line value for a structured element: its `name` child, else its parts joined."""
    for child in element:
        if _key(child) == "name":
            return text_of(child)
    parts = [text_of(child) for child in element if isinstance(child.tag, str)]
    return ", ".join(part for part in parts if part) or None


# The parts of a structured pay element (`<salary><min>…</min><max>…</max></salary>`, or the
# same as attributes), by their local names (lower-case, without "-" or "_").
_PAY_PARTS = {
    "min": "minimum", "minimum": "minimum", "minvalue": "minimum", "from": "minimum",
    "low": "minimum", "lower": "minimum", "salarymin": "minimum", "minsalary": "minimum",
    "max": "maximum", "maximum": "maximum", "maxvalue": "maximum", "to": "maximum",
    "high": "maximum", "upper": "maximum", "salarymax": "maximum", "maxsalary": "maximum",
    "value": "value", "amount": "value", "currency": "currency", "currencycode": "currency",
    "period": "unit", "unit": "unit", "unittext": "unit", "interval": "unit", "per": "unit",
    "type": "unit", "frequency": "unit",
}  # fmt: skip
# Period words of feeds, to schema.org's unitText (`_values.SALARY_UNITS`).
_PAY_UNITS = (
    ("HOUR", ("HOUR", "HEURE", "HORAIRE", "H")),
    ("DAY", ("DAY", "DAILY", "JOUR", "JOURNALIER", "J")),
    ("WEEK", ("WEEK", "HEBDO", "SEMAINE")),
    ("MONTH", ("MONTH", "MOIS", "MENSUEL")),
    ("YEAR", ("YEAR", "ANNUAL", "ANNUEL", "AN", "ANNEE", "ANNUM")),
)


def _pay_unit(text: str | None) -> str | None:
    """A feed's period word ("month", "monthly", "per year", "mensuel") as a unitText."""
    words = re.sub(r"[^A-Z]+", " ", (text or "").upper()).split()
    for unit, starts in _PAY_UNITS:
        if any(
            word.startswith(start) if len(start) > 2 else word == start
            for word in words
            for start in starts
        ):
            return unit
    return None


def _structured_salary(element: etree._Element) -> str | None:
    """A pay element given as parts, as one line the salary normalizer reads ("1900 - 2100 EUR
    per month"): `<salary><min>1900</min><max>2100</max><currency>EUR</currency>
    <period>month</period></salary>` or the same as attributes. None when it has no bound."""
    parts: dict[str, str] = {}
    named = [
        (key.lower().replace("-", "").replace("_", ""), value)
        for key, value in element.attrib.items()
    ]
    named += [
        (_key(child), text_of(child) or "") for child in element if isinstance(child.tag, str)
    ]
    for key, value in named:
        part = _PAY_PARTS.get(key)
        if part and value.strip() and part not in parts:
            parts[part] = value.strip()
    low = parts.get("minimum") or parts.get("value")
    high = parts.get("maximum") or (parts.get("value") if "minimum" not in parts else None)
    if low is None and high is None:
        return None
    unit_text = parts.get("unit")
    unit = _pay_unit(unit_text)
    line = salary_text(low, high, parts.get("currency"), unit)
    if line and unit is None and unit_text:
        line += f" {unit_text}"  # a period word the normalizer may still read
    return line


def job_fields(item: etree._Element, keys: dict[str, str] | None = None) -> dict[str, str]:
    """The job-specific fields an item carries, by SourceOffer field name; first one wins.

    Structured elements (`<tt:location><tt:city>…`) give a one-line value for themselves and
    their parts for the finer fields (city, postal code, country). `keys`, when given, gets
    the element each field was read from, as the source writes it, its path from the item
    joined by "/" (`tt:location/tt:city`): `SourceOffer.field_keys`.
    """
    found: dict[str, str] = {}
    paths: dict[etree._Element, str] = {}

    def visit(element: etree._Element, depth: int) -> None:
        for child in element:
            key = _key(child)
            if not key or key in _PROSE:
                continue
            has_children = any(isinstance(grandchild.tag, str) for grandchild in child)
            field = JOB_ELEMENTS.get(key)
            if field and field not in found:
                value = None
                if field == "salary":  # "<salary><min>…</min><max>…</max></salary>"
                    value = _structured_salary(child)
                if value is None:
                    value = _container_text(child) if has_children else text_of(child)
                if value:
                    found[field] = value
                    if keys is not None:
                        keys[field] = _path(child, element, paths)
            if has_children and depth < _MAX_DEPTH:
                paths[child] = _path(child, element, paths)
                visit(child, depth + 1)

    visit(item, 1)
    return found


def _path(child: etree._Element, parent: etree._Element, paths: dict[etree._Element, str]) -> str:
    """`child`'s written name, after its parent's path when the parent is not the item."""
    above = paths.get(parent)
    return f"{above}/{written_name(child)}" if above else written_name(child)


_PLACE_ELEMENTS = {key for key, field in JOB_ELEMENTS.items() if field == "place"}
MAX_LOCATIONS = 50


def job_locations(item: etree._Element) -> list[str]:
    """Every location element of an item as one line each, in document order, repeats left out
    (a Teamtailor job in several offices has one `<tt:location>` per office); at most
    MAX_LOCATIONS."""
    found: list[str] = []

    def visit(element: etree._Element, depth: int) -> None:
        for child in element:
            key = _key(child)
            if not key or key in _PROSE or len(found) >= MAX_LOCATIONS:
                continue
            has_children = any(isinstance(grandchild.tag, str) for grandchild in child)
            if key in _PLACE_ELEMENTS:
                value = _container_text(child) if has_children else text_of(child)
                if value and value not in found:
                    found.append(value)
            elif has_children and depth < _MAX_DEPTH:
                visit(child, depth + 1)

    visit(item, 1)
    return found


def http_url(value: str | None, base: str | None = None) -> str | None:
    """`value` as an absolute http(s) URL (resolved against `base`), or None for anything else.

    `javascript:`, `data:`, `file:` and other schemes are dropped, as are URLs without a host.
    """
    if not value:
        return None
    candidate = value.strip()
    if base:
        candidate = urljoin(base, candidate)
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return candidate
