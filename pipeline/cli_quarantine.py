"""`relais quarantine`: browse the items that could not make an offer, and replay them."""

from __future__ import annotations

import sys

import click


def _reasons(reasons: list[dict[str, object]]) -> str:
    return "; ".join(f"{r.get('field')}: {r.get('message')}" for r in reasons)


@click.group("quarantine")
def quarantine() -> None:
    """Items rejected by normalization, with their reasons; replay them after a fix."""


@quarantine.command("list")
@click.option("--source", "source_name", help="Only this source's items.")
@click.option("--limit", default=100, show_default=True, type=int)
def list_(source_name: str | None, limit: int) -> None:
    """Open rejections, newest first: id, source, item, since, reasons."""
    from store import quarantine as store_quarantine
    from store import sources as source_store
    from store.db import session_scope

    with session_scope() as session:
        try:
            source_id = source_store.get_source(session, source_name).id if source_name else None
        except source_store.SourceNotFound as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(2)
        rows = store_quarantine.open_rejections(session, source_id, limit=limit)
        if not rows:
            click.echo("quarantine is empty")
            return
        names = {source.id: source.name for source in source_store.list_sources(session)}
        click.echo(f"{'ID':>6}  {'SOURCE':<24} {'ITEM':<24} {'SINCE':<16} REASONS")
        for row in rows:
            click.echo(
                f"{row.id:>6}  {names[row.source_id]:<24} {row.external_id:<24} "
                f"{row.created_at:%Y-%m-%d %H:%M} {_reasons(row.reasons)}"
            )


@quarantine.command("show")
@click.argument("rejection_id", type=int)
@click.option("--payload-chars", default=2000, show_default=True, type=int)
def show(rejection_id: int, payload_chars: int) -> None:
    """One rejected item: its reasons, where it was fetched, and its payload as stored."""
    from store import models
    from store.db import session_scope

    with session_scope() as session:
        row = session.get(models.Rejection, rejection_id)
        if row is None:
            click.echo(f"error: no rejection #{rejection_id}", err=True)
            sys.exit(2)
        raw = session.get_one(models.RawItem, row.raw_item_id)
        source = session.get_one(models.Source, row.source_id)
        state = f"resolved {row.resolved_at:%Y-%m-%d %H:%M}" if row.resolved_at else "open"
        click.echo(f"rejection:  #{row.id} ({state})")
        click.echo(f"source:     {source.name} ({source.kind})")
        click.echo(f"item:       {row.external_id}")
        click.echo(f"run:        #{row.crawl_run_id}, since {row.created_at:%Y-%m-%d %H:%M}")
        click.echo(f"fetched:    {raw.fetch_url} at {raw.fetched_at:%Y-%m-%d %H:%M}")
        click.echo("reasons:")
        for reason in row.reasons:
            value = f" (value: {reason['value']!r})" if reason.get("value") else ""
            click.echo(f"  {reason['field']} [{reason['code']}]: {reason['message']}{value}")
        payload = raw.payload
        shown = payload[:payload_chars] + ("…" if len(payload) > payload_chars else "")
        click.echo(f"payload ({raw.content_type}, {len(payload)} characters):")
        click.echo(shown)


@quarantine.command("replay")
@click.option("--source", "source_name", help="Only this source's items.")
@click.argument("rejection_ids", nargs=-1, type=int)
def replay(source_name: str | None, rejection_ids: tuple[int, ...]) -> None:
    """Read open rejections again with the current code and settings; load those that pass.

    Without IDs and --source, every open rejection is replayed.
    """
    from pipeline.replay import replay as run_replay
    from store.sources import SourceNotFound

    try:
        outcomes = run_replay(source_name, list(rejection_ids) or None)
    except SourceNotFound as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    if not outcomes:
        click.echo("nothing to replay")
    for outcome in outcomes:
        loaded = outcome.load
        click.echo(
            f"{outcome.source}: {outcome.replayed} replayed, {outcome.released} now pass "
            f"({loaded.new if loaded else 0} new, {loaded.updated if loaded else 0} updated "
            f"offers), {len(outcome.still_rejected)} still rejected"
        )
