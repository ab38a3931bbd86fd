"""How an offer's ROME code is shown to people: the métier, and whether the coder is unsure."""

from __future__ import annotations

from dataclasses import dataclass

from normalizers.rome import LOW_CONFIDENCE
from store import models


@dataclass(frozen=True)
class RomeView:
    """An offer's ROME code as a page shows it; `alternatives` are (code, label) pairs."""

    code: str
    label: str
    confidence: float
    uncertain: bool
    alternatives: list[tuple[str, str]]


def rome_view(offer: models.Offer) -> RomeView | None:
    """The offer's ROME code for a page, None when it has none. The code is uncertain below
    `normalizers.rome.LOW_CONFIDENCE`; then the two next best métiers are shown beside it."""
    if not offer.rome_code:
        return None
    confidence = offer.rome_confidence if offer.rome_confidence is not None else 0.0
    alternatives = [
        (str(other.get("code")), str(other.get("label")))
        for other in (offer.rome_alternatives or [])[:2]
        if isinstance(other, dict) and other.get("code")
    ]
    return RomeView(
        code=offer.rome_code,
        label=offer.rome_label or offer.rome_code,
        confidence=confidence,
        uncertain=confidence < LOW_CONFIDENCE,
        alternatives=alternatives,
    )
