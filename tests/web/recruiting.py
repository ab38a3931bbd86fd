"""An organization with a collected source: live offers, a rejected item, a thread fed."""

from __future__ import annotations

from pathlib import Path

from pipeline.collect import collect
from pipeline.publish import create_thread, deliver
from pipeline.register import register
from schemas.registration import SourceRequest
from schemas.threads import Thread
from store import organizations
from store.db import session_scope
from tests.support.loopback import LoopbackSite

FEEDS = Path(__file__).resolve().parents[1] / "pipeline" / "fixtures"


def organization_token(name: str) -> str:
    """Create the organization; its token."""
    with session_scope() as session:
        return organizations.add_organization(session, name).token


def collected_source(site: LoopbackSite, organization: str, name: str) -> None:
    """Register the jobs.rss fixture (two offers, one untitled item) for the organization,
    collect it, and publish its offers in the thread "tout"."""
    url = site.add(f"/{name}.rss", (FEEDS / "jobs.rss").read_bytes())
    register(SourceRequest(url=url, kind="rss", name=name), organization)  # type: ignore[arg-type]
    collect(name)
    try:
        create_thread(Thread(slug="tout", title="Toutes les offres"))
    except ValueError:
        pass  # made by an earlier call
    deliver("thread:tout")
