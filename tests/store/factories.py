"""Small builders for store tests: a registered source, an offer, a fetched record."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from schemas.offers import Offer
from schemas.sources import SourceKind, SourceRegistration
from store import models
from store.sources import add_source


def source_row(now: datetime) -> dict[str, Any]:
    """Source 1 ("ats", RSS) as a plain row, for tests that write through an older revision's
    reflected tables (the models describe only the newest schema)."""
    return {
        "id": 1, "name": "ats", "kind": "rss", "url": "https://ats.example/jobs.rss",
        "schedule_minutes": 60, "defaults": {}, "settings": {}, "threads": [], "paused": False,
        "created_at": now, "updated_at": now,
    }  # fmt: skip


def offer_row(now: datetime, external_id: str, title: str) -> dict[str, Any]:
    """Published offer 1 of source 1 as a plain row (see `source_row`), place unknown."""
    return {
        "id": 1, "source_id": 1, "external_id": external_id, "status": "published",
        "title": title, "description_html": "", "description_text": "", "place_match": "missing",
        "place_candidates": [], "other_places": [], "attribution": "ats.example",
        "content_hash": "0" * 64, "disagreement_count": 0, "first_seen_at": now,
        "updated_at": now, "status_changed_at": now,
    }  # fmt: skip


def register(session: Session, name: str = "acme", **fields: Any) -> models.Source:
    registration = SourceRegistration(
        name=name,
        kind=fields.pop("kind", SourceKind.RSS),
        url=fields.pop("url", f"https://{name}.example/jobs.rss"),
        **fields,
    )
    return add_source(session, registration)


def offer(
    external_id: str = "job-1", title: str = "Développeur Python H/F", **fields: Any
) -> Offer:
    data: dict[str, Any] = {
        "source": "acme",
        "external_id": external_id,
        "title": title,
        "description_html": "<p>Une belle équipe.</p>",
        "description_text": "Une belle équipe.",
        "company_name": "Acme",
        "url": f"https://acme.example/jobs/{external_id}",
        "attribution": "Acme · acme.example",
        "posted_at": datetime(2026, 11, 20, 9, tzinfo=UTC),
        **fields,
    }
    digest = hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()
    return Offer.model_validate({**data, "content_hash": digest})


@dataclass
class Record:
    external_id: str
    payload: str
    content_type: str = "application/rss+xml; item"
    error: str | None = None
    fetch_url: str = "https://acme.example/jobs.rss"
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
