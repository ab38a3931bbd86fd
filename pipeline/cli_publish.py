"""`relais threads`, `relais targets` and `relais outbox`: where offers are republished."""

from __future__ import annotations

import json
import sys

import click
from pydantic import ValidationError

from schemas.threads import CommuneRadius, Thread, ThreadFilter


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def _commune(value: str) -> CommuneRadius:
    code, _, radius = value.partition(":")
    return CommuneRadius(insee_code=code, radius_km=float(radius or 0))


@click.group("threads")
def threads() -> None:
    """Community threads: themed lists of offers."""


@threads.command("add")
@click.argument("slug")
@click.option("--title", required=True)
@click.option("--description", default="")
@click.option("--domaine", "domaines", multiple=True, help="ROME domaine, e.g. M18 (repeatable).")
@click.option("--metier", "metiers", multiple=True, help="ROME code, e.g. M1805.")
@click.option("--commune", "communes", multiple=True, help="INSEE[:radius km], e.g. 69123:20.")
@click.option("--departement", "departements", multiple=True)
@click.option("--region", "regions", multiple=True)
@click.option("--contract", "types_contrat", multiple=True, help="CDI, CDD, MIS…")
@click.option("--keyword", "keywords", multiple=True)
@click.option("--remote", is_flag=True, default=None, help="Fully remote offers only.")
def threads_add(slug: str, title: str, description: str, **criteria: object) -> None:
    """Create a thread; the live offers that match are routed to it at once."""
    from pipeline.publish import create_thread

    try:
        communes = [_commune(str(value)) for value in criteria.pop("communes")]  # type: ignore[attr-defined]
        thread = Thread(
            slug=slug,
            title=title,
            description=description,
            filter=ThreadFilter.model_validate({**criteria, "communes": communes}),
        )
    except (ValidationError, ValueError) as error:
        _fail(f"invalid thread: {error}")
        return
    try:
        queued = create_thread(thread)
    except ValueError as error:
        _fail(str(error))
    click.echo(f"thread {slug} created; {queued} offers queued for it (relais outbox deliver)")


@threads.command("list")
def threads_list() -> None:
    """Every thread with its filter and its offers."""
    from sqlalchemy import func, select

    from store import publishing as pub
    from store.db import session_scope

    with session_scope() as session:
        counts = dict(
            session.execute(
                select(pub.ThreadOffer.thread_id, func.count()).group_by(pub.ThreadOffer.thread_id)
            ).all()
        )
        for row in pub.list_threads(session):
            shown = json.dumps(row.filter, ensure_ascii=False)
            click.echo(f"{row.slug:<24} {counts.get(row.id, 0):>5} offers  {row.title}  {shown}")


@click.group("targets")
def targets() -> None:
    """Push targets: another Relais's intake, or a signed webhook."""


@targets.command("add")
@click.argument("name")
@click.option("--kind", type=click.Choice(["francetravail-intake", "webhook"]), required=True)
@click.option("--url", required=True, help="Intake base URL, or the webhook URL.")
@click.option("--client-id", help="Intake: the API client id the receiver gave you.")
@click.option(
    "--secret-env",
    required=True,
    help="Name of the environment variable holding the client secret or HMAC secret.",
)
def targets_add(name: str, kind: str, url: str, client_id: str | None, secret_env: str) -> None:
    """Register a push target; every live offer is queued for it."""
    from pipeline.publish import create_push_target
    from store.publishing import PushTargetKind

    if not url.startswith(("http://", "https://")):
        _fail("url: only http and https URLs can be pushed to")
    if kind == "francetravail-intake" and not client_id:
        _fail("client-id: an intake needs the API client id the receiver gave you")
    settings = (
        {"client_id": client_id, "client_secret_env": secret_env}
        if kind == "francetravail-intake"
        else {"secret_env": secret_env}
    )
    try:
        queued = create_push_target(name, PushTargetKind(kind), url, settings)
    except ValueError as error:
        _fail(str(error))
    click.echo(f"target {name} registered; {queued} offers queued for it")


@click.group("outbox")
def outbox() -> None:
    """What is pending, failing and delivered, per target."""


@outbox.command("status")
def outbox_status() -> None:
    """Per target: pending, failing (with the last error) and delivered entries."""
    from store.db import session_scope
    from store.publishing import outbox_status as status

    with session_scope() as session:
        rows = status(session)
    if not rows:
        click.echo("the outbox is empty")
    for row in rows:
        click.echo(
            f"{row.target:<32} pending {row.pending:>5}  failing {row.failed:>5}  "
            f"delivered {row.delivered:>6}"
        )
        if row.last_error:
            click.echo(
                f"    last error: {row.last_error} (next try {row.next_attempt_at:%H:%M:%S})"
            )


@outbox.command("deliver")
@click.option("--target", help="Only this target (thread:SLUG or push:NAME).")
def outbox_deliver(target: str | None) -> None:
    """Deliver what is due now (what the publish_offers DAG does, without Airflow)."""
    from pipeline.publish import deliver, pending_targets

    failed = False
    for name in [target] if target else pending_targets():
        outcome = deliver(name)
        failed = failed or outcome.target_down
        line = f"{name}: {outcome.delivered} delivered, {outcome.failed} failed"
        click.echo(line + (f" ({outcome.error})" if outcome.error else ""))
    if failed:
        sys.exit(1)
