"""`relais api-clients`: the services allowed to use the France-Travail-compatible API."""

from __future__ import annotations

import sys

import click


@click.group("api-clients")
def api_clients() -> None:
    """Create, list and revoke API clients (OAuth2 client credentials)."""


@api_clients.command("add")
@click.argument("name")
@click.option("--intake", is_flag=True, help="Also allow it to push offers to the intake.")
@click.option(
    "--operator", is_flag=True, help="Also allow it to manage threads and see the outbox."
)
def add(name: str, intake: bool, operator: bool) -> None:
    """Create a client and print its id and secret (the secret is shown only this once)."""
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
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    click.echo(f"client_id:     {created.client_id}")
    click.echo(f"client_secret: {created.client_secret}")
    click.echo("Keep the secret now: Relais stores only its hash.", err=True)


@api_clients.command("list")
def list_() -> None:
    """Every client, with its state."""
    from store import access
    from store.db import session_scope

    with session_scope() as session:
        for client in access.list_clients(session):
            state = f"revoked {client.revoked_at:%Y-%m-%d}" if client.revoked_at else "active"
            click.echo(f"{client.name:<30} {client.client_id:<32} {client.scopes:<28} {state}")


@api_clients.command("revoke")
@click.argument("name")
def revoke(name: str) -> None:
    """Revoke a client: its tokens stop working at once."""
    from store import access
    from store.db import session_scope

    with session_scope() as session:
        found = access.revoke_client(session, name)
    if not found:
        click.echo(f"error: no API client named {name!r}", err=True)
        sys.exit(2)
    click.echo(f"{name} revoked")
