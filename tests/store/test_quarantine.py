"""Rejected items wait in quarantine with their reasons until they make a valid offer."""

from __future__ import annotations

from sqlalchemy import select

from schemas.rejections import Rejection, RejectionReason
from store import models, quarantine
from store import runs as run_store
from store.db import session_scope
from tests.store.factories import Record, register

NO_TITLE = Rejection(
    source="acme",
    external_id="a",
    reasons=[RejectionReason(field="title", code="missing", message="the offer has no title")],
)


def _raw_item() -> int:
    with session_scope() as session:
        source = register(session)
        run = run_store.start_run(session, source)
        run_store.store_raw_items(session, run, [Record("a", "<item/>")])
        return session.scalars(select(models.RawItem.id)).one()


def test_a_rejection_is_kept_with_its_reasons(database: str) -> None:
    raw_id = _raw_item()
    with session_scope() as session:
        quarantine.quarantine(session, session.get_one(models.RawItem, raw_id), NO_TITLE)
    with session_scope() as session:
        (row,) = quarantine.open_rejections(session)
        assert row.reasons == [
            {
                "field": "title",
                "code": "missing",
                "message": "the offer has no title",
                "value": None,
            }
        ]


def test_rejecting_the_same_item_again_keeps_one_rejection(database: str) -> None:
    raw_id = _raw_item()
    for _ in range(2):
        with session_scope() as session:
            quarantine.quarantine(session, session.get_one(models.RawItem, raw_id), NO_TITLE)
    with session_scope() as session:
        assert len(quarantine.open_rejections(session)) == 1


def test_a_released_item_leaves_the_quarantine(database: str) -> None:
    raw_id = _raw_item()
    with session_scope() as session:
        quarantine.quarantine(session, session.get_one(models.RawItem, raw_id), NO_TITLE)
    with session_scope() as session:
        quarantine.release(session, session.get_one(models.RawItem, raw_id))
    with session_scope() as session:
        assert quarantine.open_rejections(session) == []
