"""Offer -> schema.org JobPosting (JSON-LD), with the properties Google's job search requires.

Required: title, description, datePosted, hiringOrganization (the company, or "confidential"
when the offer names none), and jobLocation — or, for a fully remote job, jobLocationType
TELECOMMUTE with applicantLocationRequirements. validThrough,
employmentType, baseSalary, identifier and the start (jobStartDate, a schema.org Date, or
jobImmediateStart for "dès que possible") are added when known.
"""

from __future__ import annotations

import json
from typing import Any

from exporters.threads import is_fully_remote
from normalizers.html import sanitize_html
from schemas.offers import Offer, Place, SalaryPeriod, StoredOffer

EMPLOYMENT_TYPES = {
    "CDI": ["FULL_TIME"],
    "CDD": ["TEMPORARY"],
    "MIS": ["TEMPORARY"],
    "SAI": ["TEMPORARY"],
    "DDI": ["TEMPORARY"],
    "TTI": ["TEMPORARY"],
    "DIN": ["FULL_TIME"],
    "LIB": ["CONTRACTOR"],
    "CCE": ["CONTRACTOR"],
    "FRA": ["OTHER"],
    "REP": ["OTHER"],
}
SALARY_UNITS = {
    SalaryPeriod.HOUR: "HOUR",
    SalaryPeriod.DAY: "DAY",
    SalaryPeriod.WEEK: "WEEK",
    SalaryPeriod.MONTH: "MONTH",
    SalaryPeriod.YEAR: "YEAR",
}


def _employment_type(offer: Offer) -> list[str]:
    kinds = list(EMPLOYMENT_TYPES.get(offer.contract.type_contrat or "", []))
    if offer.contract.full_time is False:
        kinds = [k for k in kinds if k != "FULL_TIME"] + ["PART_TIME"]
    elif offer.contract.full_time and "FULL_TIME" not in kinds:
        kinds.append("FULL_TIME")
    return kinds


def _open_to(place: Place) -> dict[str, Any]:
    """Where a remote job is open to: the country or the zone the place names, else France."""
    if place.zone and not place.country_code:
        return {"@type": "AdministrativeArea", "name": place.zone}
    return {"@type": "Country", "name": place.zone or "France"}


def _job_location(place: Place) -> dict[str, Any]:
    address: dict[str, Any] = {
        "@type": "PostalAddress",
        "addressCountry": place.country_code or "FR",
    }
    if place.commune_name:
        address["addressLocality"] = place.commune_name
    elif place.text:
        address["addressLocality"] = place.text
    if place.postal_code:
        address["postalCode"] = place.postal_code
    if place.region_name or place.departement_name:
        address["addressRegion"] = place.region_name or place.departement_name
    location: dict[str, Any] = {"@type": "Place", "address": address}
    if place.latitude is not None and place.longitude is not None:
        location["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": place.latitude,
            "longitude": place.longitude,
        }
    return location


def _location(offer: Offer) -> dict[str, Any]:
    """jobLocation (a list when the offer is open in several places), or remote work."""
    if is_fully_remote(offer):
        return {
            "jobLocationType": "TELECOMMUTE",
            "applicantLocationRequirements": _open_to(offer.place),
        }
    locations = [_job_location(place) for place in (offer.place, *offer.other_places)]
    return {"jobLocation": locations[0] if len(locations) == 1 else locations}


def _salary(offer: Offer) -> dict[str, Any] | None:
    salary = offer.salary
    if (
        salary is None
        or salary.period is None
        or (salary.minimum is None and salary.maximum is None)
    ):
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": SALARY_UNITS[salary.period]}
    # A bound alone stays a bound: "from 24 000" is a minimum, not a salary of exactly 24 000.
    if salary.minimum is not None and salary.minimum == salary.maximum:
        value["value"] = salary.minimum
    else:
        if salary.minimum is not None:
            value["minValue"] = salary.minimum
        if salary.maximum is not None:
            value["maxValue"] = salary.maximum
    return {"@type": "MonetaryAmount", "currency": salary.currency or "EUR", "value": value}


CONFIDENTIAL_EMPLOYER = "confidential"
"""Google's JobPosting value of hiringOrganization when the employer is not named ("If the
organization is hiring anonymously […] use the confidential value for the HiringOrganization
field", developers.google.com/search/docs/appearance/structured-data/job-posting)."""


def _hiring_organization(offer: Offer) -> dict[str, Any] | str:
    """The employer the offer names (its company, or the source's default company), else
    `CONFIDENTIAL_EMPLOYER`: never the club that registered the source nor the site that
    published it (`Offer.attribution`), which are no employer."""
    if offer.company_name:
        return {"@type": "Organization", "name": offer.company_name}
    return CONFIDENTIAL_EMPLOYER


def to_jobposting(stored: StoredOffer, page_url: str | None = None) -> dict[str, Any]:
    """The offer as a JobPosting; `page_url` is where Relais shows it."""
    offer = stored.offer
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": offer.title,
        "description": sanitize_html(offer.description_html)
        or offer.description_text
        or offer.title,
        "datePosted": (offer.posted_at or stored.first_seen_at).isoformat(),
        "hiringOrganization": _hiring_organization(offer),
        "identifier": {
            "@type": "PropertyValue",
            "name": offer.attribution,
            "value": offer.external_id,
        },
        "directApply": False,
        **_location(offer),
    }
    if offer.valid_through:
        posting["validThrough"] = offer.valid_through.isoformat()
    if offer.start and offer.start.day:
        posting["jobStartDate"] = offer.start.day.isoformat()
    elif offer.start and offer.start.immediate:
        posting["jobImmediateStart"] = True
    if kinds := _employment_type(offer):
        posting["employmentType"] = kinds if len(kinds) > 1 else kinds[0]
    if salary := _salary(offer):
        posting["baseSalary"] = salary
    if page_url:
        posting["url"] = page_url
    return posting


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside <script type="application/ld+json">: no '</script>' can close it."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
