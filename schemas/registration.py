"""What an organization sends to register a source, and what Relais answers about its sources."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, HttpUrl, field_validator

from schemas.base import StrictModel
from schemas.rejections import offer_label
from schemas.sources import SourceDefaults, SourceKind, SourceName


class SourceRequest(StrictModel):
    """A source to register by URL: the kind is detected unless chosen."""

    url: HttpUrl = Field(description="The feed's, careers site's or job board's address.")
    kind: SourceKind | Literal["auto"] = Field(
        default="auto", description="How the source publishes; auto: detected from the URL."
    )
    name: SourceName | None = Field(
        default=None, description="Unique name; made from the address when not given."
    )
    schedule_minutes: int = Field(
        default=60, ge=5, le=7 * 24 * 60, description="Minimum time between two collections."
    )
    defaults: SourceDefaults = Field(
        default=SourceDefaults(),
        description="Company name, place and contract for offers that do not say them.",
    )
    settings: dict[str, Any] = Field(
        default_factory=dict, description="What the kind needs besides the URL (ATS board…)."
    )
    threads: list[str] = Field(default_factory=list, description="Community threads to feed.")

    @field_validator("url")
    @classmethod
    def _http_or_https(cls, url: HttpUrl) -> HttpUrl:
        if url.scheme not in ("http", "https"):
            raise ValueError("only http and https URLs can be registered")
        return url


class LastRun(StrictModel):
    started_at: datetime
    status: str
    http_status: int | None
    error: str | None


class SourceView(StrictModel):
    """A registered source as its organization sees it."""

    name: str
    kind: str
    url: str
    organization: str | None
    schedule_minutes: int
    defaults: SourceDefaults
    settings: dict[str, Any]
    threads: list[str]
    paused: bool
    paused_reason: str | None
    last_run: LastRun | None
    next_run_at: datetime | None
    offers_live: int
    rejected: int = Field(description="Items in quarantine, not yet fixed.")


class RegistrationResult(StrictModel):
    """The source, and whether this request created it (false: it was already registered)."""

    created: bool
    detected: list[str] = Field(default_factory=list, description="Why this kind was chosen.")
    source: SourceView


class OfferPreview(StrictModel):
    external_id: str
    title: str
    company_name: str | None
    place: str | None
    contract: str | None
    url: str | None


class RejectionReasonView(StrictModel):
    field: str
    code: str
    message: str


class RejectionPreview(StrictModel):
    external_id: str | None
    title: str | None = None
    reference: str | None = None
    reasons: list[RejectionReasonView]

    @property
    def label(self) -> str:
        """The item as a person recognizes it: « title » (réf. X), else its id in the feed."""
        return offer_label(self.title, self.reference, self.external_id)


class DryRun(StrictModel):
    """What registering the source would import and reject; nothing was stored."""

    kind: str | None
    url: str
    settings: dict[str, Any]
    detected: list[str]
    error: str | None
    would_import: int
    would_reject: int
    offers: list[OfferPreview]
    rejections: list[RejectionPreview]
