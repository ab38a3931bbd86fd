"""One offer, once: copies from several sources make one offer, with its history; splits stick."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, null, select, text, update
from sqlalchemy.exc import OperationalError

from schemas.offers import Contract, Offer, OfferStatus, Place, PlaceMatch
from store import copies, history, models
from store.copies import CopyStatus, UpsertOutcome, upsert_offer
from store.db import session_scope
from tests.store.factories import offer, register

DESCRIPTION = (
    "Atelier Lumière conçoit des luminaires connectés pour les bâtiments publics. Au sein de "
    "l'équipe data de six personnes, vous développez les services Python qui collectent les "
    "mesures des capteurs, vous concevez les schémas PostgreSQL et vous participez aux revues "
    "de code. Vous travaillez avec les électroniciens du bureau d'études et les chefs de "
    "projet. Deux jours de télétravail par semaine, mutuelle prise en charge à 80 %."
)
LYON = Place(
    text="Lyon", match=PlaceMatch.COMMUNE, insee_code="69123", departement_code="69",
    region_code="84", label="69 - Lyon",
)  # fmt: skip
PARIS = Place(
    text="Paris", match=PlaceMatch.COMMUNE, insee_code="75056", departement_code="75",
    region_code="11", label="75 - Paris",
)  # fmt: skip
CDI = Contract(text="CDI", type_contrat="CDI")


def job(external_id: str, **fields: Any) -> Offer:
    """The same job at Atelier Lumière, as a source could give it."""
    values: dict[str, Any] = {
        "title": "Développeur Python H/F",
        "description_text": DESCRIPTION,
        "description_html": f"<p>{DESCRIPTION}</p>",
        "company_name": "Atelier Lumière",
        "place": LYON,
        "contract": CDI,
        "url": f"https://jobs.example/{external_id}",
        **fields,
    }
    return offer(external_id, **values)


def _count(model: type[models.Base]) -> int:
    with session_scope() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_same_job_from_two_sources_is_one_offer_on_both(database: str) -> None:
    with session_scope() as session:
        board, feed = register(session, "board"), register(session, "feed")
        first = upsert_offer(session, board.id, job("gh-1"))
        second = upsert_offer(session, feed.id, job("feed-77", title="Développeur Python (H/F)"))
    assert (second.outcome, second.offer_id) == (UpsertOutcome.MERGED, first.offer_id)
    with session_scope() as session:
        seen_on = {c.source for c in copies.copies_of(session, first.offer_id)}
    assert (seen_on, _count(models.Offer)) == ({"board", "feed"}, 1)


@pytest.mark.parametrize("employer_first", [True, False], ids=["employer-first", "relay-first"])
def test_a_copy_not_naming_the_employer_joins_the_employers_offer(
    database: str, employer_first: bool
) -> None:
    relayed = job(
        "feed-9",
        title="Développeur Python (H/F)",
        company_name=None,
        description_text=DESCRIPTION.replace(" Deux jours de télétravail", " Télétravail"),
    )
    with session_scope() as session:
        board, feed = register(session, "board"), register(session, "feed")
        arrivals = [(board.id, job("gh-1")), (feed.id, relayed)]
        first, second = (
            upsert_offer(session, source, copy)
            for source, copy in (arrivals if employer_first else arrivals[::-1])
        )
    assert (second.outcome, second.offer_id) == (UpsertOutcome.MERGED, first.offer_id)


def test_another_employer_with_the_same_title_and_text_stays_apart(database: str) -> None:
    with session_scope() as session:
        board, feed = register(session, "board"), register(session, "feed")
        ours = upsert_offer(session, board.id, job("gh-1"))
        theirs = upsert_offer(session, feed.id, job("feed-3", company_name="Globex"))
    assert (theirs.outcome, _count(models.Offer)) == (UpsertOutcome.NEW, 2)
    assert ours.offer_id != theirs.offer_id


def test_two_places_of_one_company_stay_two_offers(database: str) -> None:
    with session_scope() as session:
        board, feed = register(session, "board"), register(session, "feed")
        lyon = upsert_offer(session, board.id, job("gh-1"))
        paris = upsert_offer(session, feed.id, job("feed-2", place=PARIS))
    assert lyon.offer_id != paris.offer_id


def test_the_employers_own_copy_is_the_canonical_one(database: str) -> None:
    with session_scope() as session:
        feed = register(session, "feed")
        board = register(session, "board", kind="greenhouse", settings={"board": "lumiere"})
        first = upsert_offer(session, feed.id, job("feed-77", title="Développeur Python (H/F)"))
        upsert_offer(session, board.id, job("gh-1", title="Développeur·se Python"))
    with session_scope() as session:
        row = session.get_one(models.Offer, first.offer_id)
        assert (row.title, row.source_id) == ("Développeur·se Python", board.id)


def _copy_of(session: Any, source_id: int) -> models.OfferSource:
    return session.scalars(
        select(models.OfferSource).where(models.OfferSource.source_id == source_id)
    ).one()


def test_an_offer_from_one_source_keeps_its_content_once_and_reads_it_whole(
    database: str,
) -> None:
    with session_scope() as session:
        board = register(session, "board")
        upsert_offer(session, board.id, job("gh-1"))
    with session_scope() as session:
        copy = _copy_of(session, board.id)
        # The offer row is the copy's document: nothing written twice.
        assert copy.document is None
        read = copies.copy_offer(session, copy).model_dump(mode="json", exclude={"source"})
    assert read == job("gh-1").model_dump(mode="json", exclude={"source"})


def test_a_copy_no_longer_canonical_keeps_its_own_content(database: str) -> None:
    relayed = job("feed-77", title="Développeur Python (H/F)")
    with session_scope() as session:
        feed = register(session, "feed")
        board = register(session, "board", kind="greenhouse", settings={"board": "lumiere"})
        upsert_offer(session, feed.id, relayed)
        upsert_offer(session, board.id, job("gh-1", title="Développeur·se Python"))
    with session_scope() as session:
        read = copies.copy_offer(session, _copy_of(session, feed.id))
    assert read.model_dump(mode="json", exclude={"source"}) == relayed.model_dump(
        mode="json", exclude={"source"}
    )


def test_a_merge_adds_a_merged_event_naming_the_source(database: str) -> None:
    with session_scope() as session:
        board, feed = register(session, "board"), register(session, "feed")
        first = upsert_offer(session, board.id, job("gh-1"))
        upsert_offer(session, feed.id, job("feed-77"))
    with session_scope() as session:
        merged = [e for e in history.events(session, first.offer_id) if e.kind == "merged"]
    assert merged and "aussi sur feed" in (merged[0].reason or "")


def test_a_change_keeps_a_version_with_what_changed(database: str) -> None:
    with session_scope() as session:
        board = register(session, "board")
        first = upsert_offer(session, board.id, job("gh-1"))
        upsert_offer(session, board.id, job("gh-1", title="Développeur Python senior H/F"))
    with session_scope() as session:
        versions = history.versions(session, first.offer_id)
    assert [v.version for v in versions] == [1, 2]
    assert versions[1].changes["title"] == [
        "Développeur Python H/F",
        "Développeur Python senior H/F",
    ]


def test_an_offer_stays_live_while_one_source_still_lists_it(database: str) -> None:
    with session_scope() as session:
        board, feed = register(session, "board"), register(session, "feed")
        first = upsert_offer(session, board.id, job("gh-1"))
        upsert_offer(session, feed.id, job("feed-77"))
        copy = copies.copy_of(session, board.id, "gh-1")
        assert copy is not None
        copies.set_copy_status(session, copy, CopyStatus.WITHDRAWN, "no longer listed")
    with session_scope() as session:
        assert session.get_one(models.Offer, first.offer_id).status == OfferStatus.PUBLISHED


def test_an_offer_is_withdrawn_when_its_last_source_drops_it(database: str) -> None:
    with session_scope() as session:
        board = register(session, "board")
        first = upsert_offer(session, board.id, job("gh-1"))
        copy = copies.copy_of(session, board.id, "gh-1")
        assert copy is not None
        copies.set_copy_status(session, copy, CopyStatus.WITHDRAWN, "no longer listed")
    with session_scope() as session:
        assert session.get_one(models.Offer, first.offer_id).status == OfferStatus.WITHDRAWN
        (last,) = history.events(session, first.offer_id)[-1:]
    assert (last.kind, last.reason) == ("withdrawn", "board : no longer listed")


def test_a_split_copy_becomes_an_offer_of_its_own(database: str) -> None:
    with session_scope() as session:
        board, feed = register(session, "board"), register(session, "feed")
        first = upsert_offer(session, board.id, job("gh-1"))
        second = upsert_offer(session, feed.id, job("feed-77"))
        new = copies.split_copy(session, first.offer_id, second.copy_id, "two openings")
        new_id = new.id
    assert new_id != first.offer_id
    with session_scope() as session:
        assert [c.source for c in copies.copies_of(session, new_id)] == ["feed"]
        assert [c.source for c in copies.copies_of(session, first.offer_id)] == ["board"]


def test_a_split_is_remembered_when_the_copy_changes(database: str) -> None:
    with session_scope() as session:
        board, feed = register(session, "board"), register(session, "feed")
        first = upsert_offer(session, board.id, job("gh-1"))
        second = upsert_offer(session, feed.id, job("feed-77"))
        copies.split_copy(session, first.offer_id, second.copy_id, "two openings")
    with session_scope() as session:
        again = upsert_offer(session, feed.id, job("feed-77", contact="rh@lumiere.example"))
    assert again.outcome is UpsertOutcome.UPDATED and again.offer_id != first.offer_id


def test_the_only_copy_cannot_be_split(database: str) -> None:
    with session_scope() as session:
        board = register(session, "board")
        first = upsert_offer(session, board.id, job("gh-1"))
        with pytest.raises(copies.SplitError, match="seule copie"):
            copies.split_copy(session, first.offer_id, first.copy_id, "why not")


def test_an_edited_single_copy_joins_the_offer_it_now_duplicates(database: str) -> None:
    with session_scope() as session:
        board, feed = register(session, "board"), register(session, "feed")
        first = upsert_offer(session, board.id, job("gh-1"))
        other = upsert_offer(session, feed.id, job("feed-77", place=PARIS))
        moved = upsert_offer(session, feed.id, job("feed-77"))
    assert (moved.outcome, moved.offer_id) == (UpsertOutcome.MERGED, first.offer_id)
    with session_scope() as session:
        absorbed = session.get_one(models.Offer, other.offer_id)
        assert (absorbed.status, absorbed.merged_into_id) == ("merged", first.offer_id)


def test_copies_whose_keys_were_dropped_are_filed_again(database: str) -> None:
    with session_scope() as session:
        board = register(session, "board")
        first = upsert_offer(session, board.id, job("gh-1"))
        # As migration 0008 leaves the copies: their document, no keys.
        session.execute(delete(models.DedupKey))
    with session_scope() as session:
        assert copies.backfill(session) == 1
    with session_scope() as session:
        feed = register(session, "feed")
        again = upsert_offer(session, feed.id, job("feed-77"))
    assert again.offer_id == first.offer_id


def test_offers_kept_before_dedup_are_backfilled(database: str) -> None:
    with session_scope() as session:
        board = register(session, "board")
        first = upsert_offer(session, board.id, job("gh-1"))
        # As migration 0006 leaves the copies it found: SQL NULLs, no keys.
        session.execute(update(models.OfferSource).values(document=null()))
        session.execute(delete(models.DedupKey))
    with session_scope() as session:
        assert copies.backfill(session) == 1
    with session_scope() as session:
        feed = register(session, "feed")
        again = upsert_offer(session, feed.id, job("feed-77"))
    assert again.offer_id == first.offer_id


@pytest.mark.postgres
def test_a_large_first_import_gets_postgresql_statistics_for_the_lookup(
    postgresql_database: str,
) -> None:
    # Without statistics the planner scans whole tables for every copy's candidates.
    name = f"board-{uuid.uuid4().hex[:8]}"
    with session_scope(postgresql_database) as session:
        began = session.scalar(select(func.now()))
        copy_id = upsert_offer(session, register(session, name).id, job(name)).copy_id
        session.execute(
            insert(models.DedupKey),
            [
                {"offer_source_id": copy_id, "key": copies.key_hash(f"b:test:{n}")}
                for n in range(3000)
            ],
        )
    analyzed = None
    for _ in range(50):  # PostgreSQL reports table activity within about a second
        with session_scope(postgresql_database) as session:
            copies.lock_for_dedup(session)
        with session_scope(postgresql_database) as session:
            analyzed = session.scalar(
                text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'dedup_keys'")
            )
        if analyzed is not None and analyzed >= began:
            break
        time.sleep(0.1)
    assert analyzed is not None and analyzed >= began


@pytest.mark.postgres
@pytest.mark.timeout(120)
def test_a_load_statement_that_runs_too_long_is_cancelled(
    postgresql_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(copies, "LOAD_STATEMENT_TIMEOUT_MS", 200)
    with pytest.raises(OperationalError, match="statement timeout"):
        with session_scope(postgresql_database) as session:
            copies.lock_for_dedup(session)
            session.execute(text("SELECT pg_sleep(30)"))
