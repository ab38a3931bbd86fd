"""What an HR club registers: a source of job offers and its defaults."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, HttpUrl, field_validator

from schemas.base import StrictModel

SourceName = Annotated[
    str,
    Field(
        min_length=1,
        max_length=80,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="Unique name shown in the Airflow UI and the CLI (letters, digits, . _ -).",
    ),
]


class SourceKind(StrEnum):
    """How a source publishes its offers; each kind has its own spider and extractor."""

    RSS = "rss"
    ATOM = "atom"
    INDEED_XML = "indeed-xml"


class SourceDefaults(StrictModel):
    """Values used when an offer of the source does not say them itself."""

    company_name: str | None = Field(default=None, max_length=200)
    place: str | None = Field(default=None, max_length=200)
    contract: str | None = Field(default=None, max_length=100)


class SourceRegistration(StrictModel):
    """A feed or careers site registered once by an organization."""

    name: SourceName
    kind: SourceKind
    url: HttpUrl
    organization: str | None = Field(default=None, min_length=1, max_length=200)
    schedule_minutes: int = Field(
        default=60, ge=5, le=7 * 24 * 60, description="Minimum time between two collections."
    )
    defaults: SourceDefaults = SourceDefaults()
    settings: dict[str, Any] = Field(
        default_factory=dict,
        description="What the kind needs besides the URL: an ATS board token, CSS selectors…",
    )
    threads: list[str] = Field(default_factory=list, description="Community threads to feed.")

    @field_validator("url")
    @classmethod
    def _http_or_https(cls, url: HttpUrl) -> HttpUrl:
        if url.scheme not in ("http", "https"):
            raise ValueError("only http and https URLs can be registered")
        return url
