"""expire_offers takes ended offers out, for real with dag.test(), and tells publish_offers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from schemas.offers import OfferStatus
from store import models
from store.copies import upsert_offer
from store.db import session_scope
from tests.store.factories import offer, register

pytestmark = pytest.mark.airflow


def test_an_offer_past_its_valid_through_is_expired_by_the_dag(dagbag, database: str) -> None:  # type: ignore[no-untyped-def]
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with session_scope() as session:
        source = register(session)
        ended = upsert_offer(session, source.id, offer("old", valid_through=yesterday)).offer_id
        live = upsert_offer(session, source.id, offer("new", "Comptable")).offer_id

    run = dagbag.get_dag("expire_offers").test()

    assert run.state == "success"
    with session_scope() as session:
        assert session.get_one(models.Offer, ended).status == OfferStatus.EXPIRED
        assert session.get_one(models.Offer, live).status == OfferStatus.PUBLISHED


def test_the_dag_emits_the_offers_asset_when_it_expired_something(dagbag, database: str) -> None:  # type: ignore[no-untyped-def]
    from airflow import settings
    from airflow.models.asset import AssetEvent, AssetModel

    yesterday = datetime.now(UTC) - timedelta(days=1)
    with session_scope() as session:
        source = register(session)
        upsert_offer(session, source.id, offer("old", valid_through=yesterday))

    run = dagbag.get_dag("expire_offers").test()

    with settings.Session() as session:
        events = session.scalars(
            select(AssetEvent)
            .join(AssetModel, AssetEvent.asset_id == AssetModel.id)
            .where(AssetModel.name == "relais_offers", AssetEvent.source_run_id == run.run_id)
        ).all()
    assert [event.extra["expired_valid_through"] for event in events] == [1]
