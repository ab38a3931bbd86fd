"""A feed with one broken or oversized item, fetched through the real fetch path (a crawl
subprocess against loopback): that item's record carries its reason, the others none."""

from __future__ import annotations

from pathlib import Path

import pytest

from spiders.runner import run_crawl
from tests.spiders.extractors.test_broken_items import HEAD, TAIL, item, unclosed_title
from tests.support.loopback import LoopbackSite

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}


def errors(site: LoopbackSite, kind: str, middle: str, workdir: Path) -> list[str | None]:
    """The error of each record the crawl of a three-item feed stored, in order."""
    body = (HEAD[kind] + item(kind, 1) + middle + item(kind, 3) + TAIL[kind]).encode()
    url = site.add("/offres.xml", body, content_type="application/xml")
    result = run_crawl(kind, url, workdir=workdir, timeout=60, settings=FAST)
    return [record.error for record in result.iter_records()]


@pytest.mark.parametrize("kind", sorted(HEAD))
def test_an_item_whose_title_swallowed_its_fields_is_stored_with_its_reason(
    site: LoopbackSite, tmp_path: Path, kind: str
) -> None:
    first, middle, last = errors(site, kind, unclosed_title(kind, 2), tmp_path)
    assert (first, last) == (None, None)
    assert middle is not None and "la balise <title> n'est jamais fermée" in middle


def test_an_item_of_3_mb_is_stored_with_its_reason_and_the_next_one_whole(
    site: LoopbackSite, tmp_path: Path
) -> None:
    first, middle, last = errors(site, "rss", item("rss", 2, "x" * 3_000_000), tmp_path)
    assert (first, last) == (None, None)
    assert middle is not None and "offre trop longue" in middle
