"""The demo feeds `make run` serves stay readable and show one quarantined item."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from normalizers.offer import SourceContext, normalize_offer
from pipeline.demo import DEMO_SOURCES, SITE_DIR, render_feed
from schemas.rejections import Rejection
from schemas.sources import SourceDefaults
from spiders.extractors import extractor_for

TODAY = datetime(2026, 11, 22, 8, tzinfo=UTC)


def test_placeholders_become_dates_and_the_host() -> None:
    rendered = render_feed("{host} {rfc822:1} {iso:0}", "127.0.0.1:8765", TODAY)
    assert rendered == "127.0.0.1:8765 Sat, 21 Nov 2026 08:00:00 GMT 2026-11-22T08:00:00Z"


@pytest.mark.parametrize(
    "name, kind, path, expected",
    [
        (*source[:3], count)
        for source, count in zip(DEMO_SOURCES, [(3, 1), (2, 0), (3, 0)], strict=True)
    ],
)
def test_each_demo_feed_makes_offers(name, kind, path, expected) -> None:  # type: ignore[no-untyped-def]
    body = render_feed((SITE_DIR / path.lstrip("/")).read_text(), "127.0.0.1:8765", TODAY).encode()
    extractor = extractor_for(kind)
    context = SourceContext(source=name, attribution=name, defaults=SourceDefaults())
    results = [
        normalize_offer(extractor.read(record.payload, ""), context)
        for record in extractor.split(body, f"http://127.0.0.1:8765{path}")
    ]
    rejected = sum(isinstance(result, Rejection) for result in results)
    assert (len(results) - rejected, rejected) == expected
