"""Community threads: themed filters that decide which offers a thread shows."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, field_validator

from schemas.base import StrictModel

Slug = Annotated[
    str,
    Field(
        min_length=1,
        max_length=80,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="Lowercase letters, digits and hyphens; the thread's address: /fils/SLUG.",
    ),
]


class CommuneRadius(StrictModel):
    """Offers within `radius_km` of a commune (0 = in the commune itself)."""

    insee_code: str = Field(pattern=r"^\d[\dAB]\d{3}$")
    radius_km: float = Field(default=0, ge=0, le=200)


class ThreadFilter(StrictModel):
    """What an offer must be to appear in a thread. Each list means "any of"; criteria add up.

    An empty filter lets every offer through.
    """

    domaines: list[str] = Field(default_factory=list, description="ROME domaines, e.g. M18.")
    metiers: list[str] = Field(default_factory=list, description="ROME codes, e.g. M1805.")
    communes: list[CommuneRadius] = Field(default_factory=list)
    departements: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    types_contrat: list[str] = Field(default_factory=list, description="CDI, CDD, MIS…")
    keywords: list[str] = Field(
        default_factory=list, description="Any of these words in the title or the description."
    )
    remote: bool | None = Field(default=None, description="True: fully remote offers only.")

    @field_validator("domaines")
    @classmethod
    def _domaine_codes(cls, values: list[str]) -> list[str]:
        for value in values:
            if not re.fullmatch(r"[A-Na-n](\d\d)?", value):
                raise ValueError(f"{value!r} is not a ROME domaine such as M or M18")
        return [value.upper() for value in values]

    @field_validator("metiers")
    @classmethod
    def _rome_codes(cls, values: list[str]) -> list[str]:
        for value in values:
            if not re.fullmatch(r"[A-Na-n]\d{4}", value):
                raise ValueError(f"{value!r} is not a ROME code such as M1805")
        return [value.upper() for value in values]

    @field_validator("types_contrat")
    @classmethod
    def _contract_codes(cls, values: list[str]) -> list[str]:
        return [value.upper() for value in values]


class Thread(StrictModel):
    """A community thread: a title, a text for its readers, and its filter."""

    slug: Slug
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    filter: ThreadFilter = ThreadFilter()
