"""Pure extractors: a fetched document -> raw records -> SourceOffer, testable without a crawl."""

from __future__ import annotations

from schemas.source_offer import SourceOffer
from schemas.sources import SourceKind
from spiders.extractors._xml import MAX_ITEM_BYTES, MAX_ITEMS
from spiders.extractors.base import Extractor, FeedError, ItemError, RawRecord
from spiders.extractors.indeed import IndeedExtractor
from spiders.extractors.rss import FeedExtractor

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


def extractor_for(kind: SourceKind | str, *, max_items: int = MAX_ITEMS) -> Extractor:
    """The extractor of a source kind: "rss" and "atom" share one, "indeed-xml" has its own.

    Raises ValueError for a kind without an extractor.
    """
    value = str(kind)
    if value in FeedExtractor.kinds:
        return FeedExtractor(max_items=max_items)
    if value in IndeedExtractor.kinds:
        return IndeedExtractor(max_items=max_items)
    raise ValueError(f"no extractor for source kind {value!r}")


def extract(kind: SourceKind | str, body: bytes, url: str) -> list[SourceOffer | ItemError]:
    """Every item of a fetched document, read: an offer, or the ItemError that item gave.

    Items unusable as a whole (over the size cap) come back as ItemError too.
    FeedError propagates when the document itself cannot be read.
    """
    extractor = extractor_for(kind)
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
