"""XML feeds written to disk as they arrive, through the real fetch path (loopback servers)."""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
import pytest
from backports import zstd

from spiders.runner import CrawlResult, run_crawl
from tests.spiders.scripted import Answer, ScriptedSite

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
IN_MEMORY_CAP = 1024 * 1024
"""The cap of documents read in memory, lowered from 32 MiB so that the feeds stay small."""


def indeed_feed(jobs: int) -> bytes:
    """An Indeed-style feed of `jobs` jobs of about 1.3 KB each."""
    description = "<p>Préparation de commandes en entrepôt, port de charges, horaires 2x8.</p>" * 12
    parts = [b'<?xml version="1.0" encoding="utf-8"?>\n<source><publisher>ATS</publisher>\n']
    for number in range(jobs):
        parts.append(
            f"<job><referencenumber>IND-{number}</referencenumber>"
            f"<title><![CDATA[Préparateur de commandes H/F n°{number}]]></title>"
            f"<url>https://emplois.example.fr/offres/{number}</url>"
            f"<company>Durand</company><city>Saint-Étienne</city>"
            f"<description><![CDATA[{description}]]></description></job>\n".encode()
        )
    parts.append(b"</source>\n")
    return b"".join(parts)


FEED = indeed_feed(1600)


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedSite]:
    server = ScriptedSite().start()
    monkeypatch.setenv("RELAIS_ALLOWED_HOSTS", server.host)
    try:
        yield server
    finally:
        server.stop()


def crawl(url: str, workdir: Path, **settings: object) -> CrawlResult:
    return run_crawl(
        "indeed-xml",
        url,
        workdir=workdir,
        timeout=600,  # a hang guard only: a busy machine can be slow
        settings={**FAST, "DOWNLOAD_MAXSIZE": IN_MEMORY_CAP, **settings},
    )


def _spooled(workdir: Path) -> int:
    """Bytes of the document being written under the crawl's folder so far."""
    return sum(path.stat().st_size for path in (workdir / "spool").glob("document-*"))


@pytest.mark.timeout(1200)  # a hang guard only
def test_a_feed_over_the_in_memory_cap_is_on_disk_while_it_arrives_then_read_whole(
    scripted: ScriptedSite, tmp_path: Path
) -> None:
    assert len(FEED) > IN_MEMORY_CAP
    half = len(FEED) // 2
    resume = threading.Event()
    url = scripted.script("/jobs.xml", Answer(200, FEED, pause_after=half, resume=resume))
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(crawl, url, tmp_path)
        while _spooled(tmp_path) < half and not running.done():
            time.sleep(0.05)
        on_disk_midway = _spooled(tmp_path)
        resume.set()
        result = running.result()
    assert on_disk_midway == half  # what was received is in the file, not in a buffer
    assert (result.report.status, result.report.complete) == ("ok", True)
    assert (result.report.items, result.report.bytes_received) == (1600, len(FEED))
    records = list(result.iter_records())
    assert [record.external_id for record in records] == [f"IND-{n}" for n in range(1600)]
    assert not (tmp_path / "spool").exists()


def _deflate(body: bytes) -> bytes:
    return zlib.compress(body)


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("deflate", _deflate),
        ("br", brotli.compress),
        ("zstd", zstd.compress),
    ],
)
def test_a_compressed_feed_is_decoded_on_disk_and_read_whole(
    scripted: ScriptedSite, tmp_path: Path, encoding: str, encode: Callable[[bytes], bytes]
) -> None:
    url = scripted.script(
        "/jobs.xml", Answer(200, encode(FEED), headers={"Content-Encoding": encoding})
    )
    result = crawl(url, tmp_path)
    assert (result.report.status, result.report.complete) == ("ok", True)
    assert result.report.items == 1600
    assert [record.external_id for record in result.iter_records()][-1] == "IND-1599"


def test_a_feed_over_the_feed_cap_is_refused_saying_so_and_leaves_nothing(
    scripted: ScriptedSite, tmp_path: Path
) -> None:
    url = scripted.script("/jobs.xml", Answer(200, FEED))
    result = crawl(url, tmp_path, RELAIS_FEED_MAXSIZE=IN_MEMORY_CAP)
    report = result.report
    assert (report.status, report.complete, report.error_kind) == ("failed", False, "permanent")
    assert report.error == "la réponse dépasse la limite de 1 Mio"
    assert (report.items, list(result.iter_records())) == (0, [])
    assert not (tmp_path / "spool").exists()


def test_a_feed_cut_before_its_announced_end_keeps_its_items_and_is_incomplete(
    scripted: ScriptedSite, tmp_path: Path
) -> None:
    cut = FEED.index(b"<job><referencenumber>IND-1000<") + 200
    url = scripted.script("/jobs.xml", Answer(200, FEED[:cut], length=len(FEED)))
    report = (result := crawl(url, tmp_path)).report
    assert (report.status, report.complete) == ("ok", False)
    assert (report.etag, report.last_modified) == (None, None)
    records = list(result.iter_records())
    assert [record.external_id for record in records if not record.error] == [
        f"IND-{n}" for n in range(1000)
    ]
    received = f"{cut:_}".replace("_", "\u202f")
    assert report.notes[0] == (
        f"la connexion a été coupée avant la fin annoncée du document ({received} octets "
        "reçus) : ses éléments lus sont gardés, et aucune offre n'est retirée parce qu'il ne "
        "la liste plus"
    )
