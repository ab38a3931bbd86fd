"""A hostile item (50 MB of text, 100,000 nested elements) is refused alone, in bounded memory."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import ItemError, read_document
from spiders.extractors._document import CHUNK_BYTES, Document
from spiders.extractors._repair import MAX_ITEM_CHARS, Repairs, repaired_chunks
from spiders.extractors._xml import MAX_ITEM_BYTES
from spiders.extractors.indeed import IndeedExtractor
from spiders.extractors.rss import FeedExtractor
from tests.spiders.extractors.test_broken_items import HEAD, TAIL, URL, item

FIFTY_MB = 50 * 1024 * 1024
NESTED = 100_000


def feed(kind: str, middle: str) -> bytes:
    items = item(kind, 1) + item(kind, 2, middle) + item(kind, 3)
    return (HEAD[kind] + items + TAIL[kind]).encode()


def outcome(kind: str, body: bytes) -> list[str]:
    """Each item's title, or its error."""
    return [
        result.title or "" if isinstance(result, SourceOffer) else f"erreur : {result}"
        for result in read_document(kind, body, URL).results
    ]


@pytest.mark.parametrize("kind", sorted(HEAD))
def test_an_item_of_50_mb_is_refused_and_its_neighbours_kept(kind: str) -> None:
    first, middle, last = outcome(kind, feed(kind, "x" * FIFTY_MB))
    assert (first, last) == ("Titre 1", "Titre 3")
    assert middle.startswith("erreur : o-2: ") or middle.startswith("erreur : urn:o-2: ")
    assert "offre trop longue : au moins 50,0 millions de caractères" in middle


def test_an_item_of_50_mb_of_markup_is_refused_and_its_neighbours_kept() -> None:
    first, middle, last = outcome("rss", feed("rss", "<p>un paragraphe</p>" * (FIFTY_MB // 20)))
    assert (first, "offre trop longue" in middle, last) == ("Titre 1", True, "Titre 3")


@pytest.mark.parametrize("kind", sorted(HEAD))
def test_an_item_nesting_100000_elements_is_refused_and_its_neighbours_kept(kind: str) -> None:
    first, middle, last = outcome(kind, feed(kind, "<div>" * NESTED + "x" + "</div>" * NESTED))
    assert (first, last) == ("Titre 1", "Titre 3")
    assert "plus de 128 balises imbriquées" in middle


def test_an_item_opening_100000_elements_never_closed_leaves_the_next_item_whole() -> None:
    assert outcome("rss", feed("rss", "<div>" * NESTED + "x"))[2] == "Titre 3"


def test_the_liberal_reading_gives_the_parser_one_item_s_limit_of_a_50_mb_item() -> None:
    given = sum(len(chunk) for chunk in repaired_chunks(feed("rss", "x" * FIFTY_MB), Repairs()))
    assert given < MAX_ITEM_CHARS + 2 * CHUNK_BYTES


class CountingDocument(Document):
    """A document that counts the bytes each of its readings gives."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data=data)
        self.readings: list[int] = []

    def chunks(self, start: int = 0, size: int = CHUNK_BYTES) -> Iterator[bytes]:
        self.readings.append(0)
        for chunk in super().chunks(start, size):
            self.readings[-1] += len(chunk)
            yield chunk


def test_the_strict_reading_stops_within_one_item_s_limit_of_a_50_mb_well_formed_item() -> None:
    body = feed("indeed-xml", "<p>un paragraphe</p>" * (FIFTY_MB // 20))
    document = CountingDocument(body)
    records = list(IndeedExtractor().split(document, URL))
    strict = document.readings[0]
    assert (len(records), strict < MAX_ITEM_BYTES + 3 * CHUNK_BYTES) == (3, True)


def test_an_item_refused_for_its_size_is_kept_truncated_for_the_quarantine() -> None:
    refused = read_document("rss", feed("rss", "x" * FIFTY_MB), URL).results[1]
    assert isinstance(refused, ItemError) and len(str(refused)) < 1000


def test_a_well_formed_feed_of_many_items_over_the_limit_in_all_is_read_once() -> None:
    items = "".join(item("rss", number, "y" * 10_000) for number in range(300))
    document = CountingDocument((HEAD["rss"] + items + TAIL["rss"]).encode())
    records = list(FeedExtractor().split(document, URL))
    assert (len(records), len(document.readings)) == (300, 1)
