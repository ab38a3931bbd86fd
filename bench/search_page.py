"""How long the job seeker's search pages take to answer, at scale, on SQLite or PostgreSQL.

Usage: python bench/search_page.py [--offers 5000] [--database URL]

Builds a fresh migrated database of --offers live offers spread over the 100 biggest communes,
the ROME métiers and the contract types (synthetic titles and descriptions), then asks the app
(through FastAPI's TestClient, no network) for the home page unfiltered, a search by keywords, by
a town with a distance, by département, contract and métier together, and a search's RSS feed;
each is asked five times and the median printed as `WHAT: VALUE ms`. Figures only.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from normalizers.referentials import commune_populations, communes, rome_metiers  # noqa: E402
from schemas import Offer  # noqa: E402
from schemas.offers import Contract, Place, PlaceMatch, RomeCoding  # noqa: E402
from store import migrate  # noqa: E402
from store.copies import upsert_offer  # noqa: E402
from store.db import DATABASE_URL_VARIABLE, session_scope  # noqa: E402
from store.sources import add_source  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import _fresh_database  # noqa: E402 - bench/load.py, beside this file

CONTRACTS = ["CDI", "CDD", "MIS", "SAI"]
ASKED = {
    "home page, unfiltered": "/",
    "home page, keywords": "/?q=technicien",
    "home page, a town and 20 km": "/?lieu=Lyon&distance=20",
    "home page, département + contract + métier": "/?departement=69&contrat=CDI&metier=cariste",
    "RSS feed of a search": "/flux/offres.rss?lieu=Bretagne+(région)&contrat=CDD",
}


def _offer(number: int, towns: list[str], metiers: list[str], now: datetime) -> Offer:
    commune = communes()[towns[number % len(towns)]]
    metier = rome_metiers()[metiers[number % len(metiers)]]
    contract = CONTRACTS[number % len(CONTRACTS)]
    data = {
        "source": "bench",
        "external_id": f"o{number}",
        "title": f"{metier.label} H/F",
        "description_html": f"<p>{metier.label} à {commune.name}, poste {number}.</p>",
        "description_text": f"{metier.label} à {commune.name}, poste {number}.",
        "company_name": f"Entreprise {number % 300}",
        "url": f"https://bench.example/jobs/{number}",
        "attribution": "Bench · bench.example",
        "posted_at": now - timedelta(hours=number % 2000),
        "place": Place(
            text=commune.name,
            match=PlaceMatch.COMMUNE,
            label=commune.name,
            insee_code=commune.insee,
            departement_code=commune.departement_code,
            region_code=commune.region_code,
            latitude=commune.latitude,
            longitude=commune.longitude,
        ),  # fmt: skip
        "contract": Contract(text=contract, type_contrat=contract),
        "rome": RomeCoding(code=metier.code, label=metier.label, confidence=0.9),
    }
    digest = hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()
    return Offer.model_validate({**data, "content_hash": digest})


def build(url: str, count: int) -> None:
    """A migrated database holding `count` live offers."""
    from schemas.sources import SourceKind, SourceRegistration

    migrate.upgrade(url)
    populations = commune_populations()
    towns = sorted(populations, key=populations.__getitem__, reverse=True)[:100]
    towns = [code for code in towns if communes()[code].latitude is not None]
    metiers = sorted(rome_metiers())[::7]
    now = datetime.now(UTC)
    with session_scope(url) as session:
        registration = SourceRegistration(
            name="bench",
            kind=SourceKind.RSS,
            url="https://bench.example/jobs.rss",  # type: ignore[arg-type]
        )
        source = add_source(session, registration)
        for number in range(count):
            upsert_offer(session, source.id, _offer(number, towns, metiers, now))
            if number % 500 == 499:
                session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--offers", type=int, default=5000)
    parser.add_argument("--database", default=None)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        url = _fresh_database(arguments.database, Path(workdir), "search_page")
        build(url, arguments.offers)
        os.environ[DATABASE_URL_VARIABLE] = url
        from fastapi.testclient import TestClient

        from web.app import create_app

        client = TestClient(create_app())
        engine = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        for what, path in ASKED.items():
            seconds = []
            for _ in range(5):
                started = time.perf_counter()
                response = client.get(path)
                seconds.append(time.perf_counter() - started)
                assert response.status_code == 200, (path, response.status_code)
            median = statistics.median(seconds) * 1000
            print(f"{what}, {arguments.offers} offers, {engine}: {median:.0f} ms")


if __name__ == "__main__":
    main()
