"""`make run`: the whole pipeline on the embedded default, fed by a demo site on loopback.

Starts a small site serving example feeds (demo/site/) on 127.0.0.1, registers them as sources,
starts Airflow (SQLite, LocalExecutor: its API server first, the scheduler once the API answers)
and `relais serve`, waits for the first run of `collect_offers` and says where to look. Ctrl-C
stops everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.publish import create_thread
from schemas.sources import SourceKind, SourceRegistration
from schemas.threads import Thread, ThreadFilter
from store import migrate
from store import sources as source_store
from store.db import project_root, session_scope, var_dir
from store.offers import count_published
from store.publishing import list_threads
from store.runs import latest_runs

DEMO_PORT = int(os.environ.get("RELAIS_DEMO_PORT", "8765"))
WEB_PORT = int(os.environ.get("RELAIS_WEB_PORT", "8000"))
AIRFLOW_PORT = 8080
SITE_DIR = project_root() / "demo" / "site"

DEMO_SOURCES = [
    ("atelier-numerique", SourceKind.RSS, "/atelier-numerique.rss", "L'Atelier Numérique"),
    (
        "boulangerie-des-quais",
        SourceKind.ATOM,
        "/boulangerie-des-quais.atom",
        "Boulangerie des Quais",
    ),
    ("interim-ouest", SourceKind.INDEED_XML, "/interim-ouest.xml", "Intérim Ouest"),
]
CONTENT_TYPES = {
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".xml": "application/xml",
}


def render_feed(text: str, host: str, today: datetime) -> str:
    """Fill a demo feed's placeholders: {host}, and dates N days ago as {rfc822:N} / {iso:N}."""
    rendered = text.replace("{host}", host)
    for days in range(0, 31):
        moment = today - timedelta(days=days)
        rendered = rendered.replace(f"{{rfc822:{days}}}", format_datetime(moment, usegmt=True))
        rendered = rendered.replace(f"{{iso:{days}}}", moment.isoformat().replace("+00:00", "Z"))
    return rendered


def demo_day(now: datetime) -> datetime:
    """The moment the demo feeds call "today": 08:00 UTC of the latest day on which it is at
    least an hour past, so that no demo offer is ever dated after the moment it is collected.

    `now` is timezone-aware; the answer stays the same all day long (the feeds keep their ETag).
    """
    moment = now.astimezone(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    return moment if moment <= now - timedelta(hours=1) else moment - timedelta(days=1)


_LINK_TAGS = ("link", "url")


def _offer_links(feed: str) -> list[tuple[str, str]]:
    """(link, title) of each offer of a rendered demo feed: RSS items, Atom entries and Indeed
    jobs alike (an element with a title and a link or url child)."""
    from lxml import etree

    root = etree.fromstring(feed.encode())
    found = []
    for element in root.iter():
        children = {etree.QName(child).localname: child for child in element if child.tag}
        title, link = (
            children.get("title"),
            next((children[tag] for tag in _LINK_TAGS if tag in children), None),
        )
        if title is None or link is None or element is root:
            continue
        href = (link.get("href") or link.text or "").strip()
        if href and etree.QName(element).localname in ("item", "entry", "job"):
            found.append((href, (title.text or "").strip() or "Offre sans titre"))
    return found


def _page(title: str, body: str) -> bytes:
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>{body}</body></html>"
    ).encode()


class DemoSite:
    """Serves demo/site/ on loopback, with ETags so repeated collections get 304s, and the
    pages the feeds link to: a home page listing the feeds and one page per offer (the
    "Postuler" links of the community pages lead there)."""

    def __init__(self, port: int) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                site.answer(self)

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.host = f"127.0.0.1:{self.server.server_address[1]}"

    def feed(self, path: Path) -> bytes:
        today = demo_day(datetime.now(UTC))
        return render_feed(path.read_text(encoding="utf-8"), self.host, today).encode()

    def offer_pages(self) -> dict[str, str]:
        """Path → title of every offer page the demo feeds link to."""
        pages = {}
        for _, _, feed_path, _ in DEMO_SOURCES:
            feed = self.feed(SITE_DIR / feed_path.lstrip("/")).decode()
            for link, title in _offer_links(feed):
                parts = urlsplit(link)
                if parts.netloc == self.host:
                    pages[parts.path] = title
        return pages

    def html(self, path: str) -> bytes | None:
        """The demo site's home page, an organization's page or an offer's page, else None."""
        pages = self.offer_pages()
        if path == "/":
            feeds = "".join(
                f'<li><a href="{escape(feed)}">{escape(organization)}</a> ({kind.value})</li>'
                for _, kind, feed, organization in DEMO_SOURCES
            )
            offers = "".join(
                f'<li><a href="{escape(link)}">{escape(title)}</a></li>'
                for link, title in sorted(pages.items())
            )
            return _page(
                "Site de démonstration de Relais",
                "<h1>Site de démonstration de Relais</h1><p>Trois employeurs fictifs publient "
                f"ici leurs offres.</p><h2>Flux</h2><ul>{feeds}</ul>"
                f"<h2>Offres</h2><ul>{offers}</ul>",
            )
        if path in pages:
            title = pages[path]
            return _page(
                title,
                f"<h1>{escape(title)}</h1><p>Offre de démonstration : sur un vrai site, vous "
                'postuleriez ici.</p><p><a href="/">Toutes les offres de démonstration</a></p>',
            )
        if path.endswith("/") and any(page.startswith(path) for page in pages):
            return _page(
                "Offres de démonstration",
                '<h1>Offres de démonstration</h1><p><a href="/">Voir toutes les offres</a></p>',
            )
        return None

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        request_path = handler.path.split("?")[0]
        path = SITE_DIR / request_path.lstrip("/")
        if path.is_file() and SITE_DIR in path.resolve().parents:
            body, content_type = self.feed(path), CONTENT_TYPES.get(path.suffix, "text/plain")
        else:
            page = self.html(request_path)
            if page is None:
                handler.send_error(404)
                return
            body, content_type = page, "text/html; charset=utf-8"
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("ETag", etag)
        handler.end_headers()
        handler.wfile.write(body)

    def start(self) -> DemoSite:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def _airflow_env(airflow_dir: Path) -> dict[str, str]:
    """Environment for Airflow: the project as AIRFLOW_HOME and secrets kept under var/."""
    secrets_file = airflow_dir / "secrets.env"
    if not secrets_file.exists():
        secrets_file.write_text(
            f"AIRFLOW__API__SECRET_KEY={secrets.token_urlsafe(32)}\n"
            f"AIRFLOW__API_AUTH__JWT_SECRET={secrets.token_urlsafe(64)}\n"
        )
        secrets_file.chmod(0o600)
    env = dict(os.environ)
    for line in secrets_file.read_text().splitlines():
        key, _, value = line.partition("=")
        env[key] = value
    env["AIRFLOW_HOME"] = str(project_root())
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def register_demo_sources(host: str) -> None:
    """Register the demo feeds once; running the demo again keeps them."""
    with session_scope() as session:
        known = {source.name for source in source_store.list_sources(session)}
        for name, kind, path, organization in DEMO_SOURCES:
            if name in known:
                continue
            registration = SourceRegistration(
                name=name,
                kind=kind,
                url=f"http://{host}{path}",
                organization=organization,
                schedule_minutes=15,
            )
            source_store.add_source(session, registration)
            print(f"  source {name} enregistrée ({kind.value}) http://{host}{path}")


DEMO_THREADS = [
    Thread(
        slug="auvergne-rhone-alpes",
        title="Emplois en Auvergne-Rhône-Alpes",
        description="Toutes les offres de la région.",
        filter=ThreadFilter(regions=["84"]),
    ),
    Thread(
        slug="ouest",
        title="Emplois en Bretagne et Pays de la Loire",
        description="Les offres de l'Ouest, du CDI à l'intérim.",
        filter=ThreadFilter(regions=["52", "53"]),
    ),
]


def create_demo_threads() -> None:
    """Create the demo's community threads once."""
    with session_scope() as session:
        known = {row.slug for row in list_threads(session)}
    for thread in DEMO_THREADS:
        if thread.slug not in known:
            create_thread(thread)
            print(f"  fil /fils/{thread.slug} : {thread.title}")


def _wait_for(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(1)
    return False


AIRFLOW_HEALTH = f"http://127.0.0.1:{AIRFLOW_PORT}/api/v2/monitor/health"
AIRFLOW_RUNNERS = ("scheduler", "dag-processor", "triggerer")
"""The Airflow components that run tasks: started only once the API server answers."""


def start_airflow(
    start: Callable[[str, list[str]], None], airflow: str, health_url: str, seconds: float
) -> bool:
    """Start Airflow's API server, wait until `health_url` answers 200, then start the
    scheduler, DAG processor and triggerer; False (and nothing but the API server started)
    when the API does not answer within `seconds`.

    Tasks report to the API server (Airflow 3's execution API): started before it answers,
    their first tries fail with "Connection refused" and wait for a retry. `airflow
    standalone` starts everything at once, hence this order. `start(name, command)` starts one
    long-running process whose output goes to var/`name`.log.
    """
    start("airflow-api", [airflow, "api-server"])
    if not _wait_for(health_url, seconds):
        return False
    for runner in AIRFLOW_RUNNERS:
        start(f"airflow-{runner}", [airflow, runner])
    return True


def _collected() -> bool:
    """Every demo source has been collected once (loaded, or failed with its reason)."""
    with session_scope() as session:
        for source in source_store.list_sources(session):
            runs = latest_runs(session, source.id, limit=1)
            if not runs or (runs[0].loaded_at is None and runs[0].status != "failed"):
                return False
    return True


def _offers() -> int:
    with session_scope() as session:
        return count_published(session)


def main() -> None:
    for port in (DEMO_PORT, WEB_PORT, AIRFLOW_PORT):
        if not _port_free(port):
            sys.exit(
                f"le port {port} de 127.0.0.1 est déjà pris : arrêtez ce qui l'utilise, "
                "puis relancez"
            )
    airflow_dir = var_dir() / "airflow"
    airflow_dir.mkdir(parents=True, exist_ok=True)

    site = DemoSite(DEMO_PORT).start()
    os.environ["RELAIS_ALLOWED_HOSTS"] = site.host
    print(f"Site de démonstration et ses flux d'exemple : http://{site.host}/")
    migrate.upgrade()
    register_demo_sources(site.host)
    create_demo_threads()

    env = _airflow_env(airflow_dir)
    children: list[subprocess.Popen[bytes]] = []

    def start(name: str, command: list[str]) -> None:
        log = open(var_dir() / f"{name}.log", "ab")  # noqa: SIM115 - lives as long as the child
        children.append(
            subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        )

    def stop(*_: object) -> None:
        print("\nArrêt d'Airflow, du serveur web et du site de démonstration…")
        for child in children:
            try:
                os.killpg(child.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for child in children:
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
        site.server.shutdown()
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    airflow = shutil.which("airflow", path=env["PATH"]) or "airflow"
    relais = shutil.which("relais", path=env["PATH"]) or "relais"
    print("Préparation de la base d'Airflow (journaux : var/airflow-*.log)…")
    migrated = subprocess.run([airflow, "db", "migrate"], env=env, capture_output=True)
    if migrated.returncode != 0:
        sys.exit("échec de airflow db migrate :\n" + migrated.stderr.decode(errors="replace"))
    start("web", [relais, "serve", "--port", str(WEB_PORT)])
    print("Démarrage du serveur d'API d'Airflow, puis de son ordonnanceur dès que l'API répond…")
    if not start_airflow(start, airflow, AIRFLOW_HEALTH, 240):
        print("Le serveur d'API d'Airflow n'a pas répondu en 4 minutes : voir var/airflow-api.log")
        stop()
    _wait_for(f"http://127.0.0.1:{WEB_PORT}/healthz", 60)
    print(
        "collect_offers tourne dès que l'ordonnanceur l'a lu (puis toutes les 15 minutes) ; "
        "attente des premières offres…"
    )
    deadline = time.monotonic() + 300
    while not _collected() and time.monotonic() < deadline:
        time.sleep(3)
    passwords = airflow_dir / "passwords.json"
    password = json.loads(passwords.read_text()).get("admin", "?") if passwords.exists() else "?"
    print(
        f"""
  {_offers()} offres collectées (un élément de démonstration est en quarantaine, exprès).

  Page publique    http://127.0.0.1:{WEB_PORT}/
  Fils             http://127.0.0.1:{WEB_PORT}/fils   (remplis par le DAG publish_offers)
  API type FT      http://127.0.0.1:{WEB_PORT}/docs   (relais api-clients add NOM pour un accès)
  Airflow          http://127.0.0.1:{AIRFLOW_PORT}/   (utilisateur admin, mot de passe {password})
                   DAG collect_offers : une tâche par source, à son nom.
  Site de démo     http://{site.host}/   (trois flux et une page par offre)
  Sources          .venv/bin/relais sources list   (dans un autre terminal)
  Journaux         var/airflow-*.log, var/web.log

  Ctrl-C arrête tout."""
    )
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
