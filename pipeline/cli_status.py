"""`relais status`: every source's health and the catalogue's fill rates, for operators."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

import click


def _when(value: datetime | None, empty: str = "-") -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else empty


def _percent(rate: float) -> str:
    return f"{rate * 100:.0f}%"


def _counts(health: Any) -> str:
    withdrawn = "" if health.offers_withdrawn is None else f"/{health.offers_withdrawn}"
    return (
        f"{health.offers_new}/{health.offers_changed}/{health.offers_unchanged}{withdrawn}"
        f"/{health.items_rejected}"
    )


@click.command("status")
@click.option(
    "--runs", "budget_runs", default=10, show_default=True, type=int,
    help="Runs the error budget is counted over.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")
def status(budget_runs: int, as_json: bool) -> None:
    """Per source: last run, status, duration, HTTP status, counts, error budget, next run;
    then the fill rates of ROME code, commune, salary and contract."""
    from store import health
    from store.db import session_scope

    with session_scope() as session:
        sources = health.all_health(session, budget_runs)
        rates = health.fill_rates(session)
    if as_json:
        document = {
            "sources": [asdict(row) for row in sources],
            "fill_rates": [asdict(row) for row in rates],
        }
        click.echo(json.dumps(document, default=str, ensure_ascii=False))
        return
    if not sources:
        click.echo("no source registered yet")
    else:
        counted = (
            "new/chg/same/wdr/rej"
            if sources[0].offers_withdrawn is not None
            else ("new/chg/same/rej")
        )
        width = max(20, *(len(row.name) for row in sources))
        click.echo(
            f"{'SOURCE':<{width}} {'STATE':<7} {'LAST RUN':<16} {'STATUS':<12} {'TIME':>6} "
            f"{'HTTP':>4} {counted:<20} {'FAILED':>7} {'NEXT RUN':<16} QUARANTINE"
        )
        for row in sources:
            duration = f"{row.duration_seconds:.0f}s" if row.duration_seconds is not None else "-"
            click.echo(
                f"{row.name:<{width}} {'paused' if row.paused else 'active':<7} "
                f"{_when(row.last_started_at):<16} {row.status or 'never run':<12} "
                f"{duration:>6} {row.http_status or '-':>4} {_counts(row):<20} "
                f"{f'{row.failures}/{row.runs}':>7} "
                f"{'-' if row.paused else _when(row.next_run_at, 'due'):<16} {row.quarantined}"
            )
            if row.paused and row.paused_reason:
                click.echo(f"{'':<{width}}   paused: {row.paused_reason}")
            if row.status == "failed" and row.error:
                click.echo(f"{'':<{width}}   error: {row.error}")
            for note in row.notes:
                click.echo(f"{'':<{width}}   note de collecte : {note}")
    click.echo("")
    click.echo(
        f"{'FILL RATES':<20} {'OFFERS':>6} {'ROME':>5} {'COMMUNE':>7} {'SALARY':>6} "
        f"{'CONTRACT':>8} DÉSACCORDS"
    )
    for rate in rates:
        click.echo(
            f"{rate.scope:<20} {rate.offers:>6} {_percent(rate.rome_code):>5} "
            f"{_percent(rate.commune):>7} {_percent(rate.salary):>6} "
            f"{_percent(rate.contract):>8} {rate.disagreements}"
        )
