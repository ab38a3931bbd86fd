"""`relais orgs`: the organizations that register sources, and their tokens."""

from __future__ import annotations

import sys

import click


@click.group("orgs")
def orgs() -> None:
    """Créer et lister les organisations ; chacune reçoit un jeton pour l'API et sa page."""


def _print_token(organization: str, token: str) -> None:
    click.echo(f"organisation : {organization}")
    click.echo(f"jeton :        {token}")
    click.echo("Transmettez le jeton maintenant : Relais n'en garde que l'empreinte.", err=True)


@orgs.command("add")
@click.argument("name")
def add(name: str) -> None:
    """Créer une organisation et afficher son jeton (montré cette seule fois)."""
    from store import organizations
    from store.db import session_scope

    try:
        with session_scope() as session:
            issued = organizations.add_organization(session, name)
    except organizations.OrganizationExists as error:
        click.echo(f"erreur : {error}", err=True)
        sys.exit(2)
    _print_token(issued.organization, issued.token)


@orgs.command("token")
@click.argument("name")
def token(name: str) -> None:
    """Remplacer le jeton d'une organisation : l'ancien cesse aussitôt de fonctionner."""
    from store import organizations
    from store.db import session_scope

    try:
        with session_scope() as session:
            issued = organizations.new_token(session, name)
    except organizations.OrganizationNotFound as error:
        click.echo(f"erreur : {error}", err=True)
        sys.exit(2)
    _print_token(issued.organization, issued.token)


@orgs.command("list")
def list_() -> None:
    """Chaque organisation, ses sources et si elle détient un jeton."""
    from store import organizations
    from store.db import session_scope

    with session_scope() as session:
        rows = organizations.list_organizations(session)
    if not rows:
        click.echo("Aucune organisation pour l'instant : relais orgs add NOM")
        return
    width = max(24, *(len(row.name) for row in rows))
    click.echo(f"{'NOM':<{width}} {'SOURCES':>7}  JETON")
    for row in rows:
        click.echo(f"{row.name:<{width}} {row.sources:>7}  {'oui' if row.has_token else 'non'}")
