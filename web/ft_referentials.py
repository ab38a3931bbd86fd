"""The referentials the France-Travail-compatible API serves, in France Travail's shapes."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from normalizers import contracts
from normalizers.referentials import (
    communes,
    departements,
    regions,
    rome_appellations,
    rome_domaines,
    rome_grands_domaines,
    rome_metiers,
)

# France Travail's codes for the natures of contract Relais recognises.
NATURE_CODES = {
    "E1": contracts.NATURE_WORK,
    "E2": contracts.NATURE_APPRENTICESHIP,
    "FS": contracts.NATURE_PROFESSIONALISATION,
    "NS": contracts.NATURE_SELF_EMPLOYED,
    "I1": contracts.NATURE_INSERTION,
}


def _communes() -> list[dict[str, Any]]:
    return [
        {
            "code": commune.insee,
            "libelle": commune.name.upper(),
            "codePostal": commune.postal_code,
            "codeDepartement": commune.departement_code,
        }
        for commune in sorted(communes().values(), key=lambda c: c.insee)
    ]


def _departements() -> list[dict[str, Any]]:
    names = {region.code: region.name for region in regions().values()}
    return [
        {
            "code": dep.code,
            "libelle": dep.name,
            "region": {"code": dep.region_code, "libelle": names.get(dep.region_code)},
        }
        for dep in sorted(departements().values(), key=lambda d: d.code)
    ]


BUILDERS: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "appellations": lambda: [
        {"code": a.ogr_code, "libelle": a.label} for a in rome_appellations().values()
    ],
    "metiers": lambda: [{"code": m.code, "libelle": m.label} for m in rome_metiers().values()],
    "domaines": lambda: [{"code": d.code, "libelle": d.label} for d in rome_domaines().values()],
    "grandsDomaines": lambda: [
        {"code": d.code, "libelle": d.label} for d in rome_grands_domaines().values()
    ],
    "communes": _communes,
    "departements": _departements,
    "regions": lambda: [
        {"code": r.code, "libelle": r.name}
        for r in sorted(regions().values(), key=lambda r: r.code)
    ],
    "typesContrats": lambda: [
        {"code": code, "libelle": label} for code, label in sorted(contracts.TYPE_LABELS.items())
    ],
    "naturesContrats": lambda: [
        {"code": code, "libelle": label} for code, label in NATURE_CODES.items()
    ],
}


@cache
def referential(name: str) -> list[dict[str, Any]] | None:
    """The named referential as France Travail serves it, or None when Relais has no such list."""
    builder = BUILDERS.get(name)
    return builder() if builder else None
