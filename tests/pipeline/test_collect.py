"""The collection steps against feeds served on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from normalizers.dates import PARIS
from pipeline.collect import collect, crawl_source, load_run, normalize_run, source_ref
from schemas.sources import SourceKind, SourceRegistration
from store import models, quarantine
from store import sources as source_store
from store.db import engine_for, session_scope
from tests.support.loopback import LoopbackSite

FIXTURES = Path(__file__).parent / "fixtures"
FEEDS = Path(__file__).parents[1] / "spiders" / "fixtures" / "feeds"


def _register(name: str, kind: SourceKind, url: str) -> int:
    with session_scope() as session:
        registration = SourceRegistration(name=name, kind=kind, url=url)  # type: ignore[arg-type]
        return source_store.add_source(session, registration).id


def _offers(source_name: str | None = None) -> dict[str, models.Offer]:
    with session_scope() as session:
        query = select(models.Offer)
        if source_name:
            query = query.join(models.Source).where(models.Source.name == source_name)
        return {row.external_id: row for row in session.scalars(query)}


def _last_run(source_id: int) -> models.CrawlRun:
    with session_scope() as session:
        return session.scalars(
            select(models.CrawlRun)
            .where(models.CrawlRun.source_id == source_id)
            .order_by(models.CrawlRun.id.desc())
        ).first()


@pytest.fixture
def rss_source(database: str, site: LoopbackSite) -> int:
    url = site.add("/jobs.rss", (FIXTURES / "jobs.rss").read_bytes(), etag='"v1"')
    return _register("acme", SourceKind.RSS, url)


def test_offers_of_a_feed_land_in_the_database(rss_source: int) -> None:
    (result,) = collect("acme")
    assert result.crawl.status == "ok"
    assert set(_offers()) == {"acme-1", "acme-2"}


def test_an_item_without_title_is_quarantined_and_the_feed_kept(rss_source: int) -> None:
    collect("acme")
    with session_scope() as session:
        (rejection,) = quarantine.open_rejections(session)
        assert rejection.external_id == "acme-3"
        assert rejection.reasons[0]["field"] == "title"
    assert len(_offers()) == 2


def test_an_indeed_feed_lands_with_its_places_and_contracts(
    database: str, site: LoopbackSite
) -> None:
    _register(
        "interim",
        SourceKind.INDEED_XML,
        site.add("/jobs.xml", (FIXTURES / "jobs.xml").read_bytes()),
    )
    collect("interim")
    offers = _offers()
    assert offers["IO-7781"].place_insee_code == "35238"
    assert offers["IO-7781"].contract_type_contrat == "MIS"
    assert offers["IO-7790"].contract_type_contrat == "CDD"


def test_a_304_is_unchanged_not_empty(rss_source: int, site: LoopbackSite) -> None:
    collect("acme")
    (again,) = collect("acme")
    assert again.crawl.status == "not_modified"
    assert site.hits("/jobs.rss")[-1].headers.get("If-None-Match") == '"v1"'
    assert len(_offers()) == 2


def test_an_unchanged_feed_writes_no_offer(database: str, site: LoopbackSite) -> None:
    source_id = _register(
        "acme", SourceKind.RSS, site.add("/jobs.rss", (FIXTURES / "jobs.rss").read_bytes())
    )
    collect("acme")
    before = {key: row.updated_at for key, row in _offers().items()}
    (again,) = collect("acme")
    assert again.crawl.items_unchanged == 3
    assert {key: row.updated_at for key, row in _offers().items()} == before
    assert _last_run(source_id).offers_updated == 0


def test_an_edited_item_updates_its_offer(database: str, site: LoopbackSite) -> None:
    feed = (FIXTURES / "jobs.rss").read_text()
    _register("acme", SourceKind.RSS, site.add("/jobs.rss", feed))
    collect("acme")
    site.add("/jobs.rss", feed.replace("Comptable fournisseurs F/H", "Comptable clients F/H"))
    (again,) = collect("acme")
    assert again.load is not None and again.load.updated == 1
    assert _offers()["acme-2"].title == "Comptable clients F/H"


def test_a_malformed_feed_fails_its_crawl_with_the_parse_error(
    database: str, site: LoopbackSite
) -> None:
    source_id = _register(
        "broken", SourceKind.RSS, site.add("/broken.rss", (FIXTURES / "broken.rss").read_bytes())
    )
    (result,) = collect("broken")
    run = _last_run(source_id)
    assert (result.crawl.status, run.status, run.complete) == ("failed", "failed", False)
    assert "pas un flux RSS ou Atom : l'élément racine est <html>" in (run.error or "")
    assert _offers() == {}


def test_a_broken_feed_loads_every_readable_offer_and_a_cut_one_withdraws_nothing(
    database: str, site: LoopbackSite
) -> None:
    feed = (FIXTURES / "jobs.rss").read_text(encoding="utf-8")
    source_id = _register("acme", SourceKind.RSS, site.add("/jobs.rss", feed))
    collect("acme")
    broken = feed.replace("Python et PostgreSQL", "Python &amp; PostgreSQL &eacute;quipe R&D")
    site.add("/jobs.rss", broken[: broken.index("<title>Comptable")])  # cut in the 2nd item
    (result,) = collect("acme")
    run = _last_run(source_id)
    assert (result.crawl.status, run.status, run.complete) == ("ok", "ok", False)
    assert "équipe R&amp;D" in (_offers()["acme-1"].description_html or "")
    assert _offers()["acme-2"].status == "published"  # cut out of this fetch, not withdrawn


def test_the_run_of_a_repaired_feed_keeps_what_was_repaired(
    database: str, site: LoopbackSite
) -> None:
    body = (FEEDS / "rss_declared_utf8_written_cp1252.xml").read_bytes()
    source_id = _register("nimes", SourceKind.RSS, site.add("/jobs.rss", body))
    collect("nimes")
    run = _last_run(source_id)
    assert (run.status, run.complete) == ("ok", True)
    assert run.notes == [
        "encodage déclaré utf-8, lu comme windows-1252 pour 6 octets qui ne se lisent pas en "
        "utf-8 (le premier à la ligne 13)"
    ]
    assert _offers()["cp-1"].title == "Comptable unique H/F"


def test_an_offer_dated_after_its_collection_is_loaded_undated_and_the_run_says_so(
    database: str, site: LoopbackSite
) -> None:
    # the fixture's future date, moved to 40 days after today's collection
    ahead = datetime.now(UTC) + timedelta(days=40)
    body = (FEEDS / "rss_pubdate_in_future.xml").read_text(encoding="utf-8")
    body = body.replace("Fri, 15 Jan 2027 08:00:00 +0100", format_datetime(ahead))
    source_id = _register("logistique", SourceKind.RSS, site.add("/jobs.rss", body))
    collect("logistique")
    offers = _offers()
    assert len(offers) == 3
    assert offers["https://emplois.example.fr/f-2"].posted_at is None
    assert offers["https://emplois.example.fr/f-2"].status == "published"
    assert _last_run(source_id).notes == [
        "1 offre se dit publiée après sa collecte (la première, « https://emplois.example.fr/f-2 "
        f"», le {ahead.astimezone(PARIS).date().isoformat()}) : gardée, sa date de publication "
        "laissée inconnue"
    ]


def test_a_failing_source_does_not_stop_the_others(database: str, site: LoopbackSite) -> None:
    _register(
        "broken", SourceKind.RSS, site.add("/broken.rss", (FIXTURES / "broken.rss").read_bytes())
    )
    _register("acme", SourceKind.RSS, site.add("/jobs.rss", (FIXTURES / "jobs.rss").read_bytes()))
    results = {result.source: result for result in collect()}
    assert results["broken"].crawl.failed and not results["acme"].crawl.failed
    assert set(_offers("acme")) == {"acme-1", "acme-2"}


def test_a_source_failing_collection_after_collection_is_paused_with_the_reason(
    database: str, site: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELAIS_PAUSE_AFTER_FAILURES", "2")
    _register("down", SourceKind.RSS, site.add("/down.rss", b"oops", status=500))
    (first,) = collect("down")
    (second,) = collect("down")
    assert first.paused is None
    said = "mise en pause automatiquement après 2 collectes échouées de suite"
    assert said in (second.paused or "")
    with session_scope() as session:
        source = source_store.get_source(session, "down")
        assert source.paused and "500" in (source.paused_reason or "")


def test_a_failed_fetch_keeps_the_stored_offers(rss_source: int, site: LoopbackSite) -> None:
    collect("acme")
    site.add("/jobs.rss", b"Service Unavailable", status=503, content_type="text/plain")
    (again,) = collect("acme")
    assert again.crawl.failed and again.crawl.http_status == 503
    with session_scope() as session:
        live = session.scalar(select(func.count()).where(models.Offer.status == "published"))
    assert live == 2


def test_a_feed_over_its_size_cap_is_refused_saying_so_and_keeps_the_stored_offers(
    rss_source: int, site: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    collect("acme")
    site.add("/jobs.rss", (FIXTURES / "jobs.rss").read_bytes() + b" " * 2048, etag='"v2"')
    monkeypatch.setenv("RELAIS_FEED_MAXSIZE", "2048")  # the feed grew over its cap
    (again,) = collect("acme")
    assert again.crawl.failed
    assert _last_run(rss_source).error == "la réponse dépasse la limite de 2 Kio"
    assert {offer.status for offer in _offers().values()} == {"published"}
    assert len(_offers()) == 2


def test_a_private_address_is_refused_unless_allowed(
    database: str, site: LoopbackSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RELAIS_ALLOWED_HOSTS")
    _register("acme", SourceKind.RSS, site.add("/jobs.rss", (FIXTURES / "jobs.rss").read_bytes()))
    (result,) = collect("acme")
    assert result.crawl.failed and "127.0.0.1" in (result.crawl.error or "")
    assert site.hits("/jobs.rss") == []


def test_steps_run_again_after_a_crash_give_the_same_database(rss_source: int) -> None:
    outcome = crawl_source(source_ref("acme").source_id)
    normalize_run(outcome.run_id)
    normalize_run(outcome.run_id)
    load_run(outcome.run_id)
    load_run(outcome.run_id)
    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(models.Offer)) == 2
        assert session.scalar(select(func.count()).select_from(models.OfferSource)) == 2


def _rss(count: int, *, untitled: frozenset[int] = frozenset()) -> str:
    items = "".join(
        f"<item><title>{'' if number in untitled else f'Technicien de maintenance {number} H/F'}"
        f"</title><link>https://acme.example/jobs/{number}</link>"
        f'<guid isPermaLink="false">acme-{number}</guid>'
        f"<description><![CDATA[<p>Maintenance de la ligne {number} à Lyon, CDI.</p>]]>"
        "</description></item>"
        for number in range(count)
    )
    channel = f"<channel><title>Acme</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


@contextmanager
def _statements(database: str) -> Iterator[list[str]]:
    """The SQL statements this process sends to the database while the block runs."""
    sent: list[str] = []

    def keep(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(" ".join(statement.split()))

    engine = engine_for(database)
    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def test_a_first_load_writes_its_new_offers_with_one_statement(
    database: str, site: LoopbackSite
) -> None:
    _register("acme", SourceKind.RSS, site.add("/jobs.rss", _rss(12)))
    with _statements(database) as sent:
        collect("acme")
    assert len(_offers()) == 12
    assert len([s for s in sent if s.startswith("INSERT INTO offers ")]) == 1


def test_normalizing_with_nothing_in_quarantine_asks_it_once(
    database: str, site: LoopbackSite
) -> None:
    source_id = _register("acme", SourceKind.RSS, site.add("/jobs.rss", _rss(12)))
    crawled = crawl_source(source_id)
    with _statements(database) as sent:
        normalize_run(crawled.run_id)
    assert len([s for s in sent if "rejections" in s]) == 1


def test_an_item_its_source_fixed_leaves_the_quarantine(database: str, site: LoopbackSite) -> None:
    _register("acme", SourceKind.RSS, site.add("/jobs.rss", _rss(3, untitled=frozenset({1}))))
    collect("acme")
    site.add("/jobs.rss", _rss(3))
    collect("acme")
    with session_scope() as session:
        assert quarantine.open_rejections(session) == []
    assert len(_offers()) == 3


def test_a_collect_writes_no_normalized_document_to_its_items(
    database: str, site: LoopbackSite
) -> None:
    _register("acme", SourceKind.RSS, site.add("/jobs.rss", _rss(12, untitled=frozenset({3}))))
    with _statements(database) as sent:
        (result,) = collect("acme")
    assert result.normalize is not None and result.load is not None
    assert (result.normalize.normalized, result.normalize.rejected) == (11, 1)
    assert result.load.new == 11
    with session_scope() as session:
        states = dict(
            session.execute(
                select(models.RawItem.state, func.count()).group_by(models.RawItem.state)
            ).all()
        )
        assert states == {"loaded": 11, "rejected": 1}
        left = select(func.count()).where(models.RawItem.normalized.is_not(None))
        assert session.scalar(left) == 0
        run = session.get_one(models.CrawlRun, result.crawl.run_id)
        assert (run.items_rejected, run.offers_new) == (1, 11)
        assert run.normalized_at is not None and run.loaded_at is not None
    # The items' rows are written when fetched, then once a batch as loaded (`mark_loaded`, by
    # ids): never one by one with a normalized document in between.
    item_updates = [s for s in sent if s.startswith("UPDATE raw_items")]
    assert not [s for s in item_updates if "normalized" in s and " IN " not in s]
    assert len(_offers()) == 11


def test_items_left_normalized_by_an_earlier_run_are_loaded_by_the_next_collect(
    database: str, site: LoopbackSite
) -> None:
    source_id = _register("acme", SourceKind.RSS, site.add("/jobs.rss", _rss(4)))
    normalize_run(crawl_source(source_id).run_id)  # killed before its load
    site.add("/jobs.rss", _rss(6))
    (result,) = collect("acme")
    assert result.load is not None and result.load.new == 6
    assert len(_offers()) == 6
