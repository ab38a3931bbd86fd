"""The receiving side of pushes: offers another Relais (or a partner) sends in FT v2 shape.

Each API client that pushes has its own source (`intake-<client>`), so its offers keep their
provenance; a pushed offer goes through the same raw → normalize → load steps as a crawled one.
Requests carry an idempotency key: the same key again gets the same answer and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.collect import normalize_and_load_run
from pipeline.route import Router
from store import access, copies, models, quarantine
from store import intake as receipts
from store import runs as run_store
from store.copies import lock_for_dedup
from store.db import session_scope
from store.models import utcnow
from store.sources import INTAKE_KIND

CONTENT_TYPE = "application/json; francetravail-offer"


@dataclass(frozen=True)
class PushedRecord:
    """A pushed offer, in the shape `store.runs.store_raw_items` takes."""

    external_id: str
    payload: str
    content_type: str
    error: str | None
    fetch_url: str
    fetched_at: datetime


@dataclass(frozen=True)
class IntakeAnswer:
    status_code: int
    body: dict[str, Any]


def intake_source(session: Session, client: access.ApiClient) -> models.Source:
    """The source that holds what this client pushes (created at its first push)."""
    name = "intake-" + re.sub(r"[^a-z0-9._-]+", "-", client.name.lower()).strip("-")[:60]
    source = session.scalars(select(models.Source).where(models.Source.name == name)).one_or_none()
    if source is None:
        source = models.Source(
            name=name,
            kind=INTAKE_KIND,
            url=f"intake:{client.client_id}",
            schedule_minutes=24 * 60,
            defaults={},
            settings={},
            threads=[],
            paused=False,
        )
        session.add(source)
        session.flush()
    return source


KEY_REUSED = (
    "Cette clé d'idempotence (en-tête Idempotency-Key) a déjà servi pour une autre requête : "
    "envoyez une clé nouvelle pour chaque création, modification ou retrait différent, et la "
    "même clé seulement pour répéter exactement la même requête."
)


def request_digest(action: str, reference: str, offer: dict[str, Any] | None = None) -> str:
    """sha256 (hex, 64 characters) of what an intake request asks: its action ("push" for a PUT
    or POST, "withdraw" for a DELETE), the offer's reference and its body (keys sorted), so that
    an idempotency key is bound to one request."""
    request = {"action": action, "reference": reference, "body": offer}
    text = json.dumps(request, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _remembered(
    session: Session, client: access.ApiClient, key: str | None, reference: str, digest: str
) -> IntakeAnswer | None:
    """The answer already given to `key`; a 422 when the key was first used for another request.

    The rule is the IETF HTTPAPI draft "The Idempotency-Key HTTP Header Field" (section 2.7): a key
    reused with a different request payload is answered 422 Unprocessable Content.
    """
    if not key:
        return None
    receipt = receipts.find_receipt(session, client.id, key)
    if receipt is None:
        return None
    if receipt.request_digest is not None and receipt.request_digest != digest:
        reason = {"field": "item", "code": "idempotency_key_reused", "message": KEY_REUSED}
        return IntakeAnswer(
            422, {"reference": reference, "status": "rejected", "reasons": [reason]}
        )
    return IntakeAnswer(receipt.status_code, receipt.response)


def receive(client_id: int, reference: str, offer: dict[str, Any], key: str | None) -> IntakeAnswer:
    """Create or update the offer the client knows as `reference`."""
    digest = request_digest("push", reference, offer)
    with session_scope() as session:
        client = session.get_one(access.ApiClient, client_id)
        if (answer := _remembered(session, client, key, reference, digest)) is not None:
            return answer
        source = intake_source(session, client)
        run = run_store.start_run(session, source)
        record = PushedRecord(
            external_id=reference,
            payload=json.dumps({**offer, "id": reference}, ensure_ascii=False, sort_keys=True),
            content_type=CONTENT_TYPE,
            error=None,
            fetch_url=source.url,
            fetched_at=utcnow(),
        )
        counts = run_store.store_raw_items(session, run, [record])
        run.items_seen, run.items_new, run.items_changed = 1, counts.new, counts.changed
        run.items_unchanged = counts.unchanged
        # One pushed offer is never a complete listing of the source: nothing expires from it.
        run_store.finish_run(run, "ok", complete=False)
        run_id, source_id = run.id, source.id
    normalize_and_load_run(run_id)
    with session_scope() as session:
        raw = session.scalars(
            select(models.RawItem).where(
                models.RawItem.source_id == source_id, models.RawItem.external_id == reference
            )
        ).one()
        if raw.state == "rejected":
            rejection = quarantine.open_rejections(session, source_id, limit=1000)
            reasons = next((r.reasons for r in rejection if r.raw_item_id == raw.id), [])
            answer = IntakeAnswer(
                422, {"reference": reference, "status": "rejected", "reasons": reasons}
            )
        else:
            copy = copies.copy_of(session, source_id, reference)
            assert copy is not None, "a loaded item has its copy"
            if copy.status != copies.CopyStatus.LIVE.value:  # pushed again after a withdrawal
                lock_for_dedup(session)
                copies.set_copy_status(session, copy, copies.CopyStatus.LIVE, "de nouveau déposée")
                session.flush()
                Router(session).route(session.get_one(models.Offer, copy.offer_id))
            row = session.get_one(models.Offer, copy.offer_id)
            status = "created" if counts.new else "updated" if counts.changed else "unchanged"
            answer = IntakeAnswer(
                201 if counts.new else 200,
                {"id": str(row.id), "reference": reference, "status": status},
            )
        if key:
            receipts.keep_receipt(session, client_id, key, answer.status_code, answer.body, digest)
    return answer


def withdraw(client_id: int, reference: str, key: str | None) -> IntakeAnswer:
    """Withdraw the offer the client knows as `reference`; it leaves every target here too."""
    digest = request_digest("withdraw", reference)
    with session_scope() as session:
        client = session.get_one(access.ApiClient, client_id)
        if (answer := _remembered(session, client, key, reference, digest)) is not None:
            return answer
        source = intake_source(session, client)
        copy = copies.copy_of(session, source.id, reference)
        if copy is None:
            answer = IntakeAnswer(404, {"reference": reference, "status": "unknown"})
        else:
            if copy.status == copies.CopyStatus.LIVE.value:
                lock_for_dedup(session)
                reason = f"retirée par {client.name}"
                copies.set_copy_status(session, copy, copies.CopyStatus.WITHDRAWN, reason)
                session.flush()
                Router(session).route(session.get_one(models.Offer, copy.offer_id))
            answer = IntakeAnswer(
                200, {"id": str(copy.offer_id), "reference": reference, "status": "withdrawn"}
            )
        if key:
            receipts.keep_receipt(session, client.id, key, answer.status_code, answer.body, digest)
    return answer
