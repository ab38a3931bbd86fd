"""SmartRecruiters postings: `/v1/companies/{id}/postings` (offset paging), one ad per posting."""

from __future__ import annotations

from typing import Any

from schemas.source_offer import SourceOffer
from spiders.extractors._fields import http_url
from spiders.extractors._json import JsonPostingsExtractor
from spiders.extractors._values import clean_text, field, joined, key_read, place_line, text_at

SMARTRECRUITERS_POSTING = "application/json; smartrecruiters-posting"
PUBLIC_JOBS = "https://jobs.smartrecruiters.com"
_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


def _description(posting: dict[str, Any]) -> str | None:
    """The job ad's sections in their documented order, each under its title."""
    sections = field(posting, "jobAd", "sections")
    if not isinstance(sections, dict):
        return None
    parts = []
    for name in _SECTIONS:
        title, text = text_at(sections, name, "title"), text_at(sections, name, "text")
        if text:
            parts.append((f"<h3>{title}</h3>" if title else "") + text)
    return "\n".join(parts) or None


def _remote(location: object) -> str | None:
    if field(location, "remote") is True:
        return "Remote"
    if field(location, "hybrid") is True:
        return "Hybrid"
    return None


def _public_url(posting: dict[str, Any]) -> str | None:
    """The posting's page: postingUrl, else the public jobs site's documented address."""
    given = clean_text(posting.get("postingUrl"))
    if given:
        return given
    company, posting_id = text_at(posting, "company", "identifier"), text_at(posting, "id")
    return f"{PUBLIC_JOBS}/{company}/{posting_id}" if company and posting_id else None


class SmartRecruitersExtractor(JsonPostingsExtractor):
    """SmartRecruiters' public Posting API; a payload is a posting, with its ad when fetched."""

    kinds = ("smartrecruiters",)
    content_type = SMARTRECRUITERS_POSTING
    postings_key = "content"
    what = "offres SmartRecruiters"

    def postings(self, data: Any) -> list[Any]:
        """A page of the list (`content`), or one posting's own answer (`/postings/{id}`)."""
        if isinstance(data, dict) and "content" not in data and data.get("id"):
            return [data]
        return super().postings(data)

    def offer(self, posting: dict[str, Any], url: str) -> SourceOffer:
        location = posting.get("location")
        link = http_url(_public_url(posting), url)
        city, region = text_at(location, "city"), text_at(location, "region")
        country = text_at(location, "country")
        return SourceOffer(
            external_id=str(posting.get("id") or posting.get("uuid") or link or ""),
            title=text_at(posting, "name"),
            description=_description(posting),
            company=text_at(posting, "company", "name"),
            place=text_at(location, "fullLocation") or place_line(city, region, country),
            city=city,
            postal_code=text_at(location, "postalCode"),
            region=region,
            country=country.upper() if country and len(country) == 2 else country,
            contract=text_at(posting, "typeOfEmployment", "label"),
            experience=text_at(posting, "experienceLevel", "label"),
            remote=_remote(location),
            category=joined(
                [
                    text_at(posting, "function", "label"),
                    text_at(posting, "department", "label"),
                    text_at(posting, "industry", "label"),
                ]
            ),
            reference=text_at(posting, "refNumber"),
            posted_at=text_at(posting, "releasedDate"),
            url=link,
            apply_url=http_url(text_at(posting, "applyUrl"), url) or link,
            field_keys={
                "place": key_read(posting, "location.fullLocation", "location.city"),
                "city": "location.city",
                "postal_code": "location.postalCode",
                "region": "location.region",
                "country": "location.country",
                "contract": "typeOfEmployment.label",
                "experience": "experienceLevel.label",
                "remote": "location.remote" if field(location, "remote") else "location.hybrid",
                "category": key_read(
                    posting, "function.label", "department.label", "industry.label"
                ),
            },
        )
