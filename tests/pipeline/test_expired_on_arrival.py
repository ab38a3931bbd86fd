"""An offer whose application deadline has passed when it is collected is recorded expired,
never published: the same whether the deadline is a structured field or written in the text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from pipeline.collect import collect
from pipeline.publish import create_push_target
from schemas.sources import SourceKind, SourceRegistration
from store import models
from store import publishing as pub
from store import sources as source_store
from store.db import session_scope
from tests.support.loopback import LoopbackSite

PAST = datetime.now(UTC) - timedelta(days=10)
DAY = PAST.strftime("%d/%m/%Y")


def feed(*, structured: str, written: str, comments: str = "") -> str:
    """Three offers of Acme: a deadline passed in `expirationDate`, one passed in the text, and
    one open; `comments`, a link to comments on each (no fact of the offer)."""

    def entry(number: int, description: str, extra: str = "") -> str:
        return (
            f"<item><title>Comptable n°{number} H/F</title>"
            f"<link>https://acme.example/jobs/{number}</link>"
            f'<guid isPermaLink="false">acme-{number}</guid>'
            f"<description>{description}</description>{extra}"
            + (f"<comments>{comments}/{number}</comments>" if comments else "")
            + "</item>"
        )

    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>Acme</title><link>https://acme.example/</link><description>Offres</description>"
        + entry(
            1,
            "Poste de comptable en CDI à Lyon 3e.",
            f"<expirationDate>{structured}</expirationDate>",
        )
        + entry(2, f"Poste de comptable en CDI à Lyon 3e. Date limite de candidature : {written}")
        + entry(3, "Poste de comptable en CDI à Lyon 3e, équipe de six.")
        + "</channel></rss>"
    )


@pytest.fixture
def acme(database: str, site: LoopbackSite) -> LoopbackSite:
    site.add("/jobs.rss", feed(structured=PAST.strftime("%Y-%m-%d"), written=DAY))
    create_push_target("partner", pub.PushTargetKind.WEBHOOK, "http://partner.example/in", {})
    with session_scope() as session:
        source_store.add_source(
            session,
            SourceRegistration(name="acme", kind=SourceKind.RSS, url=site.url("/jobs.rss")),  # type: ignore[arg-type]
        )
    collect("acme")
    return site


def _copies() -> dict[str, tuple[str, str | None, str]]:
    """Each copy's status, its reason, and its offer's status, by external id."""
    with session_scope() as session:
        rows = session.execute(
            select(
                models.OfferSource.external_id,
                models.OfferSource.status,
                models.OfferSource.status_reason,
                models.Offer.status,
            ).join(models.Offer, models.Offer.id == models.OfferSource.offer_id)
        )
        return {external_id: (copy, reason, offer) for external_id, copy, reason, offer in rows}


def test_a_structured_and_a_written_past_deadline_give_the_same_outcome(acme: LoopbackSite) -> None:
    copies = _copies()
    assert copies["acme-1"] == copies["acme-2"]


def test_an_offer_past_its_deadline_is_recorded_expired(acme: LoopbackSite) -> None:
    assert _copies()["acme-2"][::2] == ("expired", "expired")


def test_the_expiry_says_why_in_french_with_the_day(acme: LoopbackSite) -> None:
    assert _copies()["acme-2"][1] == f"date limite de candidature passée (le {DAY})"


def test_an_open_offer_beside_them_is_published(acme: LoopbackSite) -> None:
    assert _copies()["acme-3"][::2] == ("live", "published")


def test_an_offer_past_its_deadline_is_never_sent_to_a_target(acme: LoopbackSite) -> None:
    with session_scope() as session:
        sent = session.scalar(select(func.count()).select_from(pub.OutboxEntry))
    assert sent == 1  # the open offer's only


def test_an_offer_past_its_deadline_is_no_rejection(acme: LoopbackSite) -> None:
    with session_scope() as session:
        states = set(session.scalars(select(models.RawItem.state)))
    assert states == {"loaded"}


def _events() -> int:
    with session_scope() as session:
        return session.scalar(select(func.count()).select_from(models.OfferEvent)) or 0


def test_collecting_it_again_changes_nothing(acme: LoopbackSite) -> None:
    # Its items fetched again, changed in nothing the offer says: each offer is unchanged
    events, copies = _events(), _copies()
    written = feed(structured=PAST.strftime("%Y-%m-%d"), written=DAY, comments="https://c.example")
    acme.add("/jobs.rss", written)
    (result,) = collect("acme")
    assert result.load is not None
    assert (result.load.new, result.load.updated, result.load.unchanged) == (0, 0, 3)
    assert (_events(), _copies()) == (events, copies)
