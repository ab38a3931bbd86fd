"""The composition: one SourceOffer becomes an Offer, or a Rejection naming every reason."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from pydantic import HttpUrl, TypeAdapter, ValidationError

from normalizers.contracts import parse_contract
from normalizers.dates import parse_date
from normalizers.html import html_to_text, sanitize_html
from normalizers.places import resolve_place
from normalizers.salary import parse_salary
from normalizers.text import collapse, shorten
from schemas import (
    Contract,
    Offer,
    Place,
    Rejection,
    RejectionReason,
    SourceDefaults,
    SourceOffer,
)

TITLE_MAX_CHARS = 300
COMPANY_MAX_CHARS = 200
VALUE_MAX_CHARS = 200
URL_MAX_CHARS = 2083
_HTTP_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)


@dataclass(frozen=True)
class SourceContext:
    """What the normalizer knows about the source an item comes from."""

    source: str
    attribution: str
    defaults: SourceDefaults
    base_url: str | None = None
    fetched_at: datetime | None = None


class _Problems:
    """The reasons an item cannot become an offer, gathered before deciding."""

    def __init__(self) -> None:
        self.reasons: list[RejectionReason] = []

    def add(self, field: str, code: str, message: str, value: object = None) -> None:
        shown = None if value is None else shorten(str(value), VALUE_MAX_CHARS)
        self.reasons.append(RejectionReason(field=field, code=code, message=message, value=shown))


def _one_line(text: str | None) -> str | None:
    """HTML or text as one clean line, or None when nothing is left."""
    return collapse(html_to_text(text)) or None if text else None


def _title(item: SourceOffer, problems: _Problems) -> str:
    title = _one_line(item.title)
    if title is None:
        problems.add("title", "missing", "The offer has no title.", item.title)
        return ""
    return shorten(title, TITLE_MAX_CHARS)


def _url(value: str | None, base_url: str | None) -> tuple[str | None, str | None]:
    """(absolute http(s) URL, None) or (None, why the value is not usable)."""
    if value is None or not value.strip():
        return None, None
    url = value.strip()
    if url.lower().startswith("www."):
        url = "https://" + url
    try:
        scheme = urlsplit(url).scheme.lower()
        if not scheme:
            if not base_url or urlsplit(base_url).scheme.lower() not in ("http", "https"):
                return None, "is a relative link and the source's address is unknown"
            url = urljoin(base_url, url)
            scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None, "is not a valid web address"
    if scheme not in ("http", "https"):
        return None, f"is a {scheme}: link, not a web page (http or https)"
    too_long = f"is longer than {URL_MAX_CHARS} characters"
    if len(url) > URL_MAX_CHARS:
        return None, too_long
    try:
        parsed = _HTTP_URL.validate_python(url)
    except ValidationError:
        return None, "is not a valid web address"
    if not parsed.host:
        return None, "has no host name"
    if len(str(parsed)) > URL_MAX_CHARS:  # once its special characters are percent-encoded
        return None, too_long
    return str(parsed), None


def _urls(
    item: SourceOffer, base_url: str | None, problems: _Problems
) -> tuple[str | None, str | None]:
    url, url_problem = _url(item.url, base_url)
    apply_url, apply_problem = _url(item.apply_url, base_url)
    if url or apply_url:
        return url, apply_url
    if url_problem is None and apply_problem is None:
        problems.add(
            "url", "missing", "The offer has no link to its page or to apply (url, apply_url)."
        )
    if url_problem:
        problems.add("url", "invalid_url", f"The offer's link {url_problem}.", item.url)
    if apply_problem:
        problems.add(
            "apply_url", "invalid_url", f"The link to apply {apply_problem}.", item.apply_url
        )
    return None, None


def _place(item: SourceOffer, defaults: SourceDefaults) -> Place:
    if any((item.place, item.city, item.postal_code, item.region, item.country)):
        return resolve_place(
            item.place,
            city=item.city,
            postal_code=item.postal_code,
            region=item.region,
            country=item.country,
        )
    if defaults.place:
        return resolve_place(defaults.place)
    return Place()


def _contract(
    item: SourceOffer, defaults: SourceDefaults, title: str, description: str
) -> Contract:
    text = item.contract if item.contract and item.contract.strip() else defaults.contract
    return parse_contract(
        text, working_time=item.working_time, title=title, description=description
    )


def content_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of an offer's normalized fields, in a stable key order.

    `fields` is the offer as JSON-ready data (`Offer.model_dump(mode="json")`); a
    "content_hash" entry, if present, is left out.
    """
    content = {key: value for key, value in fields.items() if key != "content_hash"}
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _validation_reasons(error: ValidationError, problems: _Problems) -> None:
    for detail in error.errors():
        field = str(detail["loc"][0]) if detail["loc"] else "item"
        problems.add(
            field, "invalid", f"The value is not accepted: {detail['msg']}.", detail["input"]
        )


def _build(item: SourceOffer, context: SourceContext) -> Offer | Rejection:
    problems = _Problems()
    title = _title(item, problems)
    url, apply_url = _urls(item, context.base_url, problems)
    if problems.reasons:
        return Rejection(
            source=context.source, external_id=item.external_id, reasons=problems.reasons
        )
    description_html = sanitize_html(item.description, base_url=context.base_url)
    description_text = html_to_text(description_html)
    company = _one_line(item.company) or _one_line(context.defaults.company_name)
    now = context.fetched_at
    fields: dict[str, Any] = {
        "source": context.source,
        "external_id": item.external_id,
        "title": title,
        "description_html": description_html,
        "description_text": description_text,
        "company_name": shorten(company, COMPANY_MAX_CHARS) if company else None,
        "place": _place(item, context.defaults),
        "contract": _contract(item, context.defaults, title, description_text),
        "salary": parse_salary(item.salary),
        "experience_text": _one_line(item.experience),
        "remote_text": _one_line(item.remote),
        "category_text": _one_line(item.category),
        "reference": _one_line(item.reference),
        "posted_at": parse_date(item.posted_at, now=now),
        "source_updated_at": parse_date(item.updated_at, now=now),
        "valid_through": parse_date(item.valid_through, now=now),
        "url": url,
        "apply_url": apply_url,
        "attribution": context.attribution,
        "content_hash": "0" * 64,
    }
    try:
        draft = Offer.model_validate(fields)
    except ValidationError as error:
        _validation_reasons(error, problems)
        return Rejection(
            source=context.source, external_id=item.external_id, reasons=problems.reasons
        )
    digest = content_hash(draft.model_dump(mode="json"))
    return draft.model_copy(update={"content_hash": digest})


def normalize_offer(item: SourceOffer, context: SourceContext) -> Offer | Rejection:
    """The canonical Offer for `item`, or one Rejection listing every reason it cannot be one.

    A title and at least one usable link (url or apply_url, absolute http(s), relative ones
    resolved against `context.base_url`) are required; everything else that cannot be read is
    left empty (an unreadable date is None, an unknown place is kept as text). Never raises:
    an unexpected failure becomes a Rejection of the whole item ("item", "unreadable").
    """
    try:
        return _build(item, context)
    except Exception as error:  # noqa: BLE001 - one bad item must never stop a run
        external_id = getattr(item, "external_id", None)
        return Rejection(
            source=getattr(context, "source", None) or "unknown",
            external_id=external_id if isinstance(external_id, str) else None,
            reasons=[
                RejectionReason(
                    field="item",
                    code="unreadable",
                    message=f"The item could not be read ({type(error).__name__}).",
                    value=shorten(str(error), VALUE_MAX_CHARS) or None,
                )
            ],
        )
