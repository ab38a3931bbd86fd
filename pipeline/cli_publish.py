"""`relais threads`, `relais targets` and `relais outbox`: where offers are republished."""

from __future__ import annotations

import json
import re
import sys

import click
from pydantic import ValidationError

from schemas.threads import INSEE_CODE, CommuneRadius, Thread, ThreadFilter
from schemas.validation_fr import french_problems


def _fail(message: str) -> None:
    click.echo(f"erreur : {message}", err=True)
    sys.exit(2)


def _commune(value: str) -> CommuneRadius:
    code, _, radius = value.partition(":")
    try:
        radius_km = float(radius or 0)
    except ValueError:
        raise ValueError(f"commune {value!r} : le rayon doit être un nombre de km") from None
    if not re.fullmatch(INSEE_CODE, code):
        raise ValueError(_commune_hint(code, radius))
    return CommuneRadius(insee_code=code, radius_km=radius_km)


def _commune_hint(name: str, radius: str) -> str:
    """Why a commune written by its name is refused, with the INSEE codes it may stand for."""
    from web.lookup import find_place

    lookup = find_place(name)
    towns = [
        choice
        for choice in ([lookup.found] if lookup.found else lookup.choices)
        if choice is not None and choice.kind == "commune"
    ]
    asked = f"« {name} » n'est pas un code INSEE de commune (5 caractères, par ex. 69123)"
    if not towns:
        return asked
    suffix = f":{radius}" if radius else ""
    written = ", ".join(f"--commune {c.code}{suffix} pour {c.label}" for c in towns)
    return f"{asked} : écrivez {written}"


@click.group("threads")
def threads() -> None:
    """Fils communautaires : des listes d'offres par thème."""


@threads.command("add")
@click.argument("slug")
@click.option("--title", required=True, help="Titre du fil.")
@click.option("--description", default="", help="Description du fil.")
@click.option("--domaine", "domaines", multiple=True, help="Domaine ROME, par ex. M18 (répétable).")
@click.option("--metier", "metiers", multiple=True, help="Code ROME, par ex. M1805 (répétable).")
@click.option(
    "--commune",
    "communes",
    multiple=True,
    help="INSEE[:rayon en km], par ex. 69123:20 (répétable).",
)
@click.option("--departement", "departements", multiple=True, help="Département, par ex. 69.")
@click.option("--region", "regions", multiple=True, help="Code de région, par ex. 84.")
@click.option("--contract", "types_contrat", multiple=True, help="Type de contrat : CDI, CDD, MIS…")
@click.option("--keyword", "keywords", multiple=True, help="Mot-clé (répétable).")
@click.option(
    "--remote", is_flag=True, default=None, help="Offres en télétravail complet seulement."
)
def threads_add(slug: str, title: str, description: str, **criteria: object) -> None:
    """Créer un fil ; les offres en ligne qui y répondent y sont aussitôt dirigées."""
    from pipeline.publish import create_thread
    from pipeline.thread_filters import ThreadFilterError, checked_filter

    try:
        communes = [_commune(str(value)) for value in criteria.pop("communes")]  # type: ignore[attr-defined]
        thread = Thread(
            slug=slug,
            title=title,
            description=description,
            filter=ThreadFilter.model_validate({**criteria, "communes": communes}),
        )
        thread = thread.model_copy(update={"filter": checked_filter(thread.filter)})
    except ThreadFilterError as error:
        _fail("fil refusé : " + " ; ".join(error.problems))
        return
    except ValidationError as error:
        problems = french_problems(error.errors())
        _fail("fil refusé : " + "; ".join(f"{label} : {message}" for label, message in problems))
        return
    except ValueError as error:
        _fail(f"fil refusé : {error}")
        return
    try:
        queued = create_thread(thread)
    except ValueError as error:
        _fail(str(error))
    click.echo(f"fil {slug} créé ; {queued} offre(s) en attente d'envoi (relais outbox deliver)")


@threads.command("list")
def threads_list() -> None:
    """Chaque fil avec son filtre et ses offres."""
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
            click.echo(f"{row.slug:<24} {counts.get(row.id, 0):>5} offre(s)  {row.title}  {shown}")


@click.group("targets")
def targets() -> None:
    """Cibles de diffusion : le dépôt (intake) d'un autre Relais, ou un webhook signé."""


@targets.command("add")
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice(["francetravail-intake", "webhook"]),
    required=True,
    help="Type de cible.",
)
@click.option(
    "--url", required=True, help="Adresse de base du dépôt (intake), ou adresse du webhook."
)
@click.option(
    "--client-id", help="Dépôt : l'identifiant de client d'API donné par le destinataire."
)
@click.option(
    "--secret-env",
    required=True,
    help="Nom de la variable d'environnement qui contient le secret client ou HMAC.",
)
def targets_add(name: str, kind: str, url: str, client_id: str | None, secret_env: str) -> None:
    """Enregistrer une cible de diffusion ; chaque offre en ligne est mise en attente pour elle."""
    from pipeline.publish import create_push_target
    from store.publishing import PushTargetKind

    if not url.startswith(("http://", "https://")):
        _fail("url : seules les adresses http et https peuvent recevoir des offres")
    if kind == "francetravail-intake" and not client_id:
        _fail(
            "client-id : un dépôt (intake) demande l'identifiant de client d'API "
            "donné par le destinataire"
        )
    settings = (
        {"client_id": client_id, "client_secret_env": secret_env}
        if kind == "francetravail-intake"
        else {"secret_env": secret_env}
    )
    try:
        queued = create_push_target(name, PushTargetKind(kind), url, settings)
    except ValueError as error:
        _fail(str(error))
    click.echo(f"cible {name} enregistrée ; {queued} offre(s) en attente d'envoi")


@click.group("outbox")
def outbox() -> None:
    """Ce qui attend, échoue et a été livré, par cible."""


@outbox.command("status")
def outbox_status() -> None:
    """Par cible : envois en attente, en échec (avec la dernière erreur) et livrés."""
    from store.db import session_scope
    from store.publishing import outbox_status as status

    with session_scope() as session:
        rows = status(session)
    if not rows:
        click.echo("La file d'envoi est vide.")
    for row in rows:
        click.echo(
            f"{row.target:<32} en attente {row.pending:>5}  en échec {row.failed:>5}  "
            f"livrés {row.delivered:>6}"
        )
        if row.last_error:
            click.echo(
                f"    dernière erreur : {row.last_error} "
                f"(nouvel essai à {row.next_attempt_at:%H:%M:%S})"
            )


@outbox.command("deliver")
@click.option("--target", help="Seulement cette cible (thread:SLUG ou push:NOM).")
def outbox_deliver(target: str | None) -> None:
    """Livrer ce qui est dû maintenant (ce que fait le DAG publish_offers, sans Airflow)."""
    from pipeline.publish import deliver, pending_targets

    failed = False
    for name in [target] if target else pending_targets():
        outcome = deliver(name)
        failed = failed or outcome.target_down
        line = f"{name} : {outcome.delivered} livré(s), {outcome.failed} en échec"
        click.echo(line + (f" ({outcome.error})" if outcome.error else ""))
    if failed:
        sys.exit(1)
