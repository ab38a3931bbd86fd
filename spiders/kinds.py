"""Which spider fetches which source kind."""

from __future__ import annotations

from spiders.ats import board_spiders
from spiders.feeds import FeedSpider, IndeedXmlSpider, SourceSpider
from spiders.francetravail import FranceTravailSpider
from spiders.probe import ProbeSpider
from spiders.sites import HtmlSpider, JsonLdSpider

SPIDERS: tuple[type[SourceSpider], ...] = (
    FeedSpider,
    IndeedXmlSpider,
    JsonLdSpider,
    *board_spiders(),
    FranceTravailSpider,
    HtmlSpider,
    ProbeSpider,
)


def spider_for(kind: str) -> type[SourceSpider]:
    """The spider class that fetches sources of `kind` ("auto": the probe); ValueError if none."""
    for spider in SPIDERS:
        if kind in spider.kinds:
            return spider
    raise ValueError(f"aucun spider pour le type de source {kind!r}")
