"""What every extractor gives and raises: raw records split from a document, and their errors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from schemas.source_offer import SourceOffer


class FeedError(ValueError):
    """The document as a whole cannot be read (not well-formed, wrong format, forbidden DTD...).

    The message says what and where (line and column) for the operator.
    """


class ItemError(ValueError):
    """One item cannot be read; the other items of the document are not affected."""


@dataclass(frozen=True)
class RawRecord:
    """One item of a document, verbatim, as it is stored before anything interprets it."""

    external_id: str
    """The item's id at its source (guid, atom id, referencenumber; else its link; else a hash)."""
    payload: str
    """The verbatim text of the item (its element serialized); what gets stored and re-read."""
    content_type: str
    """What the payload is, e.g. "application/rss+xml; item"."""
    error: str | None = None
    """Set when the item is unusable as a whole (e.g. over the size cap); payload is truncated."""


class Extractor(Protocol):
    """Splits a fetched document into raw records, and reads one stored record into an offer."""

    kinds: tuple[str, ...]
    """The source kinds this extractor reads."""

    def split(self, body: bytes, url: str) -> Iterator[RawRecord]:
        """Stream the items of `body`; raise FeedError (maybe after some items) if it is bad."""
        ...

    def read(self, payload: str, url: str) -> SourceOffer:
        """Read one stored payload (fetched from `url`) into a SourceOffer; raise ItemError."""
        ...
