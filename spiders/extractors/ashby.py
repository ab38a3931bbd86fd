"""Ashby job boards: `/posting-api/job-board/{board}?includeCompensation=true`."""

from __future__ import annotations

from typing import Any

from schemas.source_offer import SourceOffer
from spiders.extractors._fields import http_url
from spiders.extractors._json import JsonPostingsExtractor
from spiders.extractors._values import (
    as_list,
    clean_text,
    field,
    joined,
    key_read,
    salary_text,
    text_at,
)

MAX_LOCATIONS = 49  # secondary locations read from one job
ASHBY_JOB = "application/json; ashby-job"
_UNITS = ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")


def _salary(job: dict[str, Any]) -> str | None:
    """The salary component of the compensation, else its summary as written."""
    compensation = job.get("compensation")
    for component in as_list(field(compensation, "summaryComponents")):
        if text_at(component, "compensationType") != "Salary":
            continue
        interval = (text_at(component, "interval") or "").upper()
        unit = next((unit for unit in _UNITS if unit in interval), None)
        text = salary_text(
            field(component, "minValue"),
            field(component, "maxValue"),
            field(component, "currencyCode"),
            unit,
        )
        if text:
            return text
    return text_at(compensation, "scrapeableCompensationSalarySummary") or text_at(
        compensation, "compensationTierSummary"
    )


def _remote(job: dict[str, Any]) -> str | None:
    workplace = text_at(job, "workplaceType")
    if workplace:
        return workplace
    return "Remote" if job.get("isRemote") is True else None


class AshbyExtractor(JsonPostingsExtractor):
    """Ashby's public Job Postings API; unlisted jobs are left out."""

    kinds = ("ashby",)
    content_type = ASHBY_JOB
    postings_key = "jobs"
    what = "espace carrières Ashby"

    def posting_id(self, posting: dict[str, Any]) -> object:
        return posting.get("id") or posting.get("jobUrl")

    def keep(self, posting: dict[str, Any]) -> bool:
        return posting.get("isListed") is not False

    def offer(self, posting: dict[str, Any], url: str) -> SourceOffer:
        address = field(posting, "address", "postalAddress")
        secondary = [
            location
            for place in as_list(posting.get("secondaryLocations"))[:MAX_LOCATIONS]
            if (location := text_at(place, "location"))
        ]
        link = http_url(text_at(posting, "jobUrl"), url)
        return SourceOffer(
            external_id=str(self.posting_id(posting) or ""),
            title=text_at(posting, "title"),
            description=clean_text(posting.get("descriptionHtml"))
            or clean_text(posting.get("descriptionPlain")),
            place=text_at(posting, "location"),
            other_places=secondary,
            city=text_at(address, "addressLocality"),
            postal_code=text_at(address, "postalCode"),
            region=text_at(address, "addressRegion"),
            country=text_at(address, "addressCountry"),
            contract=text_at(posting, "employmentType"),
            salary=_salary(posting),
            remote=_remote(posting),
            category=joined([text_at(posting, "department"), text_at(posting, "team")]),
            posted_at=text_at(posting, "publishedAt"),
            url=link,
            apply_url=http_url(text_at(posting, "applyUrl"), url) or link,
            field_keys={
                "place": "location",
                "other_places": "secondaryLocations",
                "city": "address.postalAddress.addressLocality",
                "postal_code": "address.postalAddress.postalCode",
                "region": "address.postalAddress.addressRegion",
                "country": "address.postalAddress.addressCountry",
                "contract": "employmentType",
                "salary": "compensation.summaryComponents",
                "remote": key_read(posting, "workplaceType", "isRemote"),
                "category": key_read(posting, "department", "team"),
            },
        )
