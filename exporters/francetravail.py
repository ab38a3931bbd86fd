"""Offer -> France Travail "Offres d'emploi v2" JSON, the shape existing FT clients read.

Fields Relais does not know are left out, as France Travail itself leaves them out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from normalizers.salary import ft_salary_label
from schemas.offers import Offer, PlaceMatch, StoredOffer

PARTNER_ORIGIN = "2"  # France Travail's code for offers that come from a partner site


def ft_datetime(value: datetime) -> str:
    """FT's timestamp form: UTC, milliseconds, a Z."""
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _lieu_travail(offer: Offer) -> dict[str, Any]:
    place = offer.place
    if place.match == PlaceMatch.REMOTE:
        return {"libelle": "Télétravail"}
    lieu: dict[str, Any] = {"libelle": place.label or place.text or "France"}
    if place.latitude is not None and place.longitude is not None:
        lieu["latitude"], lieu["longitude"] = place.latitude, place.longitude
    if place.postal_code:
        lieu["codePostal"] = place.postal_code
    if place.insee_code:
        lieu["commune"] = place.insee_code
    return lieu


def _contract(offer: Offer) -> dict[str, Any]:
    contract = offer.contract
    fields: dict[str, Any] = {}
    if contract.type_contrat:
        fields["typeContrat"] = contract.type_contrat
        label = contract.type_contrat_label or contract.type_contrat
        if contract.duration_value and contract.duration_unit:
            unit = "Mois" if contract.duration_unit == "mois" else "Jour(s)"
            label = f"{label} - {contract.duration_value} {unit}"
        fields["typeContratLibelle"] = label
    if contract.nature:
        fields["natureContrat"] = contract.nature
    if contract.hours_per_week:
        fields["dureeTravailLibelle"] = f"{contract.hours_per_week:g}H/semaine"
    if contract.full_time is not None:
        fields["dureeTravailLibelleConverti"] = (
            "Temps plein" if contract.full_time else "Temps partiel"
        )
    nature = (contract.nature or "").lower()
    fields["alternance"] = "apprentissage" in nature or "professionnalisation" in nature
    return fields


def to_francetravail(
    offer: Offer,
    *,
    offer_id: str | None = None,
    created_at: datetime | None = None,
    updated_at: datetime | None = None,
) -> dict[str, Any]:
    """The offer in France Travail v2 shape; dates default to the source's own."""
    created = offer.posted_at or created_at
    updated = offer.source_updated_at or updated_at or created
    result: dict[str, Any] = {}
    if offer_id is not None:
        result["id"] = offer_id
    result["intitule"] = offer.title
    result["description"] = offer.description_text
    if created:
        result["dateCreation"] = ft_datetime(created)
    if updated:
        result["dateActualisation"] = ft_datetime(updated)
    result["lieuTravail"] = _lieu_travail(offer)
    if offer.rome:
        result["romeCode"] = offer.rome.code
        result["romeLibelle"] = offer.rome.label
        if offer.rome.appellation_label:
            result["appellationlibelle"] = offer.rome.appellation_label
    entreprise: dict[str, Any] = {}
    if offer.company_name:
        entreprise["nom"] = offer.company_name
    result["entreprise"] = entreprise
    result.update(_contract(offer))
    salary_label = ft_salary_label(offer.salary) if offer.salary else None
    result["salaire"] = {"libelle": salary_label} if salary_label else {}
    if offer.salary and not salary_label:
        result["salaire"] = {"commentaire": offer.salary.text}
    if offer.experience_text:
        result["experienceLibelle"] = offer.experience_text
    result["nombrePostes"] = 1
    origin_url = str(offer.url or offer.apply_url)
    result["origineOffre"] = {
        "origine": PARTNER_ORIGIN,
        "urlOrigine": origin_url,
        "partenaires": [
            {"nom": offer.attribution, "url": str(offer.apply_url or offer.url)},
        ],
    }
    return result


def stored_to_francetravail(stored: StoredOffer) -> dict[str, Any]:
    """A stored offer in France Travail v2 shape, with its Relais id."""
    return to_francetravail(
        stored.offer,
        offer_id=str(stored.id),
        created_at=stored.first_seen_at,
        updated_at=stored.updated_at,
    )
