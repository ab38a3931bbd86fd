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


#: How a crawl run's stored status (store.models.CrawlRun.status, spiders.report) reads in French.
_RUN_STATUS = {
    "ok": "réussie",
    "failed": "échouée",
    "running": "en cours",
    "not_modified": "inchangée",
    "skipped": "sautée",
}


def run_status_label(status: str | None) -> str:
    """A crawl run's status (ok, failed, running, not_modified, skipped) in French."""
    if not status:
        return "jamais lancée"
    return _RUN_STATUS.get(status, status)


def _next_run(health: Any) -> str:
    return "-" if health.paused else _when(health.next_run_at, "maintenant")


def _counts(health: Any) -> str:
    withdrawn = "" if health.offers_withdrawn is None else f"/{health.offers_withdrawn}"
    return (
        f"{health.offers_new}/{health.offers_changed}/{health.offers_unchanged}{withdrawn}"
        f"/{health.items_rejected}"
    )


@click.command("status")
@click.option(
    "--runs", "budget_runs", default=10, show_default=True, type=int,
    help="Nombre de collectes sur lequel le budget d'erreurs est compté.",
)  # fmt: skip
@click.option(
    "--json", "as_json", is_flag=True, help="Un seul document JSON sur la sortie standard."
)
def status(budget_runs: int, as_json: bool) -> None:
    """Par source : dernière collecte, état, durée, statut HTTP, comptes, budget d'erreurs,
    prochaine collecte ; puis les taux de remplissage du code ROME (dont les codes sûrs, de
    confiance au moins 0,5), de la commune, du salaire et du contrat."""
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
        click.echo("Aucune source enregistrée pour l'instant.")
    else:
        counted = (
            "nouv/modif/idem/ret/rej"
            if sources[0].offers_withdrawn is not None
            else ("nouv/modif/idem/rej")
        )
        width = max(20, *(len(row.name) for row in sources))
        click.echo(
            f"{'SOURCE':<{width}} {'ÉTAT':<8} {'DERNIÈRE COLLECTE':<17} {'RÉSULTAT':<13} "
            f"{'DURÉE':>7} {'HTTP':>4} {counted:<23} {'ÉCHECS':>7} {'PROCHAINE':<16} QUARANTAINE"
        )
        for row in sources:
            duration = f"{row.duration_seconds:.0f} s" if row.duration_seconds is not None else "-"
            click.echo(
                f"{row.name:<{width}} {'en pause' if row.paused else 'active':<8} "
                f"{_when(row.last_started_at):<17} {run_status_label(row.status):<13} "
                f"{duration:>7} {row.http_status or '-':>4} {_counts(row):<23} "
                f"{f'{row.failures}/{row.runs}':>7} "
                f"{_next_run(row):<16} {row.quarantined}"
            )
            if row.paused and row.paused_reason:
                click.echo(f"{'':<{width}}   en pause : {row.paused_reason}")
            if row.status == "failed" and row.error:
                click.echo(f"{'':<{width}}   erreur : {row.error}")
            for note in row.notes:
                click.echo(f"{'':<{width}}   note de collecte : {note}")
        click.echo(
            f"{counted} : à la dernière collecte, offres nouvelles, modifiées, inchangées"
            + (", retirées" if sources[0].offers_withdrawn is not None else "")
            + " et éléments refusés ; ÉCHECS : collectes échouées sur les dernières comptées "
            "(budget d'erreurs, --runs) ; QUARANTAINE : éléments refusés en attente "
            "(relais quarantine)."
        )
    click.echo("")
    click.echo(
        f"{'REMPLISSAGE':<20} {'OFFRES':>6} {'ROME':>5} {'DONT SÛRS':>9} {'COMMUNE':>7} "
        f"{'SALAIRE':>7} "
        f"{'CONTRAT':>8} DÉSACCORDS"
    )
    for rate in rates:
        click.echo(
            f"{rate.scope:<20} {rate.offers:>6} {_percent(rate.rome_code):>5} "
            f"{_percent(rate.rome_code_sure):>9} "
            f"{_percent(rate.commune):>7} {_percent(rate.salary):>7} "
            f"{_percent(rate.contract):>8} {rate.disagreements}"
        )
    if rates:
        click.echo(
            "Les offres sans commune, salaire, contrat ou code ROME, et pourquoi : "
            "relais offers missing commune|salaire|contrat|rome [--source NOM]."
        )
