"""Greenhouse job boards: `/v1/boards/{token}/jobs?content=true`, content HTML-entity-escaped."""

from __future__ import annotations

import html
from typing import Any

from schemas.source_offer import SourceOffer
from spiders.extractors._fields import http_url
from spiders.extractors._json import JsonPostingsExtractor
from spiders.extractors._values import (
    as_list,
    clean_text,
    joined,
    key_read,
    salary_text,
    text_at,
)

GREENHOUSE_JOB = "application/json; greenhouse-job"


def _metadata_key(job: dict[str, Any], *words: str) -> str:
    """The custom field `_metadata` reads, as Greenhouse writes it: `metadata["Contrat"]`."""
    for entry in as_list(job.get("metadata")):
        name = text_at(entry, "name") or ""
        if any(word in name.lower() for word in words):
            return f'metadata["{name}"]'
    return "metadata"


def _metadata(job: dict[str, Any], *words: str) -> str | None:
    """The value of the first custom field whose name holds one of `words` ("Employment…")."""
    for entry in as_list(job.get("metadata")):
        name = (text_at(entry, "name") or "").lower()
        if any(word in name for word in words):
            value = entry.get("value") if isinstance(entry, dict) else None
            text = joined(as_list(value))
            if text:
                return text
    return None


def _description(job: dict[str, Any]) -> str | None:
    """The job's content: HTML that the API escapes once more (`&lt;p&gt;`)."""
    content = clean_text(job.get("content"))
    return html.unescape(content) if content else None


def _salary(job: dict[str, Any]) -> str | None:
    for pay in as_list(job.get("pay_input_ranges")):
        low, high = text_at(pay, "min_cents"), text_at(pay, "max_cents")
        if low or high:
            return salary_text(
                int(low) / 100 if low and low.isdigit() else None,
                int(high) / 100 if high and high.isdigit() else None,
                text_at(pay, "currency_type"),
                "YEAR",
            )
    return _metadata(job, *_SALARY)


MAX_OFFICES = 50
# The words of the custom fields (`metadata`) each fact is read from, in their names.
_CONTRACT = ("employment", "contract", "contrat", "job type")
_WORKING_TIME = ("working time", "temps de travail", "hours")
_SALARY = ("salary", "salaire", "compensation", "rémunération")
_EXPERIENCE = ("experience", "expérience", "seniority")
_REMOTE = ("remote", "télétravail", "workplace")


class GreenhouseExtractor(JsonPostingsExtractor):
    """Greenhouse's public Job Board API; each payload is one job object. The job's `location`
    is its place; each of its `offices` is kept too (a job open in Lyon and Nantes lists both),
    as the place when there is no location, else as further places."""

    kinds = ("greenhouse",)
    content_type = GREENHOUSE_JOB
    postings_key = "jobs"
    what = "espace carrières Greenhouse"

    def offer(self, posting: dict[str, Any], url: str) -> SourceOffer:
        link = http_url(text_at(posting, "absolute_url"), url)
        offices = [
            name
            for office in as_list(posting.get("offices"))[:MAX_OFFICES]
            if (name := text_at(office, "name"))
        ]
        place = text_at(posting, "location", "name") or (offices[0] if offices else None)
        return SourceOffer(
            external_id=str(posting.get("id") or posting.get("internal_job_id") or link or ""),
            title=text_at(posting, "title"),
            description=_description(posting),
            company=text_at(posting, "company_name"),
            place=place,
            other_places=[office for office in offices if office != place],
            contract=_metadata(posting, *_CONTRACT),
            working_time=_metadata(posting, *_WORKING_TIME),
            salary=_salary(posting),
            experience=_metadata(posting, *_EXPERIENCE),
            remote=_metadata(posting, *_REMOTE),
            category=joined(text_at(d, "name") for d in as_list(posting.get("departments"))),
            reference=text_at(posting, "requisition_id"),
            posted_at=text_at(posting, "first_published"),
            updated_at=text_at(posting, "updated_at"),
            url=link,
            apply_url=link,
            field_keys={
                "place": key_read(posting, "location.name", "offices"),
                "other_places": "offices",
                "contract": _metadata_key(posting, *_CONTRACT),
                "working_time": _metadata_key(posting, *_WORKING_TIME),
                "salary": "pay_input_ranges"
                if as_list(posting.get("pay_input_ranges"))
                else _metadata_key(posting, *_SALARY),
                "experience": _metadata_key(posting, *_EXPERIENCE),
                "remote": _metadata_key(posting, *_REMOTE),
                "category": "departments",
            },
        )
