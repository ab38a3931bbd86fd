"""Offer -> France Travail "Offres d'emploi v2" JSON, the shape existing FT clients read.

Fields Relais does not know are left out, as France Travail itself leaves them out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any

import orjson

from exporters.wording import salary_fields_wording
from normalizers.referentials import rome_appellations
from normalizers.salary import ft_salary_wording, is_net
from schemas.offers import (
    Experience,
    ExperienceRequirement,
    Offer,
    PlaceMatch,
    StoredOffer,
)
from store.offers import offer_columns

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


def _lieu_travail(values: Mapping[Any, Any]) -> dict[str, Any]:
    if values["place_match"] == PlaceMatch.REMOTE:
        return {"libelle": "Télétravail"}
    lieu: dict[str, Any] = {"libelle": values["place_label"] or values["place_text"] or "France"}
    latitude, longitude = values["place_latitude"], values["place_longitude"]
    if latitude is not None and longitude is not None:
        lieu["latitude"], lieu["longitude"] = latitude, longitude
    if values["place_postal_code"]:
        lieu["codePostal"] = values["place_postal_code"]
    if values["place_insee_code"]:
        lieu["commune"] = values["place_insee_code"]
    return lieu


def _contract(values: Mapping[Any, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if type_contrat := values["contract_type_contrat"]:
        fields["typeContrat"] = type_contrat
        label = values["contract_type_contrat_label"] or type_contrat
        duration, unit = values["contract_duration_value"], values["contract_duration_unit"]
        if duration and unit:
            label = f"{label} - {duration} {'Mois' if unit == 'mois' else 'Jour(s)'}"
        fields["typeContratLibelle"] = label
    if values["contract_nature"]:
        fields["natureContrat"] = values["contract_nature"]
    if hours_per_week := values["contract_hours_per_week"]:
        hours = int(hours_per_week)
        minutes = round((hours_per_week - hours) * 60)
        fields["dureeTravailLibelle"] = f"{hours}H{minutes:02d}" if minutes else f"{hours}H"
    elif values["contract_working_time_text"]:
        fields["dureeTravailLibelle"] = values["contract_working_time_text"]
    if values["contract_full_time"] is not None:
        fields["dureeTravailLibelleConverti"] = (
            "Temps plein" if values["contract_full_time"] else "Temps partiel"
        )
    nature = (values["contract_nature"] or "").lower()
    fields["alternance"] = "apprentissage" in nature or "professionnalisation" in nature
    return fields


@cache
def _appellation_short_labels() -> dict[str, str]:
    return {code: a.short_label for code, a in rome_appellations().items()}


def _rome(values: Mapping[Any, Any]) -> dict[str, Any]:
    """romeCode, romeLibelle and appellationlibelle (France Travail shows the short label), when
    the offer has a ROME coding (its code, label and confidence: `schemas.RomeCoding`)."""
    code, label = values["rome_code"], values["rome_label"]
    if code is None or label is None or values["rome_confidence"] is None:
        return {}
    fields = {"romeCode": code, "romeLibelle": label}
    appellation = values["rome_appellation_code"]
    short = _appellation_short_labels().get(appellation or "") or values["rome_appellation_label"]
    if short:
        fields["appellationlibelle"] = short
    return fields


def experience_label(experience: Experience) -> str | None:
    """France Travail's wording: "Débutant accepté", "Expérience exigée de 3 An(s)"."""
    return experience_wording(experience.text, experience.requirement, experience.months)


def experience_wording(text: str | None, requirement: str | None, months: int | None) -> str | None:
    """`experience_label` of an experience given by its fields (`schemas.Experience`'s, the
    requirement as `ExperienceRequirement` or its value), as the store's columns hold them."""
    if requirement is None:
        return text
    if requirement == ExperienceRequirement.BEGINNER:
        return "Débutant accepté"
    label = _EXPERIENCE_WORDS[requirement]  # type: ignore[index]
    if months:
        label += f" de {months // 12} An(s)" if months % 12 == 0 else f" de {months} Mois"
    return label


def _contact(values: Mapping[Any, Any]) -> dict[str, Any]:
    """How to apply, in France Travail's `contact` shape."""
    contact: dict[str, Any] = {}
    if written := values["contact"]:
        if email := _EMAIL.search(written):
            contact["courriel"] = email.group(0)
        elif phone := _PHONE.search(written):
            contact["telephone"] = phone.group(0)
        else:
            contact["commentaire"] = written
    if values["apply_url"]:
        contact["urlPostulation"] = values["apply_url"]
    return contact


# The offers' columns (`store.models.Offer`) a France Travail document is made of, besides the
# offer's id and life dates (`id`, `first_seen_at`, `updated_at`).
COLUMNS = (
    "title", "description_text", "company_name", "posted_at", "source_updated_at",
    "place_match", "place_label", "place_text", "place_latitude", "place_longitude",
    "place_postal_code", "place_insee_code",
    "rome_code", "rome_label", "rome_confidence", "rome_appellation_code", "rome_appellation_label",
    "contract_type_contrat", "contract_type_contrat_label", "contract_duration_value",
    "contract_duration_unit", "contract_nature", "contract_hours_per_week",
    "contract_working_time_text", "contract_full_time",
    "salary_text", "salary_minimum", "salary_maximum", "salary_period", "salary_currency",
    "salary_months", "salary_basis",
    "experience_text", "experience_requirement", "experience_months",
    "contact", "url", "apply_url", "attribution",
)  # fmt: skip


def from_columns(
    values: Mapping[Any, Any],
    *,
    offer_id: str | None = None,
    created_at: datetime | None = None,
    updated_at: datetime | None = None,
) -> dict[str, Any]:
    """An offer in France Travail v2 shape from its stored columns (`COLUMNS`, by name: a row of
    `store.models.Offer` as a mapping, or `store.offers.offer_columns`), without rebuilding the
    pydantic offer; dates default to the source's own."""
    created = values["posted_at"] or created_at
    updated = values["source_updated_at"] or updated_at or created
    result: dict[str, Any] = {}
    if offer_id is not None:
        result["id"] = offer_id
    result["intitule"] = values["title"]
    result["description"] = values["description_text"]
    if created:
        result["dateCreation"] = ft_datetime(created)
    if updated:
        result["dateActualisation"] = ft_datetime(updated)
    result["lieuTravail"] = _lieu_travail(values)
    result.update(_rome(values))
    entreprise: dict[str, Any] = {}
    if values["company_name"]:
        entreprise["nom"] = values["company_name"]
    result["entreprise"] = entreprise
    result.update(_contract(values))
    result["salaire"] = {}
    if values["salary_text"] is not None:  # `schemas.Salary` has its text or is none
        figures = (
            values["salary_minimum"],
            values["salary_maximum"],
            values["salary_period"],
            values["salary_currency"],
            values["salary_months"],
        )
        # France Travail's labels are gross amounts: a net pay goes to the comment as written
        net = is_net(values["salary_basis"], values["salary_text"])
        salary_label = None if net else ft_salary_wording(*figures)
        result["salaire"] = (
            {"libelle": salary_label}
            if salary_label
            else {
                "commentaire": values["salary_text"]
                if net
                else salary_fields_wording(values["salary_text"], *figures, values["salary_basis"])
            }
        )
    requirement = values["experience_requirement"]
    if requirement:
        result["experienceExige"] = requirement
    label = experience_wording(values["experience_text"], requirement, values["experience_months"])
    if label:
        result["experienceLibelle"] = label
    if contact := _contact(values):
        result["contact"] = contact
    result["nombrePostes"] = 1
    url, apply_url = values["url"], values["apply_url"]
    origin: dict[str, Any] = {"origine": PARTNER_ORIGIN}
    if url or apply_url:
        origin["urlOrigine"] = url or apply_url
    partner: dict[str, Any] = {"nom": values["attribution"]}
    if apply_url or url:
        partner["url"] = apply_url or url
    origin["partenaires"] = [partner]
    result["origineOffre"] = origin
    return result


def to_francetravail(
    offer: Offer,
    *,
    offer_id: str | None = None,
    created_at: datetime | None = None,
    updated_at: datetime | None = None,
) -> dict[str, Any]:
    """The offer in France Travail v2 shape; dates default to the source's own."""
    return from_columns(
        offer_columns(offer), offer_id=offer_id, created_at=created_at, updated_at=updated_at
    )


def stored_to_francetravail(stored: StoredOffer) -> dict[str, Any]:
    """A stored offer in France Travail v2 shape, with its Relais id."""
    return to_francetravail(
        stored.offer,
        offer_id=str(stored.id),
        created_at=stored.first_seen_at,
        updated_at=stored.updated_at,
    )


def row_to_francetravail(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A stored offer in France Travail v2 shape, with its Relais id, from a row of its `id`,
    `first_seen_at`, `updated_at` and `COLUMNS` (e.g. `store.search.search_rows`'s); the same
    document as `stored_to_francetravail` of the offer."""
    return from_columns(
        row, offer_id=str(row["id"]), created_at=row["first_seen_at"], updated_at=row["updated_at"]
    )


# What `stored_document` reads: `COLUMNS` and the offer's life dates.
DOCUMENT_COLUMNS = (*COLUMNS, "first_seen_at", "updated_at")


def stored_document(values: Mapping[Any, Any]) -> bytes:
    """The offer's France Travail document less its `id` and `description`, as compact JSON
    bytes (orjson): what the store keeps beside the offer (`store.models.Offer.ft_document`)
    so that a search page is joined from stored bytes, not built again at each request.

    `values` holds `DOCUMENT_COLUMNS` by name (a row, or `store.models.Offer` through
    `store.documents`). The description is left out because the offer keeps it already
    (`description_text`); `search_item` puts both back."""
    document = from_columns(
        values, created_at=values["first_seen_at"], updated_at=values["updated_at"]
    )
    del document["description"]
    return orjson.dumps(document)


def search_item(offer_id: int, description: str | None, document: bytes) -> bytes:
    """One offer of a search page as France Travail JSON bytes: the stored document
    (`stored_document`) with the offer's id and description put back; the same JSON object
    as `row_to_francetravail` of its row."""
    return b'{"id":"%d","description":%b,%b' % (offer_id, orjson.dumps(description), document[1:])
