"""The demo feeds `make run` serves stay readable and show one quarantined item."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from normalizers.offer import SourceContext, normalize_offer
from pipeline.demo import (
    DEMO_SOURCES,
    SITE_DIR,
    DemoSite,
    demo_day,
    render_feed,
    start_airflow,
)
from schemas.rejections import Rejection
from schemas.sources import SourceDefaults
from spiders.extractors import extractor_for

TODAY = datetime(2026, 11, 22, 8, tzinfo=UTC)


def test_placeholders_become_dates_and_the_host() -> None:
    rendered = render_feed("{host} {rfc822:1} {iso:0}", "127.0.0.1:8765", TODAY)
    assert rendered == "127.0.0.1:8765 Sat, 21 Nov 2026 08:00:00 GMT 2026-11-22T08:00:00Z"


@pytest.mark.parametrize(
    "name, kind, path, expected",
    [
        (*source[:3], count)
        for source, count in zip(DEMO_SOURCES, [(3, 1), (2, 0), (3, 0)], strict=True)
    ],
)
def test_each_demo_feed_makes_offers(name, kind, path, expected) -> None:  # type: ignore[no-untyped-def]
    body = render_feed((SITE_DIR / path.lstrip("/")).read_text(), "127.0.0.1:8765", TODAY).encode()
    extractor = extractor_for(kind)
    context = SourceContext(source=name, attribution=name, defaults=SourceDefaults())
    results = [
        normalize_offer(extractor.read(record.payload, ""), context)
        for record in extractor.split(body, f"http://127.0.0.1:8765{path}")
    ]
    rejected = sum(isinstance(result, Rejection) for result in results)
    assert (len(results) - rejected, rejected) == expected


def _dates(feed: str) -> list[datetime]:
    found = [
        parsedate_to_datetime(text)
        for text in re.findall(r"\w{3}, \d{2} \w{3} \d{4} [\d:]{8} GMT", feed)
    ]
    found += [
        datetime.fromisoformat(text.replace("Z", "+00:00"))
        for text in re.findall(r"\d{4}-\d{2}-\d{2}T[\d:]{8}Z", feed)
    ]
    return found


@pytest.mark.parametrize("hour", [0, 7, 8, 9, 23])
def test_demo_offers_are_dated_in_the_past_at_any_hour(hour: int) -> None:
    now = datetime(2026, 11, 22, hour, 30, tzinfo=UTC)
    for _, _, path, _ in DEMO_SOURCES:
        text = (SITE_DIR / path.lstrip("/")).read_text()
        dates = _dates(render_feed(text, "127.0.0.1:8765", demo_day(now)))
        assert dates and max(dates) <= now - timedelta(minutes=30), path


@pytest.fixture
def demo_site() -> Iterator[DemoSite]:
    site = DemoSite(0).start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_the_demo_site_home_page_lists_the_feeds_and_offers(demo_site: DemoSite) -> None:
    status, page = _get(f"http://{demo_site.host}/")
    assert status == 200
    assert "Site de démonstration de Relais" in page and "/atelier-numerique.rss" in page
    assert "Développeur / Développeuse Python H/F" in page


def test_every_link_of_the_demo_feeds_answers(demo_site: DemoSite) -> None:
    links = []
    for _, _, path, _ in DEMO_SOURCES:
        _, feed = _get(f"http://{demo_site.host}{path}")
        links += re.findall(rf"http://{re.escape(demo_site.host)}/[^<\"\]]*", feed)
    assert len(links) >= 10
    answers = {link: _get(link) for link in links}
    assert {link: status for link, (status, _) in answers.items() if status != 200} == {}
    _, page = answers[f"http://{demo_site.host}/boulangerie/boulanger-nantes"]
    assert "Boulanger / Boulangère (H/F)" in page


def test_an_unknown_path_of_the_demo_site_is_404(demo_site: DemoSite) -> None:
    assert _get(f"http://{demo_site.host}/nulle-part")[0] == 404


class _Health:
    """A loopback /health that answers 503 for its first `failures` requests, then 200."""

    def __init__(self, failures: int) -> None:
        self.failures, self.answered_200 = failures, threading.Event()
        health = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                if health.failures > 0:
                    health.failures -= 1
                    self.send_error(503)
                    return
                health.answered_200.set()
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/health"


def test_the_scheduler_starts_only_once_the_api_server_answers() -> None:
    health = _Health(failures=3)
    started: list[tuple[str, bool]] = []
    try:
        ready = start_airflow(
            lambda name, command: started.append((command[-1], health.answered_200.is_set())),
            "airflow",
            health.url,
            60,
        )
    finally:
        health.server.shutdown()
    assert ready
    assert started == [
        ("api-server", False),
        ("scheduler", True),
        ("dag-processor", True),
        ("triggerer", True),
    ]


def test_nothing_but_the_api_server_starts_when_it_never_answers() -> None:
    health = _Health(failures=10**6)
    started: list[str] = []
    try:
        ready = start_airflow(
            lambda name, command: started.append(command[-1]), "airflow", health.url, 2
        )
    finally:
        health.server.shutdown()
    assert (ready, started) == (False, ["api-server"])
