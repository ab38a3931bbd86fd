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


NO_WAY_TO_APPLY = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:job="https://relais.example/ns/job"><channel><title>Fromagerie</title>
<item><title>Fromager affineur H/F</title><guid isPermaLink="false">FB-2026-104</guid>
<job:reference>FROM-12</job:reference>
<description>Affinage des tommes, vente au marché.</description></item>
</channel></rss>"""


def source_without_a_way_to_apply(site: LoopbackSite, organization: str, name: str) -> None:
    """Register and collect a feed of one offer, « Fromager affineur H/F » (réf. FROM-12),
    that says nowhere how to apply: it goes to quarantine."""
    url = site.add(f"/{name}.rss", NO_WAY_TO_APPLY.encode())
    register(SourceRequest(url=url, kind="rss", name=name), organization)  # type: ignore[arg-type]
    collect(name)
