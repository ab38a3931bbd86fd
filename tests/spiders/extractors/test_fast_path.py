"""The strict fast path reads a feed exactly as the repairing reading does, faulty or not."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from spiders.extractors import FeedError, _xml, read_document

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
_EXPECT = re.compile(r"relais-expect:\s*(\{.*?\})\s*-->", re.DOTALL)


def _reading(path: Path) -> tuple[list[Any], list[str], bool] | str:
    expected = json.loads(_EXPECT.search(path.read_text(errors="replace")).group(1))  # type: ignore[union-attr]
    url = expected.get("url", "https://feed.example.org/feed.xml")
    try:
        reading = read_document(
            expected["kind"], path.read_bytes(), url, content_type=expected.get("content_type")
        )
    except FeedError as error:
        return str(error)
    results = [
        result.model_dump() if hasattr(result, "model_dump") else str(result)
        for result in reading.results
    ]
    return results, reading.notes, reading.incomplete


@pytest.mark.parametrize("path", sorted(FEEDS.glob("*.xml")), ids=lambda path: path.stem)
def test_a_feed_reads_the_same_with_and_without_the_fast_path(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _reading(path)
    monkeypatch.setattr(_xml, "strict_encoding", lambda body, charset=None: None)
    assert _reading(path) == fast


def test_a_fault_after_the_first_items_gives_each_item_once() -> None:
    # 2 KB items: the fault, in the 41st, comes after the strict parser gave whole chunks of items
    filler = "Manutention, préparation de commandes et inventaires. " * 36
    items = "".join(
        f"<item><title>Poste {n}</title><link>https://ex.example/{n}</link><description>"
        f"{filler}{' &eacute;quipe' if n == 40 else ''}</description></item>"
        for n in range(60)
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()
    reading = read_document("rss", body, "https://ex.example/feed.xml")
    assert [offer.title for offer in reading.results] == [f"Poste {n}" for n in range(60)]  # type: ignore[union-attr]
    assert reading.notes == [
        "1 entité non définie en XML (&eacute;) lue comme une entité HTML (la première à la "
        "ligne 1, dans l'offre « Poste 40 »)"
    ]
