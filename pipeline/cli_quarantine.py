"""`relais quarantine`: browse the items that could not make an offer, and replay them."""

from __future__ import annotations

import sys

import click

from schemas.rejections import explain, offer_label


def _reasons(reasons: list[dict[str, object]]) -> str:
    """Every reason in French, as the recruiter reads it (`schemas.rejections.explain`)."""
    return " ".join(explain(reason) for reason in reasons)


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number <= 1 else plural}"


@click.group("quarantine")
def quarantine() -> None:
    """Les éléments refusés à la normalisation, avec leurs raisons ; les rejouer après
    correction."""


@quarantine.command("list")
@click.option("--source", "source_name", help="Seulement les éléments de cette source.")
@click.option(
    "--limit", default=100, show_default=True, type=int, help="Nombre de refus affichés au plus."
)
def list_(source_name: str | None, limit: int) -> None:
    """Les refus en cours, du plus récent au plus ancien : n°, source, depuis, offre, raisons."""
    from store import quarantine as store_quarantine
    from store import sources as source_store
    from store.db import session_scope

    with session_scope() as session:
        try:
            source_id = source_store.get_source(session, source_name).id if source_name else None
        except source_store.SourceNotFound as error:
            click.echo(f"erreur : {error}", err=True)
            sys.exit(2)
        rows = store_quarantine.open_rejections(session, source_id, limit=limit)
        if not rows:
            click.echo("la quarantaine est vide")
            return
        names = {source.id: source.name for source in source_store.list_sources(session)}
        click.echo(f"{'N°':>6}  {'SOURCE':<24} {'DEPUIS':<16} OFFRE : RAISONS")
        for row in rows:
            label = offer_label(row.title, row.reference, row.external_id)
            click.echo(
                f"{row.id:>6}  {names[row.source_id]:<24} {row.created_at:%Y-%m-%d %H:%M} "
                f"{label} : {_reasons(row.reasons)}"
            )


@quarantine.command("show")
@click.argument("rejection_id", type=int)
@click.option(
    "--payload-chars",
    default=2000,
    show_default=True,
    type=int,
    help="Caractères du contenu lu à afficher au plus.",
)
def show(rejection_id: int, payload_chars: int) -> None:
    """Un élément refusé : ses raisons, où il a été lu, et son contenu tel que gardé."""
    from store import models
    from store.db import session_scope

    with session_scope() as session:
        row = session.get(models.Rejection, rejection_id)
        if row is None:
            click.echo(f"erreur : aucun refus n°{rejection_id}", err=True)
            sys.exit(2)
        raw = session.get_one(models.RawItem, row.raw_item_id)
        source = session.get_one(models.Source, row.source_id)
        state = f"résolu le {row.resolved_at:%Y-%m-%d %H:%M}" if row.resolved_at else "ouvert"
        click.echo(f"refus :       n°{row.id} ({state})")
        click.echo(f"offre :       {offer_label(row.title, row.reference, row.external_id)}")
        click.echo(f"source :      {source.name} ({source.kind})")
        click.echo(f"identifiant : {row.external_id}")
        click.echo(f"collecte :    n°{row.crawl_run_id}, depuis le {row.created_at:%Y-%m-%d %H:%M}")
        click.echo(f"lu :          {raw.fetch_url} le {raw.fetched_at:%Y-%m-%d %H:%M}")
        click.echo("raisons :")
        for reason in row.reasons:
            click.echo(f"  - {explain(reason)} [{reason['field']}/{reason['code']}]")
        payload = raw.payload
        shown = payload[:payload_chars] + ("…" if len(payload) > payload_chars else "")
        click.echo(f"contenu lu ({raw.content_type}, {len(payload)} caractères) :")
        click.echo(shown)


@quarantine.command("replay")
@click.option("--source", "source_name", help="Seulement les éléments de cette source.")
@click.argument("rejection_ids", nargs=-1, type=int)
def replay(source_name: str | None, rejection_ids: tuple[int, ...]) -> None:
    """Relire les refus en cours avec le code et les réglages actuels ; charger ceux qui
    passent.

    Sans REJETS ni --source, chaque refus en cours est rejoué.
    """
    from pipeline.replay import replay as run_replay
    from store.sources import SourceNotFound

    try:
        outcomes = run_replay(source_name, list(rejection_ids) or None)
    except SourceNotFound as error:
        click.echo(f"erreur : {error}", err=True)
        sys.exit(2)
    if not outcomes:
        click.echo("rien à rejouer")
    for outcome in outcomes:
        loaded = outcome.load
        new, updated = (loaded.new, loaded.updated) if loaded else (0, 0)
        click.echo(
            f"{outcome.source} : {_count(outcome.replayed, 'élément rejoué', 'éléments rejoués')}, "
            f"{_count(outcome.released, 'accepté', 'acceptés')} maintenant "
            f"({_count(new, 'offre nouvelle', 'offres nouvelles')}, "
            f"{_count(updated, 'mise à jour', 'mises à jour')}), "
            f"{_count(len(outcome.still_rejected), 'toujours refusé', 'toujours refusés')}"
        )
