"""`relais api-clients`: the services allowed to use the France-Travail-compatible API."""

from __future__ import annotations

import sys

import click


@click.group("api-clients")
def api_clients() -> None:
    """Créer, lister et révoquer les clients d'API (OAuth2 client credentials)."""


@api_clients.command("add")
@click.argument("name")
@click.option("--intake", is_flag=True, help="L'autoriser aussi à déposer des offres (intake).")
@click.option(
    "--operator", is_flag=True, help="L'autoriser aussi à gérer les fils et voir la file d'envoi."
)
def add(name: str, intake: bool, operator: bool) -> None:
    """Créer un client et afficher son identifiant et son secret (montré cette seule fois)."""
    from store import access
    from store.db import session_scope

    scopes = " ".join(
        ["api_offresdemploiv2"]
        + (["intake"] if intake else [])
        + (["operator"] if operator else [])
    )
    try:
        with session_scope() as session:
            created = access.add_client(session, name, scopes)
    except access.ClientExists as error:
        click.echo(f"erreur : {error}", err=True)
        sys.exit(2)
    click.echo(f"client_id:     {created.client_id}")
    click.echo(f"client_secret: {created.client_secret}")
    click.echo("Gardez le secret maintenant : Relais n'en garde que l'empreinte.", err=True)


@api_clients.command("list")
def list_() -> None:
    """Chaque client, avec son état."""
    from store import access
    from store.db import session_scope

    with session_scope() as session:
        for client in access.list_clients(session):
            state = f"révoqué le {client.revoked_at:%Y-%m-%d}" if client.revoked_at else "actif"
            click.echo(f"{client.name:<30} {client.client_id:<32} {client.scopes:<28} {state}")


@api_clients.command("revoke")
@click.argument("name")
def revoke(name: str) -> None:
    """Révoquer un client : ses jetons cessent aussitôt de fonctionner."""
    from store import access
    from store.db import session_scope

    with session_scope() as session:
        found = access.revoke_client(session, name)
    if not found:
        click.echo(f"erreur : aucun client d'API nommé {name!r}", err=True)
        sys.exit(2)
    click.echo(f"{name} révoqué")
