"""What an organization sends to register a source, and what Relais answers about its sources."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field, HttpUrl, field_validator

from schemas.base import StrictModel
from schemas.rejections import offer_label
from schemas.sources import SourceDefaults, SourceKind, SourceName, url_with_scheme


class SourceRequest(StrictModel):
    """Une source à inscrire par son adresse : son type est détecté s'il n'est pas choisi."""

    url: HttpUrl = Field(
        description="L'adresse du flux, du site carrières ou du logiciel de recrutement."
    )
    kind: SourceKind | Literal["auto"] = Field(
        default="auto", description="Comment la source publie ; auto : détecté d'après l'adresse."
    )
    name: SourceName | None = Field(
        default=None, description="Nom unique ; tiré de l'adresse s'il n'est pas donné."
    )
    schedule_minutes: int = Field(
        default=60, ge=5, le=7 * 24 * 60, description="Minutes au moins entre deux collectes."
    )
    defaults: SourceDefaults = Field(
        default=SourceDefaults(),
        description="Entreprise, lieu et contrat des offres qui ne les disent pas.",
    )
    settings: dict[str, Any] = Field(
        default_factory=dict,
        description="Ce que le type demande en plus de l'adresse (tableau d'un ATS…).",
    )
    threads: list[str] = Field(default_factory=list, description="Fils thématiques à nourrir.")

    _url_scheme = field_validator("url", mode="before")(url_with_scheme)

    @field_validator("url")
    @classmethod
    def _http_or_https(cls, url: HttpUrl) -> HttpUrl:
        if url.scheme not in ("http", "https"):
            raise ValueError("seules les adresses http et https peuvent être enregistrées")
        return url


class LastRun(StrictModel):
    started_at: datetime
    status: str
    http_status: int | None
    error: str | None


class SourceView(StrictModel):
    """Une source inscrite, telle que la voit son organisation."""

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
    rejected: int = Field(description="Éléments en quarantaine, pas encore corrigés.")


class RegistrationResult(StrictModel):
    """La source, et si cette requête l'a créée (faux : elle était déjà inscrite)."""

    created: bool
    detected: list[str] = Field(
        default_factory=list, description="Pourquoi ce type de source a été retenu."
    )
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
    """Ce qu'inscrire la source importerait et refuserait ; rien n'a été enregistré."""

    kind: str | None
    url: str
    settings: dict[str, Any]
    detected: list[str]
    error: str | None
    would_import: int
    would_reject: int
    offers: list[OfferPreview]
    rejections: list[RejectionPreview]
