"""publish_offers delivers the outbox for real with dag.test(), one mapped task per target."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pipeline.publish import create_thread
from schemas.threads import Thread, ThreadFilter
from store import publishing as pub
from store.db import session_scope
from tests.web.catalogue import make_catalogue

pytestmark = pytest.mark.airflow


def test_the_outbox_is_delivered_and_each_task_bears_its_target(dagbag, database: str) -> None:  # type: ignore[no-untyped-def]
    make_catalogue()
    create_thread(Thread(slug="rhone", title="Rhône", filter=ThreadFilter(departements=["69"])))
    create_thread(Thread(slug="bretagne", title="Bretagne", filter=ThreadFilter(regions=["53"])))

    run = dagbag.get_dag("publish_offers").test()

    assert run.state == "success"
    names = {ti.rendered_map_index for ti in run.get_task_instances() if ti.task_id == "deliver"}
    assert names == {"thread:rhone", "thread:bretagne"}
    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(pub.ThreadOffer)) == 3
        assert pub.targets_with_work(session, pub.utcnow()) == []
