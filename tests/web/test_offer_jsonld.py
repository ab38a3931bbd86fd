"""The JobPosting an offer page carries names the employer the offer names, never the club
that registered the source nor the host that published it."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from store.copies import upsert_offer
from store.db import session_scope
from tests.store.factories import offer, register
from web.app import create_app

client = TestClient(create_app())


def _posting(offer_id: int) -> dict[str, object]:
    page = client.get(f"/offres/{offer_id}").text
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))


def test_an_offer_without_a_company_is_posted_by_a_confidential_employer(database: str) -> None:
    with session_scope() as session:
        source = register(session, "club-rss")
        anonymous = offer("rss-1", company_name=None, attribution="Club RH Outre-mer · 127.0.0.1")
        named = offer("rss-2", company_name="Mairie de Cayenne")
        anonymous_id = upsert_offer(session, source.id, anonymous).offer_id
        named_id = upsert_offer(session, source.id, named).offer_id
    assert _posting(anonymous_id)["hiringOrganization"] == "confidential"
    assert _posting(named_id)["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Mairie de Cayenne",
    }
