"""`relais offers show|history|split`, `relais expire` and the sources' lifecycle options."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner, Result

from pipeline.cli import main
from store import copies
from store.copies import upsert_offer
from store.db import session_scope
from tests.store.factories import offer, register
from tests.store.test_copies import job


def relais(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _one_offer_on_two_sources() -> tuple[int, int]:
    """(offer id, the second source's copy id)"""
    with session_scope() as session:
        board, feed = register(session, "board"), register(session, "feed")
        first = upsert_offer(session, board.id, job("gh-1"))
        second = upsert_offer(session, feed.id, job("feed-77"))
    return first.offer_id, second.copy_id


def test_offers_show_lists_every_source_the_offer_is_on(database: str) -> None:
    offer_id, _ = _one_offer_on_two_sources()
    result = relais("offers", "show", str(offer_id))
    assert result.exit_code == 0, result.output
    assert "board gh-1 — en ligne" in result.output and "feed feed-77 — en ligne" in result.output


def test_offers_history_tells_each_event_with_its_reason(database: str) -> None:
    offer_id, _ = _one_offer_on_two_sources()
    result = relais("offers", "history", str(offer_id), "--json")
    document = json.loads(result.output)
    assert [(e["kind"], e["reason"]) for e in document["events"]][:2] == [
        ("published", "vue d'abord sur board"),
        ("merged", "aussi sur feed (même contenu)"),
    ]


def test_offers_split_detaches_the_copy(database: str) -> None:
    offer_id, copy_id = _one_offer_on_two_sources()
    result = relais("offers", "split", str(offer_id), "--copy", str(copy_id))
    assert result.exit_code == 0, result.output
    with session_scope() as session:
        assert [c.source for c in copies.copies_of(session, offer_id)] == ["board"]


def test_offers_split_of_an_unknown_copy_says_so(database: str) -> None:
    offer_id, _ = _one_offer_on_two_sources()
    result = relais("offers", "split", str(offer_id), "--copy", "999")
    assert result.exit_code == 2 and f"l'offre {offer_id} n'a pas de copie 999" in result.output


def test_offers_show_of_an_unknown_offer_says_so_in_french(database: str) -> None:
    result = relais("offers", "show", "424242")
    assert result.exit_code == 2 and "erreur : aucune offre 424242" in result.output


def test_expire_prints_what_it_expired(database: str) -> None:
    with session_scope() as session:
        source = register(session)
        yesterday = datetime.now(UTC) - timedelta(days=1)
        upsert_offer(session, source.id, offer("old", valid_through=yesterday))
    result = relais("expire", "--json")
    assert json.loads(result.output)["expired_valid_through"] == 1


def test_sources_add_takes_a_maximum_age_and_show_says_it(database: str) -> None:
    added = relais(
        "sources", "add", "acme", "--kind", "rss", "--url", "https://acme.example/jobs.rss",
        "--max-age-days", "60", "--recheck-after-days", "21",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    shown = relais("sources", "show", "acme").output
    assert "expirer après 60 jours, revérifier après 21 jours" in shown
