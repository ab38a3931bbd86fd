"""`relais orgs`: an organization is created with its token, printed once."""

from __future__ import annotations

from click.testing import CliRunner

from pipeline.cli import main
from store import organizations
from store.db import session_scope


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def _token(output: str) -> str:
    return next(line.split()[-1] for line in output.splitlines() if line.startswith("jeton :"))


def test_orgs_add_prints_a_working_token(database: str) -> None:
    result = run("orgs", "add", "Acme")
    assert result.exit_code == 0, result.output
    with session_scope() as session:
        found = organizations.organization_for_token(session, _token(result.output))
        assert found is not None and found.name == "Acme"


def test_orgs_add_twice_is_refused(database: str) -> None:
    run("orgs", "add", "Acme")
    result = run("orgs", "add", "Acme")
    assert result.exit_code == 2
    assert "a déjà un jeton" in result.output


def test_orgs_list_heads_its_columns_in_french(database: str) -> None:
    run("orgs", "add", "Acme")
    assert run("orgs", "list").output.splitlines()[0].split() == ["NOM", "SOURCES", "JETON"]


def test_orgs_list_shows_each_organization(database: str) -> None:
    run("orgs", "add", "Acme")
    run("orgs", "add", "Fournil")
    lines = run("orgs", "list").output.splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["Acme", "Fournil"]
    assert all(line.split()[-1] == "oui" for line in lines[1:])


def test_orgs_token_replaces_the_token(database: str) -> None:
    old = _token(run("orgs", "add", "Acme").output)
    new = _token(run("orgs", "token", "Acme").output)
    with session_scope() as session:
        assert organizations.organization_for_token(session, old) is None
        assert organizations.organization_for_token(session, new) is not None
