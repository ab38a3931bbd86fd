"""Lever postings: `/v0/postings/{site}?mode=json`, paged with skip and limit."""

from __future__ import annotations

from typing import Any

from schemas.source_offer import SourceOffer
from spiders.extractors._fields import http_url
from spiders.extractors._json import JsonPostingsExtractor
from spiders.extractors._values import (
    as_list,
    clean_text,
    epoch_millis_text,
    joined,
    key_read,
    salary_text,
    text_at,
)

LEVER_POSTING = "application/json; lever-posting"
_INTERVALS = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}
_WORKPLACES = {"remote": "Remote", "hybrid": "Hybrid", "on-site": "On-site", "onsite": "On-site"}


def _unit(interval: str | None) -> str | None:
    """Lever's salary interval ("per-year-salary", "per-hour-wage") as a schema.org unit."""
    for word, unit in _INTERVALS.items():
        if interval and word in interval:
            return unit
    return None


def _all_locations(categories: dict[str, Any]) -> list[str]:
    """Every location of a posting: `categories.location` first, then `allLocations`."""
    listed = [text_at(categories, "location")]
    listed += [clean_text(place) for place in as_list(categories.get("allLocations"))[:50]]
    return list(dict.fromkeys(place for place in listed if place))


def _description(posting: dict[str, Any]) -> str | None:
    """The opening, the description, each titled list, then the closing text, as HTML."""
    parts = [clean_text(posting.get("opening")), clean_text(posting.get("description"))]
    for section in as_list(posting.get("lists")):
        heading, content = text_at(section, "text"), text_at(section, "content")
        if content:
            parts.append((f"<h3>{heading}</h3>" if heading else "") + f"<ul>{content}</ul>")
    parts.append(clean_text(posting.get("additional")))
    html = "\n".join(part for part in parts if part)
    return html or clean_text(posting.get("descriptionPlain"))


def _salary(posting: dict[str, Any]) -> str | None:
    pay = posting.get("salaryRange")
    if isinstance(pay, dict):
        text = salary_text(
            pay.get("min"), pay.get("max"), pay.get("currency"), _unit(text_at(pay, "interval"))
        )
        if text:
            return text
    return clean_text(posting.get("salaryDescriptionPlain"))


class LeverExtractor(JsonPostingsExtractor):
    """Lever's public Postings API; each page is a JSON list of posting objects."""

    kinds = ("lever",)
    content_type = LEVER_POSTING
    postings_key = None
    what = "offres Lever"

    def offer(self, posting: dict[str, Any], url: str) -> SourceOffer:
        categories = posting.get("categories")
        categories = categories if isinstance(categories, dict) else {}
        link = http_url(text_at(posting, "hostedUrl"), url)
        workplace = (text_at(posting, "workplaceType") or "").lower()
        locations = _all_locations(categories)
        return SourceOffer(
            external_id=str(posting.get("id") or link or ""),
            title=text_at(posting, "text"),
            description=_description(posting),
            place=locations[0] if locations else None,
            other_places=locations[1:],
            country=text_at(posting, "country"),
            contract=text_at(categories, "commitment"),
            salary=_salary(posting),
            remote=_WORKPLACES.get(workplace),
            category=joined([text_at(categories, "department"), text_at(categories, "team")]),
            posted_at=epoch_millis_text(posting.get("createdAt")),
            updated_at=epoch_millis_text(posting.get("updatedAt")),
            url=link,
            apply_url=http_url(text_at(posting, "applyUrl"), url) or link,
            field_keys={
                "place": key_read(posting, "categories.location", "categories.allLocations"),
                "other_places": "categories.allLocations",
                "country": "country",
                "contract": "categories.commitment",
                "salary": key_read(posting, "salaryRange", "salaryDescriptionPlain"),
                "remote": "workplaceType",
                "category": "categories.department",
            },
        )
