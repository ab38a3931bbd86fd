"""The same offer from an ATS, an Indeed-style feed and an RSS feed is one offer, on all three."""

from __future__ import annotations

import json
from html import escape

import pytest
from sqlalchemy import func, select

from pipeline.collect import collect
from schemas.sources import SourceDefaults, SourceKind, SourceRegistration
from store import copies, models
from store import sources as source_store
from store.db import session_scope
from tests.store.test_copies import DESCRIPTION
from tests.support.loopback import LoopbackSite

OTHER = (
    "Atelier Lumière recrute son comptable fournisseurs : saisie et contrôle des factures, "
    "relances, rapprochements bancaires et préparation des clôtures mensuelles avec le "
    "cabinet d'expertise comptable. Maîtrise de Sage appréciée."
)
JSON = "application/json"


def _greenhouse() -> str:
    def job(number: int, title: str, text: str) -> dict[str, object]:
        return {
            "id": number,
            "title": title,
            "updated_at": "2026-11-18T10:15:00+01:00",
            "first_published": "2026-11-02T09:00:00+01:00",
            "requisition_id": f"LUM-{number}",
            "location": {"name": "Lyon, France"},
            "absolute_url": f"https://boards.greenhouse.io/atelierlumiere/jobs/{number}",
            "company_name": "Atelier Lumière",
            "metadata": [{"id": 1, "name": "Employment Type", "value": "CDI"}],
            "content": escape(f"<p>{text}</p>"),
        }

    jobs = [job(4011001, "Développeur·se Python", DESCRIPTION), job(4011002, "Comptable", OTHER)]
    return json.dumps({"jobs": jobs})


def _indeed() -> str:
    # An aggregator's copy: its own reference, "(H/F)", one more sentence, a postal code.
    return f"""<?xml version="1.0" encoding="utf-8"?>
<source><publisher>Jobs Rhône</publisher>
  <job>
    <title><![CDATA[Développeur Python (H/F)]]></title>
    <date><![CDATA[Tue, 03 Nov 2026 08:00:00 GMT]]></date>
    <referencenumber><![CDATA[JR-88123]]></referencenumber>
    <url><![CDATA[https://jobs-rhone.example/offres/88123?utm_source=feed]]></url>
    <company><![CDATA[Atelier Lumière]]></company>
    <city><![CDATA[Lyon]]></city><postalcode><![CDATA[69003]]></postalcode>
    <description><![CDATA[<p>{DESCRIPTION} Poste à pourvoir dès que possible.</p>]]></description>
    <jobtype><![CDATA[CDI]]></jobtype>
  </job>
</source>"""


def _rss() -> str:
    # A careers-site feed without company (the source's default gives it), text trimmed.
    trimmed = DESCRIPTION.rsplit(" Deux jours", 1)[0]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Lumière recrute</title><link>https://lumiere.example/</link>
<description>Offres</description>
<item><title>Développeur Python H/F - Lyon</title>
<link>https://lumiere.example/carrieres/developpeur-python</link>
<guid isPermaLink="false">lumiere-dev-python</guid>
<pubDate>Wed, 04 Nov 2026 09:00:00 +0100</pubDate>
<description><![CDATA[<p>{trimmed}</p><p>CDI, Lyon.</p>]]></description></item>
</channel></rss>"""


def _register(name: str, kind: SourceKind, url: str, **fields: object) -> None:
    with session_scope() as session:
        source_store.add_source(
            session,
            SourceRegistration(name=name, kind=kind, url=url, **fields),  # type: ignore[arg-type]
        )


@pytest.fixture
def three_sources(database: str, site: LoopbackSite) -> None:
    site.add("/v1/boards/atelierlumiere/jobs?content=true", _greenhouse(), content_type=JSON)
    site.add("/indeed.xml", _indeed())
    site.add("/lumiere.rss", _rss())
    _register(
        "lumiere-greenhouse",
        SourceKind.GREENHOUSE,
        "https://boards.greenhouse.io/atelierlumiere",
        settings={"board": "atelierlumiere", "api_base": site.url("/")},
    )
    _register("jobs-rhone", SourceKind.INDEED_XML, site.url("/indeed.xml"))
    _register(
        "lumiere-rss",
        SourceKind.RSS,
        site.url("/lumiere.rss"),
        defaults=SourceDefaults(company_name="Atelier Lumière", place="Lyon"),
    )


def _published() -> list[models.Offer]:
    with session_scope() as session:
        return list(session.scalars(select(models.Offer).where(models.Offer.status == "published")))


@pytest.mark.parametrize("order", [("jobs-rhone", "lumiere-rss", "lumiere-greenhouse")])
def test_three_sources_of_one_offer_make_one_offer(three_sources: None, order: tuple[str]) -> None:
    for name in order:
        collect(name)
    titles = sorted(row.title for row in _published())
    assert titles == ["Comptable", "Développeur·se Python"]


def test_the_offer_lists_every_source_it_is_on(three_sources: None) -> None:
    for name in ("jobs-rhone", "lumiere-rss", "lumiere-greenhouse"):
        collect(name)
    (developer,) = [row for row in _published() if "Python" in row.title]
    with session_scope() as session:
        seen_on = [c.source for c in copies.copies_of(session, developer.id)]
    assert seen_on[0] == "lumiere-greenhouse"  # the employer's own copy is canonical
    assert sorted(seen_on) == ["jobs-rhone", "lumiere-greenhouse", "lumiere-rss"]


def test_collecting_again_changes_nothing(three_sources: None) -> None:
    for name in ("jobs-rhone", "lumiere-rss", "lumiere-greenhouse") * 2:
        collect(name)
    with session_scope() as session:
        offers = session.scalar(select(func.count()).select_from(models.Offer))
        versions = session.scalar(select(func.count()).select_from(models.OfferVersion))
    assert (offers, len(_published())) == (2, 2)
    assert versions == 2 + 1  # each offer's first version, and the developer's canonical switch
