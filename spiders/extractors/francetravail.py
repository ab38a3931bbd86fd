"""France Travail "Offres d'emploi v2" search answers (`resultats`), from FT or another Relais."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from schemas.source_offer import SourceOffer
from spiders.extractors._fields import http_url
from spiders.extractors._json import JsonPostingsExtractor
from spiders.extractors._repairs import Repairs
from spiders.extractors._values import as_list, clean_text, field, joined, key_read, text_at
from spiders.extractors.base import RawRecord

FRANCETRAVAIL_OFFER = "application/json; francetravail-offre"


def _description(offer: dict[str, Any]) -> str | None:
    """The description, then the company's presentation when there is one."""
    parts = [clean_text(offer.get("description")), text_at(offer, "entreprise", "description")]
    return "\n\n".join(part for part in parts if part) or None


def _salary(offer: dict[str, Any]) -> str | None:
    salary = offer.get("salaire")
    return text_at(salary, "libelle") or text_at(salary, "commentaire")


def _apply_url(offer: dict[str, Any], url: str) -> str | None:
    for candidate in (
        text_at(offer, "contact", "urlPostulation"),
        *(
            text_at(partner, "url")
            for partner in as_list(field(offer, "origineOffre", "partenaires"))
        ),
    ):
        link = http_url(candidate, url)
        if link:
            return link
    return None


class FranceTravailExtractor(JsonPostingsExtractor):
    """One FT v2 search page; each payload is one offer (`resultats[i]`)."""

    kinds = ("francetravail",)
    content_type = FRANCETRAVAIL_OFFER
    postings_key = "resultats"
    what = "recherche France Travail"

    def split(self, body: bytes, url: str, repairs: Repairs | None = None) -> Iterator[RawRecord]:
        """A 204 No Content answer (no offer) has an empty body; anything else is read (an
        answer cut before its end as `JsonPostingsExtractor.split` says)."""
        if not body.strip():
            return iter(())
        return super().split(body, url, repairs)

    def offer(self, posting: dict[str, Any], url: str) -> SourceOffer:
        lieu = posting.get("lieuTravail")
        origin = http_url(text_at(posting, "origineOffre", "urlOrigine"), url)
        return SourceOffer(
            external_id=str(posting.get("id") or origin or ""),
            title=text_at(posting, "intitule"),
            description=_description(posting),
            company=text_at(posting, "entreprise", "nom"),
            place=text_at(lieu, "libelle"),
            postal_code=text_at(lieu, "codePostal"),
            contract=text_at(posting, "typeContratLibelle") or text_at(posting, "typeContrat"),
            working_time=text_at(posting, "dureeTravailLibelleConverti")
            or text_at(posting, "dureeTravailLibelle"),
            salary=_salary(posting),
            experience=text_at(posting, "experienceLibelle"),
            category=joined(
                [text_at(posting, "romeLibelle"), text_at(posting, "secteurActiviteLibelle")]
            ),
            reference=text_at(posting, "id"),
            posted_at=text_at(posting, "dateCreation"),
            updated_at=text_at(posting, "dateActualisation"),
            url=origin,
            apply_url=_apply_url(posting, url) or origin,
            contact=joined(
                [text_at(posting, "contact", "courriel"), text_at(posting, "contact", "telephone")]
            ),
            field_keys={
                "company": "entreprise.nom",
                "place": "lieuTravail.libelle",
                "postal_code": "lieuTravail.codePostal",
                "contract": key_read(posting, "typeContratLibelle", "typeContrat"),
                "working_time": key_read(
                    posting, "dureeTravailLibelleConverti", "dureeTravailLibelle"
                ),
                "salary": key_read(posting, "salaire.libelle", "salaire.commentaire"),
                "experience": "experienceLibelle",
                "category": key_read(posting, "romeLibelle", "secteurActiviteLibelle"),
            },
        )
