"""`relais api-clients`: clients of the API created, listed and revoked, in French."""

from __future__ import annotations

from click.testing import CliRunner

from pipeline.cli import main


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_revoking_an_unknown_client_says_so_in_french(database: str) -> None:
    result = run("api-clients", "revoke", "inconnu")
    assert result.exit_code == 2
    assert "aucun client d'API nommé 'inconnu'" in result.output


def test_a_revoked_client_is_listed_as_revoked(database: str) -> None:
    run("api-clients", "add", "partenaire")
    assert run("api-clients", "revoke", "partenaire").output.strip() == "partenaire révoqué"
    (line,) = run("api-clients", "list").output.splitlines()
    assert "révoqué le" in line


def test_the_same_name_twice_is_refused_in_french(database: str) -> None:
    run("api-clients", "add", "partenaire")
    result = run("api-clients", "add", "partenaire")
    assert result.exit_code == 2
    assert "existe déjà" in result.output
