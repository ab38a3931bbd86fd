"""Every feed fixture states its own expectation in a comment; one test walks them all."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from schemas.source_offer import SourceOffer
from spiders.extractors import FeedError, extract, extractor_for

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
_EXPECT = re.compile(r"relais-expect:\s*(\{.*?\})\s*-->", re.DOTALL)


def expectation(path: Path) -> dict[str, Any]:
    """The JSON after `relais-expect:` in the fixture's leading comment."""
    found = _EXPECT.search(path.read_text(encoding="utf-8", errors="replace"))
    assert found, f"{path.name} states no relais-expect expectation"
    return dict(json.loads(found.group(1)))


@pytest.mark.parametrize("path", sorted(FEEDS.glob("*.xml")), ids=lambda path: path.stem)
def test_fixture_meets_its_stated_expectation(path: Path) -> None:
    expected = expectation(path)
    body = path.read_bytes()
    url = expected.get("url", "https://feed.example.org/feed.xml")
    if "feed_error" in expected:
        split: list[object] = []
        with pytest.raises(FeedError, match=re.escape(expected["feed_error"])):
            split.extend(extractor_for(expected["kind"]).split(body, url))
        assert len(split) == expected.get("items_before_error", 0)
        return
    results = extract(expected["kind"], body, url)
    assert len(results) == len(expected["offers"])
    for result, fields in zip(results, expected["offers"], strict=True):
        assert isinstance(result, SourceOffer), result
        assert {name: getattr(result, name) for name in fields} == fields
