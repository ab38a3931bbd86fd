"""Community threads: themed filters that decide which offers a thread shows."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator

from schemas.base import StrictModel

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Slug = Annotated[
    str,
    Field(
        min_length=1,
        max_length=80,
        pattern=SLUG_PATTERN,
        description="Minuscules, chiffres et tirets ; l'adresse du fil : /fils/SLUG.",
    ),
]


INSEE_CODE = r"^\d[\dAB]\d{3}$"


def _rome_domaine(value: str) -> str:
    if not re.fullmatch(r"[A-Na-n](\d\d)?", value):
        raise ValueError(f"« {value} » n'est pas un domaine ROME comme M ou M18")
    return value.upper()


def _rome_code(value: str) -> str:
    if not re.fullmatch(r"[A-Na-n]\d{4}", value):
        raise ValueError(f"« {value} » n'est pas un code métier ROME comme M1805")
    return value.upper()


#: A ROME domaine (a letter, e.g. M, or a letter and two digits, e.g. M18), upper-cased.
RomeDomaine = Annotated[str, AfterValidator(_rome_domaine)]
#: A ROME métier code (a letter and four digits, e.g. M1805), upper-cased.
RomeCode = Annotated[str, AfterValidator(_rome_code)]


class CommuneRadius(StrictModel):
    """Les offres à moins de `radius_km` d'une commune (0 : dans la commune même)."""

    insee_code: str = Field(pattern=INSEE_CODE)
    radius_km: float = Field(default=0, ge=0, le=200)

    @field_validator("insee_code", mode="before")
    @classmethod
    def _insee_code(cls, value: object) -> object:
        if isinstance(value, str) and not re.fullmatch(INSEE_CODE, value):
            raise ValueError(
                f"« {value} » n'est pas un code INSEE de commune (5 caractères, par ex. 69123 "
                "ou 2A004)"
            )
        return value


class ThreadFilter(StrictModel):
    """Ce qu'une offre doit être pour paraître dans un fil. Chaque liste veut dire « l'un de » ;
    les critères s'ajoutent.

    Un filtre vide laisse passer toutes les offres.
    """

    domaines: list[RomeDomaine] = Field(
        default_factory=list, description="Domaines ROME, par ex. M18."
    )
    metiers: list[RomeCode] = Field(default_factory=list, description="Codes ROME, par ex. M1805.")
    communes: list[CommuneRadius] = Field(default_factory=list)
    departements: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    types_contrat: list[str] = Field(default_factory=list, description="CDI, CDD, MIS…")
    keywords: list[str] = Field(
        default_factory=list, description="L'un de ces mots dans l'intitulé ou la description."
    )
    remote: bool | None = Field(
        default=None, description="Vrai : les offres en télétravail complet seulement."
    )

    @field_validator("types_contrat")
    @classmethod
    def _contract_codes(cls, values: list[str]) -> list[str]:
        return [value.upper() for value in values]


class Thread(StrictModel):
    """Un fil thématique : un titre, un texte pour ses lecteurs, et son filtre."""

    slug: Slug
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    filter: ThreadFilter = ThreadFilter()

    @field_validator("slug", mode="before")
    @classmethod
    def _slug(cls, value: object) -> object:
        if (
            isinstance(value, str)
            and value
            and len(value) <= 80
            and not re.fullmatch(SLUG_PATTERN, value)
        ):
            raise ValueError(
                f"« {value} » ne convient pas : lettres minuscules sans accent, chiffres et "
                "tirets, en commençant par une lettre ou un chiffre"
            )
        return value
