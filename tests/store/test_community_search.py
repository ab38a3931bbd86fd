"""The community pages' own search criteria: a thread, remote work; the form's choices."""

from __future__ import annotations

import pytest

from schemas.offers import RemoteMode, RemoteWork
from store.community_search import REMOTE_FULL, REMOTE_SOME, remote_condition, scope_counts
from store.copies import upsert_offer
from store.db import session_scope
from store.search import OfferQuery, search
from tests.store.factories import offer, register


@pytest.fixture
def remote_offers(database: str) -> None:
    """An on-site offer, a hybrid one and a fully remote one."""
    with session_scope() as session:
        source = register(session, "acme")
        for external_id, mode in [("site", None), ("hybrid", RemoteMode.HYBRID),
                                  ("full", RemoteMode.FULL)]:  # fmt: skip
            remote = RemoteWork(text="télétravail", mode=mode) if mode else RemoteWork()
            upsert_offer(session, source.id, offer(external_id, external_id, remote=remote))


def _titles(query: OfferQuery) -> list[str]:
    with session_scope() as session:
        return sorted(o.offer.title for o in search(session, query, 0, 9).offers)


def test_full_remote_keeps_only_fully_remote_offers(remote_offers: None) -> None:
    assert _titles(OfferQuery(remote=REMOTE_FULL)) == ["full"]


def test_some_remote_keeps_hybrid_and_fully_remote_offers(remote_offers: None) -> None:
    assert _titles(OfferQuery(remote=REMOTE_SOME)) == ["full", "hybrid"]


def test_an_unknown_remote_filter_is_an_error() -> None:
    with pytest.raises(ValueError):
        remote_condition("parfois")


def test_a_thread_scope_counts_only_the_threads_offers(database: str) -> None:
    from pipeline.publish import create_thread, deliver
    from schemas.threads import Thread, ThreadFilter
    from store.publishing import get_thread
    from tests.web.catalogue import make_catalogue

    make_catalogue()
    create_thread(Thread(slug="rhone", title="Rhône", filter=ThreadFilter(departements=["69"])))
    deliver("thread:rhone")
    with session_scope() as session:
        thread = get_thread(session, "rhone")
        assert thread is not None
        everywhere, in_thread = scope_counts(session), scope_counts(session, thread.id)
    assert everywhere["departement"] == [("35", 1), ("69", 2)]
    assert in_thread["departement"] == [("69", 2)]
    assert in_thread["typeContrat"] == [("CDD", 1), ("CDI", 1)]
