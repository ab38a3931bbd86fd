"""Offers of several places, contracts and métiers for the API tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from schemas.offers import (
    Contract,
    Experience,
    ExperienceRequirement,
    Place,
    PlaceMatch,
    RomeCoding,
)
from store.copies import upsert_offer
from store.db import session_scope
from tests.store.factories import offer, register

NOW = datetime.now(UTC).replace(microsecond=0)


def _place(insee: str, label: str, dep: str, region: str, lat: float, lon: float) -> Place:
    return Place(
        text=label, match=PlaceMatch.COMMUNE, label=label, insee_code=insee,
        departement_code=dep, region_code=region, latitude=lat, longitude=lon,
    )  # fmt: skip


LYON_3 = _place("69383", "69 - LYON 03", "69", "84", 45.7597, 4.8422)
VILLEURBANNE = _place("69266", "69 - VILLEURBANNE", "69", "84", 45.7719, 4.8902)
RENNES = _place("35238", "35 - RENNES", "35", "53", 48.1159, -1.6884)
CDI = Contract(text="CDI", type_contrat="CDI", type_contrat_label="Contrat à durée indéterminée",
               nature="Contrat travail", full_time=True)  # fmt: skip
CDD = Contract(text="CDD", type_contrat="CDD", type_contrat_label="Contrat à durée déterminée",
               nature="Contrat travail", full_time=False)  # fmt: skip
DEV = RomeCoding(
    code="M1805",
    label="Études et développement informatique",
    appellation_code="38971",
    appellation_label="Développeur / Développeuse informatique",
    confidence=0.9,
)
CARISTE = RomeCoding(
    code="N1101", label="Conduite d'engins de déplacement des charges", confidence=0.9
)

TWO_YEARS = Experience(text="2 ans", requirement=ExperienceRequirement.REQUIRED, months=24)
BEGINNER = Experience(text="Débutant accepté", requirement=ExperienceRequirement.BEGINNER)
FIVE_YEARS = Experience(text="5 ans", requirement=ExperienceRequirement.REQUIRED, months=60)


def make_catalogue() -> dict[str, int]:
    """Three live offers: two developers near Lyon (1 and 2 days old), a cariste in Rennes."""
    rows = [
        ("dev-lyon", "Développeur Python H/F", LYON_3, CDI, DEV, 1, TWO_YEARS),
        ("dev-villeurbanne", "Développeuse Java F/H", VILLEURBANNE, CDD, DEV, 2, BEGINNER),
        ("cariste-rennes", "Cariste H/F", RENNES, CDD, CARISTE, 40, FIVE_YEARS),
    ]
    ids = {}
    with session_scope() as session:
        source = register(session, "acme")
        for external_id, title, place, contract, rome, days, experience in rows:
            posted = NOW - timedelta(days=days)
            item = offer(
                external_id, title, place=place, contract=contract, rome=rome, posted_at=posted,
                experience=experience,
            )  # fmt: skip
            ids[external_id] = upsert_offer(session, source.id, item).offer_id
    return ids
