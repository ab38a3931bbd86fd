"""Recruitee careers sites: `https://{company}.recruitee.com/api/offers/`."""

from __future__ import annotations

from typing import Any

from schemas.source_offer import SourceOffer
from spiders.extractors._fields import http_url
from spiders.extractors._json import JsonPostingsExtractor
from spiders.extractors._values import (
    as_list,
    clean_text,
    joined,
    key_read,
    place_line,
    salary_text,
    text_at,
)

RECRUITEE_OFFER = "application/json; recruitee-offer"
_PERIODS = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}


def _description(offer: dict[str, Any]) -> str | None:
    """The description, then the requirements, as published (HTML)."""
    parts = [clean_text(offer.get("description")), clean_text(offer.get("requirements"))]
    return "\n".join(part for part in parts if part) or None


def _remote(offer: dict[str, Any]) -> str | None:
    if offer.get("remote") is True:
        return "Remote"
    if offer.get("hybrid") is True:
        return "Hybrid"
    return None


def _working_time(offer: dict[str, Any]) -> str | None:
    low, high = text_at(offer, "min_hours"), text_at(offer, "max_hours")
    if not (low or high):
        return None
    hours = low if not high or low == high else f"{low}-{high}" if low else high
    return f"{hours} h/semaine"


def _salary(offer: dict[str, Any]) -> str | None:
    pay = offer.get("salary")
    if not isinstance(pay, dict):
        return None
    period = _PERIODS.get((text_at(pay, "period") or "").lower())
    return salary_text(pay.get("min"), pay.get("max"), pay.get("currency"), period)


MAX_LOCATIONS = 50


def _locations(offer: dict[str, Any]) -> list[str]:
    """Each of the offer's `locations` (Recruitee lists every office an offer is open in) as one
    line "Lyon, 69003, Auvergne-Rhône-Alpes, France"."""
    lines = []
    for location in as_list(offer.get("locations"))[:MAX_LOCATIONS]:
        line = place_line(
            text_at(location, "city"),
            text_at(location, "postal_code"),
            text_at(location, "state") or text_at(location, "state_name"),
            text_at(location, "country"),
        ) or text_at(location, "name")
        if line and line not in lines:
            lines.append(line)
    return lines


class RecruiteeExtractor(JsonPostingsExtractor):
    """Recruitee's public Careers Site API; each payload is one offer object. The offer's own
    city (or `location`) is its place; each of its `locations` that is another is kept too."""

    kinds = ("recruitee",)
    content_type = RECRUITEE_OFFER
    postings_key = "offers"
    what = "site carrières Recruitee"

    def offer(self, posting: dict[str, Any], url: str) -> SourceOffer:
        link = http_url(text_at(posting, "careers_url"), url)
        city, postal_code = text_at(posting, "city"), text_at(posting, "postal_code")
        region, country = text_at(posting, "state_name"), text_at(posting, "country")
        place = text_at(posting, "location") or place_line(city, postal_code, region, country)
        locations = _locations(posting)
        if not (place or city or postal_code) and locations:
            place, locations = locations[0], locations[1:]
        others = [line for line in locations if not _same_city(line, city, place)]
        return SourceOffer(
            external_id=str(posting.get("id") or posting.get("slug") or link or ""),
            title=text_at(posting, "title"),
            description=_description(posting),
            company=text_at(posting, "company_name"),
            place=place,
            other_places=others,
            city=city,
            postal_code=postal_code,
            region=region,
            country=country or text_at(posting, "country_code"),
            contract=text_at(posting, "employment_type_code"),
            working_time=_working_time(posting),
            salary=_salary(posting),
            experience=text_at(posting, "experience_code"),
            remote=_remote(posting),
            category=joined([text_at(posting, "department"), text_at(posting, "category_code")]),
            posted_at=text_at(posting, "published_at") or text_at(posting, "created_at"),
            updated_at=text_at(posting, "updated_at"),
            valid_through=text_at(posting, "close_at"),
            url=link,
            apply_url=http_url(text_at(posting, "careers_apply_url"), url) or link,
            field_keys={
                "place": key_read(posting, "location", "locations"),
                "other_places": "locations",
                "city": "city",
                "postal_code": "postal_code",
                "region": "state_name",
                "country": key_read(posting, "country", "country_code"),
                "contract": "employment_type_code",
                "working_time": "min_hours" if text_at(posting, "min_hours") else "max_hours",
                "salary": "salary",
                "experience": "experience_code",
                "remote": "remote" if posting.get("remote") is True else "hybrid",
                "category": key_read(posting, "department", "category_code"),
            },
        )


def _same_city(line: str, city: str | None, place: str | None) -> bool:
    """Whether a location line is the offer's own place ("Rennes, 35000, Bretagne, France" when
    the offer's city is Rennes), so that it is not listed twice."""
    first = line.split(",")[0].strip().casefold()
    return first in {
        (city or "").strip().casefold(),
        (place or "").split(",")[0].strip().casefold(),
    }
