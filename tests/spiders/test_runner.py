"""Crawls through the real fetch path: a `spiders.crawl` subprocess against loopback sites."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from spiders.runner import CrawlResult, run_crawl
from tests.support.loopback import LoopbackSite

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
RSS = (FEEDS / "rss2_teamtailor_like.xml").read_bytes()
# The real politeness delays only slow the tests down; their values are tested in test_settings.
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
ITEM_KEYS = {"external_id", "payload", "content_type", "error", "fetch_url", "fetched_at"}


def crawl(
    url: str,
    workdir: Path,
    kind: str = "rss",
    *,
    settings: dict[str, object] | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 60,
    allowed_hosts: str | None = None,
) -> CrawlResult:
    """run_crawl as the pipeline calls it, without the politeness delays."""
    return run_crawl(
        kind,
        url,
        workdir=workdir,
        etag=etag,
        last_modified=last_modified,
        timeout=timeout,
        allowed_hosts=allowed_hosts,
        settings={**FAST, **(settings or {})},
    )


@pytest.fixture
def other_site() -> Iterator[LoopbackSite]:
    """A second loopback site that is NOT on the allowlist."""
    server = LoopbackSite().start()
    try:
        yield server
    finally:
        server.stop()


def test_a_feed_is_fetched_into_items_and_a_report(site: LoopbackSite, tmp_path: Path) -> None:
    url = site.add("/jobs.rss", RSS, etag='"v1"', last_modified="Mon, 03 Mar 2025 09:30:00 GMT")
    result = crawl(url, tmp_path)
    report = result.report
    assert (report.status, report.complete, report.http_status) == ("ok", True, 200)
    assert (report.error, report.error_kind) == (None, None)
    assert (report.url, report.final_url) == (url, url)
    assert (report.etag, report.last_modified) == ('"v1"', "Mon, 03 Mar 2025 09:30:00 GMT")
    assert (report.items, report.bytes_received) == (2, len(RSS))
    assert report.started_at <= report.finished_at
    lines = (tmp_path / "items.jsonl").read_text(encoding="utf-8").splitlines()
    assert [set(json.loads(line)) for line in lines] == [ITEM_KEYS, ITEM_KEYS]
    records = list(result.iter_records())
    assert [record.external_id for record in records] == ["e3b1c0de-0001", "e3b1c0de-0002"]
    assert all(record.fetch_url == url and record.fetched_at.tzinfo for record in records)
    assert "<![CDATA[Développeur·se Python H/F]]>" in records[0].payload
    (feed_request,) = site.hits("/jobs.rss")
    assert feed_request.headers["User-Agent"].startswith("RelaisBot/0.1")
    assert site.hits("/robots.txt"), "robots.txt is asked first"


def test_an_indeed_feed_goes_through_its_own_spider(site: LoopbackSite, tmp_path: Path) -> None:
    url = site.add("/indeed.xml", (FEEDS / "indeed_jobs.xml").read_bytes())
    result = crawl(url, tmp_path, kind="indeed-xml")
    assert (result.report.status, result.report.items) == ("ok", 2)
    assert {record.content_type for record in result.iter_records()} == {
        "application/xml; indeed-job"
    }


def test_unchanged_feed_is_not_modified_never_empty(site: LoopbackSite, tmp_path: Path) -> None:
    url = site.add("/jobs.rss", RSS, etag='"v1"', last_modified="Mon, 03 Mar 2025 09:30:00 GMT")
    first = crawl(url, tmp_path / "first").report
    second = crawl(
        url, tmp_path / "second", etag=first.etag, last_modified=first.last_modified
    ).report
    assert (second.status, second.complete, second.http_status, second.items) == (
        "not_modified",
        True,
        304,
        0,
    )
    assert (second.etag, second.last_modified) == (first.etag, first.last_modified)
    conditional = site.hits("/jobs.rss")[-1].headers
    assert conditional["If-None-Match"] == '"v1"'
    assert conditional["If-Modified-Since"] == "Mon, 03 Mar 2025 09:30:00 GMT"


def test_a_304_to_an_unconditional_request_is_not_taken_as_unchanged(
    site: LoopbackSite, tmp_path: Path
) -> None:
    url = site.add("/jobs.rss", status=304)
    report = crawl(url, tmp_path).report
    assert (report.status, report.complete, report.error_kind) == ("failed", False, "permanent")
    assert report.error == (
        "HTTP 304 (non modifié) en réponse à une requête qui n'était pas conditionnelle"
    )


@pytest.mark.parametrize(
    ("status", "message", "kind", "attempts"),
    [
        (500, "HTTP 500 (erreur interne du serveur)", "transient", 3),
        (404, "HTTP 404 (page introuvable)", "permanent", 1),
    ],
)
def test_http_errors_fail_with_the_status(
    site: LoopbackSite, tmp_path: Path, status: int, message: str, kind: str, attempts: int
) -> None:
    url = site.add("/jobs.rss", "oops", status=status)
    report = crawl(url, tmp_path).report
    assert (report.status, report.complete, report.http_status) == ("failed", False, status)
    assert (report.error, report.error_kind) == (message, kind)
    assert len(site.hits("/jobs.rss")) == attempts  # 5xx are retried twice, 4xx never


def test_retry_after_is_reported_not_hammered(site: LoopbackSite, tmp_path: Path) -> None:
    url = site.add("/jobs.rss", "slow down", status=429, headers={"Retry-After": "120"})
    report = crawl(url, tmp_path).report
    assert (report.status, report.error_kind, report.retry_after) == ("failed", "transient", 120)
    assert (
        report.error == "HTTP 429 (trop de requêtes), nouvel essai demandé dans 120 s (Retry-After)"
    )
    assert len(site.hits("/jobs.rss")) == 1


def test_a_feed_with_html_entities_is_read_whole_and_the_report_says_what_was_repaired(
    site: LoopbackSite, tmp_path: Path
) -> None:
    url = site.add("/jobs.rss", (FEEDS / "rss_html_entities.xml").read_bytes(), etag='"e1"')
    result = crawl(url, tmp_path)
    report = result.report
    assert (report.status, report.complete, report.error, report.items) == ("ok", True, None, 2)
    assert report.etag == '"e1"'
    assert report.notes == [
        "10 entités non définies en XML (&eacute;, &nbsp;, &agrave;) lues comme des entités "
        "HTML (la première à la ligne 13)"
    ]
    assert [record.external_id for record in result.iter_records()] == ["ent-1", "ent-2"]


def test_a_feed_declared_utf8_in_windows_1252_is_read_and_the_override_said(
    site: LoopbackSite, tmp_path: Path
) -> None:
    body = (FEEDS / "rss_declared_utf8_written_cp1252.xml").read_bytes()
    result = crawl(site.add("/jobs.rss", body), tmp_path)
    assert (result.report.status, result.report.complete, result.report.items) == ("ok", True, 1)
    assert result.report.notes == [
        "encodage déclaré utf-8, lu comme windows-1252 pour 6 octets qui ne se lisent pas en "
        "utf-8 (le premier à la ligne 13)"
    ]
    (record,) = result.iter_records()
    assert "<job:salary>28 000 € brut annuel</job:salary>" in record.payload


def test_the_http_charset_reads_a_feed_whose_declaration_is_wrong(
    site: LoopbackSite, tmp_path: Path
) -> None:
    body = (FEEDS / "rss_declared_utf8_http_windows_1252.xml").read_bytes()
    url = site.add("/jobs.rss", body, content_type="text/xml; charset=windows-1252")
    result = crawl(url, tmp_path)
    assert (result.report.status, result.report.complete, result.report.items) == ("ok", True, 1)
    assert result.report.notes == [
        "encodage déclaré utf-8 contredit par l'en-tête HTTP : lu comme windows-1252 "
        "(l'en-tête prime, RFC 3023)"
    ]
    (record,) = result.iter_records()
    assert "Entrepôt à Orléans, prime de fin d’année." in record.payload


def test_a_cut_feed_keeps_its_items_but_is_not_complete(site: LoopbackSite, tmp_path: Path) -> None:
    body = (FEEDS / "truncated.xml").read_bytes()
    url = site.add("/jobs.rss", body, etag='"cut"', last_modified="Mon, 03 Mar 2025 09:30:00 GMT")
    result = crawl(url, tmp_path)
    report = result.report
    assert (report.status, report.complete, report.items) == ("ok", False, 3)
    assert (report.etag, report.last_modified) == (None, None)  # the next fetch asks it whole
    assert any("il a pu être coupé" in note for note in report.notes)
    records = list(result.iter_records())
    assert [record.external_id for record in records][:2] == ["t-1", "t-2"]
    assert records[2].external_id.startswith("sha256:")  # its guid "t-3" is cut too
    assert [record.error is None for record in records] == [True, True, False]
    assert records[2].error == (
        "élément commencé ligne 15 et coupé par la fin du document (ligne 15) : il n'est pas lu "
        "en entier"
    )


def test_a_cut_indeed_feed_keeps_its_jobs_but_is_not_complete(
    site: LoopbackSite, tmp_path: Path
) -> None:
    url = site.add("/indeed.xml", (FEEDS / "indeed_broken.xml").read_bytes())
    report = crawl(url, tmp_path, kind="indeed-xml").report
    assert (report.status, report.complete, report.items) == ("ok", False, 3)
    assert (
        "2 « & » isolés lus comme du texte (le premier à la ligne 11, dans l'offre "
        "« Ingénieur R&D H/F »)"
    ) in report.notes


def test_a_page_that_is_no_feed_fails_permanently_saying_what_it_is(
    site: LoopbackSite, tmp_path: Path
) -> None:
    url = site.add("/jobs.rss", (FEEDS / "html_page.xml").read_bytes())
    report = crawl(url, tmp_path).report
    assert (report.status, report.complete, report.error_kind) == ("failed", False, "permanent")
    assert report.error == (
        "pas un flux RSS ou Atom : l'élément racine est <html>, et non <rss>, <rdf:RDF> ou <feed>"
    )
    assert (report.etag, report.last_modified) == (None, None)


def test_a_host_off_the_allowlist_is_refused_before_any_request(
    site: LoopbackSite, tmp_path: Path
) -> None:
    url = site.add("/jobs.rss", RSS)
    report = crawl(url, tmp_path, allowed_hosts="").report
    assert (report.status, report.error_kind) == ("failed", "permanent")
    assert report.error.startswith("refusé : 127.0.0.1 est une adresse de bouclage (loopback) ;")
    assert site.requests == []


def test_a_redirect_to_a_private_address_is_refused_on_that_hop(
    site: LoopbackSite, other_site: LoopbackSite, tmp_path: Path
) -> None:
    target = other_site.add("/jobs.rss", RSS)
    url = site.add("/go", status=302, headers={"Location": target})
    report = crawl(url, tmp_path).report
    assert (report.status, report.error_kind) == ("failed", "permanent")
    assert report.error.startswith("refusé : 127.0.0.1 est une adresse de bouclage (loopback) ;")
    assert report.final_url == target
    assert other_site.requests == []


def test_a_redirect_to_a_name_resolving_to_loopback_is_refused_by_the_resolver(
    site: LoopbackSite, other_site: LoopbackSite, tmp_path: Path
) -> None:
    other_site.add("/jobs.rss", RSS)
    target = f"http://localhost:{other_site.port}/jobs.rss"
    url = site.add("/go", status=301, headers={"Location": target})
    report = crawl(url, tmp_path).report
    assert (report.status, report.error_kind) == ("failed", "permanent")
    assert report.error is not None
    assert report.error.startswith("refusé : localhost désigne ")
    assert "une adresse de bouclage (loopback) ; pour l'autoriser" in report.error
    assert other_site.requests == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://169.254.169.254/latest/meta-data/",
            "refusé : 169.254.169.254 est une adresse lien-local",
        ),
        ("file:///etc/passwd", "refusé : seules les adresses http et https sont lues, pas file:"),
    ],
)
def test_metadata_endpoints_and_local_files_are_refused(
    tmp_path: Path, url: str, message: str
) -> None:
    result = crawl(url, tmp_path)
    assert (result.report.status, result.report.error_kind) == ("failed", "permanent")
    assert (result.report.error or "").startswith(message)
    assert list(result.iter_records()) == []


def test_robots_txt_is_obeyed(site: LoopbackSite, tmp_path: Path) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    url = site.add("/private/jobs.rss", RSS)
    report = crawl(url, tmp_path).report
    assert (report.status, report.error, report.error_kind) == (
        "failed",
        f"interdit par robots.txt : {url}",
        "permanent",
    )
    assert site.hits("/private/jobs.rss") == []


def test_a_gzip_bomb_stops_at_the_size_cap(site: LoopbackSite, tmp_path: Path) -> None:
    bomb = gzip.compress(b"<rss>" + b" " * (16 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 64 * 1024
    url = site.add("/jobs.rss", bomb, headers={"Content-Encoding": "gzip"})
    report = crawl(url, tmp_path, settings={"RELAIS_FEED_MAXSIZE": 1024 * 1024}).report
    assert (report.status, report.error, report.error_kind) == (
        "failed",
        "la réponse dépasse la limite de 1 Mio",
        "permanent",
    )


def test_a_plain_body_over_the_cap_is_cut(site: LoopbackSite, tmp_path: Path) -> None:
    url = site.add("/jobs.rss", b"<rss>" + b" " * (300 * 1024))
    report = crawl(url, tmp_path, settings={"RELAIS_FEED_MAXSIZE": 100 * 1024}).report
    assert (report.status, report.error) == ("failed", "la réponse dépasse la limite de 100 Kio")


def test_a_slow_server_times_out(site: LoopbackSite, tmp_path: Path) -> None:
    url = site.add("/jobs.rss", RSS, delay=3)
    report = crawl(url, tmp_path, settings={"RELAIS_FEED_TIMEOUT": 1, "RETRY_TIMES": 0}).report
    assert (report.status, report.error, report.error_kind) == (
        "failed",
        "pas de réponse après 1 s",
        "transient",
    )


def test_a_crawl_over_its_total_time_is_killed(site: LoopbackSite, tmp_path: Path) -> None:
    url = site.add("/jobs.rss", RSS, delay=20)
    report = crawl(url, tmp_path, timeout=3).report
    assert (report.status, report.complete, report.error, report.error_kind) == (
        "failed",
        False,
        "crawl took longer than 3 s",
        "transient",
    )


def test_a_crashed_crawl_reports_its_stderr(tmp_path: Path) -> None:
    report = run_crawl("gopher", "https://jobs.example.org/", workdir=tmp_path).report
    assert (report.status, report.error_kind) == ("failed", "permanent")
    assert report.error is not None
    assert report.error.startswith("crawl process crashed (exit status 1)")
    assert "aucun spider pour le type de source 'gopher'" in report.error


@pytest.fixture
def self_signed_site(tmp_path: Path) -> Iterator[str]:
    """An HTTPS loopback server whose certificate no authority signed; yields its URL."""
    import datetime
    import ipaddress
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(datetime.datetime(2020, 1, 1))
        .not_valid_after(datetime.datetime(2100, 1, 1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    (tmp_path / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            self.send_response(200)
            self.send_header("Content-Length", str(len(RSS)))
            self.end_headers()
            self.wfile.write(RSS)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/jobs.rss"
    finally:
        server.shutdown()
        server.server_close()


def test_certificates_are_verified(self_signed_site: str, tmp_path: Path) -> None:
    host = self_signed_site.split("/")[2]
    result = crawl(
        self_signed_site, tmp_path / "crawl", allowed_hosts=host, settings={"RETRY_TIMES": 0}
    )
    assert (result.report.status, result.report.error, result.report.error_kind) == (
        "failed",
        "erreur TLS (certificat ou chiffrement) avec 127.0.0.1 : certificate verify failed",
        "permanent",
    )


def test_redirects_are_capped(site: LoopbackSite, tmp_path: Path) -> None:
    for hop in range(7):
        site.add(f"/hop/{hop}", status=302, headers={"Location": site.url(f"/hop/{hop + 1}")})
    report = crawl(site.url("/hop/0"), tmp_path).report
    assert (report.status, report.error, report.error_kind) == (
        "failed",
        "trop de redirections (plus de 5)",
        "permanent",
    )
    assert len(site.hits("/hop/5")) == 1
    assert site.hits("/hop/6") == []


def test_a_feed_s_external_dtd_is_never_fetched(site: LoopbackSite, tmp_path: Path) -> None:
    dtd = site.add("/evil.dtd", '<!ENTITY eacute "PWNED">', content_type="application/xml-dtd")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd}" [<!ENTITY % remote SYSTEM "{dtd}">'
        "%remote;]><rss><channel><item><guid>d-1</guid><title>Caf&eacute;tier</title></item>"
        "</channel></rss>"
    )
    result = crawl(site.add("/jobs.rss", body), tmp_path)
    assert (result.report.status, result.report.complete, result.report.items) == ("ok", True, 1)
    assert site.hits("/evil.dtd") == []
    (record,) = result.iter_records()
    assert "Caf\u00e9tier" in record.payload and "PWNED" not in record.payload
    assert "DTD ignorée (jamais chargée)" in result.report.notes
