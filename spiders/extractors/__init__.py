"""Pure extractors: a fetched document -> raw records -> SourceOffer, testable without a crawl."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas.source_offer import SourceOffer
from schemas.sources import SourceKind
from spiders.extractors._document import Document
from spiders.extractors._json import JsonPostingsExtractor
from spiders.extractors._repairs import Repairs
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
    "Document",
    "Extractor",
    "FeedError",
    "ItemError",
    "RawRecord",
    "Reading",
    "Repairs",
    "extract",
    "extractor_for",
    "read_document",
    "split_document",
    "streams",
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
    raise ValueError(f"aucun extracteur pour le type de source {value!r}")


def streams(extractor: Extractor) -> bool:
    """True when the extractor reads a document from a file chunk by chunk (the XML feeds,
    `split_document` given a Path), in memory bounded whatever the document's size; the
    others read the whole document in memory."""
    return isinstance(extractor, FeedExtractor | IndeedExtractor)


def split_document(
    extractor: Extractor,
    body: bytes | Path,
    url: str,
    repairs: Repairs,
    content_type: str | None = None,
) -> Iterator[RawRecord]:
    """The extractor's records of `body` (the document's bytes, or the Path of a file holding
    them); feeds read liberally count what they repair in `repairs` (its `notes()` say it to
    people, its `truncated` says the document was cut). `content_type` is the HTTP
    Content-Type the document came with: XML feeds take its charset as feedparser does
    (`spiders.extractors._encoding`). A file is streamed by the extractors that `streams`
    says do so, and read whole by the others."""
    if isinstance(extractor, FeedExtractor | IndeedExtractor):
        return extractor.split(Document.of(body), url, repairs, content_type)
    if isinstance(extractor, JsonPostingsExtractor):
        return extractor.split(body.read_bytes() if isinstance(body, Path) else body, url, repairs)
    return extractor.split(body.read_bytes() if isinstance(body, Path) else body, url)


@dataclass
class Reading:
    """Every item of a document, read, and what reading it repaired."""

    results: list[SourceOffer | ItemError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What was repaired or is missing, in French, for the people who run the source."""
    incomplete: bool = False
    """The document stopped before its end: items it no longer lists are not withdrawn."""


def read_document(
    kind: SourceKind | str,
    body: bytes,
    url: str,
    settings: Mapping[str, Any] | None = None,
    content_type: str | None = None,
) -> Reading:
    """Every item of a fetched document, read: an offer, or the ItemError that item gave,
    with the repairs made to read it. `content_type`: the HTTP Content-Type, when there was one.

    Items unusable as a whole (over the size cap, cut by the end of the document) come back as
    ItemError too. FeedError propagates when the document itself cannot be read.
    """
    extractor = extractor_for(kind, settings=settings)
    reading = Reading()
    repairs = Repairs()
    for record in split_document(extractor, body, url, repairs, content_type):
        if record.error:
            reading.results.append(ItemError(f"{record.external_id}: {record.error}"))
            continue
        try:
            reading.results.append(extractor.read(record.payload, url))
        except ItemError as error:
            reading.results.append(error)
    reading.notes = repairs.notes()
    reading.incomplete = repairs.truncated is not None
    return reading


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
    return read_document(kind, body, url, settings).results
