"""`relais orgs`: the organizations that register sources, and their tokens."""

from __future__ import annotations

import sys

import click


@click.group("orgs")
def orgs() -> None:
    """Create and list organizations; each gets one token for the API and its page."""


def _print_token(organization: str, token: str) -> None:
    click.echo(f"organization: {organization}")
    click.echo(f"token:        {token}")
    click.echo("Hand the token over now: Relais stores only its hash.", err=True)


@orgs.command("add")
@click.argument("name")
def add(name: str) -> None:
    """Create an organization and print its token (shown only this once)."""
    from store import organizations
    from store.db import session_scope

    try:
        with session_scope() as session:
            issued = organizations.add_organization(session, name)
    except organizations.OrganizationExists as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    _print_token(issued.organization, issued.token)


@orgs.command("token")
@click.argument("name")
def token(name: str) -> None:
    """Replace an organization's token: the old one stops working at once."""
    from store import organizations
    from store.db import session_scope

    try:
        with session_scope() as session:
            issued = organizations.new_token(session, name)
    except organizations.OrganizationNotFound as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    _print_token(issued.organization, issued.token)


@orgs.command("list")
def list_() -> None:
    """Every organization, its sources and whether it holds a token."""
    from store import organizations
    from store.db import session_scope

    with session_scope() as session:
        rows = organizations.list_organizations(session)
    if not rows:
        click.echo("no organization yet: relais orgs add NAME")
        return
    width = max(24, *(len(row.name) for row in rows))
    click.echo(f"{'NAME':<{width}} {'SOURCES':>7}  TOKEN")
    for row in rows:
        click.echo(f"{row.name:<{width}} {row.sources:>7}  {'yes' if row.has_token else 'no'}")
