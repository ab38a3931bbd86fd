"""Web fixtures: offers in the store, and the app served on loopback for the browser."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import uvicorn

from schemas.offers import Contract, Place, PlaceMatch
from store.db import session_scope
from store.offers import upsert_offer
from tests.store.factories import offer, register

HOSTILE = (
    '<p>Bienvenue</p><script>document.title="pwned"</script>'
    "<img src=x onerror=\"document.title='pwned'\">"
    "<a href=\"javascript:document.title='pwned'\">clic</a>"
)


@pytest.fixture
def offers(database: str) -> dict[str, int]:
    """Three live offers of one source, the hostile one the newest."""
    lyon = Place(text="Lyon 3e", match=PlaceMatch.COMMUNE, label="69 - LYON 03", insee_code="69383")
    ids = {}
    with session_scope() as session:
        source = register(session, "acme", organization="Acme")
        for external_id, title, day, extra in [
            ("a", "Développeur Python H/F", 18, {"place": lyon}),
            (
                "b",
                "Comptable fournisseurs F/H",
                19,
                {
                    "contract": Contract(
                        text="CDI",
                        type_contrat="CDI",
                        type_contrat_label="Contrat à durée indéterminée",
                    )
                },
            ),
            ("c", "Technicien de maintenance H/F", 20, {"description_html": HOSTILE}),
        ]:
            posted = datetime(2026, 11, day, 9, tzinfo=UTC)
            ids[external_id] = upsert_offer(
                session, source.id, offer(external_id, title, posted_at=posted, **extra)
            ).offer_id
    return ids


@pytest.fixture
def live_server(offers: dict[str, int]) -> Iterator[str]:
    """The web app on a free loopback port, reading the test database."""
    from web.app import app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
