"""Workable accounts: `/api/v1/widget/accounts/{account}?details=true`."""

from __future__ import annotations

from typing import Any

from schemas.source_offer import SourceOffer
from spiders.extractors._fields import http_url
from spiders.extractors._json import JsonPostingsExtractor
from spiders.extractors._values import as_list, clean_text, joined, key_read, place_line, text_at

WORKABLE_JOB = "application/json; workable-job"


def _location_keys(job: dict[str, Any]) -> dict[str, str]:
    """The keys the place is read from: the first shown `locations[0]`, else the job's own."""
    if as_list(job.get("locations")):
        parts = {"city": "city", "region": "region", "country": "country"}
        keys = {field: f"locations.{key}" for field, key in parts.items()}
    else:
        keys = {"city": "city", "region": "state", "country": "country"}
    return {"place": keys["city"], **keys}


def _locations(job: dict[str, Any]) -> list[dict[str, Any]]:
    """The locations shown (`hidden` ones are not), else the job's own city fields."""
    shown = [
        location
        for location in as_list(job.get("locations"))[:50]
        if isinstance(location, dict) and location.get("hidden") is not True
    ]
    return shown or [
        {"city": job.get("city"), "region": job.get("state"), "country": job.get("country")}
    ]


def _line(location: dict[str, Any]) -> str | None:
    return place_line(
        text_at(location, "city"), text_at(location, "region"), text_at(location, "country")
    )


class WorkableExtractor(JsonPostingsExtractor):
    """Workable's public job widget API; each payload is one job object."""

    kinds = ("workable",)
    content_type = WORKABLE_JOB
    postings_key = "jobs"
    what = "compte Workable"

    def posting_id(self, posting: dict[str, Any]) -> object:
        return posting.get("shortcode") or posting.get("id")

    def offer(self, posting: dict[str, Any], url: str) -> SourceOffer:
        location, *others = _locations(posting)
        city, region = text_at(location, "city"), text_at(location, "region")
        country = text_at(location, "country")
        link = http_url(text_at(posting, "url") or text_at(posting, "shortlink"), url)
        return SourceOffer(
            external_id=str(posting.get("shortcode") or posting.get("id") or link or ""),
            title=text_at(posting, "title"),
            description=clean_text(posting.get("description")),
            place=place_line(city, region, country),
            other_places=[line for other in others if (line := _line(other))],
            city=city,
            region=region,
            country=country or text_at(location, "countryCode"),
            contract=text_at(posting, "employment_type"),
            experience=text_at(posting, "experience"),
            remote="Remote" if posting.get("telecommuting") is True else None,
            category=joined(
                [text_at(posting, "department"), text_at(posting, "function")]
                + [text_at(posting, "industry")]
            ),
            reference=text_at(posting, "code"),
            posted_at=text_at(posting, "published_on") or text_at(posting, "created_at"),
            url=link,
            apply_url=http_url(text_at(posting, "application_url"), url) or link,
            field_keys={
                **_location_keys(posting),
                "other_places": "locations",
                "contract": "employment_type",
                "experience": "experience",
                "remote": "telecommuting",
                "category": key_read(posting, "department", "function", "industry"),
            },
        )
