"""Pure extractors: a fetched document -> raw records -> SourceOffer, testable without a crawl."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemas.source_offer import SourceOffer
from schemas.sources import SourceKind
from spiders.extractors._xml import MAX_ITEM_BYTES, MAX_ITEMS
from spiders.extractors.ashby import AshbyExtractor
from spiders.extractors.base import Extractor, FeedError, ItemError, RawRecord
from spiders.extractors.francetravail import FranceTravailExtractor
from spiders.extractors.greenhouse import GreenhouseExtractor
from spiders.extractors.html_page import HtmlPageExtractor
from spiders.extractors.indeed import IndeedExtractor
from spiders.extractors.jsonld import JsonLdExtractor
from spiders.extractors.lever import LeverExtractor
from spiders.extractors.recruitee import RecruiteeExtractor
from spiders.extractors.rss import FeedExtractor
from spiders.extractors.smartrecruiters import SmartRecruitersExtractor
from spiders.extractors.workable import WorkableExtractor

__all__ = [
    "MAX_ITEMS",
    "MAX_ITEM_BYTES",
    "Extractor",
    "FeedError",
    "ItemError",
    "RawRecord",
    "extract",
    "extractor_for",
]

_CONFIGURABLE: tuple[type[Any], ...] = (
    JsonLdExtractor,
    GreenhouseExtractor,
    LeverExtractor,
    RecruiteeExtractor,
    SmartRecruitersExtractor,
    WorkableExtractor,
    AshbyExtractor,
    FranceTravailExtractor,
    HtmlPageExtractor,
)


def extractor_for(
    kind: SourceKind | str,
    *,
    max_items: int = MAX_ITEMS,
    settings: Mapping[str, Any] | None = None,
) -> Extractor:
    """The extractor of a source kind, given the source's settings (the html kind needs them).

    Raises ValueError for a kind without an extractor; FeedError when the settings an
    extractor needs are unusable.
    """
    value = str(kind)
    if value in FeedExtractor.kinds:
        return FeedExtractor(max_items=max_items)
    if value in IndeedExtractor.kinds:
        return IndeedExtractor(max_items=max_items)
    for extractor in _CONFIGURABLE:
        if value in extractor.kinds:
            built: Extractor = extractor(max_items=max_items, settings=dict(settings or {}))
            return built
    raise ValueError(f"no extractor for source kind {value!r}")


def extract(
    kind: SourceKind | str,
    body: bytes,
    url: str,
    settings: Mapping[str, Any] | None = None,
) -> list[SourceOffer | ItemError]:
    """Every item of a fetched document, read: an offer, or the ItemError that item gave.

    Items unusable as a whole (over the size cap) come back as ItemError too.
    FeedError propagates when the document itself cannot be read.
    """
    extractor = extractor_for(kind, settings=settings)
    results: list[SourceOffer | ItemError] = []
    for record in extractor.split(body, url):
        if record.error:
            results.append(ItemError(f"{record.external_id}: {record.error}"))
            continue
        try:
            results.append(extractor.read(record.payload, url))
        except ItemError as error:
            results.append(error)
    return results
