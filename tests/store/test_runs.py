"""Raw items are kept verbatim, upserted by (source, external id), untouched when unchanged."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import event, select, text

from store import models
from store import runs as run_store
from store.db import engine_for, session_scope
from tests.store.factories import Record, register


def _store(records: list[Record]) -> run_store.RawItemCounts:
    with session_scope() as session:
        source = session.scalars(select(models.Source)).one()
        run = run_store.start_run(session, source)
        return run_store.store_raw_items(session, run, records)


def test_new_items_are_stored_verbatim_and_pending(database: str) -> None:
    with session_scope() as session:
        register(session)
    counts = _store([Record("a", "<item>a</item>"), Record("b", "<item>b</item>")])
    assert (counts.new, counts.changed, counts.unchanged) == (2, 0, 0)
    with session_scope() as session:
        items = session.scalars(select(models.RawItem).order_by(models.RawItem.external_id)).all()
        assert [(i.payload, i.state) for i in items] == [
            ("<item>a</item>", "pending"),
            ("<item>b</item>", "pending"),
        ]


def test_an_unchanged_payload_writes_nothing(database: str) -> None:
    with session_scope() as session:
        register(session)
    _store([Record("a", "<item>a</item>")])
    with session_scope() as session:
        session.execute(models.RawItem.__table__.update().values(state="loaded"))
    counts = _store([Record("a", "<item>a</item>")])
    assert (counts.new, counts.changed, counts.unchanged) == (0, 0, 1)
    with session_scope() as session:
        item = session.scalars(select(models.RawItem)).one()
        assert item.state == "loaded"


def test_a_changed_payload_replaces_the_stored_one(database: str) -> None:
    with session_scope() as session:
        register(session)
    _store([Record("a", "<item>a</item>")])
    counts = _store([Record("a", "<item>a, edited</item>")])
    assert counts.changed == 1
    with session_scope() as session:
        assert session.scalars(select(models.RawPayload.payload)).one() == "<item>a, edited</item>"


def test_an_id_repeated_in_one_fetch_keeps_its_first_occurrence(database: str) -> None:
    with session_scope() as session:
        register(session)
    counts = _store([Record("a", "first"), Record("a", "second")])
    assert (counts.new, counts.duplicates) == (1, 1)
    with session_scope() as session:
        assert session.scalars(select(models.RawPayload.payload)).one() == "first"


def test_an_item_another_collect_stored_meanwhile_is_updated_not_a_crash(database: str) -> None:
    with session_scope() as session:
        register(session)

    def fetched() -> Iterator[Record]:
        # Another collect of the source stores the same item after this one read what it knew.
        with session_scope() as other:
            source = other.scalars(select(models.Source)).one()
            run = run_store.start_run(other, source)
            run_store.store_raw_items(other, run, [Record("a", "<item>a, by the other</item>")])
        yield Record("a", "<item>a</item>")

    with session_scope() as session:
        source = session.scalars(select(models.Source)).one()
        run = run_store.start_run(session, source)
        session.commit()  # each collect commits its running run before it stores
        run_store.store_raw_items(session, run, fetched())
        run_id = run.id
    with session_scope() as session:
        (item,) = session.scalars(select(models.RawItem)).all()
        assert (item.payload, item.state, item.last_seen_run_id) == (
            "<item>a</item>",
            "pending",
            run_id,
        )


def test_a_fetch_longer_than_a_batch_keeps_every_new_and_changed_payload(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_store, "BATCH", 2)
    with session_scope() as session:
        register(session)
    _store([Record("a", "<item>a</item>"), Record("c", "<item>c</item>")])
    fetched = [Record(name, f"<item>{name}, fetched again</item>") for name in "abcde"]
    _store(fetched)
    with session_scope() as session:
        items = session.scalars(select(models.RawItem).order_by(models.RawItem.external_id))
        assert [item.payload for item in items] == [record.payload for record in fetched]


@pytest.mark.postgres
def test_an_items_payload_is_not_written_again_as_the_item_moves_on(
    postgresql_database: str,
) -> None:
    # PostgreSQL keeps each version of a row it updates: a payload written again with each
    # step (normalized, loaded) would be stored once a step.
    name = f"board-{uuid.uuid4().hex[:8]}"
    with session_scope(postgresql_database) as session:
        run = run_store.start_run(session, register(session, name))
        run_store.store_raw_items(session, run, [Record("a", "<item>a</item>")])
    item = select(models.RawItem).join(models.Source).where(models.Source.name == name)

    def written_by() -> str:
        with session_scope(postgresql_database) as session:
            item_id = session.scalars(item).one().id
            statement = text("SELECT xmin::text FROM raw_payloads WHERE raw_item_id = :id")
            return str(session.scalar(statement, {"id": item_id}))

    first = written_by()
    with session_scope(postgresql_database) as session:
        raw = session.scalars(item).one()
        raw.state, raw.normalized = "normalized", {"title": "a"}
    with session_scope(postgresql_database) as session:
        run_store.mark_loaded(session, [session.scalars(item).one().id])
    assert written_by() == first


def _batch_statement() -> tuple[str, object]:
    """The statement `pending_items` reads a batch with, and its parameters."""
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if "FROM raw_items" in statement and "ORDER BY raw_items.id" in statement:
            seen.append((statement, parameters))

    engine = engine_for(os.environ["RELAIS_DATABASE_URL"])
    event.listen(engine, "before_cursor_execute", record)
    try:
        with session_scope() as session:
            source = session.scalars(select(models.Source)).one()
            list(run_store.pending_items(session, source.id, "pending", payload=False))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen[0]


def test_a_batch_of_pending_items_is_an_index_walk_of_its_source_and_state(
    database: str,
) -> None:
    with session_scope() as session:
        register(session)
    _store([Record(name, f"<item>{name}</item>") for name in "abc"])
    statement, parameters = _batch_statement()
    with engine_for(database).connect() as connection:
        if database.startswith("sqlite"):
            explain = "EXPLAIN QUERY PLAN "
        else:  # the table is tiny: rule out what a planner would pick for so few rows
            explain = "EXPLAIN "
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            connection.exec_driver_sql("SET LOCAL enable_sort = off")
        plan = " ".join(
            str(row[-1]) for row in connection.exec_driver_sql(explain + statement, parameters)
        )
    assert "ix_raw_items_source_id_state_id" in plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan
