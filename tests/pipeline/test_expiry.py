"""Expiry never loses a live offer: only a complete, successful fetch withdraws, within a guard."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from pipeline.cli import main
from pipeline.collect import collect, load_run, summarize
from pipeline.expire import expire_offers
from pipeline.publish import create_push_target, create_thread, deliver
from schemas.sources import SourceKind, SourceRegistration
from schemas.threads import Thread, ThreadFilter
from store import models
from store import publishing as pub
from store import sources as source_store
from store.db import session_scope
from tests.support.loopback import LoopbackSite
from tests.support.receiver import Receiver

TITLES = [
    "Développeur Python", "Comptable fournisseurs", "Cariste", "Infirmier de nuit",
    "Chef de rayon", "Électricien du bâtiment", "Serveur en brasserie", "Assistant RH",
    "Technicien de maintenance", "Boulanger", "Chauffeur poids lourd", "Plombier chauffagiste",
    "Commercial sédentaire", "Juriste droit social", "Préparateur de commandes",
    "Aide-soignant", "Graphiste", "Acheteur industriel", "Soudeur", "Magasinier",
]  # fmt: skip


def feed(ids: list[int], *, valid_through: dict[int, str] | None = None) -> str:
    """An RSS feed listing the offers `ids` (each a different job of Acme in Lyon)."""
    items = []
    for i in ids:
        title = f"{TITLES[i % len(TITLES)]} n°{i} H/F"
        extra = ""
        if valid_through and i in valid_through:
            extra = f"<expirationDate>{valid_through[i]}</expirationDate>"
        items.append(
            f"<item><title>{title}</title><link>https://acme.example/jobs/{i}</link>"
            f'<guid isPermaLink="false">acme-{i}</guid>'
            "<pubDate>Fri, 20 Nov 2026 09:00:00 +0100</pubDate>"
            f"<description>Poste {i} : {title} en CDI à Lyon 3e, équipe de {i + 3} personnes."
            f"</description>{extra}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>Acme</title><link>https://acme.example/</link><description>Offres</description>"
        + "".join(items)
        + "</channel></rss>"
    )


@pytest.fixture
def acme(database: str, site: LoopbackSite) -> LoopbackSite:
    site.add("/jobs.rss", feed(list(range(20))))
    with session_scope() as session:
        source_store.add_source(
            session,
            SourceRegistration(
                name="acme",
                kind=SourceKind.RSS,
                url=site.url("/jobs.rss"),  # type: ignore[arg-type]
                defaults={"company_name": "Acme"},  # type: ignore[arg-type]
            ),
        )
    (result,) = collect("acme")
    assert result.load is not None and result.load.new == 20
    return site


def _statuses() -> dict[str, str]:
    with session_scope() as session:
        rows = session.execute(
            select(models.OfferSource.external_id, models.Offer.status).join(
                models.Offer, models.Offer.id == models.OfferSource.offer_id
            )
        )
        return {external_id: status for external_id, status in rows}


def _live() -> int:
    return sum(status == "published" for status in _statuses().values())


def test_an_offer_missing_from_a_complete_fetch_is_withdrawn(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed(list(range(19))))
    (result,) = collect("acme")
    assert result.load is not None and result.load.withdrawn == 1
    assert _statuses()["acme-19"] == "withdrawn"


def test_a_withdrawal_leaves_the_republication_targets(acme: LoopbackSite) -> None:
    create_push_target("partner", pub.PushTargetKind.WEBHOOK, "http://partner.example/in", {})
    acme.add("/jobs.rss", feed(list(range(19))))
    collect("acme")
    with session_scope() as session:
        offer_id = session.scalar(
            select(models.OfferSource.offer_id).where(models.OfferSource.external_id == "acme-19")
        )
        assert offer_id is not None
        assert pub.last_action(session, pub.push_target("partner"), offer_id) == "withdraw"


@pytest.mark.parametrize(
    "answer",
    [
        {"status": 500, "body": b"Internal Server Error"},
        {"status": 503, "body": b"", "headers": {"Retry-After": "3600"}},
        {"status": 200, "body": b""},
        {"status": 200, "body": "__TRUNCATED_XML__"},
        {"status": 200, "body": "__CUT_TRANSFER__"},
    ],
    ids=["500", "503", "empty-body", "truncated-xml", "cut-transfer"],
)
def test_a_broken_fetch_withdraws_nothing(acme: LoopbackSite, answer: dict[str, object]) -> None:
    full = feed(list(range(20))).encode()
    body = answer["body"]
    headers = dict(answer.get("headers", {}))  # type: ignore[call-overload]
    if body == "__TRUNCATED_XML__":
        body = feed(list(range(3))).encode()[:-60]
    elif body == "__CUT_TRANSFER__":
        body = full[: len(full) // 3]
        headers.update({"Content-Length": str(len(full)), "Connection": "close"})
    acme.add("/jobs.rss", body, status=answer["status"], headers=headers)
    (result,) = collect("acme")
    # Not even held by the guard: the fetch itself is known not to be a complete listing.
    assert result.load is None or (result.load.withdrawn, result.load.held) == (0, 0)
    assert _live() == 20


def test_an_empty_listing_withdraws_nothing_and_flags_the_source(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([]))
    (result,) = collect("acme")
    assert result.load is not None and (result.load.withdrawn, result.load.held) == (0, 20)
    assert _live() == 20
    with session_scope() as session:
        attention = source_store.get_source(session, "acme").attention or ""
    assert "ne liste plus aucune offre" in attention


def test_a_304_keeps_every_offer(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed(list(range(20))), etag='"v2"')
    collect("acme")
    acme.add("/jobs.rss", feed(list(range(20))), etag='"v2"')
    (result,) = collect("acme")
    assert result.crawl.status == "not_modified"
    assert _live() == 20


def test_a_95_percent_drop_is_held_by_the_guard(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([0]))
    (result,) = collect("acme")
    assert result.load is not None and (result.load.withdrawn, result.load.held) == (0, 19)
    assert _live() == 20


def _hold_made_hours_ago(hours: float) -> None:
    """Date the source's held withdrawals back, as if their fetch was `hours` ago."""
    with session_scope() as session:
        for hold in session.scalars(select(models.HeldWithdrawal)):
            hold.created_at = hold.created_at - timedelta(hours=hours)


def test_the_next_identical_fetch_does_not_apply_held_withdrawals(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([0]))
    collect("acme")
    (result,) = collect("acme")
    assert result.load is not None and (result.load.withdrawn, result.load.held) == (0, 0)
    assert _live() == 20


def test_fetches_within_a_day_do_not_apply_held_withdrawals(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([0]))
    for _ in range(4):
        collect("acme")
    assert _live() == 20


def test_two_fetches_a_day_apart_do_not_apply_held_withdrawals(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([0]))
    collect("acme")
    _hold_made_hours_ago(25)
    collect("acme")
    assert _live() == 20


def test_three_fetches_spanning_a_day_apply_held_withdrawals(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([0]))
    collect("acme")
    _hold_made_hours_ago(25)
    collect("acme")
    (result,) = collect("acme")
    assert result.load is not None and result.load.withdrawn == 19
    assert _live() == 1
    with session_scope() as session:
        assert source_store.get_source(session, "acme").attention is None


def test_the_agreement_period_is_a_setting(
    acme: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_WITHDRAWAL_HOLD_HOURS", "1")
    monkeypatch.setenv("RELAIS_WITHDRAWAL_HOLD_FETCHES", "2")
    acme.add("/jobs.rss", feed([0]))
    collect("acme")
    _hold_made_hours_ago(1.5)
    (result,) = collect("acme")
    assert result.load is not None and result.load.withdrawn == 19


def test_a_304_is_a_fetch_that_agrees(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([0]), etag='"one"')
    collect("acme")
    _hold_made_hours_ago(25)
    collect("acme")
    (result,) = collect("acme")
    assert result.crawl.status == "not_modified"
    assert _live() == 1


def test_a_source_flagged_for_held_withdrawals_says_how_they_apply(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([0]))
    collect("acme")
    with session_scope() as session:
        attention = source_store.get_source(session, "acme").attention or ""
    assert "confirm-withdrawals acme" in attention and "24 heures" in attention


def test_held_withdrawals_are_released_when_the_offers_come_back(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([0]))
    collect("acme")
    acme.add("/jobs.rss", feed(list(range(20))))
    (result,) = collect("acme")
    assert result.load is not None and result.load.withdrawn == 0
    assert _live() == 20


def test_an_operator_confirms_held_withdrawals(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([0]))
    collect("acme")
    answer = CliRunner().invoke(main, ["sources", "confirm-withdrawals", "acme"])
    assert answer.exit_code == 0, answer.output
    assert "19 retrait(s) appliqué(s)" in answer.output
    assert _live() == 1


def test_withdrawals_confirmed_by_an_operator_are_undone_when_the_offers_come_back(
    acme: LoopbackSite,
) -> None:
    acme.add("/jobs.rss", feed([0]))
    collect("acme")
    CliRunner().invoke(main, ["sources", "confirm-withdrawals", "acme"])
    acme.add("/jobs.rss", feed(list(range(20))))
    collect("acme")
    assert _live() == 20


def test_an_offer_listed_again_unchanged_comes_back(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed(list(range(19))))
    collect("acme")
    acme.add("/jobs.rss", feed(list(range(20))))
    (result,) = collect("acme")
    assert result.load is not None and result.load.relisted == 1
    assert _statuses()["acme-19"] == "published"


def test_an_offer_listed_again_unchanged_is_republished(
    acme: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    receiver = Receiver()
    try:
        monkeypatch.setenv("RELAIS_ALLOWED_HOSTS", f"{acme.host},{receiver.host}")
        monkeypatch.setenv("HOOK_SECRET", "s3cret")
        create_push_target(
            "partner", pub.PushTargetKind.WEBHOOK, receiver.url(), {"secret_env": "HOOK_SECRET"}
        )
        create_thread(Thread(slug="lyon", title="Lyon", filter=ThreadFilter()))
        for target in ("push:partner", "thread:lyon"):
            deliver(target)
        acme.add("/jobs.rss", feed(list(range(19))))
        collect("acme")
        for target in ("push:partner", "thread:lyon"):
            deliver(target)
        acme.add("/jobs.rss", feed(list(range(20))))
        collect("acme")
        for target in ("push:partner", "thread:lyon"):
            assert deliver(target).delivered == 1
        events = [json.loads(request.body)["event"] for request in receiver.received[-2:]]
        assert events == ["offer.withdrawn", "offer.published"]
        with session_scope() as session:
            lyon = pub.get_thread(session, "lyon")
            assert lyon is not None
            listed = session.scalars(
                select(pub.ThreadOffer.offer_id).where(pub.ThreadOffer.thread_id == lyon.id)
            ).all()
        assert len(listed) == 20
    finally:
        receiver.stop()


def test_the_collect_summary_counts_withdrawn_offers(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed(list(range(19))))
    answer = CliRunner().invoke(main, ["collect", "--source", "acme"])
    assert "1 retirée(s)" in answer.output


def test_the_collection_summary_counts_a_withdrawal_as_a_change(acme: LoopbackSite) -> None:
    since = datetime.now(UTC)
    acme.add("/jobs.rss", feed(list(range(19))))
    collect("acme")
    with session_scope() as session:
        source_id = source_store.get_source(session, "acme").id
    summary = summarize([source_id], since)
    assert summary.changed == {"acme": (0, 0, 1)}


def test_a_small_drop_is_not_held(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed(list(range(10))))  # 10 withdrawals: not more than 10
    (result,) = collect("acme")
    assert result.load is not None and (result.load.withdrawn, result.load.held) == (10, 0)


def test_a_past_valid_through_expires_the_offer(database: str, site: LoopbackSite) -> None:
    soon = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    site.add("/jobs.rss", feed([1, 2], valid_through={1: soon}))
    with session_scope() as session:
        source_store.add_source(
            session,
            SourceRegistration(name="acme", kind=SourceKind.RSS, url=site.url("/jobs.rss")),  # type: ignore[arg-type]
        )
    collect("acme")
    report = expire_offers(now=datetime.now(UTC) + timedelta(days=3))
    assert report.expired_valid_through == 1
    assert _statuses() == {"acme-1": "expired", "acme-2": "published"}


def test_offers_older_than_the_sources_maximum_age_expire(acme: LoopbackSite) -> None:
    with session_scope() as session:
        source_store.get_source(session, "acme").max_age_days = 30
    report = expire_offers(now=datetime.now(UTC) + timedelta(days=31))
    assert report.expired_too_old == 20
    assert _live() == 0


def test_an_apply_page_that_is_gone_withdraws_the_offer(database: str, site: LoopbackSite) -> None:
    items = feed([1, 2]).replace("https://acme.example/jobs/", site.url("/jobs/"))
    site.add("/jobs.rss", items)
    site.add("/jobs/2", "<html><body>Postuler</body></html>", content_type="text/html")
    with session_scope() as session:
        source_store.add_source(
            session,
            SourceRegistration(
                name="acme",
                kind=SourceKind.RSS,
                url=site.url("/jobs.rss"),  # type: ignore[arg-type]
                recheck_after_days=14,
            ),
        )
    collect("acme")
    report = expire_offers(now=datetime.now(UTC) + timedelta(days=15))
    assert (report.rechecked, report.gone) == (2, 1)
    assert _statuses() == {"acme-1": "withdrawn", "acme-2": "published"}


def test_sources_list_flags_a_source_with_held_withdrawals(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([0]))
    collect("acme")
    listing = CliRunner().invoke(main, ["sources", "list"]).output
    (line,) = [row for row in listing.splitlines() if row.startswith("acme ")]
    assert " à vérifier " in line and line.rstrip().endswith("20")


def test_loading_the_same_fetch_again_does_not_confirm_its_own_holds(acme: LoopbackSite) -> None:
    acme.add("/jobs.rss", feed([0]))
    (result,) = collect("acme")
    again = load_run(result.crawl.run_id)  # as a quarantine replay does
    assert (again.withdrawn, again.held) == (0, 0)
    assert _live() == 20
