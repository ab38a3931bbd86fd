"""The expiry step (the hourly `expire_offers` DAG, `relais expire`): offers past their end leave.

- a `validThrough` in the past expires the copy that carries it;
- a source's maximum age (ghost jobs) expires its copies older than that;
- a source's re-check age has the apply page of its older offers fetched again, through the
  guarded client: a page that answers 404 or 410 withdraws the copy. Anything else (a timeout,
  a 5xx, a refused address) proves nothing and changes nothing.

An offer leaves the catalogue when none of its copies is live; every republication target then
gets its withdrawal through the outbox, in the same transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import httpx

from exporters.push.http import guarded_client
from pipeline.route import route_offers
from store import expiry
from store.copies import lock_for_dedup
from store.db import session_scope
from store.models import utcnow

log = logging.getLogger(__name__)

RECHECKS_PER_RUN = 50
GONE = frozenset({404, 410})


@dataclass(frozen=True)
class ExpiryReport:
    expired_valid_through: int
    expired_too_old: int
    rechecked: int
    gone: int

    def as_dict(self) -> dict[str, int]:
        return {
            "expired_valid_through": self.expired_valid_through,
            "expired_too_old": self.expired_too_old,
            "rechecked": self.rechecked,
            "gone": self.gone,
        }


def check_apply_page(client: httpx.Client, url: str) -> str | None:
    """Why the apply page is gone (404/410), or None when it is there or nothing is proven."""
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    try:
        with client.stream("GET", url, follow_redirects=True) as response:
            if response.status_code in GONE:
                return f"la page de candidature répond {response.status_code}"
    except httpx.HTTPError as error:
        log.info("re-check of %s proved nothing: %s", url, error)
    return None


def expire_offers(now: datetime | None = None, rechecks: int = RECHECKS_PER_RUN) -> ExpiryReport:
    """Expire what is past its date or age, then re-check old apply pages."""
    now = now or utcnow()
    with session_scope() as session:
        lock_for_dedup(session)
        past = expiry.expire_past_valid_through(session, now)
        old = expiry.expire_too_old(session, now)
        route_offers(session, past + old)
        due = expiry.due_rechecks(session, now, rechecks)
    gone = 0
    if due:
        with guarded_client(timeout=20.0) as client:
            client.max_redirects = 5
            verdicts = [(c, check_apply_page(client, c.url)) for c in due]
        with session_scope() as session:
            lock_for_dedup(session)
            changed: list[int] = []
            for candidate, verdict in verdicts:
                changed += expiry.record_recheck(session, candidate.copy_id, verdict)
                gone += verdict is not None
            route_offers(session, changed)
    report = ExpiryReport(len(past), len(old), len(due), gone)
    log.info(
        "expire: %d past validThrough, %d too old, %d apply pages re-checked, %d gone",
        report.expired_valid_through,
        report.expired_too_old,
        report.rechecked,
        report.gone,
    )
    return report
