"""Offer -> France Travail "Offres d'emploi v2" JSON, the shape existing FT clients read.

Fields Relais does not know are left out, as France Travail itself leaves them out.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import Any

from exporters.wording import salary_wording
from normalizers.referentials import rome_appellations
from normalizers.salary import ft_salary_label
from schemas.offers import Experience, ExperienceRequirement, Offer, PlaceMatch, StoredOffer

PARTNER_ORIGIN = "2"  # France Travail's code for offers that come from a partner site
_EXPERIENCE_WORDS = {
    ExperienceRequirement.REQUIRED: "Expérience exigée",
    ExperienceRequirement.DESIRED: "Expérience souhaitée",
}
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?[\d][\d\s.\-()]{7,}\d")


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
        hours = int(contract.hours_per_week)
        minutes = round((contract.hours_per_week - hours) * 60)
        fields["dureeTravailLibelle"] = f"{hours}H{minutes:02d}" if minutes else f"{hours}H"
    elif contract.working_time_text:
        fields["dureeTravailLibelle"] = contract.working_time_text
    if contract.full_time is not None:
        fields["dureeTravailLibelleConverti"] = (
            "Temps plein" if contract.full_time else "Temps partiel"
        )
    nature = (contract.nature or "").lower()
    fields["alternance"] = "apprentissage" in nature or "professionnalisation" in nature
    return fields


@cache
def _appellation_short_labels() -> dict[str, str]:
    return {code: a.short_label for code, a in rome_appellations().items()}


def _rome(offer: Offer) -> dict[str, Any]:
    """romeCode, romeLibelle and appellationlibelle (France Travail shows the short label)."""
    if not offer.rome:
        return {}
    fields = {"romeCode": offer.rome.code, "romeLibelle": offer.rome.label}
    appellation = offer.rome.appellation_code
    label = _appellation_short_labels().get(appellation or "") or offer.rome.appellation_label
    if label:
        fields["appellationlibelle"] = label
    return fields


def experience_label(experience: Experience) -> str | None:
    """France Travail's wording: "Débutant accepté", "Expérience exigée de 3 An(s)"."""
    requirement = experience.requirement
    if requirement is None:
        return experience.text
    if requirement == ExperienceRequirement.BEGINNER:
        return "Débutant accepté"
    label = _EXPERIENCE_WORDS[requirement]
    months = experience.months
    if months:
        label += f" de {months // 12} An(s)" if months % 12 == 0 else f" de {months} Mois"
    return label


def _contact(offer: Offer) -> dict[str, Any]:
    """How to apply, in France Travail's `contact` shape."""
    contact: dict[str, Any] = {}
    if offer.contact:
        if email := _EMAIL.search(offer.contact):
            contact["courriel"] = email.group(0)
        elif phone := _PHONE.search(offer.contact):
            contact["telephone"] = phone.group(0)
        else:
            contact["commentaire"] = offer.contact
    if offer.apply_url:
        contact["urlPostulation"] = str(offer.apply_url)
    return contact


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
    result.update(_rome(offer))
    entreprise: dict[str, Any] = {}
    if offer.company_name:
        entreprise["nom"] = offer.company_name
    result["entreprise"] = entreprise
    result.update(_contract(offer))
    salary_label = ft_salary_label(offer.salary) if offer.salary else None
    result["salaire"] = {"libelle": salary_label} if salary_label else {}
    if offer.salary and not salary_label:
        result["salaire"] = {"commentaire": salary_wording(offer.salary)}
    if offer.experience.requirement:
        result["experienceExige"] = offer.experience.requirement.value
    if experience := experience_label(offer.experience):
        result["experienceLibelle"] = experience
    if contact := _contact(offer):
        result["contact"] = contact
    result["nombrePostes"] = 1
    origin: dict[str, Any] = {"origine": PARTNER_ORIGIN}
    if offer.url or offer.apply_url:
        origin["urlOrigine"] = str(offer.url or offer.apply_url)
    partner: dict[str, Any] = {"nom": offer.attribution}
    if offer.apply_url or offer.url:
        partner["url"] = str(offer.apply_url or offer.url)
    origin["partenaires"] = [partner]
    result["origineOffre"] = origin
    return result


def stored_to_francetravail(stored: StoredOffer) -> dict[str, Any]:
    """A stored offer in France Travail v2 shape, with its Relais id."""
    return to_francetravail(
        stored.offer,
        offer_id=str(stored.id),
        created_at=stored.first_seen_at,
        updated_at=stored.updated_at,
    )
