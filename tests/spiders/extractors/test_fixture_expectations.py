"""Every feed fixture states its own expectation in a comment; one test walks them all."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import FeedError, ItemError, extractor_for, read_document

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
_EXPECT = re.compile(r"relais-expect:\s*(\{.*?\})\s*-->", re.DOTALL)


def expectation(path: Path) -> dict[str, Any]:
    """The JSON after `relais-expect:` in the fixture's leading comment."""
    found = _EXPECT.search(path.read_text(encoding="utf-8", errors="replace"))
    assert found, f"{path.name} states no relais-expect expectation"
    return dict(json.loads(found.group(1)))


@pytest.mark.parametrize("path", sorted(FEEDS.glob("*.xml")), ids=lambda path: path.stem)
def test_fixture_meets_its_stated_expectation(path: Path) -> None:
    """Keys: kind, url; feed_error (+ items_before_error); else offers (fields of each offer, in
    order), quarantined (a part of each quarantined item's reason, in order), repairs (a part of
    each note the reading gives), complete (false for a document cut short), content_type (the
    HTTP header the document is served with)."""
    expected = expectation(path)
    body = path.read_bytes()
    url = expected.get("url", "https://feed.example.org/feed.xml")
    if "feed_error" in expected:
        split: list[object] = []
        with pytest.raises(FeedError, match=re.escape(expected["feed_error"])):
            split.extend(extractor_for(expected["kind"]).split(body, url))
        assert len(split) == expected.get("items_before_error", 0)
        return
    reading = read_document(expected["kind"], body, url, content_type=expected.get("content_type"))
    offers = [result for result in reading.results if isinstance(result, SourceOffer)]
    quarantined = [str(result) for result in reading.results if isinstance(result, ItemError)]
    assert len(offers) == len(expected["offers"]), quarantined
    for offer, fields in zip(offers, expected["offers"], strict=True):
        assert {name: getattr(offer, name) for name in fields} == fields
    assert len(quarantined) == len(expected.get("quarantined", []))
    for reason, part in zip(quarantined, expected.get("quarantined", []), strict=True):
        assert part in reason
    for part in expected.get("repairs", []):
        assert any(part in note for note in reading.notes), reading.notes
    if "repairs" in expected and not expected["repairs"]:
        assert reading.notes == []
    assert reading.incomplete is not expected.get("complete", True)
