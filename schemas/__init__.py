"""Pydantic models shared by every room of Relais: registrations, offers, rejections."""

from schemas.offers import (
    Contract,
    Disagreement,
    FactOrigin,
    FactSource,
    Offer,
    OfferStatus,
    PayBasis,
    Place,
    PlaceMatch,
    RomeAlternative,
    RomeCoding,
    Salary,
    SalaryPeriod,
    StartDate,
    StoredOffer,
)
from schemas.rejections import Rejection, RejectionReason
from schemas.source_offer import SourceOffer
from schemas.sources import SourceDefaults, SourceKind, SourceRegistration

__all__ = [
    "Contract",
    "Disagreement",
    "FactOrigin",
    "FactSource",
    "Offer",
    "OfferStatus",
    "Place",
    "PlaceMatch",
    "Rejection",
    "RejectionReason",
    "RomeAlternative",
    "RomeCoding",
    "Salary",
    "PayBasis",
    "SalaryPeriod",
    "SourceDefaults",
    "SourceKind",
    "SourceOffer",
    "SourceRegistration",
    "StartDate",
    "StoredOffer",
]
